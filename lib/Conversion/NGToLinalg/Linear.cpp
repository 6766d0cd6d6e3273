//===- Linear.cpp - ng.dot to a linalg contraction ------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {
/// Iteration space: the result axes (parallel), then the contracted axes
/// (reduction); each operand reads its own axes.
struct DotLowering : OpConversionPattern<DotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto lhs = cast<NGTensorType>(op.getLhs().getType());
    auto rhs = cast<NGTensorType>(op.getRhs().getType());
    auto out = cast<NGTensorType>(op.getType());
    axes::DotAxes d = axes::dot(lhs.getAxes(), rhs.getAxes());
    SmallVector<AxisAttr> space(d.result.begin(), d.result.end());
    space.append(d.contracted.begin(), d.contracted.end());
    SmallVector<utils::IteratorType> iters(d.result.size(),
                                           utils::IteratorType::parallel);
    iters.append(d.contracted.size(), utils::IteratorType::reduction);
    SmallVector<AffineMap> maps = {mapFor(ctx, space, lhs.getAxes()),
                                   mapFor(ctx, space, rhs.getAxes()),
                                   mapFor(ctx, space, out.getAxes())};
    Type elt = out.getElementType();
    bool isF = isa<FloatType>(elt);
    // With nothing to contract (an outer product, or scalars) the result is
    // a plain product: the generic must not read its init, or elementwise
    // fusion would accumulate into it across the consumer's loops.
    bool contracts = !d.contracted.empty();
    Value init = contracts ? emptyTensor(rw, loc, out.toBuiltin(),
                                         isF ? (TypedAttr)rw.getFloatAttr(elt, 0.0)
                                             : rw.getIntegerAttr(elt, 0))
                           : emptyTensor(rw, loc, out.toBuiltin());
    auto generic = linalg::GenericOp::create(
        rw, loc, out.toBuiltin(), ValueRange{adaptor.getLhs(), adaptor.getRhs()},
        init, maps, iters, [&](OpBuilder &b, Location l, ValueRange args) {
          Value r = isF ? (Value)arith::MulFOp::create(b, l, args[0], args[1])
                        : (Value)arith::MulIOp::create(b, l, args[0], args[1]);
          if (contracts)
            r = isF ? (Value)arith::AddFOp::create(b, l, args[2], r)
                    : (Value)arith::AddIOp::create(b, l, args[2], r);
          linalg::YieldOp::create(b, l, r);
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};
} // namespace

void ng::lowering::populateLinearPatterns(const TypeConverter &tc,
                                    RewritePatternSet &patterns) {
  patterns.add<DotLowering>(tc, patterns.getContext());
}
