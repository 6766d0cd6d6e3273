//===- Decompose.cpp - expand composite ng ops into primitive ones --------===//
#include "NGraph/Dialect/NG/IR/Decompositions.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGDECOMPOSE
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

namespace {
struct NGDecomposePass : ng::impl::NGDecomposeBase<NGDecomposePass> {
  void runOnOperation() override {
    if (failed(requireStaticAxes(getOperation(), "ng-decompose")))
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateDecomposePatterns(patterns);
    // Folding on the way turns tensor_size and batch_size into constants.
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
