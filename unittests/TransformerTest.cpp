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

//===----------------------------------------------------------------------===//
// Batch axes of length ?
//===----------------------------------------------------------------------===//

// y = W . x per sample; `add` accumulates the batch's column sums into W.
static const char *kDynamicGraph = R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:2, N:? batch], f32>
  %W = ng.variable "W" init [1.0, 2.0] : !ng.tensor<[K:2], f32>
  %y = ng.dot %W, %x : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2, N:? batch], f32>
  %n = ng.batch_size %x : !ng.tensor<[K:2, N:? batch], f32>
  %s = ng.sum %x reduce [N] : !ng.tensor<[K:2, N:? batch], f32>
  %W1 = ng.add %W, %s : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  %u = ng.assign %W, %W1 : !ng.tensor<[K:2], f32>, !ng.tensor<[K:2], f32>
  ng.computation @apply outputs(%y, %n : !ng.tensor<[N:? batch], f32>, !ng.tensor<[], f32>)
      inputs(%x : !ng.tensor<[K:2, N:? batch], f32>)
  ng.computation @add outputs(%u : !ng.effect) inputs(%x : !ng.tensor<[K:2, N:? batch], f32>)
  ng.computation @peek outputs(%W : !ng.tensor<[K:2], f32>) inputs()
}
)";

/// A [K:2, N:n] input whose column i is (i, 1).
static Tensor columns(int64_t n) {
  Tensor x(DType::F32, {2, n});
  for (int64_t i = 0; i < n; ++i)
    x.set(i, (double)i), x.set(n + i, 1.0);
  return x;
}

TEST(TransformerDynamic, OneGraphServesEveryBatchLength) {
  std::vector<AxisLengths> reported;
  CompileOptions o = hostOptions();
  o.onSpecialize = [&](const AxisLengths &l, const CompileTimes &t,
                       const CacheReport &) {
    EXPECT_GT(t.total(), 0);
    reported.push_back(l);
  };
  auto t = Transformer::loadFromString(kDynamicGraph, o);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  EXPECT_EQ((*t)->dynamicAxes(), std::vector<std::string>{"N"});
  const ComputationInfo *apply = (*t)->computation("apply");
  EXPECT_EQ(apply->inputs[0].describe(), "x [K:2, N:? batch] f32");
  EXPECT_EQ(apply->dynamicAxes(), std::vector<std::string>{"N"});
  EXPECT_EQ(apply->withLengths({{"N", 7}}).inputs[0].describe(),
            "x [K:2, N:7 batch] f32");
  // Nothing is compiled before the first call.
  EXPECT_TRUE(reported.empty());

  std::vector<Tensor> outs;
  for (int64_t n : {3, 5, 3, 1}) {
    Tensor x = columns(n);
    ASSERT_FALSE(bool((*t)->call("apply", {&x}, outs)));
    ASSERT_EQ(outs[0].shape, (std::vector<int64_t>{n}));
    for (int64_t i = 0; i < n; ++i)
      EXPECT_EQ(outs[0].get(i), 1.0 * i + 2.0);
    EXPECT_EQ(outs[1].get(0), n); // batch_size is the call's length
  }
  // One compile per length, reported; the second call of 3 reuses it.
  ASSERT_EQ(reported.size(), 3u);
  EXPECT_EQ(reported[0].at("N"), 3);
  EXPECT_EQ(reported[1].at("N"), 5);
  EXPECT_EQ(reported[2].at("N"), 1);
  EXPECT_EQ((*t)->specializations().size(), 3u);
}

