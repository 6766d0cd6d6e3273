//===- Convolution.cpp - ng convolution and pooling to linalg -------------===//
//
// Each convolution op becomes one linalg.generic over the output's axes and
// the contracted ones, reading a zero-padded input through
// `out * stride + window * dilation` (the data gradient reads a padded,
// stride-dilated output gradient through `in - window * dilation`, so no
// op ever scatters). These generics are the reference; they carry
// kConvolutionAttrName so code generation can recognize them and choose a
// faster form (ng-cpu-lower-convolutions) and elementwise fusion leaves
// them whole.
//
// Pooling is an elementwise combination of strided slices, one slice per
// window position, so it vectorizes like any elementwise op; its gradient
// adds into strided slices of a padded zero tensor, again per window
// position.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Conversion/NGToLinalg/NGToLinalg.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {

/// Where a tensor's elements go along one axis of a larger tensor: after
/// `low` positions, `stride` apart, with `high` positions after the last.
struct Placement {
  int64_t low = 0, stride = 1, high = 0;
};

/// `v` placed into a tensor filled with `fill`, per axis as `per` says.
Value place(OpBuilder &b, Location loc, Value v, ArrayRef<Placement> per,
            TypedAttr fill) {
  auto type = cast<RankedTensorType>(v.getType());
  if (llvm::all_of(per, [](const Placement &p) {
        return p.low == 0 && p.stride == 1 && p.high == 0;
      }))
    return v;
  SmallVector<int64_t> shape;
  SmallVector<OpFoldResult> offsets, sizes, strides;
  for (auto [n, p] : llvm::zip(type.getShape(), per)) {
    shape.push_back(p.low + (n - 1) * p.stride + 1 + p.high);
    offsets.push_back(b.getIndexAttr(p.low));
    sizes.push_back(b.getIndexAttr(n));
    strides.push_back(b.getIndexAttr(p.stride));
  }
  Value dest = emptyTensor(b, loc, RankedTensorType::get(shape, type.getElementType()),
                           fill);
  return tensor::InsertSliceOp::create(b, loc, v, dest, offsets, sizes, strides);
}

/// The window whose input (or, with `byOutput`, output) axis is `a`.
const axes::Window *windowOf(const axes::ConvolutionAxes &ca, AxisAttr a,
                             bool byOutput = false) {
  for (const axes::Window &w : ca.windows)
    if ((byOutput ? w.output : w.input) == a)
      return &w;
  return nullptr;
}

AffineExpr dim(ArrayRef<AxisAttr> space, AxisAttr a, MLIRContext *ctx) {
  return getAffineDimExpr(axes::indexOf(space, a.getName()), ctx);
}

/// Zero padding of the input's spatial axes.
SmallVector<Placement> inputPadding(const axes::ConvolutionAxes &ca,
                                    NGTensorType x) {
  SmallVector<Placement> per(x.getRank());
  for (auto [i, a] : llvm::enumerate(x.getAxes()))
    if (const axes::Window *w = windowOf(ca, a))
      per[i] = {w->padding, 1, w->padding};
  return per;
}

/// The output gradient dilated by the stride and padded so that the input
/// position h reads it at `h + dilation*(length - 1) - r*dilation` for
/// window position r (out-of-range and between-stride reads are zeros).
SmallVector<Placement> transposedPlacement(const axes::ConvolutionAxes &ca,
                                           NGTensorType y) {
  SmallVector<Placement> per(y.getRank());
  for (auto [i, a] : llvm::enumerate(y.getAxes()))
    if (const axes::Window *w = windowOf(ca, a, /*byOutput=*/true)) {
      int64_t extent = w->dilation * (w->length - 1);
      per[i] = {extent - w->padding, w->stride,
                w->input.getLength() + w->padding -
                    (w->output.getLength() - 1) * w->stride - 1};
    }
  return per;
}

