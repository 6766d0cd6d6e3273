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
    {
      // Outer products: each step of the K loop broadcasts one A element
      // per row and FMAs it with a B vector into that row's accumulator.
      RewritePatternSet patterns(ctx);
      vector::populateVectorContractLoweringPatterns(
          patterns, vector::VectorContractLowering::OuterProduct);
      vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
      vector::populateVectorTransferLoweringPatterns(patterns,
                                                     /*maxTransferRank=*/1);
      vector::populateVectorTransposeLoweringPatterns(
          patterns, vector::VectorTransposeLowering::EltWise);
      vector::populateVectorBroadcastLoweringPatterns(patterns);
      vector::populateVectorOuterProductLoweringPatterns(patterns);
      vector::populateVectorMultiReductionLoweringPatterns(
          patterns, vector::VectorMultiReductionLowering::InnerParallel);
      if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
        return signalPassFailure();
    }
    RewritePatternSet shapeCasts(ctx);
    vector::populateVectorShapeCastLoweringPatterns(shapeCasts);
    if (failed(applyPatternsGreedily(getOperation(), std::move(shapeCasts))))
      return signalPassFailure();
  }
};
} // namespace
