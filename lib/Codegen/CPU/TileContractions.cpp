//===- TileContractions.cpp - apply each contraction's lowering config ----===//
//
// The mechanics of the contraction schedule: C[M, N] += A[M, K] B[K, N]
//   for m0, n0, k0 in cache tiles (A, B and C blocks that stay in L1/L2)
//     for m1, n1 in register tiles
//       C block (registers) += A[m1, k] (broadcast) * B[k, n1] (vectors)
//         for every k of the cache tile
// What the tiles are is decided in KernelConfig.cpp and arrives here as
// each op's `ng.lowering_config`.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "Utils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/ScopeExit.h"

#include <tuple>

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUTILECONTRACTIONS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

namespace {
struct NGCPUTileContractions
    : ng::impl::NGCPUTileContractionsBase<NGCPUTileContractions> {
  CPUTarget target;
  /// Packs built so far, by operand and layout: contractions that read one
  /// operand the same way share its pack (an LSTM's two weight gradients
  /// both read the stacked gate gradients as B).
  using PackKey = std::tuple<Value, int64_t, int64_t, int64_t, int64_t,
                             int64_t>;
  llvm::DenseMap<PackKey, Value> packs;
  /// Of the function being scheduled (set for the length of a run).
  DominanceInfo *dominance = nullptr;

  /// A contraction this pass creates, configured by the same rules as the
  /// ones it was given, and tiled.
  LogicalResult scheduleNew(RewriterBase &rw, linalg::LinalgOp op,
                            int64_t threads) {
    std::optional<ContractionShape> s = matchContraction(op);
    if (!s)
      return op.emitError("could not schedule a contraction made by tiling");
    ContractionConfig c =
        selectContractionConfig(problemOf(op, *s), target, threads);
    return schedule(rw, op, *s, c);
  }

  LogicalResult schedule(RewriterBase &rw, linalg::LinalgOp op,
                         const ContractionShape &s,
                         const ContractionConfig &c) {
    switch (c.strategy) {
    case ng::ContractionStrategy::transposed_output:
      if (!isa<linalg::MatmulOp>(op.getOperation()))
        return op.emitError("transposed_output applies to linalg.matmul only");
      return scheduleTransposed(rw, op, s, c);
    case ng::ContractionStrategy::packed:
      if (s.sizeM < c.registerM || s.sizeN < c.registerN ||
          s.sizeK % c.cacheK)
        return op.emitError("packed register tile ")
               << c.registerM << "x" << c.registerN << " or K block "
               << c.cacheK << " does not fit the contraction";
      return schedulePacked(rw, op, s, c);
    case ng::ContractionStrategy::unpacked:
      if (s.sizeM % c.registerM || s.sizeN % c.registerN ||
          s.sizeM % c.cacheM || s.sizeN % c.cacheN || s.sizeK % c.cacheK ||
          c.cacheM % c.registerM || c.cacheN % c.registerN)
        return op.emitError("unpacked tiles must divide the contraction (")
               << s.sizeM << "x" << s.sizeN << "x" << s.sizeK << ")";
      return scheduleUnpacked(rw, op, s, c);
    }
    llvm_unreachable("unknown contraction strategy");
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

  /// C[M, N] (+)= A B as C'[N, M] = B^T A^T from zero, then C' transposed
  /// into C (or added to C transposed, when C is an accumulator).
  LogicalResult scheduleTransposed(RewriterBase &rw, linalg::LinalgOp op,
                                   const ContractionShape &s,
                                   const ContractionConfig &c) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op->getContext();
    Type elt = getElementTypeOrSelf(op->getResult(0).getType());
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    // A matmul's loops are (m, n, k); the new one's are (n, m, k) in the
    // old terms, so each operand's map reads them through this swap.
    AffineMap swap =
        AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0, 2}, ctx);
    AffineMap outMap =
        AffineMap::getMultiDimIdentityMap(3, ctx).getMajorSubMap(2);
    rw.setInsertionPoint(op);
    Value zero = arith::ConstantOp::create(rw, loc, elt, rw.getZeroAttr(elt));
    Value ct = filled(rw, loc, zero, s.sizeN, s.sizeM);
    auto swapped = linalg::MatmulOp::create(
        rw, loc, TypeRange{ct.getType()},
        ValueRange{op.getDpsInputOperand(1)->get(),
                   op.getDpsInputOperand(0)->get()},
        ValueRange{ct},
        {rw.getNamedAttr("indexing_maps",
                         rw.getAffineMapArrayAttr({maps[1].compose(swap),
                                                   maps[0].compose(swap),
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
      AffineMap tr =
          AffineMap::getPermutationMap(ArrayRef<unsigned>{1, 0}, ctx);
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
    return scheduleNew(rw, swapped, c.threads);
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
    maps[1] = AffineMap::get(
        3, 0, {getAffineDimExpr(s.k, ctx), getAffineDimExpr(s.n, ctx)}, ctx);
    auto mm = linalg::MatmulOp::create(
        rw, loc, op->getResultTypes(),
        ValueRange{op.getDpsInputOperand(0)->get(), bT},
        ValueRange{op.getDpsInitOperand(0)->get()},
        {rw.getNamedAttr("indexing_maps", rw.getAffineMapArrayAttr(maps))});
    rw.replaceOp(op, mm->getResults());
    return cast<linalg::LinalgOp>(mm.getOperation());
  }

  static LogicalResult scheduleUnpacked(RewriterBase &rw, linalg::LinalgOp op,
                                        const ContractionShape &s,
                                        const ContractionConfig &c) {
    op = transposeB(rw, op, s);
    SmallVector<int64_t> ranges = op.getStaticLoopRanges();
    SmallVector<int64_t> cache(3), reg(3);
    cache[s.m] = c.cacheM, cache[s.n] = c.cacheN, cache[s.k] = c.cacheK;
    reg[s.m] = c.registerM, reg[s.n] = c.registerN, reg[s.k] = 1;
    FailureOr<Operation *> outer = tileStatic(rw, op, cache, ranges);
    if (failed(outer))
      return op.emitError("could not tile the contraction for cache");
    FailureOr<Operation *> inner = tileStatic(rw, *outer, reg, cache);
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

  /// `pack` of rows [first, first + count) of `v`, built before the loops
  /// around `at` that do not change `v` (a recurrence step's weights): once
  /// for all their trips instead of once per trip. An equal pack already
  /// built where `at` can read it is reused.
  Value packRows(RewriterBase &rw, Operation *at, Value v, int64_t outerPos,
                 int64_t first, int64_t count, int64_t tile,
                 int64_t kBlock) {
    PackKey key{v, outerPos, first, count, tile, kBlock};
    auto it = packs.find(key);
    if (it != packs.end() &&
        dominance->properlyDominates(it->second.getDefiningOp(), at))
      return it->second;
    OpBuilder::InsertionGuard guard(rw);
    SmallVector<scf::ForOp> loops = invariantLoops(at, v);
    if (!loops.empty())
      rw.setInsertionPoint(loops.back());
    Location loc = at->getLoc();
    Value packed = pack(rw, loc, rows(rw, loc, v, outerPos, first, count),
                        outerPos, tile, kBlock);
    packs[key] = packed;
    return packed;
  }

  /// `count` rows (along `outerPos`) of the 2-D `v` from `first`.
  static Value rows(RewriterBase &rw, Location loc, Value v, int64_t outerPos,
                    int64_t first, int64_t count) {
    auto t = cast<RankedTensorType>(v.getType());
    if (first == 0 && count == t.getDimSize(outerPos))
      return v;
    SmallVector<OpFoldResult> offsets(2, rw.getIndexAttr(0)),
        sizes = {rw.getIndexAttr(t.getDimSize(0)),
                 rw.getIndexAttr(t.getDimSize(1))},
        strides(2, rw.getIndexAttr(1));
    offsets[outerPos] = rw.getIndexAttr(first);
    sizes[outerPos] = rw.getIndexAttr(count);
    return tensor::ExtractSliceOp::create(rw, loc, v, offsets, sizes, strides);
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
  /// contraction of their own, configured and tiled like any other.
  LogicalResult schedulePacked(RewriterBase &rw, linalg::LinalgOp op,
                               const ContractionShape &s,
                               const ContractionConfig &c) {
    Location loc = op.getLoc();
    SmallVector<AffineMap> maps = op.getIndexingMapsArray();
    int64_t aM = resultPos(maps[0], s.m), bN = resultPos(maps[1], s.n);
    Value a = op.getDpsInputOperand(0)->get(),
          b = op.getDpsInputOperand(1)->get();
    int64_t rM = c.registerM, rN = c.registerN;
    rw.setInsertionPoint(op);
    // A filled C gets a fill of its own: the one it had may be shared (CSE
    // merges equal fills), and writing a shared one in place would need a
    // copy.
    Value cv = op.getDpsInitOperand(0)->get();
    if (auto fill = cv.getDefiningOp<linalg::FillOp>())
      cv = filled(rw, loc, fill.getInputs()[0], s.sizeM, s.sizeN);
    int64_t m1 = s.sizeM / rM, n1 = s.sizeN / rN;
    // Tiles the threads cannot share evenly go to the edges.
    bool alongM = c.split == ng::ThreadSplit::m;
    if (c.split != ng::ThreadSplit::none)
      (alongM ? m1 : n1) -= (alongM ? m1 : n1) % c.threads;
    int64_t mFull = m1 * rM, nFull = n1 * rN;
    Value bPacked = packRows(rw, op, b, bN, 0, nFull, rN, c.cacheK);
    FailureOr<Value> main =
        packedBlock(rw, op, a, aM, 0, mFull, bPacked,
                    block(rw, loc, cv, 0, mFull, 0, nFull), rM, rN, c, c.split);
    if (failed(main))
      return failure();
    cv = insertBlock(rw, loc, *main, cv, 0, 0);
    if (int64_t left = s.sizeM - mFull) {
      FailureOr<Value> bottom = packedBlock(
          rw, op, a, aM, mFull, left, bPacked,
          block(rw, loc, cv, mFull, left, 0, nFull), fittingDivisor(left, rM),
          rN, c, ng::ThreadSplit::none);
      if (failed(bottom))
        return failure();
      cv = insertBlock(rw, loc, *bottom, cv, mFull, 0);
    }
    if (int64_t left = s.sizeN - nFull) {
      auto right = linalg::MatmulOp::create(
          rw, loc,
          TypeRange{RankedTensorType::get({s.sizeM, left},
                                          getElementTypeOrSelf(cv.getType()))},
          ValueRange{a, rows(rw, loc, b, bN, nFull, left)},
          ValueRange{block(rw, loc, cv, 0, s.sizeM, nFull, left)},
          {rw.getNamedAttr("indexing_maps", rw.getAffineMapArrayAttr(maps))});
      cv = insertBlock(rw, loc, right.getResult(0), cv, 0, nFull);
      OpBuilder::InsertionGuard guard(rw);
      if (failed(scheduleNew(rw, right, c.threads)))
        return op.emitError("could not schedule the contraction's last "
                            "columns");
    }
    rw.replaceOp(op, cv);
    return success();
  }

  /// `cBlock` [m, n] += rows [first, first + m) of `a` ([M, K] or
  /// [K, M]) times the packed B [K/cK, n/rN, cK, rN], with those rows
  /// packed [K/cK, m/rM, cK, rM] and C read and written in place as
  /// [m/rM, rM, n/rN, rN]; tiled for cache and registers. With a `split`,
  /// the tiles are first shared between the threads along M or N.
  FailureOr<Value> packedBlock(RewriterBase &rw, linalg::LinalgOp op, Value a,
                               int64_t aM, int64_t first, int64_t count,
                               Value bPacked, Value cBlock, int64_t rM,
                               int64_t rN, const ContractionConfig &c,
                               ng::ThreadSplit split) {
    OpBuilder::InsertionGuard guard(rw);
    Location loc = op.getLoc();
    auto ct = cast<RankedTensorType>(cBlock.getType());
    Type elt = ct.getElementType();
    int64_t m1 = ct.getDimSize(0) / rM, n1 = ct.getDimSize(1) / rN;
    auto bt = cast<RankedTensorType>(bPacked.getType());
    int64_t kBlocks = bt.getDimSize(0), cK = bt.getDimSize(2);
    Value aPacked = packRows(rw, op, a, aM, first, count, rM, cK);
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

    // Cache tiles over m1, n1 and the K blocks (the config's C block, in
    // whole register tiles dividing this block), then one register tile
    // (all of m0, n0) per (m1, n1, k).
    int64_t cM = fittingDivisor(m1, std::max<int64_t>(1, c.cacheM / rM));
    int64_t cN = fittingDivisor(n1, std::max<int64_t>(1, c.cacheN / rN));
    SmallVector<int64_t> ranges = {kBlocks, m1, n1, rM, rN, cK};
    SmallVector<int64_t> cache = {1, cM, cN, rM, rN, cK};
    Operation *target = packedOp;
    if (split != ng::ThreadSplit::none) {
      // One block of C per thread; inside, each thread runs the
      // single-thread schedule on its block.
      unsigned d = split == ng::ThreadSplit::m ? 1 : 2;
      int64_t per = ranges[d] / c.threads;
      SmallVector<int64_t> part = ranges;
      part[d] = per;
      if (per < ranges[d]) {
        FailureOr<Operation *> tiled = tileStatic(rw, packedOp, part, ranges,
                                                  {}, /*parallel=*/true);
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
        tileStatic(rw, target, cache, ranges, {2, 0, 1, 3, 4, 5});
    if (failed(outer))
      return packedOp.emitError(
          "could not tile the packed contraction for cache");
    FailureOr<Operation *> inner =
        tileStatic(rw, *outer, {1, 1, 1, rM, rN, 1}, cache);
    if (failed(inner))
      return packedOp.emitError("could not tile the packed contraction for "
                                "registers");
    if (failed(vectorizeTile(rw, *inner)))
      return failure();
    return result;
  }

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal())
      return;
    SmallVector<std::pair<linalg::LinalgOp, ng::ContractionConfigAttr>> work;
    fn.walk([&](linalg::LinalgOp op) {
      if (auto c = op->getAttrOfType<ng::ContractionConfigAttr>(
              kLoweringConfigAttrName))
        work.push_back({op, c});
    });
    if (work.empty())
      return;
    FailureOr<CPUTarget> t = getTarget(fn);
    if (failed(t))
      return signalPassFailure();
    target = *t;
    DominanceInfo dom(fn);
    dominance = &dom;
    llvm::scope_exit forget([&] {
      dominance = nullptr;
      packs.clear();
    });
    IRRewriter rw(&getContext());
    for (auto &[op, attr] : work) {
      std::optional<ContractionShape> s = matchContraction(op);
      if (!s) {
        op.emitError("ng.lowering_config on an op that is not a static "
                     "contraction with one M, N and K loop");
        return signalPassFailure();
      }
      if (failed(schedule(rw, op, *s, ContractionConfig::fromAttr(attr))))
        return signalPassFailure();
    }
  }
};
} // namespace
