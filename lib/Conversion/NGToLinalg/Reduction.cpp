//===- Reduction.cpp - ng reductions to linalg.generic --------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include <limits>

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {

/// Iterators over the operand's axes: reduction where the op reduces.
static SmallVector<utils::IteratorType> iteratorsFor(ArrayRef<AxisAttr> space,
                                                     ArrayRef<AxisAttr> reduced) {
  SmallVector<utils::IteratorType> iters;
  for (AxisAttr a : space)
    iters.push_back(axes::contains(reduced, a) ? utils::IteratorType::reduction
                                               : utils::IteratorType::parallel);
  return iters;
}

enum class Combine { Sum, Prod, Max, Min };

template <typename Op, Combine kind>
struct ReductionLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto in = cast<NGTensorType>(op.getOperand().getType());
    auto out = cast<NGTensorType>(op.getType());
    Type elt = in.getElementType();
    bool isF = isa<FloatType>(elt);
    double inf = std::numeric_limits<double>::infinity();
    if (op.getReducedAxes().empty()) {
      // Nothing to reduce: a copy in the result's axis order.
      rw.replaceOp(op, gather(rw, loc, in, out, adaptor.getOperand()));
      return success();
    }
    TypedAttr identity;
    switch (kind) {
    case Combine::Sum:
      identity = isF ? (TypedAttr)rw.getFloatAttr(elt, 0.0) : rw.getIntegerAttr(elt, 0);
      break;
    case Combine::Prod:
      identity = isF ? (TypedAttr)rw.getFloatAttr(elt, 1.0) : rw.getIntegerAttr(elt, 1);
      break;
    case Combine::Max:
      identity = isF ? (TypedAttr)rw.getFloatAttr(elt, -inf)
                     : rw.getIntegerAttr(elt, std::numeric_limits<int32_t>::min());
      break;
    case Combine::Min:
      identity = isF ? (TypedAttr)rw.getFloatAttr(elt, inf)
                     : rw.getIntegerAttr(elt, std::numeric_limits<int32_t>::max());
      break;
    }
    Value init = emptyTensor(rw, loc, out.toBuiltin(), identity);
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(in.getRank(), ctx),
        mapFor(ctx, in.getAxes(), out.getAxes())};
    auto generic = linalg::GenericOp::create(
        rw, loc, out.toBuiltin(), adaptor.getOperand(), init, maps,
        iteratorsFor(in.getAxes(), op.getReducedAxes()),
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], acc = args[1], r;
          switch (kind) {
          case Combine::Sum:
            r = isF ? (Value)arith::AddFOp::create(b, l, acc, x)
                    : (Value)arith::AddIOp::create(b, l, acc, x);
            break;
          case Combine::Prod:
            r = isF ? (Value)arith::MulFOp::create(b, l, acc, x)
                    : (Value)arith::MulIOp::create(b, l, acc, x);
            break;
          case Combine::Max:
            r = isF ? (Value)arith::MaximumFOp::create(b, l, acc, x)
                    : (Value)arith::MaxSIOp::create(b, l, acc, x);
            break;
          case Combine::Min:
            r = isF ? (Value)arith::MinimumFOp::create(b, l, acc, x)
                    : (Value)arith::MinSIOp::create(b, l, acc, x);
            break;
          }
          linalg::YieldOp::create(b, l, r);
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};

/// argmax/argmin: carry (best value, flat index over the reduced axes in
/// operand order); a strict comparison keeps the first occurrence.
template <typename Op, bool isMax>
struct ArgReductionLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto in = cast<NGTensorType>(op.getOperand().getType());
    auto out = cast<NGTensorType>(op.getType());
    Type elt = in.getElementType();
    bool isF = isa<FloatType>(elt);
    SmallVector<int64_t> shape;
    for (AxisAttr a : out.getAxes())
      shape.push_back(a.getLength());
    auto valT = RankedTensorType::get(shape, elt);
    double inf = std::numeric_limits<double>::infinity();
    TypedAttr worst =
        isF ? (TypedAttr)rw.getFloatAttr(elt, isMax ? -inf : inf)
            : rw.getIntegerAttr(elt, isMax ? std::numeric_limits<int32_t>::min()
                                           : std::numeric_limits<int32_t>::max());
    Value vinit = emptyTensor(rw, loc, valT, worst);
    Value iinit = emptyTensor(rw, loc, out.toBuiltin(), rw.getI32IntegerAttr(0));
    AffineMap outMap = mapFor(ctx, in.getAxes(), out.getAxes());
    SmallVector<AffineMap> maps = {
        AffineMap::getMultiDimIdentityMap(in.getRank(), ctx), outMap, outMap};
    SmallVector<AxisAttr> reduced = op.getReducedAxes();
    if (reduced.empty()) {
      // The only index over no axes is 0.
      rw.replaceOp(op, iinit);
      return success();
    }
    auto generic = linalg::GenericOp::create(
        rw, loc, TypeRange{valT, out.toBuiltin()}, adaptor.getOperand(),
        ValueRange{vinit, iinit}, maps, iteratorsFor(in.getAxes(), reduced),
        [&](OpBuilder &b, Location l, ValueRange args) {
          // Row-major flat index over the reduced axes.
          Value flat = arith::ConstantIndexOp::create(b, l, 0);
          for (AxisAttr a : reduced) {
            int64_t dim = in.indexOf(a.getName());
            Value len = arith::ConstantIndexOp::create(b, l, a.getLength());
            flat = arith::AddIOp::create(b, l,
                                         arith::MulIOp::create(b, l, flat, len),
                                         linalg::IndexOp::create(b, l, dim));
          }
          Value idx = arith::IndexCastOp::create(b, l, b.getI32Type(), flat);
          Value better =
              isF ? (Value)arith::CmpFOp::create(
                        b, l, isMax ? arith::CmpFPredicate::OGT : arith::CmpFPredicate::OLT,
                        args[0], args[1])
                  : (Value)arith::CmpIOp::create(
                        b, l, isMax ? arith::CmpIPredicate::sgt : arith::CmpIPredicate::slt,
                        args[0], args[1]);
          Value v = arith::SelectOp::create(b, l, better, args[0], args[1]);
          Value i = arith::SelectOp::create(b, l, better, idx, args[2]);
          linalg::YieldOp::create(b, l, ValueRange{v, i});
        });
    rw.replaceOp(op, generic.getResult(1));
    return success();
  }
};

/// Ops whose value is known from types alone (normally folded away first).
template <typename Op>
struct ConstantFromFold : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto value = dyn_cast_or_null<ElementsAttr>(
        dyn_cast_or_null<Attribute>(op.fold(typename Op::FoldAdaptor({}, op))));
    if (!value)
      return rw.notifyMatchFailure(op, "did not fold to a constant");
    rw.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(value));
    return success();
  }
};
} // namespace

void ng::lowering::populateReductionPatterns(const TypeConverter &tc,
                                       RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<ReductionLowering<SumOp, Combine::Sum>,
               ReductionLowering<ProdOp, Combine::Prod>,
               ReductionLowering<MaxOp, Combine::Max>,
               ReductionLowering<MinOp, Combine::Min>,
               ArgReductionLowering<ArgMaxOp, true>,
               ArgReductionLowering<ArgMinOp, false>,
               ConstantFromFold<TensorSizeOp>, ConstantFromFold<BatchSizeOp>>(
      tc, ctx);
}
