//===- KernelConfig.cpp - how each op is tiled, per target ----------------===//
#include "NGraph/Codegen/CPU/KernelConfig.h"

#include <algorithm>
#include <tuple>

using namespace mlir;
using namespace ngraph::cpu;

int64_t ngraph::cpu::fittingDivisor(int64_t n, int64_t cap, int64_t step) {
  for (int64_t t = std::min(n, cap) / step * step; t > step; t -= step)
    if (n % t == 0)
      return t;
  return step;
}

ng::ContractionConfigAttr
ContractionConfig::toAttr(MLIRContext *ctx) const {
  return ng::ContractionConfigAttr::get(ctx, strategy, registerM, registerN,
                                        cacheM, cacheN, cacheK, threads,
                                        split);
}

ContractionConfig ContractionConfig::fromAttr(ng::ContractionConfigAttr a) {
  ContractionConfig c;
  c.strategy = a.getStrategy();
  c.registerM = a.getRegisterM();
  c.registerN = a.getRegisterN();
  c.cacheM = a.getCacheM();
  c.cacheN = a.getCacheN();
  c.cacheK = a.getCacheK();
  c.threads = a.getThreads();
  c.split = a.getSplit();
  return c;
}

static bool shouldTranspose(const ContractionProblem &p, int64_t lanes) {
  return p.isMatmul && p.n % lanes != 0 && p.m % lanes == 0 &&
         p.m >= kTransposeMinVectorsM * lanes && p.k >= lanes &&
         p.m * p.n * p.k >= kTransposeMinWork;
}

static bool shouldPack(const ContractionProblem &p, int64_t rM, int64_t rN) {
  return p.packable && (p.m / rM) * p.reuseB >= kPackMinTiles &&
         (p.n / rN) * p.reuseA >= kPackMinTiles && p.k >= kPackMinK &&
         p.m * p.n * p.k >= kPackMinWork;
}

/// Which dimension of the packed contraction's full tiles the threads
/// share: one whose tile count they divide (every part static), the longer
/// one when both do; failing both the longer, with tiles handed to the
/// edges (the mechanics trim the count to a multiple of the threads).
static ng::ThreadSplit splitFor(int64_t m1, int64_t n1, int64_t threads) {
  if (threads <= 1)
    return ng::ThreadSplit::none;
  bool alongM = m1 >= n1;
  if (m1 % threads == 0 && (alongM || n1 % threads != 0))
    alongM = true;
  else if (n1 % threads == 0)
    alongM = false;
  // Fewer tiles than threads: one thread does it all.
  if ((alongM ? m1 : n1) < threads)
    return ng::ThreadSplit::none;
  return alongM ? ng::ThreadSplit::m : ng::ThreadSplit::n;
}

RegisterTile ngraph::cpu::maxRegisterTile(const CPUTarget &target,
                                          unsigned eltBits) {
  return {std::min<int64_t>(kMaxRegisterRows,
                            (int64_t(target.vectorRegisters) -
                             kOperandRegisters) /
                                kRegisterVectors),
          kRegisterVectors * target.lanes(eltBits)};
}

ContractionConfig
ngraph::cpu::selectContractionConfig(const ContractionProblem &p,
                                     const CPUTarget &target, int64_t threads,
                                     const ContractionOverrides &o) {
  int64_t lanes = target.lanes(p.eltBits);
  if (shouldTranspose(p, lanes)) {
    // The tiles are those of the transposed product, chosen for it.
    ContractionProblem t = p;
    std::swap(t.m, t.n);
    ContractionConfig c = selectContractionConfig(t, target, threads, o);
    c.strategy = ng::ContractionStrategy::transposed_output;
    return c;
  }
  RegisterTile most = maxRegisterTile(target, p.eltBits);
  int64_t maxM = o.registerM ? o.registerM : most.rows;
  int64_t maxN = o.registerN ? o.registerN : most.cols;

  ContractionConfig c;
  if (shouldPack(p, maxM, maxN)) {
    c.strategy = ng::ContractionStrategy::packed;
    c.registerM = maxM;
    c.registerN = maxN;
    // The K block and C's cache block, bounded by the target's caches:
    // a register tile's A panel (cK x rM) at most half of L1, the packed B
    // block (cK x cN) at most half of L2.
    int64_t eltBytes = std::max<int64_t>(1, p.eltBits / 8);
    int64_t maxK = std::max<int64_t>(
        1, std::min(kPackedBlockK, target.l1Bytes / 2 / (maxM * eltBytes)));
    c.cacheK = fittingDivisor(p.k, maxK);
    c.cacheM = kPackedCacheM;
    c.cacheN = std::max(
        maxN, std::min(kPackedCacheN,
                       target.l2Bytes / 2 / (c.cacheK * eltBytes)) /
                  maxN * maxN);
    c.split = splitFor(p.m / maxM, p.n / maxN, threads);
    c.threads = c.split == ng::ThreadSplit::none ? 1 : threads;
    return c;
  }
  // Unpacked: tiles that divide the shape, so every tile is full (no
  // masks, no remainder loops). Columns in whole vectors where possible.
  c.strategy = ng::ContractionStrategy::unpacked;
  c.registerM = fittingDivisor(p.m, maxM);
  c.registerN = p.n % maxN == 0                      ? maxN
                : p.n % lanes == 0 && lanes <= maxN ? lanes
                                                    : fittingDivisor(p.n, maxN);
  c.cacheM = fittingDivisor(p.m, kUnpackedCacheM, c.registerM);
  c.cacheN = fittingDivisor(p.n, kUnpackedCacheN, c.registerN);
  c.cacheK = fittingDivisor(p.k, kUnpackedCacheK);
  return c;
}

