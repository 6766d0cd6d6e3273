//===- FuseElementwise.cpp - elementwise fusion that keeps convolutions ---===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "NGraph/Conversion/NGToLinalg/NGToLinalg.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGFUSEELEMENTWISE
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
struct NGFuseElementwise
    : ng::impl::NGFuseElementwiseBase<NGFuseElementwise> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    // Upstream's rule (a producer with one use), but never across a
    // convolution generic.
    linalg::ControlFusionFn control = [](OpOperand *fused) {
      Operation *producer = fused->get().getDefiningOp();
      return producer && producer->hasOneUse() &&
             !producer->hasAttr(ng::kConvolutionAttrName) &&
             !fused->getOwner()->hasAttr(ng::kConvolutionAttrName);
    };
    // Reshapes are not pushed through contractions: a matmul expanded over
    // a flattened axis becomes a generic, elementwise producers then fuse
    // into it, and it is no longer a matmul the scheduler can tile (a
    // max-pool fused into the next dense layer ran 20x slower).
    linalg::ControlFusionFn reshapeControl = [control](OpOperand *fused) {
      auto isContraction = [](Operation *op) {
        auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
        return linalgOp && linalg::isaContractionOpInterface(linalgOp);
      };
      return control(fused) && !isContraction(fused->getOwner()) &&
             !isContraction(fused->get().getDefiningOp());
    };
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, control);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, reshapeControl);
    tensor::populateBubbleUpExpandShapePatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, control);
    (void)applyPatternsGreedily(getOperation(), std::move(patterns),
                                GreedyRewriteConfig().setUseTopDownTraversal());
  }
};
} // namespace
