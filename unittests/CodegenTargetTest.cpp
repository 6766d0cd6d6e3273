//===- CodegenTargetTest.cpp - targets and the tiling decisions -----------===//
#include "NGraph/Codegen/CPU/KernelConfig.h"
#include "NGraph/Codegen/CPU/TargetAttr.h"
#include "NGraph/Dialect/NG/IR/NGDialect.h"
#include "ToolSupport.h"

#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "gtest/gtest.h"

using namespace ngraph::cpu;
using mlir::ng::ContractionStrategy;
using mlir::ng::ThreadSplit;

static CPUTarget named(const char *name) {
  std::optional<CPUTarget> t = lookupTarget(name);
  EXPECT_TRUE(t.has_value()) << name;
  return t.value_or(CPUTarget{});
}

TEST(CodegenTarget, NamedLevels) {
  CPUTarget v3 = named("x86-64-v3"), v4 = named("x86-64-v4");
  EXPECT_EQ(v3.vectorBits, 256u);
  EXPECT_EQ(v3.vectorRegisters, 16u);
  EXPECT_EQ(v4.vectorBits, 512u);
  EXPECT_EQ(v4.vectorRegisters, 32u);
  EXPECT_EQ(v3.lanes(32), 8);
  EXPECT_EQ(v4.lanes(64), 8);
  EXPECT_FALSE(lookupTarget("x86-64-v5"));
  EXPECT_NE(knownTargetNames().find("x86-64-v3"), std::string::npos);
}

/// ng-cpu-set-target{target=NAME} on an empty module: the error text, or
/// "" when it succeeds.
static std::string setTargetError(const std::string &name) {
  mlir::MLIRContext ctx;
  ctx.loadDialect<mlir::ng::NGDialect>();
  std::string error;
  mlir::ScopedDiagnosticHandler handler(&ctx, [&](mlir::Diagnostic &d) {
    error = d.str();
    return mlir::success();
  });
  mlir::OwningOpRef<mlir::ModuleOp> m =
      mlir::ModuleOp::create(mlir::UnknownLoc::get(&ctx));
  mlir::PassManager pm(&ctx);
  mlir::ng::NGCPUSetTargetOptions o;
  o.target = name;
  pm.addPass(mlir::ng::createNGCPUSetTarget(o));
  (void)pm.run(*m);
  return error;
}

// Runs before HostOnlyOnceRegistered (declaration order): without a tool's
// registration, library code has no "host" to fall back on.
TEST(CodegenTarget, NoHostWithoutATool) {
  ASSERT_FALSE(lookupTarget("host")) << "a test registered the host earlier";
  EXPECT_NE(setTargetError("host").find("no 'host' target here"),
            std::string::npos);
  EXPECT_NE(setTargetError("").find("no 'host' target here"),
            std::string::npos);
  EXPECT_EQ(setTargetError("x86-64-v4"), "");
  EXPECT_NE(setTargetError("x86-64-v9").find("unknown target 'x86-64-v9'"),
            std::string::npos);
}

TEST(CodegenTarget, HostOnlyOnceRegistered) {
  // The library knows no "host" until a tool describes it.
  if (!lookupTarget("host")) {
    EXPECT_EQ(knownTargetNames().find("host"), std::string::npos);
  }
  ngraph::tools::registerHostTarget();
  std::optional<CPUTarget> h = lookupTarget("host");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->name, "host");
  EXPECT_TRUE(h->vectorBits == 128 || h->vectorBits == 256 ||
              h->vectorBits == 512);
  EXPECT_GT(h->l1Bytes, 0);
}

TEST(CodegenTarget, MissingFeatures) {
  auto avx2Only = [](llvm::StringRef f) { return !f.starts_with("avx512"); };
  EXPECT_TRUE(missingFeatures(named("x86-64-v3"), avx2Only).empty());
  std::vector<std::string> missing =
      missingFeatures(named("x86-64-v4"), avx2Only);
  ASSERT_FALSE(missing.empty());
  EXPECT_EQ(missing.front(), "avx512f");
  auto none = [](llvm::StringRef) { return false; };
  EXPECT_TRUE(missingFeatures(named("x86-64"), none).empty());
  CPUTarget custom = named("x86-64");
  custom.features = "+avx2,-avx512f";
  missing = missingFeatures(custom, none);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0], "avx2");
}

