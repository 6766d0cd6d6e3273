//===- DataMovement.cpp - constants and axis ops to tensor/linalg ---------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {

struct ConstantLowering : OpConversionPattern<ng::ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ng::ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rw) const override {
    rw.replaceOpWithNewOp<arith::ConstantOp>(op, cast<TypedAttr>(op.getValue()));
    return success();
  }
};

/// broadcast and reorder: the operand read through its projection onto the
/// result's axes (a permutation, for reorder).
template <typename Op>
struct GatherLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    rw.replaceOp(op, gather(rw, op.getLoc(),
                            cast<NGTensorType>(op.getOperand().getType()),
                            cast<NGTensorType>(op.getType()),
                            adaptor.getOperand()));
    return success();
  }
};

/// cast_axes only renames: the data and the builtin type are unchanged.
struct CastAxesLowering : OpConversionPattern<CastAxesOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CastAxesOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    rw.replaceOp(op, adaptor.getOperand());
    return success();
  }
};

/// Reassociation from flatten groups (group i covers groups[i] axes).
static SmallVector<ReassociationIndices> reassociation(ArrayRef<int64_t> groups) {
  SmallVector<ReassociationIndices> r;
  int64_t next = 0;
  for (int64_t g : groups) {
    ReassociationIndices idx;
    for (int64_t i = 0; i < g; ++i)
      idx.push_back(next++);
    r.push_back(idx);
  }
  return r;
}

/// flatten collapses runs of axes, unflatten expands them again: the same
/// grouping, matched in opposite directions.
template <typename Op, typename ReshapeOp, bool collapse>
struct ReshapeLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto in = cast<NGTensorType>(op.getOperand().getType());
    auto out = cast<NGTensorType>(op.getType());
    auto wide = collapse ? in : out, narrow = collapse ? out : in;
    auto groups = axes::matchFlatten(wide.getAxes(), narrow.getAxes(),
                                     [&] { return op.emitOpError(); });
    if (failed(groups))
      return failure();
    rw.replaceOpWithNewOp<ReshapeOp>(op, out.toBuiltin(), adaptor.getOperand(),
                                     reassociation(*groups));
    return success();
  }
};
using FlattenLowering = ReshapeLowering<FlattenOp, tensor::CollapseShapeOp, true>;
using UnflattenLowering = ReshapeLowering<UnflattenOp, tensor::ExpandShapeOp, false>;

struct ConvertLowering : OpConversionPattern<ConvertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto in = cast<NGTensorType>(op.getOperand().getType());
    auto out = cast<NGTensorType>(op.getType());
    Type from = in.getElementType(), to = out.getElementType();
    Value r = mapElements(rw, op.getLoc(), out, in, adaptor.getOperand(),
                          [&](OpBuilder &b, Location l, Value x) -> Value {
      if (from == to)
        return x;
      if (isa<FloatType>(from) && isa<FloatType>(to))
        return from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth()
                   ? (Value)arith::ExtFOp::create(b, l, to, x)
                   : (Value)arith::TruncFOp::create(b, l, to, x);
      if (isa<FloatType>(to))
        return arith::SIToFPOp::create(b, l, to, x);
      if (isa<FloatType>(from))
        return arith::FPToSIOp::create(b, l, to, x);
      return x;
    });
    rw.replaceOp(op, r);
    return success();
  }
};

/// one_hot: element (k, rest...) is 1 where labels[rest...] == k.
struct OneHotLowering : OpConversionPattern<OneHotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OneHotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto in = cast<NGTensorType>(op.getLabels().getType());
    auto out = cast<NGTensorType>(op.getType());
    Type elt = out.getElementType();
    SmallVector<AffineMap> maps = {mapFor(ctx, out.getAxes(), in.getAxes()),
                                   AffineMap::getMultiDimIdentityMap(out.getRank(), ctx)};
    SmallVector<utils::IteratorType> iters(out.getRank(),
                                           utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rw, loc, out.toBuiltin(), adaptor.getLabels(),
        emptyTensor(rw, loc, out.toBuiltin()), maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value k = arith::IndexCastOp::create(b, l, args[0].getType(),
                                               linalg::IndexOp::create(b, l, 0));
          Value hit = arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, k,
                                            args[0]);
          linalg::YieldOp::create(
              b, l,
              arith::SelectOp::create(b, l, hit, scalarConst(b, l, elt, 1),
                                      scalarConst(b, l, elt, 0))
                  .getResult());
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};
} // namespace

void ng::lowering::populateDataMovementPatterns(const TypeConverter &tc,
                                          RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, GatherLowering<BroadcastOp>,
               GatherLowering<ReorderOp>, CastAxesLowering, FlattenLowering,
               UnflattenLowering, ConvertLowering, OneHotLowering>(
      tc, patterns.getContext());
}
