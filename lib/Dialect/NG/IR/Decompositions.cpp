//===- Decompositions.cpp - composite ng ops as primitive ones ------------===//
//
// One place for the expansions of composite ops: ng-decompose,
// ng-data-parallel and convert-ng-to-linalg all use these patterns.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/Decompositions.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::ng;


static Value scalar(OpBuilder &b, Location loc, Value like, double v) {
  return ConstantOp::create(b, loc, cast<NGTensorType>(like.getType()).withAxes({}),
                            v);
}

namespace {
/// mean(x) = sum(x) / n
struct DecomposeMean : OpRewritePattern<MeanOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MeanOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value s = SumOp::create(rw, loc, op.getOperand(), op.getReduceAttr(),
                            op.getOutAttr());
    double n = (double)axes::numElements(op.getReducedAxes());
    rw.replaceOpWithNewOp<DivideOp>(op, s, scalar(rw, loc, s, n));
    return success();
  }
};

/// variance(x) = mean((x - mean(x))^2), both over the same axes
struct DecomposeVariance : OpRewritePattern<VarianceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(VarianceOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value x = op.getOperand();
    Value m = MeanOp::create(rw, loc, x, op.getReduceAttr(), op.getOutAttr());
    Value d = SubtractOp::create(rw, loc, x, m);
    rw.replaceOpWithNewOp<MeanOp>(op, MultiplyOp::create(rw, loc, d, d),
                                  op.getReduceAttr(), op.getOutAttr());
    return success();
  }
};

/// normalize(x) = (x - mean_A(x)) / sqrt(mean_A((x - mean_A(x))^2) + eps)
struct DecomposeNormalize : OpRewritePattern<NormalizeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(NormalizeOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    ArrayAttr over = axes::names(rw.getContext(), op.getNormalizationAxes());
    Value x = op.getOperand();
    Value d = SubtractOp::create(rw, loc, x,
                                 MeanOp::create(rw, loc, x, over, ArrayAttr()));
    Value var = MeanOp::create(rw, loc, MultiplyOp::create(rw, loc, d, d), over,
                               ArrayAttr());
    Value s = SqrtOp::create(
        rw, loc,
        AddOp::create(rw, loc, var,
                      scalar(rw, loc, x, op.getEps().convertToDouble())));
    Value y = DivideOp::create(rw, loc, d, s);
    // The division broadcasts in the operand's axis order.
    if (y.getType() != op.getType())
      y = ReorderOp::create(rw, loc, op.getType(), y);
    rw.replaceOp(op, y);
    return success();
  }
};

/// dropout(x) = x * (u < keep) / keep, u = random_uniform of x's type
struct DecomposeDropout : OpRewritePattern<DropoutOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(DropoutOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value u = RandomUniformOp::create(rw, loc, op.getType(), op.getCounter(),
                                      op.getSeedAttr(), nullptr, nullptr);
    Value kept = LessOp::create(rw, loc, u, op.getKeep());
    Value y = MultiplyOp::create(rw, loc, op.getOperand(), kept);
    rw.replaceOpWithNewOp<DivideOp>(op, y, op.getKeep());
    return success();
  }
};

/// softmax(x) = exp(x - max_A(x)) / sum_A(exp(x - max_A(x)))
struct DecomposeSoftmax : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxOp op, PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    ArrayAttr over = axes::names(rw.getContext(), op.getNormalizationAxes());
    Value x = op.getOperand();
    Value m = MaxOp::create(rw, loc, x, over, ArrayAttr());
    Value e = ExpOp::create(rw, loc, SubtractOp::create(rw, loc, x, m));
    Value s = SumOp::create(rw, loc, e, over, ArrayAttr());
    rw.replaceOpWithNewOp<DivideOp>(op, e, s);
    return success();
  }
};

/// -sum_R(t*safelog(y) + (1-t)*safelog(1-y))
struct DecomposeCrossEntropyBinary : OpRewritePattern<CrossEntropyBinaryOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyBinaryOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value y = op.getY(), t = op.getT();
    Value one = scalar(rw, loc, y, 1.0);
    Value a = MultiplyOp::create(rw, loc, t, SafeLogOp::create(rw, loc, y));
    Value b = MultiplyOp::create(
        rw, loc, SubtractOp::create(rw, loc, one, t),
        SafeLogOp::create(rw, loc, SubtractOp::create(rw, loc, one, y)));
    Value inner = NegativeOp::create(rw, loc, AddOp::create(rw, loc, a, b));
    rw.replaceOpWithNewOp<SumOp>(op, inner, ArrayAttr(),
                                 axes::names(rw.getContext(), cast<NGTensorType>(op.getType()).getAxes()));
    return success();
  }
};

/// -sum_R(t*safelog(y))
struct DecomposeCrossEntropyMulti : OpRewritePattern<CrossEntropyMultiOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyMultiOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    Value inner = NegativeOp::create(
        rw, loc,
        MultiplyOp::create(rw, loc, op.getT(),
                           SafeLogOp::create(rw, loc, op.getY())));
    rw.replaceOpWithNewOp<SumOp>(op, inner, ArrayAttr(),
                                 axes::names(rw.getContext(), cast<NGTensorType>(op.getType()).getAxes()));
    return success();
  }
};

} // namespace

void ng::populateDecomposePatterns(RewritePatternSet &patterns) {
  patterns.add<DecomposeMean, DecomposeVariance, DecomposeNormalize, DecomposeDropout,
               DecomposeSoftmax, DecomposeCrossEntropyBinary,
               DecomposeCrossEntropyMulti>(patterns.getContext());
}
