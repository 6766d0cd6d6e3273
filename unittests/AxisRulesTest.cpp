//===- AxisRulesTest.cpp - the axis rules, one case at a time -------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGDialect.h"

#include "mlir/IR/MLIRContext.h"
#include "gtest/gtest.h"

using namespace mlir;
using namespace mlir::ng;

namespace {
class AxisRules : public ::testing::Test {
protected:
  MLIRContext ctx;
  AxisRules() { ctx.loadDialect<NGDialect>(); }
  AxisAttr ax(StringRef name, int64_t len, AxisRole role = AxisRole::plain) {
    return AxisAttr::get(&ctx, StringAttr::get(&ctx, name), len, role);
  }
  std::string s(ArrayRef<AxisAttr> l) { return axes::str(l); }
  ArrayAttr names(ArrayRef<StringRef> ns) {
    SmallVector<Attribute> a;
    for (StringRef n : ns)
      a.push_back(StringAttr::get(&ctx, n));
    return ArrayAttr::get(&ctx, a);
  }
  InFlightDiagnostic noError() { return InFlightDiagnostic(); }
};
} // namespace

TEST_F(AxisRules, BroadcastTakesRightOrderWhenRightCoversLeft) {
  AxisAttr C = ax("C", 4), N = ax("N", 8, AxisRole::batch);
  EXPECT_EQ(s(axes::broadcast({C}, {N, C})), "[N:8 batch, C:4]");
  EXPECT_EQ(s(axes::broadcast({}, {C, N})), "[C:4, N:8 batch]");
}

TEST_F(AxisRules, BroadcastOtherwiseLeftThenRightExtras) {
  AxisAttr C = ax("C", 4), H = ax("H", 3), N = ax("N", 8);
  EXPECT_EQ(s(axes::broadcast({N, C}, {H, C})), "[N:8, C:4, H:3]");
  EXPECT_EQ(s(axes::broadcast({C, N}, {})), "[C:4, N:8]");
}

TEST_F(AxisRules, DotPairsSharedAxes) {
  AxisAttr C = ax("C", 4), H = ax("H", 3), N = ax("N", 8);
  axes::DotAxes d = axes::dot({C, H}, {C, N});
  EXPECT_EQ(s(d.result), "[H:3, N:8]");
  EXPECT_EQ(s(d.contracted), "[C:4]");
  EXPECT_EQ(s(axes::dot({C}, {C}).result), "[]");        // all shared: scalar
  EXPECT_EQ(s(axes::dot({C}, {N}).result), "[C:4, N:8]"); // outer product
}

TEST_F(AxisRules, DefaultReductionHoldsOutBatchAndRecurrent) {
  AxisAttr C = ax("C", 4), T = ax("T", 5, AxisRole::recurrent),
           N = ax("N", 8, AxisRole::batch);
  auto r = axes::resolveReduction({C, T, N}, nullptr, nullptr,
                                  [&] { return noError(); });
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(s(r->reduced), "[C:4]");
  EXPECT_EQ(s(r->kept), "[T:5 recurrent, N:8 batch]");
}

TEST_F(AxisRules, OutAxesGiveResultOrder) {
  AxisAttr C = ax("C", 4), H = ax("H", 3), N = ax("N", 8);
  auto r = axes::resolveReduction({C, H, N}, nullptr, names({"N", "C"}),
                                  [&] { return noError(); });
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(s(r->kept), "[N:8, C:4]");
  EXPECT_EQ(s(r->reduced), "[H:3]");
}

TEST_F(AxisRules, UnknownReductionAxisFails) {
  AxisAttr C = ax("C", 4);
  EXPECT_TRUE(failed(axes::resolveReduction({C}, names({"Q"}), nullptr,
                                            [&] { return noError(); })));
}

TEST_F(AxisRules, FlattenGroupsAdjacentAxes) {
  AxisAttr C = ax("C", 4), H = ax("H", 3), N = ax("N", 8), CH = ax("CH", 12);
  auto g = axes::matchFlatten({C, H, N}, {CH, N}, [&] { return noError(); });
  ASSERT_TRUE(succeeded(g));
  EXPECT_EQ((*g)[0], 2);
  EXPECT_EQ((*g)[1], 1);
  EXPECT_TRUE(failed(axes::matchFlatten({C, H, N}, {N, CH},
                                        [&] { return noError(); })));
}

