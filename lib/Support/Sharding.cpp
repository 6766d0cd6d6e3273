//===- Sharding.cpp - which samples of a batch each rank holds -----------===//
#include "NGraph/Support/Sharding.h"

#include <algorithm>

ngraph::Shard ngraph::shardOf(int64_t length, int64_t ranks, int64_t rank) {
  int64_t base = length / ranks, extra = length % ranks;
  return {rank * base + std::min(rank, extra), base + (rank < extra ? 1 : 0)};
}