/// A sum-of-products generic over `space` (its first `parallel` axes are the
/// result's, in order), reading `lhs` and `rhs` through `maps`.
Value contractionGeneric(OpBuilder &b, Location loc, NGTensorType result,
                         ArrayRef<AxisAttr> space, Value lhs, Value rhs,
                         AffineMap lhsMap, AffineMap rhsMap) {
  MLIRContext *ctx = b.getContext();
  int64_t parallel = result.getRank();
  SmallVector<utils::IteratorType> iters(space.size(),
                                         utils::IteratorType::reduction);
  std::fill_n(iters.begin(), parallel, utils::IteratorType::parallel);
  AffineMap outMap = AffineMap::get(
      space.size(), 0,
      llvm::to_vector(llvm::map_range(llvm::seq<int64_t>(0, parallel),
                                      [&](int64_t i) {
                                        return getAffineDimExpr(i, ctx);
                                      })),
      ctx);
  Type elt = result.getElementType();
  Value init = emptyTensor(b, loc, result.toBuiltin(),
                           cast<TypedAttr>(b.getZeroAttr(elt)));
  auto generic = linalg::GenericOp::create(
      b, loc, result.toBuiltin(), ValueRange{lhs, rhs}, init,
      ArrayRef<AffineMap>{lhsMap, rhsMap, outMap}, iters,
      [](OpBuilder &nb, Location l, ValueRange args) {
        Value p = arith::MulFOp::create(nb, l, args[0], args[1]);
        linalg::YieldOp::create(
            nb, l, ValueRange{arith::AddFOp::create(nb, l, args[2], p)});
      });
  generic->setAttr(kConvolutionAttrName, b.getUnitAttr());
  return generic.getResult(0);
}

/// What one convolution-family op computes: a sum of products over `space`
/// (the result's axes first) of `windowed`, read through `windowedExprs`,
/// and `other`, read by axis name.
struct ConvPlan {
  NGTensorType result;
  axes::AxisList space;
  Value windowed;
  SmallVector<AffineExpr> windowedExprs;
  Value other;
  NGTensorType otherType;
};

/// The input read through `out * stride + window * dilation` from its
/// zero-padded form (forward and filter gradient).
void readInputThroughWindows(OpBuilder &b, Location loc,
                             const axes::ConvolutionAxes &ca, NGTensorType x,
                             Value input, ConvPlan &p) {
  MLIRContext *ctx = b.getContext();
  for (AxisAttr a : x.getAxes()) {
    const axes::Window *win = windowOf(ca, a);
    p.windowedExprs.push_back(
        win ? dim(p.space, win->output, ctx) * win->stride +
                  dim(p.space, win->filter, ctx) * win->dilation
            : dim(p.space, a, ctx));
  }
  p.windowed = place(b, loc, input, inputPadding(ca, x),
                     cast<TypedAttr>(b.getZeroAttr(x.getElementType())));
}

// y[out...] += x[chan, out*stride + r*dil, passed] * w[chan, r, feature]
ConvPlan plan(ConvolutionOp op, ConvolutionOp::Adaptor adaptor,
              const axes::ConvolutionAxes &ca, OpBuilder &b) {
  ConvPlan p{op.getOutputType(), axes::AxisList(op.getOutputType().getAxes())};
  p.space.append(ca.channels);
  for (const axes::Window &win : ca.windows)
    p.space.push_back(win.filter);
  readInputThroughWindows(b, op.getLoc(), ca, op.getInputType(),
                          adaptor.getInput(), p);
  p.other = adaptor.getFilter();
  p.otherType = op.getFilterType();
  return p;
}

// dx[in...] += dyq[feature, h + dil*(len-1) - r*dil, passed] * w[...]
ConvPlan plan(ConvolutionBackpropDataOp op,
              ConvolutionBackpropDataOp::Adaptor adaptor,
              const axes::ConvolutionAxes &ca, OpBuilder &b) {
  MLIRContext *ctx = b.getContext();
  NGTensorType y = op.getOutputType();
  ConvPlan p{op.getInputType(), axes::AxisList(op.getInputType().getAxes())};
  p.space.append(ca.features);
  for (const axes::Window &win : ca.windows)
    p.space.push_back(win.filter);
  for (AxisAttr a : y.getAxes()) {
    const axes::Window *win = windowOf(ca, a, /*byOutput=*/true);
    p.windowedExprs.push_back(
        win ? dim(p.space, win->input, ctx) +
                  win->dilation * (win->length - 1) -
                  dim(p.space, win->filter, ctx) * win->dilation
            : dim(p.space, a, ctx));
  }
  p.windowed = place(b, op.getLoc(), adaptor.getOutputGrad(),
                     transposedPlacement(ca, y),
                     cast<TypedAttr>(b.getZeroAttr(y.getElementType())));
  p.other = adaptor.getFilter();
  p.otherType = op.getFilterType();
  return p;
}