TEST_F(AxisRules, WindowOutputLength) {
  // floor((in + 2 pad - dil (len - 1) - 1) / stride) + 1
  EXPECT_EQ(axes::windowOutputLength(28, 5, 1, 2, 1), 28);
  EXPECT_EQ(axes::windowOutputLength(28, 5, 1, 0, 1), 24);
  EXPECT_EQ(axes::windowOutputLength(28, 2, 2, 0, 1), 14);
  EXPECT_EQ(axes::windowOutputLength(7, 3, 2, 1, 2), 3);
  EXPECT_EQ(axes::windowOutputLength(4, 5, 1, 0, 1), 0); // does not fit
}

TEST_F(AxisRules, ConvolutionSplitsChannelsFeaturesAndBatch) {
  AxisAttr C = ax("C", 3), H = ax("H", 9), W = ax("W", 8),
           N = ax("N", 4, AxisRole::batch), R = ax("R", 3), S = ax("S", 2),
           K = ax("K", 5), P = ax("P", 5), Q = ax("Q", 7);
  int64_t strides[] = {2, 1}, padding[] = {1, 0}, dilations[] = {1, 1};
  axes::WindowSpec spec{names({"H", "W"}), names({"R", "S"}), names({"P", "Q"}),
                        {}, strides, padding, dilations};
  // The output may list its axes in any order.
  auto r = axes::resolveConvolution({C, H, W, N}, {R, S, C, K}, {N, Q, K, P},
                                    spec, [&] { return noError(); });
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(s(r->channels), "[C:3]");
  EXPECT_EQ(s(r->features), "[K:5]");
  EXPECT_EQ(s(r->passed), "[N:4 batch]");
  ASSERT_EQ(r->windows.size(), 2u);
  EXPECT_EQ(r->windows[0].input, H);
  EXPECT_EQ(r->windows[0].filter, R);
  EXPECT_EQ(r->windows[0].output, P);
  EXPECT_EQ(r->windows[0].length, 3);
  EXPECT_EQ(r->windows[0].stride, 2);
  EXPECT_EQ(r->windows[1].padding, 0);
}

TEST_F(AxisRules, ConvolutionRejectsWrongLengthAndMissingBatch) {
  AxisAttr C = ax("C", 3), H = ax("H", 9), N = ax("N", 4, AxisRole::batch),
           R = ax("R", 3), K = ax("K", 5);
  int64_t one[] = {1}, zero[] = {0};
  axes::WindowSpec spec{names({"H"}), names({"R"}), names({"P"}), {}, one, zero, one};
  auto fails = [&](ArrayRef<AxisAttr> out) {
    return failed(axes::resolveConvolution({C, H, N}, {C, R, K}, out, spec,
                                           [&] { return noError(); }));
  };
  EXPECT_FALSE(fails({K, ax("P", 7), N}));
  EXPECT_TRUE(fails({K, ax("P", 8), N})); // 9 - 3 + 1 = 7
  EXPECT_TRUE(fails({K, ax("P", 7)}));    // the batch must pass through
  EXPECT_TRUE(fails({ax("P", 7), N}));    // the features must appear
}

TEST_F(AxisRules, PoolingHasNoChannelsOrFeatures) {
  AxisAttr C = ax("C", 3), H = ax("H", 8), N = ax("N", 4, AxisRole::batch),
           P = ax("P", 4);
  int64_t len[] = {2}, one[] = {1}, zero[] = {0};
  axes::WindowSpec spec{names({"H"}), nullptr, names({"P"}), len, len, zero, one};
  auto r = axes::resolveConvolution({C, H, N}, {}, {C, P, N}, spec,
                                    [&] { return noError(); });
  ASSERT_TRUE(succeeded(r));
  EXPECT_TRUE(r->channels.empty());
  EXPECT_TRUE(r->features.empty());
  EXPECT_EQ(s(r->passed), "[C:3, N:4 batch]");
  EXPECT_EQ(r->windows[0].length, 2);
  EXPECT_FALSE(r->windows[0].filter);
}

TEST_F(AxisRules, LookupGivesIndexAxesThenRowAxes) {
  auto r = axes::resolveLookup({ax("V", 98), ax("E", 32)},
                               {ax("T", 64, AxisRole::recurrent), ax("N", 32, AxisRole::batch)},
                               [&] { return noError(); });
  ASSERT_TRUE(succeeded(r));
  EXPECT_EQ(s(*r), "[T:64 recurrent, N:32 batch, E:32]");
  EXPECT_TRUE(failed(axes::resolveLookup({ax("V", 98), ax("E", 32)}, {ax("E", 32)},
                                         [&] { return noError(); })));
  EXPECT_TRUE(failed(axes::resolveLookup({}, {ax("N", 2)}, [&] { return noError(); })));
}
