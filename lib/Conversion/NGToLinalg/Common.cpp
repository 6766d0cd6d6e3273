//===- Common.cpp - helpers shared by the ng to linalg patterns -----------===//
#include "PopulatePatterns.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::ng;

RankedTensorType ng::lowering::builtinType(Type ngType) {
  return cast<NGTensorType>(ngType).toBuiltin();
}

AffineMap ng::lowering::mapFor(MLIRContext *ctx, ArrayRef<AxisAttr> space,
                         ArrayRef<AxisAttr> operand) {
  SmallVector<AffineExpr> exprs;
  for (int64_t pos : axes::positionsIn(operand, space))
    exprs.push_back(getAffineDimExpr(pos, ctx));
  return AffineMap::get(space.size(), 0, exprs, ctx);
}

Value ng::lowering::emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                          std::optional<TypedAttr> fill) {
  Value init = tensor::EmptyOp::create(b, loc, type.getShape(),
                                       type.getElementType());
  if (!fill)
    return init;
  Value c = arith::ConstantOp::create(b, loc, *fill);
  return linalg::FillOp::create(b, loc, c, init).getResult(0);
}

Value ng::lowering::scalarConst(OpBuilder &b, Location loc, Type t, double v) {
  if (isa<FloatType>(t))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(t, v));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(t, (int64_t)v));
}

Value ng::lowering::mapElements(
    OpBuilder &b, Location loc, NGTensorType out, NGTensorType in, Value input,
    function_ref<Value(OpBuilder &, Location, Value)> fn) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps = {
      mapFor(ctx, out.getAxes(), in.getAxes()),
      AffineMap::getMultiDimIdentityMap(out.getRank(), ctx)};
  SmallVector<utils::IteratorType> iters(out.getRank(),
                                         utils::IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, out.toBuiltin(), input,
             emptyTensor(b, loc, out.toBuiltin()), maps, iters,
             [&](OpBuilder &nb, Location l, ValueRange args) {
               linalg::YieldOp::create(nb, l, fn(nb, l, args[0]));
             })
      .getResult(0);
}

Value ng::lowering::gather(OpBuilder &b, Location loc, NGTensorType in,
                           NGTensorType out, Value input) {
  return mapElements(b, loc, out, in, input,
                     [](OpBuilder &, Location, Value x) { return x; });
}