TEST(CodegenTarget, AttributeRoundTrip) {
  mlir::MLIRContext ctx;
  ctx.loadDialect<mlir::ng::NGDialect>();
  CPUTarget t = named("x86-64-v4");
  t.features = "+avx512bf16";
  EXPECT_EQ(fromAttr(toAttr(&ctx, t)).features, "+avx512bf16");
  EXPECT_EQ(fromAttr(toAttr(&ctx, t)).vectorRegisters, 32u);
}

static ContractionProblem matmul(int64_t m, int64_t n, int64_t k) {
  ContractionProblem p;
  p.m = m, p.n = n, p.k = k;
  p.eltBits = 32;
  p.isMatmul = p.packable = true;
  return p;
}

TEST(KernelConfig, RegisterTilePerTarget) {
  ContractionConfig v3 =
      selectContractionConfig(matmul(1024, 1024, 1024), named("x86-64-v3"), 1);
  EXPECT_EQ(v3.strategy, ContractionStrategy::packed);
  EXPECT_EQ(v3.registerM, 6);
  EXPECT_EQ(v3.registerN, 16);
  EXPECT_EQ(v3.cacheK, 256);
  ContractionConfig v4 =
      selectContractionConfig(matmul(1024, 1024, 1024), named("x86-64-v4"), 1);
  EXPECT_EQ(v4.registerM, 8);
  EXPECT_EQ(v4.registerN, 32);
  // f64 halves the lanes.
  ContractionProblem d = matmul(1024, 1024, 1024);
  d.eltBits = 64;
  EXPECT_EQ(selectContractionConfig(d, named("x86-64-v4"), 1).registerN, 16);
}

TEST(KernelConfig, SmallShapesDivide) {
  ContractionConfig c =
      selectContractionConfig(matmul(30, 24, 20), named("x86-64-v3"), 1);
  EXPECT_EQ(c.strategy, ContractionStrategy::unpacked);
  EXPECT_EQ(30 % c.registerM, 0);
  EXPECT_EQ(24 % c.registerN, 0);
  EXPECT_EQ(c.registerM, 6);
  EXPECT_EQ(c.registerN, 8);
  EXPECT_EQ(20 % c.cacheK, 0);
}

TEST(KernelConfig, NarrowOutputTransposed) {
  // A 10-class output layer's weight gradient.
  ContractionConfig c =
      selectContractionConfig(matmul(1024, 10, 256), named("x86-64-v3"), 1);
  EXPECT_EQ(c.strategy, ContractionStrategy::transposed_output);
  // Not for an op the transposed rewrite does not handle.
  ContractionProblem p = matmul(1024, 10, 256);
  p.isMatmul = p.packable = false;
  EXPECT_EQ(selectContractionConfig(p, named("x86-64-v3"), 1).strategy,
            ContractionStrategy::unpacked);
}

TEST(KernelConfig, ThreadSplit) {
  CPUTarget v3 = named("x86-64-v3");
  ContractionConfig one = selectContractionConfig(matmul(1024, 1024, 256), v3, 1);
  EXPECT_EQ(one.split, ThreadSplit::none);
  EXPECT_EQ(one.threads, 1);
  ContractionConfig two = selectContractionConfig(matmul(1024, 1024, 256), v3, 2);
  // 170 row tiles, 64 column tiles: the threads divide both, M is longer.
  EXPECT_EQ(two.split, ThreadSplit::m);
  EXPECT_EQ(two.threads, 2);
  // 1023 rows: 170 tiles (even), 1 left; the columns' 63 tiles are odd.
  EXPECT_EQ(selectContractionConfig(matmul(1023, 1008, 256), v3, 2).split,
            ThreadSplit::m);
  // Three threads divide the column tiles (48) but not the row tiles (170).
  EXPECT_EQ(selectContractionConfig(matmul(1024, 768, 256), v3, 3).split,
            ThreadSplit::n);
}

