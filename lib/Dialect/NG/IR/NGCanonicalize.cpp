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
    if (reducedAdded.empty())
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
} // namespace

void SumOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<SumOfBroadcast>(context);
}
