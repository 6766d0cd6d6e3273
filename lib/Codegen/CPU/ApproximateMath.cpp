//===- ApproximateMath.cpp - vectorizable f32 exp, log, tanh --------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGAPPROXIMATEMATH
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
struct NGApproximateMath : ng::impl::NGApproximateMathBase<NGApproximateMath> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    // Only the polynomial patterns: the f32 expansion patterns would also
    // compute f64 math in f32.
    populateMathPolynomialApproximationPatterns(patterns, [](StringRef name) {
      name.consume_front("math.");
      return llvm::is_contained({"exp", "expm1", "log", "log1p", "log2", "tanh"},
                                name);
    });
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
