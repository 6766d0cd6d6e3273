//===- Sharding.h - which samples of a batch each rank holds ------*- C++ -*-===//
//
// Data-parallel runs split every batch axis across ranks. The compiler
// (ng-data-parallel, which sizes each rank's graph) and the runner (which
// feeds each rank its samples) must agree on the split, so it lives here.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_SHARDING_H
#define NGRAPH_SUPPORT_SHARDING_H

#include <cstdint>

namespace ngraph {

/// Rank `rank`'s run of a batch axis of `length` samples: ranks hold
/// contiguous runs in rank order, and the first `length % ranks` ranks one
/// sample more than the rest.
struct Shard {
  int64_t offset;
  int64_t length;
};
Shard shardOf(int64_t length, int64_t ranks, int64_t rank);

/// A row-major array seen as (outer, shape[dim], inner): how many elements
/// lie before and after dimension `dim` (slicing and gathering along it).
struct AroundDim {
  int64_t outer = 1;
  int64_t inner = 1;
};
template <typename Shape>
AroundDim aroundDim(const Shape &shape, int64_t dim) {
  AroundDim r;
  for (int64_t i = 0; i < (int64_t)shape.size(); ++i) {
    if (i < dim)
      r.outer *= shape[i];
    else if (i > dim)
      r.inner *= shape[i];
  }
  return r;
}

} // namespace ngraph

#endif
