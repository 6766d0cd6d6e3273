//===- LowerVectorOps.cpp - vector ops to 1-D FMAs, loads and stores ------===//
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/X86Vector/Transforms.h"
#include "NGraph/Support/HostCPU.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGLOWERVECTOROPS
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
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

struct NGLowerVectorOps : ng::impl::NGLowerVectorOpsBase<NGLowerVectorOps> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
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
    if (failed(apply([](RewritePatternSet &p) {
          vector::populateVectorTransferLoweringPatterns(p,
                                                         /*maxTransferRank=*/1);
          if (ngraph::hostVectorBits() >= 256)
            x86vector::avx2::populateSpecializedTransposeLoweringPatterns(
                p, x86vector::avx2::LoweringOptions().setTransposeOptions(
                       x86vector::avx2::TransposeLoweringOptions()
                           .lower8x8xf32()
                           .lower4x8xf32()));
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