// dw[filter...] += x[chan, p*stride + r*dil, passed] * dy[feature, p, passed]
ConvPlan plan(ConvolutionBackpropFilterOp op,
              ConvolutionBackpropFilterOp::Adaptor adaptor,
              const axes::ConvolutionAxes &ca, OpBuilder &b) {
  ConvPlan p{op.getFilterType(), axes::AxisList(op.getFilterType().getAxes())};
  for (const axes::Window &win : ca.windows)
    p.space.push_back(win.output);
  p.space.append(ca.passed);
  readInputThroughWindows(b, op.getLoc(), ca, op.getInputType(),
                          adaptor.getInput(), p);
  p.other = adaptor.getOutputGrad();
  p.otherType = op.getOutputType();
  return p;
}

template <typename Op>
struct ConvolutionFamilyLowering : OpConversionPattern<Op> {
  using OpConversionPattern<Op>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Op op, typename Op::Adaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    FailureOr<axes::ConvolutionAxes> ca = op.getConvolutionAxes();
    if (failed(ca))
      return failure();
    MLIRContext *ctx = op.getContext();
    ConvPlan p = plan(op, adaptor, *ca, rw);
    rw.replaceOp(op, contractionGeneric(
                         rw, op.getLoc(), p.result, p.space, p.windowed,
                         p.other,
                         AffineMap::get(p.space.size(), 0, p.windowedExprs, ctx),
                         mapFor(ctx, p.space, p.otherType.getAxes())));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Pooling
//===----------------------------------------------------------------------===//

/// Window positions in row-major order over the spatial axes.
SmallVector<SmallVector<int64_t>> windowPositions(const axes::ConvolutionAxes &ca) {
  SmallVector<SmallVector<int64_t>> all = {{}};
  for (const axes::Window &w : ca.windows) {
    SmallVector<SmallVector<int64_t>> next;
    for (const SmallVector<int64_t> &prefix : all)
      for (int64_t r = 0; r < w.length; ++r) {
        next.push_back(prefix);
        next.back().push_back(r);
      }
    all = std::move(next);
  }
  return all;
}

/// The slice of the padded input (axes of `x`) that window position `pos`
/// reads for every output position: along each spatial axis, from `r`,
/// `stride` apart, output-length long. Its axes are `x`'s with each spatial
/// axis replaced by its output axis.
struct WindowSlice {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  NGTensorType type;
};
WindowSlice windowSlice(OpBuilder &b, const axes::ConvolutionAxes &ca,
                        NGTensorType x, ArrayRef<int64_t> pos) {
  WindowSlice s;
  axes::AxisList sliceAxes;
  for (AxisAttr a : x.getAxes()) {
    const axes::Window *w = windowOf(ca, a);
    if (!w) {
      s.offsets.push_back(b.getIndexAttr(0));
      s.sizes.push_back(b.getIndexAttr(a.getLength()));
      s.strides.push_back(b.getIndexAttr(1));
      sliceAxes.push_back(a);
      continue;
    }
    s.offsets.push_back(b.getIndexAttr(pos[w - ca.windows.data()]));
    s.sizes.push_back(b.getIndexAttr(w->output.getLength()));
    s.strides.push_back(b.getIndexAttr(w->stride));
    sliceAxes.push_back(w->output);
  }
  s.type = x.withAxes(sliceAxes);
  return s;
}

TypedAttr poolFill(OpBuilder &b, PoolKind kind, Type elt) {
  return kind == PoolKind::max
             ? b.getFloatAttr(elt, -std::numeric_limits<double>::infinity())
             : b.getFloatAttr(elt, 0.0);
}

double windowScale(const axes::ConvolutionAxes &ca) {
  double n = 1;
  for (const axes::Window &w : ca.windows)
    n *= w.length;
  return 1.0 / n;
}

/// The padded input's window slices, read along `out`'s axes.
SmallVector<Value> windowSlices(OpBuilder &b, Location loc,
                                const axes::ConvolutionAxes &ca, NGTensorType x,
                                Value xp, SmallVectorImpl<AffineMap> &maps,
                                NGTensorType out) {
  SmallVector<Value> slices;
  for (const SmallVector<int64_t> &pos : windowPositions(ca)) {
    WindowSlice s = windowSlice(b, ca, x, pos);
    slices.push_back(tensor::ExtractSliceOp::create(
        b, loc, s.type.toBuiltin(), xp, s.offsets, s.sizes, s.strides));
    maps.push_back(mapFor(b.getContext(), out.getAxes(), s.type.getAxes()));
  }
  return slices;
}

struct PoolLowering : OpConversionPattern<PoolOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PoolOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    FailureOr<axes::ConvolutionAxes> ca = op.getPoolingAxes();
    if (failed(ca))
      return failure();
    Location loc = op.getLoc();
    NGTensorType x = op.getInputType(), y = op.getOutputType();
    Type elt = x.getElementType();
    PoolKind kind = op.getKind();
    Value xp = place(rw, loc, adaptor.getInput(), inputPadding(*ca, x),
                     poolFill(rw, kind, elt));
    SmallVector<AffineMap> maps;
    SmallVector<Value> slices = windowSlices(rw, loc, *ca, x, xp, maps, y);
    maps.push_back(AffineMap::getMultiDimIdentityMap(y.getRank(), getContext()));
    SmallVector<utils::IteratorType> iters(y.getRank(),
                                           utils::IteratorType::parallel);
    double scale = windowScale(*ca);
    Value r = linalg::GenericOp::create(
                  rw, loc, y.toBuiltin(), slices,
                  emptyTensor(rw, loc, y.toBuiltin()), maps, iters,
                  [&](OpBuilder &b, Location l, ValueRange args) {
                    Value acc = args[0];
                    for (Value v : args.drop_front().drop_back())
                      acc = kind == PoolKind::max
                                ? (Value)arith::MaximumFOp::create(b, l, acc, v)
                                : (Value)arith::AddFOp::create(b, l, acc, v);
                    if (kind == PoolKind::avg)
                      acc = arith::MulFOp::create(b, l, acc,
                                                  scalarConst(b, l, elt, scale));
                    linalg::YieldOp::create(b, l, acc);
                  })
                  .getResult(0);
    rw.replaceOp(op, r);
    return success();
  }
};

