//===- TransformerTest.cpp - the embedding API ----------------------------===//
#include "NGraph/Runtime/Runtime.h"
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