TEST(TransformerDynamic, VariablesCarryOverBetweenLengths) {
  auto t = Transformer::loadFromString(kDynamicGraph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  // Written before any specialization exists.
  Tensor w(DType::F32, {2});
  w.set(0, 10), w.set(1, 20);
  ASSERT_FALSE(bool((*t)->writeVariable("W", w)));
  std::vector<Tensor> outs;
  Tensor x3 = columns(3), x4 = columns(4);
  ASSERT_FALSE(bool((*t)->call("add", {&x3}, outs))); // W += (0+1+2, 3)
  ASSERT_FALSE(bool((*t)->call("add", {&x4}, outs))); // W += (0+1+2+3, 4)
  ASSERT_FALSE(bool((*t)->call("add", {&x3}, outs))); // W += (3, 3)
  auto read = (*t)->readVariable("W");
  ASSERT_TRUE(bool(read));
  EXPECT_EQ(read->get(0), 10 + 3 + 6 + 3);
  EXPECT_EQ(read->get(1), 20 + 3 + 4 + 3);
  // peek uses no ? axis: it runs in whichever specialization is current.
  ASSERT_FALSE(bool((*t)->call("peek", std::vector<Tensor>{}, outs)));
  EXPECT_EQ(outs[0].get(0), 22);
}

TEST(TransformerDynamic, DroppedSpecializationsAreCompiledAgain) {
  CompileOptions o = hostOptions();
  o.maxSpecializations = 2;
  int compiles = 0;
  o.onSpecialize = [&](const AxisLengths &, const CompileTimes &,
                       const CacheReport &) { ++compiles; };
  auto t = Transformer::loadFromString(kDynamicGraph, o);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  std::vector<Tensor> outs;
  auto run = [&](int64_t n) {
    Tensor x = columns(n);
    ASSERT_FALSE(bool((*t)->call("add", {&x}, outs)));
  };
  run(1), run(2), run(1); // 1 and 2 kept
  EXPECT_EQ(compiles, 2);
  run(3); // drops 2, the least recently used
  run(1);
  EXPECT_EQ(compiles, 3);
  run(2); // compiled again
  EXPECT_EQ(compiles, 4);
  // W = (1, 2) plus every batch's sums, whichever code ran them.
  auto read = (*t)->readVariable("W");
  ASSERT_TRUE(bool(read));
  double sum0 = 1, sum1 = 2;
  for (int64_t n : {1, 2, 1, 3, 1, 2})
    sum0 += n * (n - 1) / 2, sum1 += n;
  EXPECT_EQ(read->get(0), sum0);
  EXPECT_EQ(read->get(1), sum1);
}

TEST(TransformerDynamic, BadLengthsAreErrors) {
  auto t = Transformer::loadFromString(kDynamicGraph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  std::vector<Tensor> outs;
  Tensor rank1(DType::F32, {2});
  auto e = (*t)->call("apply", {&rank1}, outs);
  EXPECT_EQ(llvm::toString(std::move(e)),
            "input 'x' of 'apply' expects 2 axes x [K:2, N:? batch] f32, got "
            "shape (2,)");
  Tensor empty(DType::F32, {2, 0});
  e = (*t)->call("apply", {&empty}, outs);
  EXPECT_EQ(llvm::toString(std::move(e)),
            "input 'x' of 'apply' has length 0 on axis N: a call needs at "
            "least one sample");
  Tensor wrongK(DType::F32, {3, 4});
  e = (*t)->call("apply", {&wrongK}, outs);
  EXPECT_NE(llvm::toString(std::move(e)).find("expects shape (2, 4)"),
            std::string::npos);
  Tensor x = columns(2);
  e = (*t)->call("apply", {&x}, outs, {{"M", 2}});
  EXPECT_EQ(llvm::toString(std::move(e)),
            "call of 'apply': the graph has no axis 'M' of length ?");
  e = (*t)->call("apply", {&x}, outs, {{"N", 0}});
  EXPECT_EQ(llvm::toString(std::move(e)),
            "call of 'apply': axis N needs a positive length, got 0");
  // Given lengths must agree with the inputs.
  e = (*t)->call("apply", {&x}, outs, {{"N", 3}});
  EXPECT_NE(llvm::toString(std::move(e)).find("expects shape (2, 3)"),
            std::string::npos);
  // A fixed-length graph takes no lengths.
  auto fixed = Transformer::loadFromString(kGraph, hostOptions());
  ASSERT_TRUE(bool(fixed));
  EXPECT_TRUE((*fixed)->dynamicAxes().empty());
  Tensor k(DType::F32, {2});
  e = (*fixed)->call("accumulate", {&k}, outs, {{"N", 3}});
  EXPECT_EQ(llvm::toString(std::move(e)),
            "call of 'accumulate': the graph has no axis of length ?");
}

TEST(TransformerDynamic, InputsMustAgreeOnALength) {
  static const char *graph = R"(
ng.graph @g {
  %a = ng.placeholder "a" : !ng.tensor<[N:? batch], f32>
  %b = ng.placeholder "b" : !ng.tensor<[N:? batch], f32>
  %c = ng.add %a, %b : !ng.tensor<[N:? batch], f32>, !ng.tensor<[N:? batch], f32>
  ng.computation @f outputs(%c : !ng.tensor<[N:? batch], f32>) inputs(%a, %b : !ng.tensor<[N:? batch], f32>, !ng.tensor<[N:? batch], f32>)
}
)";
  auto t = Transformer::loadFromString(graph, hostOptions());
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  Tensor a(DType::F32, {3}), b(DType::F32, {4});
  std::vector<Tensor> outs;
  auto e = (*t)->call("f", std::vector<const Tensor *>{&a, &b}, outs);
  EXPECT_EQ(llvm::toString(std::move(e)),
            "inputs 'a' and 'b' of 'f' disagree on the length of axis N (3 "
            "and 4)");
}