TEST(KernelConfig, PackReusedOperand) {
  CPUTarget v4 = named("x86-64-v4");
  // An LSTM step's recurrent product: one 8 x 32 tile along N, so a pack of
  // A would be read by one tile per call: not packed...
  ContractionProblem step = matmul(1024, 32, 256);
  EXPECT_EQ(selectContractionConfig(step, v4, 1).strategy,
            ContractionStrategy::unpacked);
  // ...unless the same A serves 64 steps (its pack is built once).
  step.reuseA = 64;
  ContractionConfig c = selectContractionConfig(step, v4, 1);
  EXPECT_EQ(c.strategy, ContractionStrategy::packed);
  EXPECT_EQ(c.registerM, 8);
  EXPECT_EQ(c.registerN, 32);
  // Reusing B does not help a product with too few tiles along N.
  ContractionProblem b = matmul(1024, 32, 256);
  b.reuseB = 64;
  EXPECT_EQ(selectContractionConfig(b, v4, 1).strategy,
            ContractionStrategy::unpacked);
  // Reuse does not make a tiny product worth packing.
  ContractionProblem tiny = matmul(16, 32, 16);
  tiny.reuseA = 64;
  EXPECT_EQ(selectContractionConfig(tiny, v4, 1).strategy,
            ContractionStrategy::unpacked);
}

TEST(KernelConfig, OverridesForce) {
  ContractionOverrides o{4, 8};
  ContractionConfig c =
      selectContractionConfig(matmul(64, 64, 64), named("x86-64-v4"), 1, o);
  EXPECT_EQ(c.registerM, 4);
  EXPECT_EQ(c.registerN, 8);
}

TEST(KernelConfig, FittingDivisor) {
  EXPECT_EQ(fittingDivisor(1024, 256), 256);
  EXPECT_EQ(fittingDivisor(784, 256), 196);
  EXPECT_EQ(fittingDivisor(10, 16), 10);
  EXPECT_EQ(fittingDivisor(7, 4), 1);
  EXPECT_EQ(fittingDivisor(96, 64, 6), 48);
}

TEST(KernelConfig, PackedBlocksFitTheCaches) {
  CPUTarget v3 = named("x86-64-v3");
  // f32: a 256 x 6 A panel (6 KiB) and a 256 x 256 B block (256 KiB) fit.
  ContractionConfig f = selectContractionConfig(matmul(1024, 1024, 1024), v3, 1);
  EXPECT_EQ(f.cacheK, 256);
  EXPECT_EQ(f.cacheN, 256);
  // f64 doubles the B block: half of the level's 512 KiB L2 holds 128 columns.
  ContractionProblem d = matmul(1024, 1024, 1024);
  d.eltBits = 64;
  ContractionConfig g = selectContractionConfig(d, v3, 1);
  EXPECT_EQ(g.cacheK, 256);
  EXPECT_EQ(g.cacheN, 128);
  // A small L1 shortens the K block (8 KiB: a 6-row f32 panel of 4 KiB
  // allows 170, so 128 among the divisors of 1024).
  CPUTarget small = v3;
  small.l1Bytes = 8 * 1024;
  EXPECT_EQ(selectContractionConfig(matmul(1024, 1024, 1024), small, 1).cacheK,
            128);
  // The C block never drops below one register tile.
  small.l2Bytes = 1024;
  EXPECT_EQ(selectContractionConfig(matmul(1024, 1024, 1024), small, 1).cacheN,
            16);
}

