//===- LowerVectorOps.cpp - vector ops to 1-D FMAs, loads and stores ------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/X86Vector/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGLOWERVECTOROPS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
/// A multi_reduction whose kept dimensions are all unit (one row, as the
/// scheduler's inner reductions are) is one `vector.reduction` of the
/// flattened row: LLVM reduces it as a tree, where the generic lowering
/// would add the elements one by one.
struct RowReductionToReduction
    : OpRewritePattern<vector::MultiDimReductionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::MultiDimReductionOp op,
                                PatternRewriter &rw) const override {
    VectorType src = op.getSourceVectorType();
    if (src.isScalable())
      return failure();
    for (auto [i, size] : llvm::enumerate(src.getShape()))
      if (!op.isReducedDim(i) && size != 1)
        return failure();
    Location loc = op.getLoc();
    Type elt = src.getElementType();
    Value flat = vector::ShapeCastOp::create(
        rw, loc, VectorType::get({src.getNumElements()}, elt), op.getSource());
    Value acc = op.getAcc();
    auto accType = dyn_cast<VectorType>(acc.getType());
    if (accType)
      acc = vector::ExtractOp::create(
          rw, loc, acc, SmallVector<int64_t>(accType.getRank(), 0));
    Value r = vector::ReductionOp::create(rw, loc, op.getKind(), flat, acc);
    if (accType)
      r = vector::BroadcastOp::create(rw, loc, accType, r);
    rw.replaceOp(op, r);
    return success();
  }
};

/// A 2-D read whose first vector dimension runs along the memref's
/// innermost one (a block read transposed, as packing a row-major A does)
/// as a read in the memory's orientation, whole rows along the innermost
/// dimension, then a transpose in registers. Read as it was, each element
/// is a load of its own.
struct TransposedReadAsRows : OpRewritePattern<vector::TransferReadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::TransferReadOp op,
                                PatternRewriter &rw) const override {
    VectorType type = op.getVectorType();
    AffineMap map = op.getPermutationMap();
    auto memref = dyn_cast<MemRefType>(op.getShapedType());
    if (!memref || type.getRank() != 2 || type.isScalable() || op.getMask() ||
        map.getNumResults() != 2 || !map.isProjectedPermutation() ||
        llvm::any_of(op.getInBoundsValues(), [](bool b) { return !b; }))
      return failure();
    unsigned innermost = map.getNumDims() - 1;
    auto first = dyn_cast<AffineDimExpr>(map.getResult(0));
    auto second = dyn_cast<AffineDimExpr>(map.getResult(1));
    if (!first || !second || first.getPosition() != innermost ||
        !memref.isLastDimUnitStride())
      return failure();
    Location loc = op.getLoc();
    AffineMap rowsMap = AffineMap::get(map.getNumDims(), 0, {second, first},
                                       rw.getContext());
    auto rowsType = VectorType::get({type.getDimSize(1), type.getDimSize(0)},
                                    type.getElementType());
    Value rows = vector::TransferReadOp::create(
        rw, loc, rowsType, op.getBase(), op.getIndices(),
        AffineMapAttr::get(rowsMap), op.getPadding(), /*mask=*/Value(),
        rw.getBoolArrayAttr({true, true}));
    rw.replaceOpWithNewOp<vector::TransposeOp>(op, rows,
                                               ArrayRef<int64_t>{1, 0});
    return success();
  }
};