struct PoolBackpropLowering : OpConversionPattern<PoolBackpropOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PoolBackpropOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    FailureOr<axes::ConvolutionAxes> ca = op.getPoolingAxes();
    if (failed(ca))
      return failure();
    MLIRContext *ctx = getContext();
    Location loc = op.getLoc();
    NGTensorType x = op.getInputType(), y = op.getOutputType();
    Type elt = x.getElementType();
    PoolKind kind = op.getKind();
    SmallVector<utils::IteratorType> iters(y.getRank(),
                                           utils::IteratorType::parallel);
    AffineMap yMap = AffineMap::getMultiDimIdentityMap(y.getRank(), ctx);

    // Max: which window position holds each window's first maximum.
    Value argmax;
    Type i32 = rw.getI32Type();
    if (kind == PoolKind::max) {
      Value xp = place(rw, loc, adaptor.getInput(), inputPadding(*ca, x),
                       poolFill(rw, kind, elt));
      SmallVector<AffineMap> maps;
      SmallVector<Value> slices = windowSlices(rw, loc, *ca, x, xp, maps, y);
      maps.push_back(yMap);
      auto idxType = RankedTensorType::get(y.toBuiltin().getShape(), i32);
      argmax = linalg::GenericOp::create(
                   rw, loc, idxType, slices, emptyTensor(rw, loc, idxType), maps,
                   iters,
                   [&](OpBuilder &b, Location l, ValueRange args) {
                     Value best = args[0];
                     Value idx = scalarConst(b, l, i32, 0);
                     for (size_t j = 1; j + 1 < args.size(); ++j) {
                       // Strictly greater: ties keep the earlier position.
                       Value take = arith::CmpFOp::create(
                           b, l, arith::CmpFPredicate::OGT, args[j], best);
                       best = arith::SelectOp::create(b, l, take, args[j], best);
                       idx = arith::SelectOp::create(
                           b, l, take, scalarConst(b, l, i32, j), idx);
                     }
                     linalg::YieldOp::create(b, l, idx);
                   })
                   .getResult(0);
    }

    // Each window position adds its share into a strided slice of the
    // padded gradient.
    SmallVector<Placement> pad = inputPadding(*ca, x);
    SmallVector<int64_t> paddedShape;
    for (auto [a, p] : llvm::zip(x.getAxes(), pad))
      paddedShape.push_back(a.getLength() + p.low + p.high);
    Value dxp = emptyTensor(rw, loc, RankedTensorType::get(paddedShape, elt),
                            cast<TypedAttr>(rw.getZeroAttr(elt)));
    double scale = windowScale(*ca);
    for (auto [j, pos] : llvm::enumerate(windowPositions(*ca))) {
      WindowSlice s = windowSlice(rw, *ca, x, pos);
      Value part = tensor::ExtractSliceOp::create(
          rw, loc, s.type.toBuiltin(), dxp, s.offsets, s.sizes, s.strides);
      SmallVector<Value> ins = {adaptor.getOutputGrad()};
      SmallVector<AffineMap> maps = {mapFor(ctx, y.getAxes(), y.getAxes())};
      if (argmax) {
        ins.push_back(argmax);
        maps.push_back(yMap);
      }
      maps.push_back(mapFor(ctx, y.getAxes(), s.type.getAxes()));
      int64_t position = j;
      Value upd = linalg::GenericOp::create(
                      rw, loc, s.type.toBuiltin(), ins, part, maps, iters,
                      [&](OpBuilder &b, Location l, ValueRange args) {
                        Value g = args[0], acc = args.back(), share;
                        if (kind == PoolKind::max) {
                          Value hit = arith::CmpIOp::create(
                              b, l, arith::CmpIPredicate::eq, args[1],
                              scalarConst(b, l, i32, position));
                          share = arith::SelectOp::create(
                              b, l, hit, g, scalarConst(b, l, elt, 0.0));
                        } else {
                          share = arith::MulFOp::create(
                              b, l, g, scalarConst(b, l, elt, scale));
                        }
                        linalg::YieldOp::create(
                            b, l,
                            ValueRange{arith::AddFOp::create(b, l, acc, share)});
                      })
                      .getResult(0);
      dxp = tensor::InsertSliceOp::create(rw, loc, upd, dxp, s.offsets,
                                          s.sizes, s.strides);
    }
    // The interior, without the padding.
    SmallVector<OpFoldResult> offsets, sizes, strides;
    for (auto [a, p] : llvm::zip(x.getAxes(), pad)) {
      offsets.push_back(rw.getIndexAttr(p.low));
      sizes.push_back(rw.getIndexAttr(a.getLength()));
      strides.push_back(rw.getIndexAttr(1));
    }
    Value dx = dxp;
    if (llvm::any_of(pad, [](const Placement &p) { return p.low || p.high; }))
      dx = tensor::ExtractSliceOp::create(rw, loc, x.toBuiltin(), dxp, offsets,
                                          sizes, strides);
    rw.replaceOp(op, dx);
    return success();
  }
};

} // namespace

void ng::lowering::populateConvolutionPatterns(const TypeConverter &tc,
                                               RewritePatternSet &patterns) {
  patterns.add<ConvolutionFamilyLowering<ConvolutionOp>,
               ConvolutionFamilyLowering<ConvolutionBackpropDataOp>,
               ConvolutionFamilyLowering<ConvolutionBackpropFilterOp>,
               PoolLowering, PoolBackpropLowering>(tc, patterns.getContext());
}
