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
// sizes that divide the shape; large ones read packed copies of A and B in
// GotoBLAS loop order and accumulate straight into C.
// A register tile's K loop starts from zero accumulators and adds the C
// block once it is done, so the (often missing) read of C overlaps the
// last FMAs instead of holding up the first.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/Support/HostCPU.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
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
/// A vector.contract over several reduction loops, some of one trip (in a
/// register tile of a K-blocked contraction, the K block loop), as the
/// same contraction without those: the outer-product lowering takes one
/// reduction loop.
struct DropUnitReductionLoops : OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rw) const override {
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    SmallVector<vector::IteratorType> iters = op.getIteratorTypesArray();
    unsigned numLoops = maps[0].getNumDims();
    SmallVector<int64_t> sizes(numLoops, ShapedType::kDynamic);
    Value operands[] = {op.getLhs(), op.getRhs()};
    for (auto [v, map] : llvm::zip(operands, maps))
      for (auto [i, size] :
           llvm::enumerate(cast<VectorType>(v.getType()).getShape()))
        sizes[map.getDimPosition(i)] = size;
    llvm::SmallBitVector drop(numLoops);
    unsigned reductions = 0;
    for (unsigned d = 0; d < numLoops; ++d)
      if (iters[d] == vector::IteratorType::reduction) {
        ++reductions;
        if (sizes[d] == 1)
          drop.set(d);
      }
    // Keep one reduction loop.
    if (drop.count() == reductions)
      drop.reset(drop.find_last());
    if (drop.none())
      return failure();
    SmallVector<Value> newOperands;
    SmallVector<AffineMap> newMaps;
    for (auto [v, map] : llvm::zip(operands, maps)) {
      auto type = cast<VectorType>(v.getType());
      SmallVector<int64_t> shape, dropped;
      for (auto [i, size] : llvm::enumerate(type.getShape())) {
        if (drop.test(map.getDimPosition(i)))
          dropped.push_back(i);
        else
          shape.push_back(size);
      }
      newOperands.push_back(vector::ShapeCastOp::create(
          rw, op.getLoc(), VectorType::get(shape, type.getElementType()), v));
      newMaps.push_back(compressDims(map.dropResults(dropped), drop));
    }
    newMaps.push_back(compressDims(maps[2], drop));
    SmallVector<Attribute> newIters;
    for (unsigned d = 0; d < numLoops; ++d)
      if (!drop.test(d))
        newIters.push_back(vector::IteratorTypeAttr::get(getContext(), iters[d]));
    rw.replaceOpWithNewOp<vector::ContractionOp>(
        op, newOperands[0], newOperands[1], op.getAcc(),
        rw.getAffineMapArrayAttr(newMaps), rw.getArrayAttr(newIters),
        op.getKind());
    return success();
  }
};

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
    if (isa<linalg::MatmulOp>(op.getOperation()) && shouldTranspose(s, lanes))
      return scheduleTransposed(rw, op, s);
    int64_t maxM = registerM ? registerM
                             : (ngraph::hostVectorRegisters() >= 32 ? 8 : 6);
    int64_t maxN = registerN ? registerN : 2 * lanes;
    int64_t rM = fittingDivisor(s.sizeM, maxM);
    int64_t rN = s.sizeN % maxN == 0           ? maxN
                 : s.sizeN % lanes == 0 && lanes <= maxN ? lanes
                                                        : fittingDivisor(s.sizeN, maxN);
    // The packed schedule handles shapes the register tile does not
    // divide (the rows and columns left over take smaller tiles).
    if (shouldPack(s, maxM, maxN) && packable(op, s))
      return schedulePacked(rw, op, s, maxM, maxN);
    return scheduleUnpacked(rw, op, s, rM, rN);
  }

  /// A new [rows, cols] tensor filled with `value`.
  static Value filled(RewriterBase &rw, Location loc, Value value,
                      int64_t rows, int64_t cols) {
    return linalg::FillOp::create(
               rw, loc, value,
               tensor::EmptyOp::create(rw, loc, ArrayRef<int64_t>{rows, cols},
                                       value.getType())
                   .getResult())
        .getResult(0);
  }

  /// C's rows are shorter than whole vectors allow (N = 10: vectors of 8
  /// + 2 lanes, and no register rows to spare for more) while its columns
  /// fill them (a weight gradient of a 10-class output layer, 1024 x 10):
  /// C^T = B^T A^T has full vectors along M. Its two transposes move
  /// O(MK + MN) elements against O(MNK) of arithmetic.
  static bool shouldTranspose(const ContractionShape &s, int64_t lanes) {
    return s.sizeN % lanes != 0 && s.sizeM % lanes == 0 &&
           s.sizeM >= 4 * lanes && s.sizeK >= lanes &&
           s.sizeM * s.sizeN * s.sizeK >= (int64_t)1 << 16;
  }

  /// C[M, N] (+)= A B as C'[N, M] = B^T A^T from zero, then C' transposed
  /// into C (or added to C transposed, when C is an accumulator).
  LogicalResult scheduleTransposed(RewriterBase &rw, linalg::LinalgOp op,
                                   const ContractionShape &s) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op->getContext();
    Type elt = getElementTypeOrSelf(op->getResult(0).getType());
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    // A matmul's loops are (m, n, k); the new one's are (n, m, k) in the
    // old terms, so each operand's map reads them through this swap.
    AffineMap swap =
        AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0, 2}, ctx);
    AffineMap outMap = AffineMap::getMultiDimIdentityMap(3, ctx).getMajorSubMap(2);
    rw.setInsertionPoint(op);
    Value zero = arith::ConstantOp::create(rw, loc, elt, rw.getZeroAttr(elt));
    Value ct = filled(rw, loc, zero, s.sizeN, s.sizeM);
    auto swapped = linalg::MatmulOp::create(
        rw, loc, TypeRange{ct.getType()},
        ValueRange{op.getDpsInputOperand(1)->get(),
                   op.getDpsInputOperand(0)->get()},
        ValueRange{ct},
        {rw.getNamedAttr("indexing_maps",
                         rw.getAffineMapArrayAttr(
                             {maps[1].compose(swap), maps[0].compose(swap),
                              outMap}))});
    Value init = op.getDpsInitOperand(0)->get();
    Value result;
    auto fill = init.getDefiningOp<linalg::FillOp>();
    if (fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat())) {
      result = linalg::TransposeOp::create(
                   rw, loc, swapped.getResult(0),
                   tensor::EmptyOp::create(
                       rw, loc, ArrayRef<int64_t>{s.sizeM, s.sizeN}, elt)
                       .getResult(),
                   ArrayRef<int64_t>{1, 0})
                   ->getResult(0);
    } else {
      // C + C'^T, C updated in place.
      AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
      AffineMap tr = AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, ctx);
      result = linalg::GenericOp::create(
                   rw, loc, init.getType(), ValueRange{swapped.getResult(0)},
                   ValueRange{init}, ArrayRef<AffineMap>{tr, id},
                   SmallVector<utils::IteratorType>(
                       2, utils::IteratorType::parallel),
                   [](OpBuilder &b, Location l, ValueRange args) {
                     linalg::YieldOp::create(
                         b, l,
                         ValueRange{arith::AddFOp::create(b, l, args[1],
                                                          args[0])});
                   })
                   .getResult(0);
    }
    rw.replaceOp(op, result);
    std::optional<ContractionShape> ts = match(swapped);
    if (!ts)
      return swapped.emitError("could not schedule the transposed "
                               "contraction");
    return schedule(rw, swapped, *ts);
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

  /// `v` (2-D: the dimension of extent `size` at position `outerPos`, K at
  /// the other; `size` a multiple of `tile`, K of `kBlock`) as
  /// [K/kBlock, size/tile, kBlock, tile]. The panels that one K block of
  /// consecutive register tiles reads are adjacent: one contiguous stream
  /// across the tiles, as GotoBLAS packs per K block.
  static Value pack(RewriterBase &rw, Location loc, Value v, int64_t outerPos,
                    int64_t tile, int64_t kBlock) {
    auto t = cast<RankedTensorType>(v.getType());
    Type elt = t.getElementType();
    int64_t n = t.getDimSize(outerPos) / tile,
            kb = t.getDimSize(1 - outerPos) / kBlock;
    SmallVector<int64_t> shape = outerPos == 0
                                     ? SmallVector<int64_t>{n, tile, kb, kBlock}
                                     : SmallVector<int64_t>{kb, kBlock, n, tile};
    Value expanded = tensor::ExpandShapeOp::create(
        rw, loc, RankedTensorType::get(shape, elt), v,
        ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
    Value packed = tensor::EmptyOp::create(
        rw, loc, ArrayRef<int64_t>{kb, n, kBlock, tile}, elt);
    return linalg::TransposeOp::create(
               rw, loc, expanded, packed,
               outerPos == 0 ? ArrayRef<int64_t>{2, 0, 3, 1}
                             : ArrayRef<int64_t>{0, 2, 1, 3})
        ->getResult(0);
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

  /// The plain C[M, N] += A B (A and B 2-D in either order) that the
  /// ng.dot lowering emits, C a fill or a tensor accumulated into
  /// (ng-accumulate-contractions); anything else keeps the unpacked
  /// schedule.
  static bool packable(linalg::LinalgOp op, const ContractionShape &s) {
    if (op.getNumDpsInputs() != 2 || op.getNumDpsInits() != 1)
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

  /// Rows [m0, m0 + m) and columns [n0, n0 + n) of the 2-D `c`.
  static Value block(RewriterBase &rw, Location loc, Value c, int64_t m0,
                     int64_t m, int64_t n0, int64_t n) {
    return rows(rw, loc, rows(rw, loc, c, 0, m0, m), 1, n0, n);
  }

  /// `c` with `piece` written over rows [m0, ...) and columns [n0, ...).
  static Value insertBlock(RewriterBase &rw, Location loc, Value piece,
                           Value c, int64_t m0, int64_t n0) {
    auto t = cast<RankedTensorType>(piece.getType());
    if (t == c.getType())
      return piece;
    return tensor::InsertSliceOp::create(
        rw, loc, piece, c,
        ArrayRef<OpFoldResult>{rw.getIndexAttr(m0), rw.getIndexAttr(n0)},
        ArrayRef<OpFoldResult>{rw.getIndexAttr(t.getDimSize(0)),
                               rw.getIndexAttr(t.getDimSize(1))},
        ArrayRef<OpFoldResult>{rw.getIndexAttr(1), rw.getIndexAttr(1)});
  }

  /// C = fill + A B over packed operands, accumulated straight into C: its
  /// full rM x rN tiles are a view [M/rM, rM, N/rN, rN] of C. The rows left
  /// over below them (M mod rM) take the same path with a shorter register
  /// tile; the columns left over to their right (N mod rN) are a small
  /// contraction of their own, scheduled unpacked.
  LogicalResult schedulePacked(RewriterBase &rw, linalg::LinalgOp op,
                               const ContractionShape &s, int64_t rM,
                               int64_t rN) {
    Location loc = op.getLoc();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    int64_t aM = resultPos(maps[0], s.m), bN = resultPos(maps[1], s.n);
    Value a = op.getDpsInputOperand(0)->get(),
          b = op.getDpsInputOperand(1)->get();
    rw.setInsertionPoint(op);
    // A filled C gets a fill of its own: the one it had may be shared (CSE
    // merges equal fills), and writing a shared one in place would need a
    // copy.
    Value c = op.getDpsInitOperand(0)->get();
    if (auto fill = c.getDefiningOp<linalg::FillOp>())
      c = filled(rw, loc, fill.getInputs()[0], s.sizeM, s.sizeN);
    int64_t m1 = s.sizeM / rM, n1 = s.sizeN / rN;
    // With threads, C's full tiles are split along a dimension whose tile
    // count the threads divide (every part static); failing both, tiles
    // are handed to the edges until one does.
    bool alongM = m1 >= n1;
    if (threads > 1) {
      if (m1 % threads == 0 && (alongM || n1 % threads != 0))
        alongM = true;
      else if (n1 % threads == 0)
        alongM = false;
      else
        (alongM ? m1 : n1) -= (alongM ? m1 : n1) % threads;
    }
    int64_t mFull = m1 * rM, nFull = n1 * rN;
    int64_t cK = fittingDivisor(s.sizeK, packedCacheK);
    Value bPacked = pack(rw, loc, rows(rw, loc, b, bN, 0, nFull), bN, rN, cK);
    FailureOr<Value> main =
        packedBlock(rw, loc, rows(rw, loc, a, aM, 0, mFull), aM, bPacked,
                    block(rw, loc, c, 0, mFull, 0, nFull), rM, rN,
                    threads > 1 ? std::optional<bool>(alongM) : std::nullopt);
    if (failed(main))
      return failure();
    c = insertBlock(rw, loc, *main, c, 0, 0);
    if (int64_t left = s.sizeM - mFull) {
      FailureOr<Value> bottom = packedBlock(
          rw, loc, rows(rw, loc, a, aM, mFull, left), aM, bPacked,
          block(rw, loc, c, mFull, left, 0, nFull), fittingDivisor(left, rM),
          rN, std::nullopt);
      if (failed(bottom))
        return failure();
      c = insertBlock(rw, loc, *bottom, c, mFull, 0);
    }
    if (int64_t left = s.sizeN - nFull) {
      auto right = linalg::MatmulOp::create(
          rw, loc, TypeRange{RankedTensorType::get(
                      {s.sizeM, left}, getElementTypeOrSelf(c.getType()))},
          ValueRange{a, rows(rw, loc, b, bN, nFull, left)},
          ValueRange{block(rw, loc, c, 0, s.sizeM, nFull, left)},
          {rw.getNamedAttr("indexing_maps", rw.getAffineMapArrayAttr(maps))});
      c = insertBlock(rw, loc, right.getResult(0), c, 0, nFull);
      std::optional<ContractionShape> rs = match(right);
      OpBuilder::InsertionGuard guard(rw);
      if (!rs || failed(schedule(rw, right, *rs)))
        return op.emitError("could not schedule the contraction's last "
                            "columns");
    }
    rw.replaceOp(op, c);
    return success();
  }

  /// `cBlock` [m, n] += `aRows` [m, K] (or [K, m]) times the packed B
  /// [K/cK, n/rN, cK, rN], with A packed [K/cK, m/rM, cK, rM] and C read
  /// and written in place as [m/rM, rM, n/rN, rN]; tiled for cache and
  /// registers. With
  /// `split`, the tiles are first shared between the threads along M (true)
  /// or N.
  FailureOr<Value> packedBlock(RewriterBase &rw, Location loc, Value aRows,
                               int64_t aM, Value bPacked, Value cBlock,
                               int64_t rM, int64_t rN,
                               std::optional<bool> split) {
    OpBuilder::InsertionGuard guard(rw);
    auto ct = cast<RankedTensorType>(cBlock.getType());
    Type elt = ct.getElementType();
    int64_t m1 = ct.getDimSize(0) / rM, n1 = ct.getDimSize(1) / rN;
    auto bt = cast<RankedTensorType>(bPacked.getType());
    int64_t kBlocks = bt.getDimSize(0), cK = bt.getDimSize(2);
    Value aPacked = pack(rw, loc, aRows, aM, rM, cK);
    Value c4 = tensor::ExpandShapeOp::create(
        rw, loc, RankedTensorType::get({m1, rM, n1, rN}, elt), cBlock,
        ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});
    // Loops (kb, m1, n1, m0, n0, k):
    //   C4[m1, m0, n1, n0] += A[kb, m1, k, m0] B[kb, n1, k, n0].
    // The K block loop leads, so that in a register tile (where it has one
    // trip) it is cast away like the other leading unit loops, leaving
    // one reduction: the outer products along k.
    MLIRContext *ctx = rw.getContext();
    AffineExpr i1, j1, i0, j0, kb, kk;
    bindDims(ctx, kb, i1, j1, i0, j0, kk);
    ArrayAttr maps = rw.getAffineMapArrayAttr(
        {AffineMap::get(6, 0, {kb, i1, kk, i0}, ctx),
         AffineMap::get(6, 0, {kb, j1, kk, j0}, ctx),
         AffineMap::get(6, 0, {i1, i0, j1, j0}, ctx)});
    auto packedOp = linalg::ContractOp::create(
        rw, loc, TypeRange{c4.getType()}, ValueRange{aPacked, bPacked},
        ValueRange{c4}, maps);
    Value result = tensor::CollapseShapeOp::create(
        rw, loc, ct, packedOp.getResult(0),
        ArrayRef<ReassociationIndices>{{0, 1}, {2, 3}});

    // Cache tiles over m1, n1 and the K blocks, then one register tile (all
    // of m0, n0) per (m1, n1, k).
    int64_t cM = fittingDivisor(m1, std::max<int64_t>(1, cacheM / rM));
    int64_t cN = fittingDivisor(n1, std::max<int64_t>(1, packedCacheN / rN));
    SmallVector<int64_t> ranges = {kBlocks, m1, n1, rM, rN, cK};
    SmallVector<int64_t> cache = {1, cM, cN, rM, rN, cK};
    Operation *target = packedOp;
    if (split) {
      // One block of C per thread; inside, each thread runs the
      // single-thread schedule on its block.
      unsigned d = *split ? 1 : 2;
      int64_t per = ranges[d] / threads;
      SmallVector<int64_t> part = ranges;
      part[d] = per;
      if (per < ranges[d]) {
        FailureOr<Operation *> tiled = tile(rw, packedOp, part, ranges, {},
                                            /*parallel=*/true);
        if (failed(tiled))
          return packedOp.emitError("could not split the contraction between "
                                    "threads");
        target = *tiled;
        ranges[d] = per;
        cache[d] = fittingDivisor(per, cache[d]);
      }
    }
    // A B block (cK x cN) stays in L2 while the rows of A pass it; each
    // register tile's A panel (cK x rM) stays in L1 while the tiles walk
    // along N, so consecutive tiles of C are adjacent in its rows: six
    // sequential streams the hardware prefetcher follows.
    FailureOr<Operation *> outer =
        tile(rw, target, cache, ranges, {2, 0, 1, 3, 4, 5});
    if (failed(outer))
      return packedOp.emitError(
          "could not tile the packed contraction for cache");
    FailureOr<Operation *> inner = tile(rw, *outer, {1, 1, 1, rM, rN, 1}, cache);
    if (failed(inner))
      return packedOp.emitError("could not tile the packed contraction for "
                                "registers");
    if (failed(vectorizeTile(rw, *inner)))
      return failure();
    return result;
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
    // A block move (the innermost dimension stays innermost) walked in the
    // output's order reads one short run per input row, rows a whole row
    // of the input apart: the hardware prefetcher stops at every page, so
    // from memory each run is a miss. The outermost input dimension that
    // moves is walked 8 at a time, outside the output dimensions after it:
    // reads become 8 sequential streams and writes runs of 8 rows.
    Operation *target = t;
    SmallVector<int64_t> ranges = out;
    if (perm.back() == rank - 1) {
      int64_t moved = 0;
      while (moved < rank && perm[moved] == moved)
        ++moved;
      if (moved < rank) {
        int64_t d = llvm::find(perm, moved) - perm.begin();
        SmallVector<int64_t> block(out);
        for (int64_t i = 0; i < moved; ++i)
          block[i] = 1;
        block[d] = fittingDivisor(out[d], 8);
        FailureOr<Operation *> outer = tile(rw, t, block, out);
        if (failed(outer))
          return t.emitError("could not tile a transpose");
        target = *outer;
        ranges = block;
      }
    }
    FailureOr<Operation *> tiled = tile(rw, target, sizes, ranges);
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
      // An operand read across the innermost loop (a transposed input) is
      // read in blocks of up to 8 of its own rows: whole vectors along its
      // contiguous dimension, transposed in registers, instead of one
      // element per row.
      for (OpOperand *in : op.getDpsInputOperands()) {
        AffineMap map = op.getMatchingIndexingMap(in);
        if (map.getNumResults() == 0)
          continue;
        auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
        if (last && last.getPosition() != ranges.size() - 1 &&
            op.getIteratorTypesArray()[last.getPosition()] ==
                utils::IteratorType::parallel)
          sizes[last.getPosition()] =
              fittingDivisor(ranges[last.getPosition()], 8);
      }
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
    // The packing copies (and user transposes), as vector moves.
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
    // Packed tiles have unit outer dims (and a unit K block loop): drop
    // them so the contraction lowers to the same outer products as
    // unpacked tiles.
    vector::populateCastAwayVectorLeadingOneDimPatterns(patterns);
    patterns.add<DropUnitReductionLoops>(&getContext());
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

    // Hoisting replaced the loops, so the register tiles' K loops are
    // collected again.
    SmallVector<scf::ForOp> kLoops;
    fn.walk([&](scf::ForOp f) {
      if (isRegisterKLoop(f))
        kLoops.push_back(f);
    });
    for (scf::ForOp f : kLoops)
      accumulateFromZero(rw, f);
    // One K step is rM x 2 FMAs; unrolled, the loop counter and branch are
    // paid once per several steps (a few percent of the kernel at 6 x 16).
    if (unrollK <= 1)
      return;
    for (scf::ForOp f : kLoops)
      if (std::optional<APInt> trips = f.getStaticTripCount())
        if (int64_t factor = fittingDivisor(trips->getSExtValue(), unrollK);
            factor > 1)
          (void)loopUnrollByFactor(f, factor);
  }

  /// The K loop starts from zero accumulators and the C block it read is
  /// added once the loop is done. Read first, C (often a cache miss: a
  /// tile's rows are a row of C apart) held up the tile's first FMAs, all
  /// of which depend on it; read last, its latency overlaps the last FMAs.
  static void accumulateFromZero(RewriterBase &rw, scf::ForOp f) {
    for (auto [i, init] : llvm::enumerate(f.getInitArgs())) {
      auto read = init.getDefiningOp<vector::TransferReadOp>();
      auto type = dyn_cast<VectorType>(init.getType());
      BlockArgument acc = f.getRegionIterArgs()[i];
      if (!read || !read->hasOneUse() || !type ||
          !isa<FloatType>(type.getElementType()) ||
          !llvm::all_of(acc.getUsers(), [&](Operation *user) {
            auto c = dyn_cast<vector::ContractionOp>(user);
            return c && c.getAcc() == acc &&
                   c.getKind() == vector::CombiningKind::ADD;
          }))
        continue;
      rw.setInsertionPoint(f);
      Value zero = arith::ConstantOp::create(rw, f.getLoc(), type,
                                             rw.getZeroAttr(type));
      rw.modifyOpInPlace(f, [&] { f.getInitArgsMutable()[i].set(zero); });
      rw.moveOpAfter(read, f);
      rw.setInsertionPointAfter(read);
      Value sum = arith::AddFOp::create(rw, f.getLoc(), read.getResult(),
                                        f.getResult(i));
      rw.replaceAllUsesExcept(f.getResult(i), sum, sum.getDefiningOp());
    }
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
