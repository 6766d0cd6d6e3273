//===- TransformerTest.cpp - the embedding API ----------------------------===//
#include "NGraph/Runtime/Runtime.h"
#include "NGraph/Runtime/ABI.h"
#include "ToolSupport.h"

#include "gtest/gtest.h"

using namespace ngraph;

/// Code for this machine, as the tools compile it.
static CompileOptions hostOptions() {
  CompileOptions o;
  o.target = tools::hostTarget();
  return o;
}

static const char *kGraph = R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:2], f32>
  %W = ng.variable "W" init [1.0, 2.0] : !ng.tensor<[K:2], f32>
  %s = ng.add %W, %x : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  %u = ng.assign %W, %s : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  ng.computation @accumulate outputs(%W, %u : !ng.tensor<[K:2], f32>, !ng.effect)
                             inputs(%x : !ng.tensor<[K:2], f32>)
  ng.computation @peek outputs(%W : !ng.tensor<[K:2], f32>) inputs()
}
)";

TEST(Transformer, VariablesPersistAcrossCallsAndComputations) {
  auto t = Transformer::loadFromString(kGraph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  const ComputationInfo *acc = (*t)->computation("accumulate");
  ASSERT_NE(acc, nullptr);
  ASSERT_EQ(acc->inputs.size(), 1u);
  EXPECT_EQ(acc->inputs[0].describe(), "x [K:2] f32");
  EXPECT_TRUE(acc->outputs[1].isEffect);

  Tensor x(DType::F32, {2});
  x.set(0, 10), x.set(1, 20);
  std::vector<Tensor> outs;
  ASSERT_FALSE(bool((*t)->call("accumulate", {&x}, outs)));
  // A variable listed as an output returns its value after the call.
  EXPECT_EQ(outs[0].get(0), 11);
  EXPECT_EQ(outs[0].get(1), 22);
  ASSERT_FALSE(bool((*t)->call("accumulate", {&x}, outs)));
  ASSERT_FALSE(bool((*t)->call("peek", std::vector<Tensor>{}, outs)));
  EXPECT_EQ(outs[0].get(0), 21);
  EXPECT_EQ(outs[0].get(1), 42);

  auto w = (*t)->readVariable("W");
  ASSERT_TRUE(bool(w));
  EXPECT_EQ(w->get(1), 42);
  Tensor zero(DType::F64, {2}); // converted to the variable's f32
  ASSERT_FALSE(bool((*t)->writeVariable("W", zero)));
  ASSERT_FALSE(bool((*t)->call("peek", std::vector<Tensor>{}, outs)));
  EXPECT_EQ(outs[0].get(0), 0);
}

TEST(Transformer, BadCallsAreErrorsNotCrashes) {
  auto t = Transformer::loadFromString(kGraph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  std::vector<Tensor> outs;
  llvm::Error e = (*t)->call("nope", std::vector<Tensor>{}, outs);
  ASSERT_TRUE(bool(e));
  EXPECT_NE(llvm::toString(std::move(e)).find("unknown computation 'nope'"),
            std::string::npos);
  Tensor wrong(DType::F32, {3});
  e = (*t)->call("accumulate", {&wrong}, outs);
  ASSERT_TRUE(bool(e));
  EXPECT_NE(llvm::toString(std::move(e)).find("expects shape (2,)"),
            std::string::npos);
  EXPECT_TRUE(bool((*t)->readVariable("V").takeError()));
}

TEST(Transformer, NoTargetIsAnError) {
  auto t = Transformer::loadFromString(kGraph);
  ASSERT_FALSE(bool(t));
  std::string msg = llvm::toString(t.takeError());
  EXPECT_NE(msg.find("no code generation target"), std::string::npos) << msg;
}

// Code generated for a named level the host can run computes what the
// host's own code computes.
TEST(Transformer, NamedTargetRunsLikeHost) {
  CompileOptions o = hostOptions();
  o.target = *cpu::lookupTarget("x86-64-v3");
  if (llvm::Expected<cpu::CPUTarget> ok = tools::runnableTarget("x86-64-v3");
      !ok) {
    llvm::consumeError(ok.takeError());
    GTEST_SKIP() << "this machine has no AVX2";
  }
  auto t = Transformer::loadFromString(kGraph, o);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  Tensor x(DType::F32, {2});
  x.set(0, 0.5);
  x.set(1, -1);
  std::vector<Tensor> outs;
  ASSERT_FALSE(bool((*t)->call("accumulate", {&x}, outs)));
  EXPECT_EQ(outs[0].get(0), 1.5);
  EXPECT_EQ(outs[0].get(1), 1.0);
}

TEST(Transformer, InvalidGraphReportsLocation) {
  auto t = Transformer::loadFromString(
      "ng.graph @g {\n  %x = ng.placeholder \"x\" : !ng.tensor<[C:4, C:4], f32>\n}\n");
  ASSERT_FALSE(bool(t));
  std::string msg = llvm::toString(t.takeError());
  EXPECT_NE(msg.find("2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("axis 'C' appears twice"), std::string::npos) << msg;
}

// Results are computed straight into the output tensors: a previous result
// passed back in as an input (the same memory) must still be read intact.
// A transpose written in place over its own input would overwrite elements
// it has not read yet.
TEST(Transformer, ResultFedBackAsInputIsReadIntact) {
  constexpr int n = 64;
  auto t = Transformer::loadFromString(R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[M:64, N:64], f32>
  %y = ng.reorder %x : !ng.tensor<[M:64, N:64], f32> -> !ng.tensor<[N:64, M:64], f32>
  ng.computation @transpose outputs(%y : !ng.tensor<[N:64, M:64], f32>)
                            inputs(%x : !ng.tensor<[M:64, N:64], f32>)
}
)",
                                       hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  Tensor x(DType::F32, {n, n});
  for (int i = 0; i < n * n; ++i)
    x.set(i, i);
  std::vector<Tensor> outs;
  ASSERT_FALSE(bool((*t)->call("transpose", {&x}, outs)));
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      ASSERT_EQ(outs[0].get(j * n + i), x.get(i * n + j)) << i << ", " << j;
  // Transposed twice: x again.
  ASSERT_FALSE(bool((*t)->call("transpose", {&outs[0]}, outs)));
  for (int i = 0; i < n * n; ++i)
    ASSERT_EQ(outs[0].get(i), x.get(i)) << "element " << i;
}

// Each phase is measured where it happens: LLVM optimizes the module
// lazily, when the compile step first looks up its symbols.
TEST(Transformer, CompileTimesCoverEveryPhase) {
  CompileOptions options = hostOptions();
  options.optLevel = 3;
  auto t = Transformer::loadFromString(kGraph, options);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  const CompileTimes &ct = (*t)->compileTimes();
  EXPECT_GT(ct.lowering, 0);
  EXPECT_GT(ct.optimization, 0);
  EXPECT_GT(ct.codegen, 0);
}

TEST(Transformer, IndexSiteRoundTripsAndNamesThePosition) {
  ngraph::abi::IndexSite site{"g.mlir:5:8", "ng.lookup", "V", 98, {{"T", 64}, {"N", 32}}};
  std::optional<ngraph::abi::IndexSite> back =
      ngraph::abi::decodeIndexSite(ngraph::abi::encodeIndexSite(site));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->location, "g.mlir:5:8");
  EXPECT_EQ(back->tableLength, 98);
  ASSERT_EQ(back->indexAxes.size(), 2u);
  EXPECT_EQ(back->indexAxes[1].first, "N");
  // Row-major position 3 * 32 + 17.
  EXPECT_EQ(ngraph::abi::describeIndexError(*back, 113, -4),
            "g.mlir:5:8: ng.lookup: index -4 at [T=3, N=17] is outside [0, 98), "
            "the length of the table's axis V");
  // A scalar index has no axes.
  site.indexAxes.clear();
  back = ngraph::abi::decodeIndexSite(ngraph::abi::encodeIndexSite(site));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(ngraph::abi::describeIndexError(*back, 0, 98),
            "g.mlir:5:8: ng.lookup: index 98 at [] is outside [0, 98), "
            "the length of the table's axis V");
  EXPECT_FALSE(ngraph::abi::decodeIndexSite("no lines").has_value());
  EXPECT_FALSE(ngraph::abi::decodeIndexSite("a\nb\nV:x\nT:3").has_value());
  EXPECT_FALSE(ngraph::abi::decodeIndexSite("a\nb\nV:3\nT").has_value());
}

TEST(Transformer, BadIndexFailsTheCallAndLaterCallsWork) {
  static const char *graph = R"(
ng.graph @g {
  %t = ng.constant [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]] : !ng.tensor<[V:3, E:2], f32>
  %i = ng.placeholder "i" : !ng.tensor<[N:2], i32>
  %e = ng.lookup %t[%i] : !ng.tensor<[V:3, E:2], f32>, !ng.tensor<[N:2], i32>
  ng.computation @f outputs(%e : !ng.tensor<[N:2, E:2], f32>) inputs(%i : !ng.tensor<[N:2], i32>)
}
)";
  auto t = Transformer::loadFromString(graph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  Tensor ids(DType::I32, {2});
  ids.set(0, 2), ids.set(1, 3);
  std::vector<Tensor> outs;
  llvm::Error e = (*t)->call("f", {&ids}, outs);
  ASSERT_TRUE(bool(e));
  EXPECT_EQ(llvm::toString(std::move(e)),
            "computation 'f': <string>:5:8: ng.lookup: index 3 at [N=1] is "
            "outside [0, 3), the length of the table's axis V");
  // The bad row read zeros, the good one its row.
  EXPECT_EQ(outs[0].get(0), 5);
  EXPECT_EQ(outs[0].get(2), 0);
  ids.set(1, 0);
  ASSERT_FALSE(bool((*t)->call("f", {&ids}, outs)));
  EXPECT_EQ(outs[0].get(3), 2);
}
