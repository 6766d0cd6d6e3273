//===- LowerVectorOps.cpp - vector ops to 1-D FMAs, loads and stores ------===//
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGLOWERVECTOROPS
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
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
          vector::populateVectorTransposeLoweringPatterns(
              p, vector::VectorTransposeLowering::EltWise);
          vector::populateVectorBroadcastLoweringPatterns(p);
          vector::populateVectorOuterProductLoweringPatterns(p);
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
