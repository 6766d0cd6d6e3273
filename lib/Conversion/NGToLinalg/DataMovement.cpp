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

/// Offsets, sizes and strides of the part of a whole tensor of `whole` type
/// that `ranges` select (indexed axes: size 1, dropped by rank reduction).
struct SliceBox {
  SmallVector<OpFoldResult> offsets, sizes, strides;
};
static SliceBox boxOf(OpBuilder &b, NGTensorType whole,
                      ArrayRef<axes::AxisRange> ranges) {
  SliceBox box;
  for (AxisAttr a : whole.getAxes()) {
    box.offsets.push_back(b.getIndexAttr(0));
    box.sizes.push_back(b.getIndexAttr(a.getLength()));
    box.strides.push_back(b.getIndexAttr(1));
  }
  for (const axes::AxisRange &r : ranges) {
    box.offsets[r.position] = b.getIndexAttr(r.start);
    box.sizes[r.position] =
        b.getIndexAttr(axes::rangeLength(r.start, r.stop, r.step));
    box.strides[r.position] = b.getIndexAttr(r.step);
  }
  return box;
}

static Value zeros(OpBuilder &b, Location loc, NGTensorType type) {
  return emptyTensor(b, loc, type.toBuiltin(),
                     cast<TypedAttr>(b.getZeroAttr(type.getElementType())));
}

/// slice: a (strided, rank-reducing) view of the operand.
struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto ranges = op.getRanges();
    if (failed(ranges))
      return failure();
    SliceBox box = boxOf(rw, op.getWholeType(), *ranges);
    rw.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, op.getPartType().toBuiltin(), adaptor.getOperand(), box.offsets,
        box.sizes, box.strides);
    return success();
  }
};

/// slice_backprop: the part written into zeros.
struct SliceBackpropLowering : OpConversionPattern<SliceBackpropOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceBackpropOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto ranges = op.getRanges();
    if (failed(ranges))
      return failure();
    SliceBox box = boxOf(rw, op.getWholeType(), *ranges);
    rw.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getOperand(), zeros(rw, op.getLoc(), op.getWholeType()),
        box.offsets, box.sizes, box.strides);
    return success();
  }
};

/// pad: the operand written into zeros of the result's shape.
struct PadLowering : OpConversionPattern<PadOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto ranges = op.getRanges();
    if (failed(ranges))
      return failure();
    // The ranges say where each operand axis sits in its result axis; the
    // order of axes is the same in both.
    NGTensorType out = op.getType();
    SliceBox box = boxOf(rw, out, {});
    auto in = cast<NGTensorType>(op.getOperand().getType());
    for (auto [i, a] : llvm::enumerate(in.getAxes()))
      box.sizes[i] = rw.getIndexAttr(a.getLength());
    for (const axes::AxisRange &r : *ranges)
      box.offsets[r.position] = rw.getIndexAttr(r.start);
    rw.replaceOpWithNewOp<tensor::InsertSliceOp>(
        op, adaptor.getOperand(), zeros(rw, op.getLoc(), out), box.offsets,
        box.sizes, box.strides);
    return success();
  }
};

/// concat and stack: each operand written into its place of an empty
/// result (every element is written once).
struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto c = op.getConcatenation();
    if (failed(c))
      return failure();
    NGTensorType out = op.getType();
    Value r = emptyTensor(rw, op.getLoc(), out.toBuiltin());
    for (auto [i, x] : llvm::enumerate(adaptor.getInputs())) {
      auto t = cast<NGTensorType>(op.getInputs()[i].getType());
      SliceBox box = boxOf(rw, t, {});
      box.offsets[c->position] = rw.getIndexAttr(c->offsets[i]);
      r = tensor::InsertSliceOp::create(rw, op.getLoc(), x, r, box.offsets,
                                        box.sizes, box.strides);
    }
    rw.replaceOp(op, r);
    return success();
  }
};

struct StackLowering : OpConversionPattern<StackOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(StackOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto position = op.getStackPosition();
    if (failed(position))
      return failure();
    NGTensorType out = op.getType();
    Value r = emptyTensor(rw, op.getLoc(), out.toBuiltin());
    for (auto [i, x] : llvm::enumerate(adaptor.getInputs())) {
      axes::AxisRange at;
      at.position = *position;
      at.start = i;
      at.stop = i + 1;
      SliceBox box = boxOf(rw, out, at);
      r = tensor::InsertSliceOp::create(rw, op.getLoc(), x, r, box.offsets,
                                        box.sizes, box.strides);
    }
    rw.replaceOp(op, r);
    return success();
  }
};
} // namespace

void ng::lowering::populateDataMovementPatterns(const TypeConverter &tc,
                                          RewritePatternSet &patterns) {
  patterns.add<ConstantLowering, GatherLowering<BroadcastOp>,
               GatherLowering<ReorderOp>, CastAxesLowering, FlattenLowering,
               UnflattenLowering, ConvertLowering, OneHotLowering,
               SliceLowering, SliceBackpropLowering, PadLowering,
               ConcatLowering, StackLowering>(
      tc, patterns.getContext());
}
