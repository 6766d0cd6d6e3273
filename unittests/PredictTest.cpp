//===- PredictTest.cpp - predictions over any count, classifier metrics ---===//
#include "NGraph/Runtime/Predict.h"
#include "ToolSupport.h"

#include "gtest/gtest.h"

using namespace ngraph;

namespace {
Tensor matrix(std::vector<std::vector<double>> rows) {
  Tensor t(DType::F32, {(int64_t)rows.size(), (int64_t)rows[0].size()});
  int64_t i = 0;
  for (auto &r : rows)
    for (double v : r)
      t.set(i++, v);
  return t;
}
Tensor vector(std::vector<double> v, DType d = DType::I64) {
  Tensor t(d, {(int64_t)v.size()});
  for (size_t i = 0; i < v.size(); ++i)
    t.set(i, v[i]);
  return t;
}
} // namespace

TEST(ClassifierMetrics, AccuracyTopKAndConfusion) {
  Tensor scores = matrix({{0.1, 0.7, 0.2},   // label 1: right
                          {0.5, 0.3, 0.2},   // label 2: third
                          {0.2, 0.2, 0.6},   // label 0: tied second
                          {0.3, 0.3, 0.4}}); // label 2: right
  auto m = classifierMetrics(scores, vector({1, 2, 0, 2}), {1, 2, 3});
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(m->correct, 2);
  EXPECT_DOUBLE_EQ(m->accuracy(), 0.5);
  // A tie with the label's score counts against it: sample 2's label 0
  // ties class 1, so it is within the top 3 only.
  EXPECT_EQ(m->topK[0].second, 2);
  EXPECT_EQ(m->topK[1].second, 2);
  EXPECT_EQ(m->topK[2].second, 4);
  // Rows are true classes; the first highest score is the prediction.
  std::vector<int64_t> want = {0, 0, 1, 0, 1, 0, 1, 0, 1};
  for (int64_t i = 0; i < 9; ++i)
    EXPECT_EQ(m->confusion.data<int64_t>()[i], want[i]) << i;
  EXPECT_EQ(describeMetrics(*m, true, true),
            "accuracy 0.5 (2/4)\ntop-1 accuracy 0.5 (2/4)\n"
            "top-2 accuracy 0.5 (2/4)\ntop-3 accuracy 1.0 (4/4)\n"
            "confusion matrix (rows: true class, columns: predicted class):\n"
            "[[0 0 1]\n [0 1 0]\n [1 0 1]]\n");
}

TEST(ClassifierMetrics, BadLabels) {
  Tensor scores = matrix({{0.1, 0.9}, {0.8, 0.2}});
  for (auto labels : {vector({0, 2}), vector({0, -1}), vector({0.5, 1}, DType::F64),
                      vector({1})}) {
    auto m = classifierMetrics(scores, labels, {});
    EXPECT_FALSE(bool(m));
    llvm::consumeError(m.takeError());
  }
  auto one = classifierMetrics(matrix({{1.0}, {2.0}}), vector({0, 0}), {});
  EXPECT_FALSE(bool(one));
  llvm::consumeError(one.takeError());
}

TEST(ClassifierMetrics, ParseMetrics) {
  auto m = parseMetrics("accuracy, top-3,confusion");
  ASSERT_TRUE(bool(m));
  EXPECT_TRUE(m->accuracy && m->confusion);
  EXPECT_EQ(m->topK, std::vector<int64_t>{3});
  auto d = parseMetrics("");
  ASSERT_TRUE(bool(d));
  EXPECT_TRUE(d->accuracy);
  for (const char *bad : {"top-0", "top-x", "f1", "accuracy,,"}) {
    auto r = parseMetrics(bad);
    EXPECT_FALSE(bool(r)) << bad;
    llvm::consumeError(r.takeError());
  }
}

// Six samples through a batch of four: two calls, the second padded with
// copies of the last sample whose outputs are dropped.
TEST(Predict, AnyCountOfSamples) {
  const char *graph = R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[F:2, N:4 batch], f32>
  %w = ng.constant [10.0, 1.0] : !ng.tensor<[F:2], f32>
  %y = ng.dot %w, %x : !ng.tensor<[F:2], f32>, !ng.tensor<[F:2, N:4 batch], f32>
  %s = ng.sum %x out [] : !ng.tensor<[F:2, N:4 batch], f32>
  ng.computation @f outputs(%y, %s, %x : !ng.tensor<[N:4 batch], f32>, !ng.tensor<[], f32>, !ng.tensor<[F:2, N:4 batch], f32>)
                    inputs(%x : !ng.tensor<[F:2, N:4 batch], f32>)
})";
  CompileOptions o;
  o.target = tools::hostTarget();
  auto t = Transformer::loadFromString(graph, o);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  std::map<std::string, Tensor> data;
  data["x"] = Tensor(DType::F64, {6, 2});
  for (int64_t i = 0; i < 12; ++i)
    data["x"].set(i, i); // sample i is (2i, 2i+1)
  const ComputationInfo *c = (*t)->computation("f");
  auto feeds = makeFeeds(*c, {"x=data:x"}, data, "--predict-feed");
  ASSERT_TRUE(bool(feeds)) << llvm::toString(feeds.takeError());
  std::string warnings;
  llvm::raw_string_ostream w(warnings);
  auto p = predictAll(**t, *c, *feeds, &w);
  ASSERT_TRUE(bool(p)) << llvm::toString(p.takeError());
  EXPECT_EQ(p->samples, 6);
  ASSERT_EQ(p->names, (std::vector<std::string>{"out0", "out2"}));
  EXPECT_NE(warnings.find("output #1 has no batch axis"), std::string::npos) << warnings;
  for (int64_t i = 0; i < 6; ++i) {
    EXPECT_EQ(p->arrays[0].get(i), 10.0 * (2 * i) + (2 * i + 1)) << i;
    EXPECT_EQ(p->arrays[1].get(2 * i), 2 * i);
    EXPECT_EQ(p->arrays[1].get(2 * i + 1), 2 * i + 1);
  }
  EXPECT_EQ(p->arrays[1].shape, (std::vector<int64_t>{6, 2}));
  std::string csv = predictionsCsv(*p);
  EXPECT_EQ(csv.substr(0, csv.find('\n', csv.find('\n') + 1) + 1),
            "out0,out2_0,out2_1\n1.0,0.0,1.0\n");
  // A limit on calls is kept.
  auto limited = predictAll(**t, *c, *feeds, nullptr, 1);
  EXPECT_FALSE(bool(limited));
  llvm::consumeError(limited.takeError());
}