/// A 2-D f32 transpose of R x C, C a multiple of 8, other than the 8x8 and
/// 4x8 the x86vector patterns take as they are: the rows are padded with
/// zero rows to a multiple of 8 (to 4 below 4), each 8x8 (4x8) block takes
/// AVX2's shuffle sequence, and the result keeps the R real columns.
/// Packing A for 6-row register tiles moves 6x8 blocks, a transposed copy
/// 16x8 ones; lowered generically, each element is moved on its own.
struct TransposeByAVX2Blocks : OpRewritePattern<vector::TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::TransposeOp op,
                                PatternRewriter &rw) const override {
    VectorType src = op.getSourceVectorType();
    if (src.getRank() != 2 || src.isScalable() || !src.getElementType().isF32() ||
        op.getPermutation() != ArrayRef<int64_t>{1, 0})
      return failure();
    int64_t rows = src.getDimSize(0), cols = src.getDimSize(1);
    int64_t blockRows = rows < 4 ? 4 : 8;
    int64_t padded = llvm::alignTo(rows, blockRows);
    if (cols % 8 != 0 || (cols == 8 && rows == blockRows))
      return failure();
    Location loc = op.getLoc();
    Type f32 = src.getElementType();
    Value in = op.getVector();
    if (padded != rows) {
      auto type = VectorType::get({padded, cols}, f32);
      Value block =
          arith::ConstantOp::create(rw, loc, type, rw.getZeroAttr(type));
      for (int64_t r = 0; r < rows; ++r)
        block = vector::InsertOp::create(
            rw, loc, vector::ExtractOp::create(rw, loc, in, r), block, r);
      in = block;
    }
    auto outType = VectorType::get({cols, padded}, f32);
    Value out =
        arith::ConstantOp::create(rw, loc, outType, rw.getZeroAttr(outType));
    for (int64_t r = 0; r < padded; r += blockRows)
      for (int64_t c = 0; c < cols; c += 8) {
        Value block = vector::ExtractStridedSliceOp::create(
            rw, loc, in, ArrayRef<int64_t>{r, c},
            ArrayRef<int64_t>{blockRows, 8}, ArrayRef<int64_t>{1, 1});
        Value t = vector::TransposeOp::create(rw, loc, block, {1, 0});
        out = vector::InsertStridedSliceOp::create(
            rw, loc, t, out, ArrayRef<int64_t>{c, r}, ArrayRef<int64_t>{1, 1});
      }
    if (padded != rows)
      out = vector::ExtractStridedSliceOp::create(
          rw, loc, out, ArrayRef<int64_t>{0, 0}, ArrayRef<int64_t>{cols, rows},
          ArrayRef<int64_t>{1, 1});
    rw.replaceOp(op, out);
    return success();
  }
};

struct NGLowerVectorOps : ng::impl::NGLowerVectorOpsBase<NGLowerVectorOps> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    FailureOr<ngraph::cpu::CPUTarget> target =
        ngraph::cpu::getTarget(getOperation());
    if (failed(target))
      return signalPassFailure();
    bool avx2 = target->hasAVX2();
    auto apply = [&](function_ref<void(RewritePatternSet &)> populate) {
      RewritePatternSet patterns(ctx);
      populate(patterns);
      return applyPatternsGreedily(getOperation(), std::move(patterns));
    };
    // Outer products: each step of the K loop broadcasts one A element per
    // row and FMAs it with a B vector into that row's accumulator.
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateVectorContractLoweringPatterns(
              p, vector::VectorContractLowering::OuterProduct);
          vector::populateVectorTransferPermutationMapLoweringPatterns(p);
          p.add<TransposedReadAsRows>(p.getContext(), /*benefit=*/2);
        })))
      return signalPassFailure();
    // A elements are read one by one (broadcast loads), not as a vector
    // that is then taken apart with shuffles, which compete with the FMAs
    // for execution ports.
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateScalarVectorTransferLoweringPatterns(
              p, /*benefit=*/1, /*allowMultipleUses=*/true);
        })))
      return signalPassFailure();
    if (failed(apply([avx2](RewritePatternSet &p) {
          vector::populateVectorTransferLoweringPatterns(p,
                                                         /*maxTransferRank=*/1);
          if (avx2) {
            p.add<TransposeByAVX2Blocks>(p.getContext(), /*benefit=*/2);
            x86vector::avx2::populateSpecializedTransposeLoweringPatterns(
                p, x86vector::avx2::LoweringOptions().setTransposeOptions(
                       x86vector::avx2::TransposeLoweringOptions()
                           .lower8x8xf32()
                           .lower4x8xf32()));
          }
          vector::populateVectorTransposeLoweringPatterns(
              p, vector::VectorTransposeLowering::EltWise);
          vector::populateVectorBroadcastLoweringPatterns(p);
          vector::populateVectorOuterProductLoweringPatterns(p);
          p.add<RowReductionToReduction>(p.getContext(), /*benefit=*/2);
          vector::populateVectorMultiReductionLoweringPatterns(
              p, vector::VectorMultiReductionLowering::InnerParallel);
        })))
      return signalPassFailure();
    RewritePatternSet shapeCasts(ctx);
    vector::populateVectorShapeCastLoweringPatterns(shapeCasts);
    if (failed(applyPatternsGreedily(getOperation(), std::move(shapeCasts))))
      return signalPassFailure();
  }
};
} // namespace
