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

static bool startsWith(ArrayRef<AxisAttr> list, ArrayRef<AxisAttr> prefix) {
  return list.size() >= prefix.size() &&
         list.take_front(prefix.size()) == prefix;
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

  /// C[M, N] = A[M, K] B[K, N] (or A read as [K, M]) as linalg.matmul, reshaped back to the dot's result axes.
  static Value contraction(ConversionPatternRewriter &rw, DotOp op,
                           OpAdaptor adaptor, const axes::DotAxes &d) {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto lhs = cast<NGTensorType>(op.getLhs().getType());
    auto rhs = cast<NGTensorType>(op.getRhs().getType());
    Type elt = lhs.getElementType();
    axes::AxisList lhsFree = axes::difference(lhs.getAxes(), rhs.getAxes());
    axes::AxisList rhsFree = axes::difference(rhs.getAxes(), lhs.getAxes());
    int64_t m = axes::numElements(lhsFree), n = axes::numElements(rhsFree),
            k = axes::numElements(d.contracted);

    // A: [M..., K...] or [K..., M...] as it is; anything else is permuted.
    axes::AxisList mk(lhsFree), km(d.contracted);
    mk.append(d.contracted.begin(), d.contracted.end());
    km.append(lhsFree.begin(), lhsFree.end());
    Value a = adaptor.getLhs();
    bool aTransposed = false;
    if (lhs.getAxes() == ArrayRef<AxisAttr>(km) && !lhsFree.empty())
      aTransposed = true;
    else if (lhs.getAxes() != ArrayRef<AxisAttr>(mk))
      a = gather(rw, loc, lhs, lhs.withAxes(mk), a);
    auto aType = aTransposed ? RankedTensorType::get({k, m}, elt)
                             : RankedTensorType::get({m, k}, elt);
    a = reshapeTo(rw, loc, a, aType);

    // B: [K..., N...] or [N..., K...] as it is; anything else is permuted
    // to [K..., N...].
    axes::AxisList kn(d.contracted), nk(rhsFree);
    kn.append(rhsFree.begin(), rhsFree.end());
    nk.append(d.contracted.begin(), d.contracted.end());
    Value b = adaptor.getRhs();
    bool bTransposed = false;
    if (rhs.getAxes() == ArrayRef<AxisAttr>(nk) && !rhsFree.empty())
      bTransposed = true;
    else if (rhs.getAxes() != ArrayRef<AxisAttr>(kn))
      b = gather(rw, loc, rhs, rhs.withAxes(kn), b);
    b = reshapeTo(rw, loc, b,
                  bTransposed ? RankedTensorType::get({n, k}, elt)
                              : RankedTensorType::get({k, n}, elt));

    auto cType = RankedTensorType::get({m, n}, elt);
    bool isF = isa<FloatType>(elt);
    Value init = emptyTensor(rw, loc, cType,
                             isF ? (TypedAttr)rw.getFloatAttr(elt, 0.0)
                                 : rw.getIntegerAttr(elt, 0));
    // linalg.matmul (not a generic): the scheduler vectorizes named
    // contractions straight to vector.contract. Transposed operands are
    // read in place; the scheduler packs or transposes them as it needs.
    SmallVector<NamedAttribute> attrs;
    if (aTransposed || bTransposed) {
      AffineExpr dm, dn, dk;
      bindDims(ctx, dm, dn, dk);
      attrs.push_back(rw.getNamedAttr(
          "indexing_maps",
          rw.getAffineMapArrayAttr(
              {AffineMap::get(3, 0,
                              aTransposed ? ArrayRef<AffineExpr>{dk, dm}
                                          : ArrayRef<AffineExpr>{dm, dk},
                              ctx),
               AffineMap::get(3, 0,
                              bTransposed ? ArrayRef<AffineExpr>{dn, dk}
                                          : ArrayRef<AffineExpr>{dk, dn},
                              ctx),
               AffineMap::get(3, 0, {dm, dn}, ctx)})));
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
