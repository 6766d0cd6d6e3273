//===- RandomStateTest.cpp - NumPy's RandomState, number for number -------===//
#include "NGraph/Support/RandomState.h"

#include "gtest/gtest.h"

using ngraph::RandomState;

// Expected values printed by numpy.random.RandomState (NumPy 1.24).
TEST(RandomState, RandomSampleMatchesNumPy) {
  RandomState r(0);
  EXPECT_DOUBLE_EQ(r.randomSample(), 0.5488135039273248);
  EXPECT_DOUBLE_EQ(r.randomSample(), 0.7151893663724195);
}

TEST(RandomState, NormalMatchesNumPyPolarMethod) {
  RandomState r(0);
  EXPECT_DOUBLE_EQ(r.standardNormal(), 1.764052345967664);
  EXPECT_DOUBLE_EQ(r.standardNormal(), 0.4001572083672233); // cached f*x1
  EXPECT_DOUBLE_EQ(r.standardNormal(), 0.9787379841057392);
}

TEST(RandomState, UniformMatchesNumPy) {
  RandomState r(12345);
  EXPECT_DOUBLE_EQ(r.uniform(-1, 1), 0.8592321856342957);
}