/// The direct form's register tile for `p`, or nullopt when it does not
/// apply: rows dividing the features, columns whole vectors dividing the
/// output's innermost loop.
static std::optional<std::pair<int64_t, int64_t>>
directTile(const ConvolutionProblem &p, const CPUTarget &target) {
  int64_t lanes = target.lanes(p.eltBits);
  if (p.directColumns < lanes || p.directColumns % lanes || p.n < 1)
    return std::nullopt;
  RegisterTile most = maxRegisterTile(target, p.eltBits);
  int64_t rM = fittingDivisor(p.n, most.rows);
  int64_t rN = fittingDivisor(p.directColumns, most.cols, lanes);
  if (rM < std::min(p.n, kDirectMinRows))
    return std::nullopt;
  return std::make_pair(rM, rN);
}

/// The dot-product kernel's tile (rows of the output loop next to the
/// features, features), or nullopt: rM x rN accumulators plus rM + rN
/// operand vectors in the registers, one spare.
static std::optional<std::pair<int64_t, int64_t>>
dotTile(const ConvolutionProblem &p, const CPUTarget &target) {
  int64_t lanes = target.lanes(p.eltBits);
  if (p.dotColumns < lanes || p.dotColumns % lanes || p.dotRows < 1 ||
      p.n < 1)
    return std::nullopt;
  int64_t rN = fittingDivisor(p.n, kDotMaxColumns);
  int64_t maxRows =
      (int64_t(target.vectorRegisters) - 1 - rN) / (rN + 1);
  if (maxRows < 1)
    return std::nullopt;
  int64_t rM = fittingDivisor(p.dotRows, maxRows);
  if (rM * rN < kDotMinAccumulators)
    return std::nullopt;
  return std::make_pair(rM, rN);
}

ConvolutionConfig ngraph::cpu::selectConvolutionConfig(
    const ConvolutionProblem &p, const CPUTarget &target, int64_t threads,
    std::optional<ConvolutionStrategy> forced) {
  ConvolutionConfig c;
  if (p.m < 1 || p.n < 1 || p.k < 1)
    return c;
  bool mayDirect = forced != ConvolutionStrategy::im2col &&
                   forced != ConvolutionStrategy::loops;
  int64_t eltBytes = std::max<int64_t>(1, p.eltBits / 8);
  auto tile = directTile(p, target);
  if (tile && mayDirect) {
    c.strategy = ConvolutionStrategy::direct;
    std::tie(c.registerM, c.registerN) = *tile;
    // Threads take equal parts: of the feature tiles when they divide
    // them (each thread reads only its rows of the filter), else of the
    // output rows.
    if (threads > 1) {
      if ((p.n / c.registerM) % threads == 0)
        c.split = DirectSplit::features;
      else if (p.outerOutputs % threads == 0)
        c.split = DirectSplit::outputs;
      if (c.split != DirectSplit::none)
        c.threads = threads;
    }
    return c;
  }
  auto dot = dotTile(p, target);
  if (dot && mayDirect) {
    c.strategy = ConvolutionStrategy::direct;
    c.dot = true;
    std::tie(c.registerM, c.registerN) = *dot;
    // As many output-gradient rows per sum as keep the B rows one feature
    // block reads in L1 (LeNet's second filter gradient on a 48 KiB L1: 2
    // rows of 4 x 896 floats, 4% faster than 1; 7 rows, 7% slower).
    int64_t rowBytes = c.registerN * p.dotInner * eltBytes;
    if (p.dotOuter > 1 && rowBytes > 0)
      c.sumRows = fittingDivisor(
          p.dotOuter, std::max<int64_t>(1, target.l1Bytes * kDotBlockL1Num /
                                               kDotBlockL1Den / rowBytes));
    // Threads take equal parts of the feature columns.
    if (threads > 1 && (p.n / c.registerN) % threads == 0) {
      c.split = DirectSplit::features;
      c.threads = threads;
    }
    return c;
  }
  int64_t columnBytes = p.m * p.k * eltBytes;
  if (p.slices > kMaxIm2colSlices || columnBytes > kMaxIm2colBytes ||
      forced == ConvolutionStrategy::loops)
    return c;
  c.strategy = ConvolutionStrategy::im2col;
  c.blockRows = std::max<int64_t>(1, p.blockableRows);
  if (p.blockableRows > 1) {
    // The most rows whose columns fit the block bound (at least one).
    int64_t rowBytes = columnBytes / p.blockableRows;
    int64_t cap = std::max<int64_t>(
        1, kIm2colBlockL2s * target.l2Bytes / std::max<int64_t>(1, rowBytes));
    c.blockRows = fittingDivisor(p.blockableRows, cap);
  }
  return c;
}