TEST(KernelConfig, ConvolutionStrategy) {
  CPUTarget t = named("x86-64-v4"); // 1 MiB L2 per core
  // LeNet's second layer: 25 slices, a 400 x 12544 column matrix, 14 rows
  // of 1.4 MB each: one row per block.
  ConvolutionProblem lenet{12544, 32, 400, 25, 32, 14};
  ConvolutionConfig c = selectConvolutionConfig(lenet, t);
  EXPECT_EQ(c.strategy, ConvolutionStrategy::im2col);
  EXPECT_EQ(c.blockRows, 1);
  // Its first layer: 25 x 50176 in 28 rows of 179 KB: 7 rows a block.
  ConvolutionProblem first{50176, 16, 25, 25, 32, 28};
  EXPECT_EQ(selectConvolutionConfig(first, t).blockRows, 7);
  // Not blockable: one block.
  ConvolutionProblem whole = first;
  whole.blockableRows = 0;
  EXPECT_EQ(selectConvolutionConfig(whole, t).blockRows, 1);
  ConvolutionProblem manySlices = lenet;
  manySlices.slices = kMaxIm2colSlices + 1;
  EXPECT_EQ(selectConvolutionConfig(manySlices, t).strategy,
            ConvolutionStrategy::loops);
  // A column matrix past kMaxIm2colBytes (f64: 8 bytes an element).
  ConvolutionProblem huge{int64_t(1) << 20, 64, 64, 9, 64, 0};
  EXPECT_EQ(selectConvolutionConfig(huge, t).strategy,
            ConvolutionStrategy::loops);
}

TEST(KernelConfig, DirectConvolution) {
  CPUTarget v4 = named("x86-64-v4"), v3 = named("x86-64-v3");
  // LeNet's second layer with its batch of 64 innermost: the direct form,
  // with the contraction schedule's register tile where it divides the
  // features (AVX-512: 8 x 2 vectors) or the largest rows that do (AVX2:
  // 6 rows do not divide 32, 4 do).
  ConvolutionProblem lenet{12544, 32, 400, 25, 32, 14, 64, 14};
  ConvolutionConfig c = selectConvolutionConfig(lenet, v4);
  EXPECT_EQ(c.strategy, ConvolutionStrategy::direct);
  EXPECT_EQ(c.registerM, 8);
  EXPECT_EQ(c.registerN, 32);
  c = selectConvolutionConfig(lenet, v3);
  EXPECT_EQ(c.strategy, ConvolutionStrategy::direct);
  EXPECT_EQ(c.registerM, 4);
  EXPECT_EQ(c.registerN, 16);
  // A batch of 48: one vector column on AVX-512 (48 = 3 x 16, and two
  // vectors do not divide it), two on AVX2.
  ConvolutionProblem b48 = lenet;
  b48.directColumns = 48;
  EXPECT_EQ(selectConvolutionConfig(b48, v4).registerN, 16);
  EXPECT_EQ(selectConvolutionConfig(b48, v3).registerN, 16);
  // Not a whole vector (8 < 16 lanes): im2col on AVX-512, direct on AVX2.
  ConvolutionProblem b8 = lenet;
  b8.directColumns = 8;
  EXPECT_EQ(selectConvolutionConfig(b8, v4).strategy,
            ConvolutionStrategy::im2col);
  EXPECT_EQ(selectConvolutionConfig(b8, v3).strategy,
            ConvolutionStrategy::direct);
  // 11 features: no divisor from kDirectMinRows to 8 rows: im2col.
  ConvolutionProblem eleven = lenet;
  eleven.n = 11;
  EXPECT_EQ(selectConvolutionConfig(eleven, v4).strategy,
            ConvolutionStrategy::im2col);
  // Fewer features than kDirectMinRows are one tile of all of them.
  ConvolutionProblem one = lenet;
  one.n = 1;
  c = selectConvolutionConfig(one, v4);
  EXPECT_EQ(c.strategy, ConvolutionStrategy::direct);
  EXPECT_EQ(c.registerM, 1);
  // Forced: im2col and loops where they apply; direct only where it does.
  EXPECT_EQ(selectConvolutionConfig(lenet, v4, 1, ConvolutionStrategy::im2col)
                .strategy,
            ConvolutionStrategy::im2col);
  EXPECT_EQ(
      selectConvolutionConfig(lenet, v4, 1, ConvolutionStrategy::loops).strategy,
      ConvolutionStrategy::loops);
  EXPECT_EQ(
      selectConvolutionConfig(b8, v4, 1, ConvolutionStrategy::direct).strategy,
      ConvolutionStrategy::im2col);
  // Two threads share the 4 feature tiles (AVX-512: 32 / 8 rows); with
  // one feature tile (8 channels), the 14 output rows; with 3 threads
  // neither divides: one thread.
  c = selectConvolutionConfig(lenet, v4, 2);
  EXPECT_EQ(c.split, DirectSplit::features);
  EXPECT_EQ(c.threads, 2);
  ConvolutionProblem data = lenet;
  data.n = 8;
  data.outerOutputs = 14;
  EXPECT_EQ(selectConvolutionConfig(data, v4, 2).split, DirectSplit::outputs);
  c = selectConvolutionConfig(data, v4, 3);
  EXPECT_EQ(c.split, DirectSplit::none);
  EXPECT_EQ(c.threads, 1);
  EXPECT_EQ(selectConvolutionConfig(lenet, v4, 1).split, DirectSplit::none);
}

