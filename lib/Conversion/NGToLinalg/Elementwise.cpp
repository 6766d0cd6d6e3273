//===- Elementwise.cpp - unary and binary ng ops to linalg.generic --------===//
//
// The iteration space is the result's axes; each operand reads through the
// projection onto its own axes, which is how broadcasting by axis identity
// lowers (no materialized broadcast).
//
//===----------------------------------------------------------------------===//
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include <cmath>

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {

using ScalarFn = Value (*)(OpBuilder &, Location, Type, ValueRange);

/// One generic per elementwise op; `fn` computes one element.
template <typename Op>
struct ElementwiseLowering : OpConversionPattern<Op> {
  ElementwiseLowering(const TypeConverter &tc, MLIRContext *ctx, ScalarFn fn)
      : OpConversionPattern<Op>(tc, ctx), fn(fn) {}
  ScalarFn fn;

  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto resNG = cast<NGTensorType>(op->getResult(0).getType());
    RankedTensorType resT = resNG.toBuiltin();
    MLIRContext *ctx = op.getContext();
    SmallVector<AffineMap> maps;
    for (Value v : op->getOperands())
      maps.push_back(
          mapFor(ctx, resNG.getAxes(), cast<NGTensorType>(v.getType()).getAxes()));
    maps.push_back(AffineMap::getMultiDimIdentityMap(resNG.getRank(), ctx));
    SmallVector<utils::IteratorType> iters(resNG.getRank(),
                                           utils::IteratorType::parallel);
    Type inElt = cast<NGTensorType>(op->getOperand(0).getType()).getElementType();
    Value init = emptyTensor(rw, loc, resT);
    auto generic = linalg::GenericOp::create(
        rw, loc, resT, adaptor.getOperands(), init, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value r = fn(b, l, inElt, args.drop_back());
          linalg::YieldOp::create(b, l, r);
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};

Value cst(OpBuilder &b, Location l, Type t, double v) {
  return scalarConst(b, l, t, v);
}
bool isF(Type t) { return isa<FloatType>(t); }

/// 1 or 0 in `t` from an i1.
Value boolTo(OpBuilder &b, Location l, Type t, Value c) {
  return arith::SelectOp::create(b, l, c, cst(b, l, t, 1), cst(b, l, t, 0));
}

template <arith::CmpFPredicate FP, arith::CmpIPredicate IP>
Value compare(OpBuilder &b, Location l, Type t, ValueRange a) {
  Value c = isF(t) ? (Value)arith::CmpFOp::create(b, l, FP, a[0], a[1])
                   : (Value)arith::CmpIOp::create(b, l, IP, a[0], a[1]);
  return boolTo(b, l, t, c);
}

template <typename Op>
void add(RewritePatternSet &patterns, const TypeConverter &tc, ScalarFn fn) {
  patterns.add<ElementwiseLowering<Op>>(tc, patterns.getContext(), fn);
}
} // namespace

void ng::lowering::populateElementwisePatterns(const TypeConverter &tc,
                                         RewritePatternSet &patterns) {
  using A = ValueRange;
  // Unary.
  add<NegativeOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::NegFOp::create(b, l, a[0]);
    return arith::SubIOp::create(b, l, cst(b, l, t, 0), a[0]);
  });
  add<AbsOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return math::AbsFOp::create(b, l, a[0]);
    return math::AbsIOp::create(b, l, a[0]);
  });
  add<SignOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    Value pos = isF(t) ? (Value)arith::CmpFOp::create(b, l, arith::CmpFPredicate::OGT, a[0], cst(b, l, t, 0))
                       : (Value)arith::CmpIOp::create(b, l, arith::CmpIPredicate::sgt, a[0], cst(b, l, t, 0));
    Value neg = isF(t) ? (Value)arith::CmpFOp::create(b, l, arith::CmpFPredicate::OLT, a[0], cst(b, l, t, 0))
                       : (Value)arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, a[0], cst(b, l, t, 0));
    Value r = arith::SelectOp::create(b, l, neg, cst(b, l, t, -1), cst(b, l, t, 0));
    return arith::SelectOp::create(b, l, pos, cst(b, l, t, 1), r);
  });
  add<ExpOp>(patterns, tc, [](OpBuilder &b, Location l, Type, A a) -> Value {
    return math::ExpOp::create(b, l, a[0]);
  });
  add<LogOp>(patterns, tc, [](OpBuilder &b, Location l, Type, A a) -> Value {
    return math::LogOp::create(b, l, a[0]);
  });
  add<SafeLogOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    Value s = arith::AddFOp::create(b, l, a[0], cst(b, l, t, std::exp(-50.0)));
    return arith::MaximumFOp::create(b, l, math::LogOp::create(b, l, s),
                                     cst(b, l, t, -50.0));
  });
  add<SqrtOp>(patterns, tc, [](OpBuilder &b, Location l, Type, A a) -> Value {
    return math::SqrtOp::create(b, l, a[0]);
  });
  add<SquareOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::MulFOp::create(b, l, a[0], a[0]);
    return arith::MulIOp::create(b, l, a[0], a[0]);
  });
  add<ReciprocalOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    return arith::DivFOp::create(b, l, cst(b, l, t, 1), a[0]);
  });
  add<TanhOp>(patterns, tc, [](OpBuilder &b, Location l, Type, A a) -> Value {
    return math::TanhOp::create(b, l, a[0]);
  });
  add<SigmoidOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    Value e = math::ExpOp::create(b, l, arith::NegFOp::create(b, l, a[0]));
    return arith::DivFOp::create(b, l, cst(b, l, t, 1),
                                 arith::AddFOp::create(b, l, cst(b, l, t, 1), e));
  });
  add<ReluOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::MaximumFOp::create(b, l, a[0], cst(b, l, t, 0));
    return arith::MaxSIOp::create(b, l, a[0], cst(b, l, t, 0));
  });
  // Binary.
  add<AddOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::AddFOp::create(b, l, a[0], a[1]);
    return arith::AddIOp::create(b, l, a[0], a[1]);
  });
  add<SubtractOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::SubFOp::create(b, l, a[0], a[1]);
    return arith::SubIOp::create(b, l, a[0], a[1]);
  });
  add<MultiplyOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::MulFOp::create(b, l, a[0], a[1]);
    return arith::MulIOp::create(b, l, a[0], a[1]);
  });
  add<DivideOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::DivFOp::create(b, l, a[0], a[1]);
    return arith::DivSIOp::create(b, l, a[0], a[1]);
  });
  add<MaximumOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::MaximumFOp::create(b, l, a[0], a[1]);
    return arith::MaxSIOp::create(b, l, a[0], a[1]);
  });
  add<MinimumOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return arith::MinimumFOp::create(b, l, a[0], a[1]);
    return arith::MinSIOp::create(b, l, a[0], a[1]);
  });
  add<PowerOp>(patterns, tc, [](OpBuilder &b, Location l, Type t, A a) -> Value {
    if (isF(t))
      return math::PowFOp::create(b, l, a[0], a[1]);
    return math::IPowIOp::create(b, l, a[0], a[1]);
  });
  using FP = arith::CmpFPredicate;
  using IP = arith::CmpIPredicate;
  add<LessOp>(patterns, tc, compare<FP::OLT, IP::slt>);
  add<LessEqualOp>(patterns, tc, compare<FP::OLE, IP::sle>);
  add<GreaterOp>(patterns, tc, compare<FP::OGT, IP::sgt>);
  add<GreaterEqualOp>(patterns, tc, compare<FP::OGE, IP::sge>);
  add<EqualOp>(patterns, tc, compare<FP::OEQ, IP::eq>);
  add<NotEqualOp>(patterns, tc, compare<FP::UNE, IP::ne>);
}
