//===- ScheduleLinalg.cpp - tile and vectorize contractions ---------------===//
//
// The schedule of a contraction C[M, N] += A[M, K] B[K, N]:
//   for m0, n0, k0 in cache tiles (A, B and C blocks that stay in L1/L2)
//     for m1, n1 in register tiles
//       C block (registers) += A[m1, k] (broadcast) * B[k, n1] (vectors)
//         for every k of the cache tile
// The register block is rM x rN elements, two host vectors wide: 8 x 32
// with AVX-512 (16 accumulators), 6 x 16 with AVX2 (12), enough to hide the
// FMA latency and leave registers for operands. Small contractions use tile
// sizes that divide the shape; large ones read packed, zero-padded copies
// of A and B in GotoBLAS loop order.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/Support/HostCPU.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGSCHEDULELINALG
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

/// Elements of `elt` in one host vector register.
static int64_t hostLanes(Type elt) {
  return std::max<int64_t>(1, ngraph::hostVectorBits() /
                                  elt.getIntOrFloatBitWidth());
}

/// The largest multiple of `step` that divides `n` and is at most `cap`
/// (at least `step`, which must divide `n`).
static int64_t fittingDivisor(int64_t n, int64_t cap, int64_t step = 1) {
  for (int64_t t = std::min(n, cap) / step * step; t > step; t -= step)
    if (n % t == 0)
      return t;
  return step;
}

