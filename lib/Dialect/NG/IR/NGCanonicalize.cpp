//===- NGCanonicalize.cpp - canonicalization patterns ---------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ng;

namespace {
/// sum(broadcast(x)) over axes the broadcast added is x times their size:
/// the reduction never materializes the broadcast tensor. This is what
/// keeps autodiff's "broadcast back, then sum" sequences cheap.
struct SumOfBroadcast : OpRewritePattern<SumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SumOp op, PatternRewriter &rw) const override {
    auto bc = op.getOperand().getDefiningOp<BroadcastOp>();
    if (!bc)
      return failure();
    auto xt = cast<NGTensorType>(bc.getOperand().getType());
    auto bt = cast<NGTensorType>(bc.getType());
    axes::AxisList added = axes::difference(bt.getAxes(), xt.getAxes());
    SmallVector<AxisAttr> reduced = op.getReducedAxes();
    axes::AxisList reducedAdded = axes::intersection(reduced, added);
    if (reducedAdded.empty() || axes::hasDynamic(reducedAdded))
      return failure();
    Location loc = op.getLoc();
    // Reduce x over the reduced axes it has, then rebuild the result axes.
    Value v = bc.getOperand();
    axes::AxisList reducedOwn = axes::intersection(reduced, xt.getAxes());
    if (!reducedOwn.empty()) {
      SmallVector<Attribute> names;
      for (AxisAttr a : reducedOwn)
        names.push_back(a.getName());
      v = SumOp::create(rw, loc, v, rw.getArrayAttr(names), ArrayAttr());
    }
    double n = (double)axes::numElements(reducedAdded);
    auto resT = cast<NGTensorType>(op.getType());
    v = MultiplyOp::create(rw, loc, v,
                           ConstantOp::create(rw, loc, resT.withAxes({}), n));
    rw.replaceOp(op, reshapeToAxes(rw, loc, v, resT));
    return success();
  }
};

/// reorder(dot(a, b)) into (rhs free, lhs free) order is dot(b, a): the
/// contraction is symmetric and its result order follows its operands. Autodiff
/// makes these for weight gradients (dL/dW of W . x comes out as [out, in]
/// and is reordered to W's [in, out]); without them the update reads the
/// gradient across its rows.
struct ReorderOfDot : OpRewritePattern<ReorderOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReorderOp op, PatternRewriter &rw) const override {
    auto dot = op.getOperand().getDefiningOp<DotOp>();
    if (!dot || !dot->hasOneUse())
      return failure();
    auto lhs = cast<NGTensorType>(dot.getLhs().getType());
    auto rhs = cast<NGTensorType>(dot.getRhs().getType());
    axes::DotAxes swapped = axes::dot(rhs.getAxes(), lhs.getAxes());
    auto out = cast<NGTensorType>(op.getType());
    if (ArrayRef<AxisAttr>(swapped.result) != out.getAxes())
      return failure();
    rw.replaceOpWithNewOp<DotOp>(op, out, dot.getRhs(), dot.getLhs());
    return success();
  }
};
} // namespace

void ReorderOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                            MLIRContext *context) {
  results.add<ReorderOfDot>(context);
}

void SumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<SumOfBroadcast>(context);
}