TEST(KernelConfig, DotConvolution) {
  CPUTarget v4 = named("x86-64-v4"), v3 = named("x86-64-v3");
  // LeNet's second filter gradient [C:16, R:5, S:5, K:32] over a batch of
  // 64: 5 window columns x 4 features on AVX-512 (20 accumulators and 9
  // operands of 32 registers).
  ConvolutionProblem wgrad{400, 32, 12544, 25, 32, 14, 0, 16, 64, 5, 14, 896};
  ConvolutionConfig c = selectConvolutionConfig(wgrad, v4);
  EXPECT_EQ(c.strategy, ConvolutionStrategy::direct);
  EXPECT_TRUE(c.dot);
  EXPECT_EQ(c.registerM, 5);
  EXPECT_EQ(c.registerN, kDotMaxColumns);
  // 4 features x 896 floats of the output gradient per row (14 KiB): one
  // row per sum within two thirds of a 32 KiB L1, two within 48 KiB.
  EXPECT_EQ(c.sumRows, 1);
  CPUTarget bigL1 = v4;
  bigL1.l1Bytes = 48 * 1024;
  EXPECT_EQ(selectConvolutionConfig(wgrad, bigL1).sumRows, 2);
  // A 1-D filter gradient (no third contracted loop): one row.
  ConvolutionProblem seq = wgrad;
  seq.dotOuter = 0;
  EXPECT_EQ(selectConvolutionConfig(seq, bigL1).sumRows, 1);
  // AVX2 fits 2 rows, which do not divide 5: 1 x 4 is too few
  // accumulators, im2col.
  EXPECT_EQ(selectConvolutionConfig(wgrad, v3).strategy,
            ConvolutionStrategy::im2col);
  // A 4-wide filter: 2 x 4 on AVX2, 4 x 4 on AVX-512.
  ConvolutionProblem four = wgrad;
  four.dotRows = 4;
  c = selectConvolutionConfig(four, v3);
  EXPECT_TRUE(c.dot);
  EXPECT_EQ(c.registerM, 2);
  EXPECT_EQ(selectConvolutionConfig(four, v4).registerM, 4);
  // Not a whole vector along the batch: im2col.
  ConvolutionProblem b56 = wgrad;
  b56.dotColumns = 56;
  EXPECT_EQ(selectConvolutionConfig(b56, v4).strategy,
            ConvolutionStrategy::im2col);
  // Two threads share the 8 feature blocks.
  c = selectConvolutionConfig(wgrad, v4, 2);
  EXPECT_EQ(c.split, DirectSplit::features);
  EXPECT_EQ(c.threads, 2);
  // Forced im2col.
  EXPECT_EQ(selectConvolutionConfig(wgrad, v4, 1, ConvolutionStrategy::im2col)
                .strategy,
            ConvolutionStrategy::im2col);
}
