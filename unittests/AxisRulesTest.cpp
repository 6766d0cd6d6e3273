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
