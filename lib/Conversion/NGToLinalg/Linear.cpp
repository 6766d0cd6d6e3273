//===- Linear.cpp - ng.dot to a linalg contraction ------------------------===//
//
// Axis order is semantics, not layout: a dot is computed as one 2-D
// contraction C[M, N] += A[M, K] * B[K, N] over the flattened free and
// contracted axes, whatever order the user wrote them in. A may be read as
// [M, K] or [K, M] and B as [K, N] or [N, K] in place (the scheduler packs
// large operands, or transposes B, as its kernels need); other layouts are
// permuted in compiled code.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

/// `v` with the same elements in row-major order and shape `to` (metadata
/// only: collapse to 1-D, then expand).
static Value reshapeTo(OpBuilder &b, Location loc, Value v,
                       RankedTensorType to) {
  auto from = cast<RankedTensorType>(v.getType());
  if (from.getShape() == to.getShape())
    return v;
  auto flatType = RankedTensorType::get({from.getNumElements()},
                                        from.getElementType());
  Value flat = v;
  if (from.getRank() == 0)
    flat = tensor::ExpandShapeOp::create(b, loc, flatType, v,
                                         ArrayRef<ReassociationIndices>{});
  else if (from.getRank() > 1) {
    ReassociationIndices all = llvm::to_vector<2>(llvm::seq<int64_t>(0, from.getRank()));
    flat = tensor::CollapseShapeOp::create(b, loc, flatType, v,
                                           ArrayRef<ReassociationIndices>{all});
  }
  if (to.getRank() == 1)
    return flat;
  if (to.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, to, flat,
                                           ArrayRef<ReassociationIndices>{});
  ReassociationIndices all = llvm::to_vector<2>(llvm::seq<int64_t>(0, to.getRank()));
  return tensor::ExpandShapeOp::create(b, loc, to, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

namespace {
struct DotLowering : OpConversionPattern<DotOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DotOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    auto lhs = cast<NGTensorType>(op.getLhs().getType());
    auto rhs = cast<NGTensorType>(op.getRhs().getType());
    auto out = cast<NGTensorType>(op.getType());
    axes::DotAxes d = axes::dot(lhs.getAxes(), rhs.getAxes());
    Value r = d.contracted.empty()
                  ? outerProduct(rw, op, adaptor, d)
                  : contraction(rw, op, adaptor, d);
    // The contraction's result is in dot order (lhs free, rhs free).
    NGTensorType dotType = out.withAxes(d.result);
    if (dotType != out)
      r = gather(rw, op.getLoc(), dotType, out, r);
    rw.replaceOp(op, r);
    return success();
  }

  /// Nothing to contract (an outer product, or scalars): a parallel generic
  /// that must not read its init, or elementwise fusion would accumulate
  /// into it across the consumer's loops.
  static Value outerProduct(ConversionPatternRewriter &rw, DotOp op,
                            OpAdaptor adaptor, const axes::DotAxes &d) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto lhs = cast<NGTensorType>(op.getLhs().getType());
    auto rhs = cast<NGTensorType>(op.getRhs().getType());
    NGTensorType res = cast<NGTensorType>(op.getType()).withAxes(d.result);
    SmallVector<AffineMap> maps = {
        mapFor(ctx, d.result, lhs.getAxes()),
        mapFor(ctx, d.result, rhs.getAxes()),
        AffineMap::getMultiDimIdentityMap(d.result.size(), ctx)};
    SmallVector<utils::IteratorType> iters(d.result.size(),
                                           utils::IteratorType::parallel);
    bool isF = isa<FloatType>(res.getElementType());
    return linalg::GenericOp::create(
               rw, loc, res.toBuiltin(),
               ValueRange{adaptor.getLhs(), adaptor.getRhs()},
               emptyTensor(rw, loc, res.toBuiltin()), maps, iters,
               [&](OpBuilder &b, Location l, ValueRange args) {
                 Value p = isF ? (Value)arith::MulFOp::create(b, l, args[0],
                                                              args[1])
                               : (Value)arith::MulIOp::create(b, l, args[0],
                                                              args[1]);
                 linalg::YieldOp::create(b, l, p);
               })
        .getResult(0);
  }

  /// `v` (axes of `type`) as a 2-D [first, second] matrix, or as
  /// [second, first] (`transposed` set) when that is its layout already.
  /// Any other layout is permuted to one of the two: the one that keeps
  /// `v`'s innermost axis innermost, so the permutation moves whole rows
  /// (an LSTM's stacked gate gradients [T, Z, N] contracted over T and N
  /// become [Z, T, N], the order their bias gradient and the input
  /// weights' gradient read them in, and one copy serves all three);
  /// [first..., second...] when both or neither do.
  static Value as2D(ConversionPatternRewriter &rw, Location loc, Value v,
                    NGTensorType type, ArrayRef<AxisAttr> first,
                    ArrayRef<AxisAttr> second, bool &transposed) {
    axes::AxisList straight(first), swapped(second);
    straight.append(second.begin(), second.end());
    swapped.append(first.begin(), first.end());
    int64_t rows = axes::numElements(first), cols = axes::numElements(second);
    ArrayRef<AxisAttr> has = type.getAxes();
    transposed = has != ArrayRef<AxisAttr>(straight) &&
                 (has == ArrayRef<AxisAttr>(swapped) ||
                  (!has.empty() && swapped.back() == has.back() &&
                   straight.back() != has.back()));
    axes::AxisList want = transposed ? swapped : straight;
    if (has != ArrayRef<AxisAttr>(want))
      v = gather(rw, loc, type, type.withAxes(want), v);
    Type elt = type.getElementType();
    return reshapeTo(rw, loc, v,
                     transposed ? RankedTensorType::get({cols, rows}, elt)
                                : RankedTensorType::get({rows, cols}, elt));
  }

  /// C[M, N] = A[M, K] B[K, N] as linalg.matmul (A possibly read as [K, M],
  /// B as [N, K]), reshaped back to the dot's result axes.
  static Value contraction(ConversionPatternRewriter &rw, DotOp op,
                           OpAdaptor adaptor, const axes::DotAxes &d) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto lhs = cast<NGTensorType>(op.getLhs().getType());
    auto rhs = cast<NGTensorType>(op.getRhs().getType());
    Type elt = lhs.getElementType();
    axes::AxisList lhsFree = axes::difference(lhs.getAxes(), rhs.getAxes());
    axes::AxisList rhsFree = axes::difference(rhs.getAxes(), lhs.getAxes());
    bool aTransposed, bTransposed;
    Value a = as2D(rw, loc, adaptor.getLhs(), lhs, lhsFree, d.contracted,
                   aTransposed);
    Value b = as2D(rw, loc, adaptor.getRhs(), rhs, d.contracted, rhsFree,
                   bTransposed);

    auto cType = RankedTensorType::get(
        {axes::numElements(lhsFree), axes::numElements(rhsFree)}, elt);
    Value init = emptyTensor(rw, loc, cType, cast<TypedAttr>(rw.getZeroAttr(elt)));
    // linalg.matmul (not a generic): the scheduler vectorizes named
    // contractions straight to vector.contract. Transposed operands are
    // read in place; the scheduler packs or transposes them as it needs.
    SmallVector<NamedAttribute> attrs;
    if (aTransposed || bTransposed) {
      AffineExpr dm, dn, dk;
      bindDims(ctx, dm, dn, dk);
      auto map = [&](AffineExpr r, AffineExpr c) {
        return AffineMap::get(3, 0, {r, c}, ctx);
      };
      attrs.push_back(rw.getNamedAttr(
          "indexing_maps",
          rw.getAffineMapArrayAttr({aTransposed ? map(dk, dm) : map(dm, dk),
                                    bTransposed ? map(dn, dk) : map(dk, dn),
                                    map(dm, dn)})));
    }
    Value c = linalg::MatmulOp::create(rw, loc, TypeRange{cType},
                                       ValueRange{a, b}, ValueRange{init}, attrs)
                  .getResult(0);
    NGTensorType res = cast<NGTensorType>(op.getType()).withAxes(d.result);
    return reshapeTo(rw, loc, c, res.toBuiltin());
  }
};
} // namespace

void ng::lowering::populateLinearPatterns(const TypeConverter &tc,
                                    RewritePatternSet &patterns) {
  patterns.add<DotLowering>(tc, patterns.getContext());
}