namespace {
struct ContractionShape {
  unsigned m, n, k; // loop positions
  int64_t sizeM, sizeN, sizeK;
};

struct NGScheduleLinalg
    : ng::impl::NGScheduleLinalgBase<NGScheduleLinalg> {
  using NGScheduleLinalgBase::NGScheduleLinalgBase;

  /// A static float contraction with exactly one loop of each kind.
  static std::optional<ContractionShape> match(linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || op.getNumLoops() != 3 ||
        !linalg::isaContractionOpInterface(op))
      return std::nullopt;
    if (!isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType())))
      return std::nullopt;
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
        dims->k.size() != 1 || !dims->batch.empty())
      return std::nullopt;
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    ContractionShape s{dims->m[0], dims->n[0], dims->k[0], ranges[dims->m[0]],
                       ranges[dims->n[0]], ranges[dims->k[0]]};
    if (ShapedType::isDynamic(s.sizeM) || ShapedType::isDynamic(s.sizeN) ||
        ShapedType::isDynamic(s.sizeK))
      return std::nullopt;
    return s;
  }

  /// Tile `op` by `sizes` (per loop; a size equal to the loop's range means
  /// "do not tile"), returning the tiled op.
  static FailureOr<Operation *> tile(RewriterBase &rw, Operation *op,
                                     ArrayRef<int64_t> sizes,
                                     ArrayRef<int64_t> ranges,
                                     ArrayRef<int64_t> interchange = {},
                                     bool parallel = false) {
    SmallVector<int64_t> effective;
    bool any = false;
    for (auto [s, r] : llvm::zip(sizes, ranges)) {
      effective.push_back(s == r ? 0 : s);
      any |= s != r;
    }
    if (!any)
      return op;
    scf::SCFTilingOptions options;
    options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), effective));
    if (!interchange.empty())
      options.setInterchange(interchange);
    if (parallel)
      options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    rw.setInsertionPoint(op);
    FailureOr<scf::SCFTilingResult> r =
        scf::tileUsingSCF(rw, cast<TilingInterface>(op), options);
    if (failed(r))
      return failure();
    rw.replaceOp(op, r->replacements);
    return r->tiledOps.back();
  }

  static constexpr int64_t packedCacheN = 256, packedCacheK = 256;

  LogicalResult schedule(RewriterBase &rw, linalg::LinalgOp op,
                         const ContractionShape &s) {
    // Two vectors per accumulator row; as many rows as leave registers for
    // the B vectors and the broadcast A element.
    int64_t lanes = hostLanes(getElementTypeOrSelf(op->getResult(0).getType()));
    int64_t maxM = registerM ? registerM
                             : (ngraph::hostVectorRegisters() >= 32 ? 8 : 6);
    int64_t maxN = registerN ? registerN : 2 * lanes;
    int64_t rM = fittingDivisor(s.sizeM, maxM);
    int64_t rN = s.sizeN % maxN == 0           ? maxN
                 : s.sizeN % lanes == 0 && lanes <= maxN ? lanes
                                                        : fittingDivisor(s.sizeN, maxN);
    // Packed operands are zero-padded, so their register tile need not
    // divide the shape.
    if (shouldPack(s, maxM, maxN) && packable(op, s))
      return schedulePacked(rw, op, s, maxM, maxN);
    return scheduleUnpacked(rw, op, s, rM, rN);
  }

  /// A matmul reading B as [N, K], rewritten to read a [K, N] copy: the
  /// register kernel loads rows of B along N.
  static linalg::LinalgOp transposeB(RewriterBase &rw, linalg::LinalgOp op,
                                     const ContractionShape &s) {
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    if (!isa<linalg::MatmulOp>(op.getOperation()) ||
        resultPos(maps[1], s.n) != 0)
      return op;
    Location loc = op.getLoc();
    Value b = op.getDpsInputOperand(1)->get();
    Type elt = getElementTypeOrSelf(b.getType());
    rw.setInsertionPoint(op);
    Value bT = linalg::TransposeOp::create(
                   rw, loc, b,
                   tensor::EmptyOp::create(
                       rw, loc, ArrayRef<int64_t>{s.sizeK, s.sizeN}, elt)
                       .getResult(),
                   ArrayRef<int64_t>{1, 0})
                   ->getResult(0);
    MLIRContext *ctx = op->getContext();
    maps[1] = AffineMap::get(3, 0,
                             {getAffineDimExpr(s.k, ctx), getAffineDimExpr(s.n, ctx)},
                             ctx);
    auto mm = linalg::MatmulOp::create(
        rw, loc, op->getResultTypes(),
        ValueRange{op.getDpsInputOperand(0)->get(), bT},
        ValueRange{op.getDpsInitOperand(0)->get()},
        {rw.getNamedAttr("indexing_maps", rw.getAffineMapArrayAttr(maps))});
    rw.replaceOp(op, mm->getResults());
    return cast<linalg::LinalgOp>(mm.getOperation());
  }

  LogicalResult scheduleUnpacked(RewriterBase &rw, linalg::LinalgOp op,
                                 const ContractionShape &s, int64_t rM,
                                 int64_t rN) {
    op = transposeB(rw, op, s);
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    int64_t cM = fittingDivisor(s.sizeM, cacheM, rM);
    int64_t cN = fittingDivisor(s.sizeN, cacheN, rN);
    int64_t cK = fittingDivisor(s.sizeK, cacheK);

    SmallVector<int64_t> cache(3), reg(3);
    cache[s.m] = cM, cache[s.n] = cN, cache[s.k] = cK;
    reg[s.m] = rM, reg[s.n] = rN, reg[s.k] = 1;
    FailureOr<Operation *> outer = tile(rw, op, cache, ranges);
    if (failed(outer))
      return op.emitError("could not tile the contraction for cache");
    FailureOr<Operation *> inner = tile(rw, *outer, reg, cache);
    if (failed(inner))
      return op.emitError("could not tile the contraction for registers");
    return vectorizeTile(rw, *inner);
  }

  static LogicalResult vectorizeTile(RewriterBase &rw, Operation *inner) {
    rw.setInsertionPoint(inner);
    FailureOr<linalg::VectorizationResult> v = linalg::vectorize(
        rw, inner, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
        /*vectorizeNDExtract=*/false, /*flatten1DDepthwiseConv=*/false,
        /*assumeDynamicDimsMatchVecSizes=*/false,
        /*createNamedContraction=*/true);
    if (failed(v))
      return inner->emitError("could not vectorize the register tile");
    rw.replaceOp(inner, v->replacements);
    return success();
  }

  /// Large contractions read packed copies of A and B: each register tile's
  /// A rows and B columns become one contiguous stream along K, instead of
  /// rows 4 KiB apart that thrash the TLB and alias in L1. Packing costs
  /// O(MK + KN + MN) against O(MNK) of arithmetic.
  static bool shouldPack(const ContractionShape &s, int64_t rM, int64_t rN) {
    return s.sizeM >= 4 * rM && s.sizeN >= 4 * rN && s.sizeK >= 32 &&
           s.sizeM * s.sizeN * s.sizeK >= (int64_t)1 << 20;
  }

  /// Position of loop `dim` in `map`'s results (for 2-D operand maps).
  static int64_t resultPos(AffineMap map, unsigned dim) {
    for (unsigned i = 0; i < map.getNumResults(); ++i)
      if (map.getDimPosition(i) == dim)
        return i;
    return -1;
  }

  /// `v` (2-D, with the dimension of extent `size` at position `outerPos`
  /// and K at the other) as [ceil(size/tile), K, tile], zero-padded.
  static Value pack(RewriterBase &rw, Location loc, Value v, int64_t outerPos,
                    int64_t tile, int64_t blocks) {
    auto t = cast<RankedTensorType>(v.getType());
    Type elt = t.getElementType();
    int64_t size = t.getDimSize(outerPos), k = t.getDimSize(1 - outerPos);
    int64_t used = llvm::divideCeil(size, tile), full = size / tile;
    Value packed = tensor::EmptyOp::create(
        rw, loc, ArrayRef<int64_t>{blocks, k, tile}, elt);
    // Full blocks are transposed straight from the source; a partial last
    // block is zero-padded first (a small copy), so the source is never
    // copied whole into a padded buffer.
    if (full)
      packed = packBlocks(rw, loc, rows(rw, loc, v, outerPos, 0, full * tile),
                          outerPos, tile, packed, 0);
    if (full != used) {
      SmallVector<int64_t> padded(t.getShape());
      padded[outerPos] = tile;
      Value zero = arith::ConstantOp::create(rw, loc, rw.getZeroAttr(elt));
      Value rest = tensor::createPadHighOp(
          RankedTensorType::get(padded, elt),
          rows(rw, loc, v, outerPos, full * tile, size - full * tile), zero,
          /*nofold=*/false, loc, rw);
      packed = packBlocks(rw, loc, rest, outerPos, tile, packed, full);
    }
    if (used != blocks) { // whole blocks of zeros (an even split by threads)
      SmallVector<OpFoldResult> offsets = {rw.getIndexAttr(used),
                                           rw.getIndexAttr(0), rw.getIndexAttr(0)},
                                sizes = {rw.getIndexAttr(blocks - used),
                                         rw.getIndexAttr(k), rw.getIndexAttr(tile)},
                                strides(3, rw.getIndexAttr(1));
      Value zero = arith::ConstantOp::create(rw, loc, rw.getZeroAttr(elt));
      Value slice = tensor::ExtractSliceOp::create(rw, loc, packed, offsets,
                                                   sizes, strides);
      Value zeros = linalg::FillOp::create(rw, loc, zero, slice).getResult(0);
      packed = tensor::InsertSliceOp::create(rw, loc, zeros, packed, offsets,
                                             sizes, strides);
    }
    return packed;
  }

  /// `count` rows (along `outerPos`) of the 2-D `v` from `first`.
  static Value rows(RewriterBase &rw, Location loc, Value v, int64_t outerPos,
                    int64_t first, int64_t count) {
    auto t = cast<RankedTensorType>(v.getType());
    if (first == 0 && count == t.getDimSize(outerPos))
      return v;
    SmallVector<OpFoldResult> offsets(2, rw.getIndexAttr(0)),
        sizes = {rw.getIndexAttr(t.getDimSize(0)), rw.getIndexAttr(t.getDimSize(1))},
        strides(2, rw.getIndexAttr(1));
    offsets[outerPos] = rw.getIndexAttr(first);
    sizes[outerPos] = rw.getIndexAttr(count);
    return tensor::ExtractSliceOp::create(rw, loc, v, offsets, sizes, strides);
  }

  /// Transposes `v` (whose `outerPos` extent is a multiple of `tile`) into
  /// blocks [first, first + extent/tile) of `packed` [blocks, K, tile].
  static Value packBlocks(RewriterBase &rw, Location loc, Value v,
                          int64_t outerPos, int64_t tile, Value packed,
                          int64_t first) {
    auto t = cast<RankedTensorType>(v.getType());
    auto p = cast<RankedTensorType>(packed.getType());
    Type elt = t.getElementType();
    int64_t n = t.getDimSize(outerPos) / tile, k = t.getDimSize(1 - outerPos);
    Value expanded;
    SmallVector<int64_t> perm;
    if (outerPos == 0) { // [n*tile, K] -> [n, tile, K]
      expanded = tensor::ExpandShapeOp::create(
          rw, loc, RankedTensorType::get({n, tile, k}, elt), v,
          ArrayRef<ReassociationIndices>{{0, 1}, {2}});
      perm = {0, 2, 1};
    } else { // [K, n*tile] -> [K, n, tile]
      expanded = tensor::ExpandShapeOp::create(
          rw, loc, RankedTensorType::get({k, n, tile}, elt), v,
          ArrayRef<ReassociationIndices>{{0}, {1, 2}});
      perm = {1, 0, 2};
    }
    SmallVector<OpFoldResult> offsets = {rw.getIndexAttr(first),
                                         rw.getIndexAttr(0), rw.getIndexAttr(0)};
    SmallVector<OpFoldResult> sizes = {rw.getIndexAttr(n), rw.getIndexAttr(k),
                                       rw.getIndexAttr(tile)};
    SmallVector<OpFoldResult> strides(3, rw.getIndexAttr(1));
    bool whole = n == p.getDimSize(0);
    Value dst = whole ? packed
                      : tensor::ExtractSliceOp::create(rw, loc, packed, offsets,
                                                       sizes, strides)
                            .getResult();
    Value blocks =
        linalg::TransposeOp::create(rw, loc, expanded, dst, perm)->getResult(0);
    if (whole)
      return blocks;
    return tensor::InsertSliceOp::create(rw, loc, blocks, packed, offsets,
                                         sizes, strides);
  }

  /// C4 [n1, m1, rM, rN] back to C [M, N]: each of up to four pieces (full
  /// blocks, and the partial last block row/column) is transposed straight
  /// into its place in C, so padding costs no copy of the whole result.
  static Value unpack(RewriterBase &rw, Location loc, Value c4, int64_t m,
                      int64_t n) {
    auto t = cast<RankedTensorType>(c4.getType());
    Type elt = t.getElementType();
    int64_t rM = t.getDimSize(2), rN = t.getDimSize(3);
    Value out = tensor::EmptyOp::create(rw, loc, ArrayRef<int64_t>{m, n}, elt);
    auto idx = [&](int64_t v) -> OpFoldResult { return rw.getIndexAttr(v); };
    // (first block, blocks, elements) along one dimension.
    auto pieces = [](int64_t size, int64_t tile) {
      SmallVector<std::array<int64_t, 3>> r;
      if (size / tile)
        r.push_back({0, size / tile, size / tile * tile});
      if (size % tile)
        r.push_back({size / tile, 1, size % tile});
      return r;
    };
    for (auto [bm, nbm, rows] : pieces(m, rM)) {
      for (auto [bn, nbn, cols] : pieces(n, rN)) {
        Value src = tensor::ExtractSliceOp::create(
            rw, loc, c4, ArrayRef<OpFoldResult>{idx(bn), idx(bm), idx(0), idx(0)},
            ArrayRef<OpFoldResult>{idx(nbn), idx(nbm), idx(rM), idx(rN)},
            ArrayRef<OpFoldResult>{idx(1), idx(1), idx(1), idx(1)});
        SmallVector<OpFoldResult> offsets = {idx(bm * rM), idx(bn * rN)},
                                  sizes = {idx(rows), idx(cols)},
                                  strides = {idx(1), idx(1)};
        Value piece;
        if (rows == nbm * rM && cols == nbn * rN) {
          // Transpose into C's own rows and columns.
          Value dst = tensor::ExtractSliceOp::create(rw, loc, out, offsets,
                                                     sizes, strides);
          Value dst4 = tensor::ExpandShapeOp::create(
              rw, loc, RankedTensorType::get({nbm, rM, nbn, rN}, elt), dst,
              ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
          Value tr = linalg::TransposeOp::create(rw, loc, src, dst4,
                                                 ArrayRef<int64_t>{1, 2, 0, 3})
                         ->getResult(0);
          piece = tensor::CollapseShapeOp::create(
              rw, loc, RankedTensorType::get({rows, cols}, elt), tr,
              ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
        } else {
          // A partial block: transpose the padded block, keep its corner.
          Value tr =
              linalg::TransposeOp::create(
                  rw, loc, src,
                  tensor::EmptyOp::create(
                      rw, loc, ArrayRef<int64_t>{nbm, rM, nbn, rN}, elt)
                      .getResult(),
                  ArrayRef<int64_t>{1, 2, 0, 3})
                  ->getResult(0);
          Value full = tensor::CollapseShapeOp::create(
              rw, loc, RankedTensorType::get({nbm * rM, nbn * rN}, elt), tr,
              ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
          piece = tensor::ExtractSliceOp::create(
              rw, loc, full, ArrayRef<OpFoldResult>{idx(0), idx(0)}, sizes,
              strides);
        }
        out = tensor::InsertSliceOp::create(rw, loc, piece, out, offsets, sizes,
                                            strides);
      }
    }
    return out;
  }

  /// The plain C[M, N] = fill + A B (A and B 2-D in either order) that the
  /// ng.dot lowering emits; anything else keeps the unpacked schedule.
  static bool packable(linalg::LinalgOp op, const ContractionShape &s) {
    if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1 ||
        !op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>())
      return false;
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    for (AffineMap m : maps)
      if (m.getNumResults() != 2 || !m.isProjectedPermutation())
        return false;
    return resultPos(maps[0], s.m) >= 0 && resultPos(maps[0], s.k) >= 0 &&
           resultPos(maps[1], s.n) >= 0 && resultPos(maps[1], s.k) >= 0 &&
           resultPos(maps[2], s.m) == 0 && resultPos(maps[2], s.n) == 1 &&
           isa<linalg::MatmulOp>(op.getOperation());
  }

  /// C = fill + A B as a linalg.contract over packed operands, then unpacked.
  LogicalResult schedulePacked(RewriterBase &rw, linalg::LinalgOp op,
                               const ContractionShape &s, int64_t rM,
                               int64_t rN) {
    Location loc = op.getLoc();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    auto fill = op.getDpsInitOperand(0)->get().getDefiningOp<linalg::FillOp>();
    int64_t aM = resultPos(maps[0], s.m), bN = resultPos(maps[1], s.n);
    Type elt = getElementTypeOrSelf(op->getResult(0).getType());
    rw.setInsertionPoint(op);
    int64_t m1 = llvm::divideCeil(s.sizeM, rM),
            n1 = llvm::divideCeil(s.sizeN, rN);
    // With threads, C is split along its dimension with more blocks; that
    // count is padded to a multiple of the threads so every part is static.
    bool alongM = m1 >= n1;
    if (threads > 1)
      (alongM ? m1 : n1) = llvm::alignTo(alongM ? m1 : n1, threads);
    Value a = pack(rw, loc, op.getDpsInputOperand(0)->get(), aM, rM, m1);
    Value b = pack(rw, loc, op.getDpsInputOperand(1)->get(), bN, rN, n1);
    Value c4 = linalg::FillOp::create(
                   rw, loc, fill.getInputs()[0],
                   tensor::EmptyOp::create(rw, loc,
                                           ArrayRef<int64_t>{n1, m1, rM, rN}, elt)
                       .getResult())
                   .getResult(0);
    // Loops (m1, n1, m0, n0, k): C4[n1, m1, m0, n0] += A[m1, k, m0] B[n1, k, n0].
    // The innermost cache loop walks m1, so consecutive register tiles of C
    // are adjacent in memory, a stream the hardware prefetcher follows
    // (with [m1, n1] they were a B panel's width apart: a cache miss at the
    // start of every tile).
    MLIRContext *ctx = op->getContext();
    AffineExpr i1, j1, i0, j0, kk;
    bindDims(ctx, i1, j1, i0, j0, kk);
    ArrayAttr packedMaps =
        rw.getAffineMapArrayAttr({AffineMap::get(5, 0, {i1, kk, i0}, ctx),
                                  AffineMap::get(5, 0, {j1, kk, j0}, ctx),
                                  AffineMap::get(5, 0, {j1, i1, i0, j0}, ctx)});
    auto packedOp = linalg::ContractOp::create(rw, loc, TypeRange{c4.getType()},
                                            ValueRange{a, b}, ValueRange{c4},
                                            packedMaps);
    Value c = unpack(rw, loc, packedOp.getResult(0), s.sizeM, s.sizeN);
    rw.replaceOp(op, c);

    // Cache tiles over m1, n1, k, then one register tile (all of m0, n0)
    // per (m1, n1, k).
    int64_t cM = fittingDivisor(m1, std::max<int64_t>(1, cacheM / rM));
    int64_t cN = fittingDivisor(n1, std::max<int64_t>(1, packedCacheN / rN));
    int64_t cK = fittingDivisor(s.sizeK, packedCacheK);
    SmallVector<int64_t> ranges = {m1, n1, rM, rN, s.sizeK};
    SmallVector<int64_t> cache = {cM, cN, rM, rN, cK};
    // GotoBLAS order: a B block (cK x cN) stays in L2 while every A block
    // passes it; within it each B panel (cK x rN) stays in L1 while every
    // A row tile passes it.
    Operation *target = packedOp;
    if (threads > 1) {
      // One block of C per thread; inside, each thread runs the
      // single-thread schedule on its block.
      int64_t blocks = alongM ? m1 : n1;
      int64_t per = blocks / threads;
      SmallVector<int64_t> split = ranges;
      (alongM ? split[0] : split[1]) = per;
      if (per < blocks) {
        FailureOr<Operation *> part = tile(rw, packedOp, split, ranges, {},
                                           /*parallel=*/true);
        if (failed(part))
          return packedOp.emitError("could not split the contraction between "
                                 "threads");
        target = *part;
        (alongM ? ranges[0] : ranges[1]) = per;
        (alongM ? cache[0] : cache[1]) =
            fittingDivisor(per, alongM ? cache[0] : cache[1]);
      }
    }
    FailureOr<Operation *> outer =
        tile(rw, target, cache, ranges, {1, 4, 0, 2, 3});
    if (failed(outer))
      return packedOp.emitError("could not tile the packed contraction for cache");
    FailureOr<Operation *> inner =
        tile(rw, *outer, {1, 1, rM, rN, 1}, cache, {1, 0, 2, 3, 4});
    if (failed(inner))
      return packedOp.emitError("could not tile the packed contraction for "
                             "registers");
    return vectorizeTile(rw, *inner);
  }

  /// Tiles a static transpose into blocks that move whole vectors: the
  /// output's innermost dimension (contiguous on writes) by up to two host
  /// vectors, and the output dimension that is the input's innermost
  /// (contiguous on reads) by up to 8; other dimensions by 1.
  static LogicalResult vectorizeTranspose(RewriterBase &rw,
                                          linalg::TransposeOp t) {
    auto in = cast<RankedTensorType>(t.getInput().getType());
    if (!in.hasStaticShape() || in.getRank() < 2 || !t.hasPureTensorSemantics())
      return success();
    ArrayRef<int64_t> perm = t.getPermutation();
    int64_t rank = in.getRank();
    SmallVector<int64_t> out = llvm::map_to_vector(
        perm, [&](int64_t p) { return in.getDimSize(p); });
    int64_t lanes = hostLanes(in.getElementType());
    SmallVector<int64_t> sizes(rank, 1);
    sizes[rank - 1] = fittingDivisor(out[rank - 1], 2 * lanes);
    for (int64_t d = 0; d < rank; ++d)
      if (perm[d] == rank - 1 && d != rank - 1)
        sizes[d] = fittingDivisor(out[d], 8);
    FailureOr<Operation *> tiled = tile(rw, t, sizes, out);
    if (failed(tiled))
      return t.emitError("could not tile a transpose");
    rw.setInsertionPoint(*tiled);
    FailureOr<linalg::VectorizationResult> v = linalg::vectorize(rw, *tiled);
    if (failed(v))
      return (*tiled)->emitError("could not vectorize a transpose");
    rw.replaceOp(*tiled, v->replacements);
    return success();
  }

  /// With threads, every other large all-parallel op at the top of the
  /// function (elementwise math, fills, the packing copies) is split along
  /// its first loop into one part per thread: left on one thread they
  /// would bound the speed-up of a training step (Amdahl).
  void parallelizeLargeOps(RewriterBase &rw, func::FuncOp fn) {
    SmallVector<linalg::LinalgOp> work;
    for (Operation &op : fn.getBody().front()) {
      auto l = dyn_cast<linalg::LinalgOp>(&op);
      if (!l || !l.hasPureTensorSemantics() || linalg::isaContractionOpInterface(l))
        continue;
      SmallVector<int64_t> ranges = l.getStaticLoopRanges();
      if (ranges.empty() || llvm::any_of(ranges, ShapedType::isDynamic) ||
          l.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
          ranges[0] % threads != 0)
        continue;
      int64_t elements = 1;
      for (int64_t r : ranges)
        elements *= r;
      if (elements >= (int64_t)1 << 15)
        work.push_back(l);
    }
    for (linalg::LinalgOp l : work) {
      SmallVector<int64_t> ranges = l.getStaticLoopRanges();
      SmallVector<int64_t> sizes(ranges);
      sizes[0] = ranges[0] / threads;
      // A failure leaves the op serial, which is still correct.
      (void)tile(rw, l, sizes, ranges, {}, /*parallel=*/true);
    }
  }

  /// Tiles `op` along its innermost loop (1 along the others) and
  /// vectorizes it when the body vectorizes; otherwise leaves it as it is
  /// (scalar loops, still correct). A parallel innermost loop (elementwise
  /// math, fills, reductions over outer axes) goes one host vector at a time.
  /// A reduced one (a loss summed over the batch, a bias gradient) goes row
  /// by row in chunks of four host vectors, so the fused math runs on
  /// vectors and each chunk ends in one horizontal reduction.
  static void vectorizeAlongInnermost(RewriterBase &rw, linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || linalg::isaContractionOpInterface(op))
      return;
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    if (ranges.empty() || llvm::any_of(ranges, ShapedType::isDynamic) ||
        failed(linalg::vectorizeOpPrecondition(op)))
      return;
    Type elt = getElementTypeOrSelf(op->getResult(0).getType());
    if (!elt.isIntOrFloat())
      return;
    int64_t lanes = hostLanes(elt);
    SmallVector<int64_t> sizes(ranges.size(), 1);
    if (op.getIteratorTypesArray().back() == utils::IteratorType::parallel) {
      sizes.back() = fittingDivisor(ranges.back(), lanes);
    } else {
      if (!isa<FloatType>(elt) || op->getNumResults() != 1 ||
          ranges.back() % lanes != 0)
        return;
      sizes.back() = fittingDivisor(ranges.back(), 4 * lanes, lanes);
    }
    FailureOr<Operation *> tiled = tile(rw, op, sizes, ranges);
    if (failed(tiled))
      return;
    rw.setInsertionPoint(*tiled);
    FailureOr<linalg::VectorizationResult> v = linalg::vectorize(rw, *tiled);
    if (succeeded(v))
      rw.replaceOp(*tiled, v->replacements);
  }

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    // Declarations (the runtime's collectives) have nothing to schedule.
    if (fn.isExternal())
      return;
    SmallVector<std::pair<linalg::LinalgOp, ContractionShape>> work;
    fn.walk([&](linalg::LinalgOp op) {
      if (auto s = match(op))
        work.push_back({op, *s});
    });
    IRRewriter rw(&getContext());
    for (auto &[op, s] : work)
      if (failed(schedule(rw, op, s)))
        return signalPassFailure();
    if (threads > 1)
      parallelizeLargeOps(rw, fn);
    // The packing and unpacking copies, as vector moves.
    SmallVector<linalg::TransposeOp> transposes;
    fn.walk([&](linalg::TransposeOp t) { transposes.push_back(t); });
    for (linalg::TransposeOp t : transposes)
      if (failed(vectorizeTranspose(rw, t)))
        return signalPassFailure();
    // Elementwise math, fills and reductions, along the innermost axis.
    SmallVector<linalg::LinalgOp> elementwise;
    fn.walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::TransposeOp>(op.getOperation()) &&
          !op->getParentOfType<scf::ForOp>())
        elementwise.push_back(op);
    });
    for (linalg::LinalgOp op : elementwise)
      vectorizeAlongInnermost(rw, op);

    // Fold the slices into the vector transfers, drop single-trip loops.
    RewritePatternSet patterns(&getContext());
    tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
    // Packed tiles are 4-D with unit outer dims: make them 2-D so the
    // contraction lowers to the same outer products as unpacked tiles.
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    for (Dialect *d : getContext().getLoadedDialects())
      d->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName name :
         getContext().getRegisteredOperations())
      name.getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(fn, std::move(patterns))))
      return signalPassFailure();

    // Keep accumulators in registers: move the C block's read and write out
    // of the K loop, innermost loops first.
    SmallVector<scf::ForOp> loops;
    fn.walk<WalkOrder::PostOrder>([&](scf::ForOp f) { loops.push_back(f); });
    for (scf::ForOp f : loops)
      hoistLoopInvariantSubsets(rw, cast<LoopLikeOpInterface>(f.getOperation()));

    // The K loop of a register tile: one step is rM x 2 FMAs; unrolled, the
    // loop counter and branch are paid once per several steps (a few
    // percent of the kernel at 6 x 16). Hoisting replaced the loops, so
    // they are collected again.
    if (unrollK <= 1)
      return;
    SmallVector<scf::ForOp> kLoops;
    fn.walk([&](scf::ForOp f) {
      if (isRegisterKLoop(f))
        kLoops.push_back(f);
    });
    for (scf::ForOp f : kLoops)
      if (std::optional<APInt> trips = f.getStaticTripCount())
        if (int64_t factor = fittingDivisor(trips->getSExtValue(), unrollK);
            factor > 1)
          (void)loopUnrollByFactor(f, factor);
  }

  /// A loop whose body is one register tile's step: a `vector.contract`
  /// on an accumulator the loop carries (hoisted out of it above).
  static bool isRegisterKLoop(scf::ForOp f) {
    if (f.getNumRegionIterArgs() == 0)
      return false;
    for (Operation &op : f.getBody()->without_terminator())
      if (auto c = dyn_cast<vector::ContractionOp>(&op))
        if (llvm::is_contained(f.getRegionIterArgs(), c.getAcc()))
          return true;
    return false;
  }
};
} // namespace
