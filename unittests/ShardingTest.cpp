//===- ShardingTest.cpp - how ranks split a batch ------------------------===//
#include "NGraph/Support/Sharding.h"

#include "gtest/gtest.h"

using ngraph::shardOf;

TEST(Sharding, EvenSplit) {
  EXPECT_EQ(shardOf(128, 2, 0).offset, 0);
  EXPECT_EQ(shardOf(128, 2, 0).length, 64);
  EXPECT_EQ(shardOf(128, 2, 1).offset, 64);
  EXPECT_EQ(shardOf(128, 2, 1).length, 64);
}

TEST(Sharding, FirstRanksTakeTheRemainder) {
  // 32 over 3: 11, 11, 10.
  EXPECT_EQ(shardOf(32, 3, 0).length, 11);
  EXPECT_EQ(shardOf(32, 3, 1).offset, 11);
  EXPECT_EQ(shardOf(32, 3, 1).length, 11);
  EXPECT_EQ(shardOf(32, 3, 2).offset, 22);
  EXPECT_EQ(shardOf(32, 3, 2).length, 10);
}

TEST(Sharding, RunsTileTheBatchInOrder) {
  for (int64_t length : {1, 2, 7, 100, 359})
    for (int64_t ranks = 1; ranks <= 8 && ranks <= length; ++ranks) {
      int64_t next = 0, lo = length, hi = 0;
      for (int64_t r = 0; r < ranks; ++r) {
        ngraph::Shard s = shardOf(length, ranks, r);
        EXPECT_EQ(s.offset, next) << length << "/" << ranks << " rank " << r;
        next += s.length;
        lo = std::min(lo, s.length);
        hi = std::max(hi, s.length);
      }
      EXPECT_EQ(next, length);
      EXPECT_LE(hi - lo, 1);
    }
}
