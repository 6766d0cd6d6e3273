//===- LowerConvolutions.cpp - convolutions as column copies and a matmul -===//
//
// A convolution generic (from the ng convolution lowerings) computes
//   out[features..., outputs...] += A[f(outputs, window...)] * B[window..., features...]
// where A is read through windows (`p*stride + r*dilation + c`) and B and
// the output through plain axes. Its loops split into the features N (in
// B and the output), the outputs M (in the output, not B) and the
// contracted K (in A and B). Copying, for each position of the window
// loops, one strided slice of A into a column matrix Col[K, M] turns it
// into one matmul C[N, M] = B[N, K] Col[K, M] (or C[M, N] = Col[M, K]
// B[K, N], whichever matches the output's layout) that the contraction
// scheduler tiles and packs like any other.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "NGraph/Conversion/NGToLinalg/NGToLinalg.h"
#include "Utils.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/AffineExprVisitor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPULOWERCONVOLUTIONS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

namespace {

/// `sum coeff[d] * d + constant`, for the affine expressions the
/// convolution lowerings write (sums of dims times constants).
struct LinearExpr {
  SmallVector<int64_t> coeff;
  int64_t constant = 0;
};

bool linearize(AffineExpr e, int64_t scale, LinearExpr &out) {
  if (auto d = dyn_cast<AffineDimExpr>(e)) {
    out.coeff[d.getPosition()] += scale;
    return true;
  }
  if (auto c = dyn_cast<AffineConstantExpr>(e)) {
    out.constant += scale * c.getValue();
    return true;
  }
  auto bin = dyn_cast<AffineBinaryOpExpr>(e);
  if (!bin)
    return false;
  if (bin.getKind() == AffineExprKind::Add)
    return linearize(bin.getLHS(), scale, out) &&
           linearize(bin.getRHS(), scale, out);
  if (bin.getKind() == AffineExprKind::Mul) {
    if (auto c = dyn_cast<AffineConstantExpr>(bin.getRHS()))
      return linearize(bin.getLHS(), scale * c.getValue(), out);
    if (auto c = dyn_cast<AffineConstantExpr>(bin.getLHS()))
      return linearize(bin.getRHS(), scale * c.getValue(), out);
  }
  return false;
}

/// How one dimension of A is read: `offset + sum(enumerated) + stride * slice`.
struct ReadOfDim {
  int64_t sliceDim = -1; ///< loop read along this dimension, or -1
  int64_t stride = 1;
  int64_t constant = 0;
  SmallVector<std::pair<int64_t, int64_t>> enumerated; ///< (loop, coefficient)
};

struct Im2col {
  linalg::GenericOp op;
  SmallVector<int64_t> ranges;
  SmallVector<int64_t> features, outputs, contracted; ///< N, M, K loops
  SmallVector<int64_t> enumerated; ///< loops copied one position at a time
  SmallVector<ReadOfDim> reads;    ///< per dimension of A
  bool featuresFirst = false;      ///< output laid out [N..., M...]
  int64_t slices = 1;
  // Filled by layOutColumns:
  SmallVector<int64_t> kOrder; ///< K loops in B's layout order
  SmallVector<int64_t> order;  ///< the column matrix's loops, in its layout
  int64_t blockDim = -1;       ///< the loop it can be blocked along, or -1
};

bool isMulAdd(linalg::GenericOp op) {
  Block &body = op.getRegion().front();
  if (body.getOperations().size() != 3)
    return false;
  auto mul = dyn_cast<arith::MulFOp>(&body.front());
  auto add = dyn_cast<arith::AddFOp>(mul ? mul->getNextNode() : nullptr);
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  return mul && add && yield.getValues().size() == 1 &&
         yield.getValues()[0] == add.getResult() &&
         mul.getLhs() == body.getArgument(0) &&
         mul.getRhs() == body.getArgument(1) &&
         ((add.getLhs() == body.getArgument(2) && add.getRhs() == mul) ||
          (add.getRhs() == body.getArgument(2) && add.getLhs() == mul));
}

/// Whether `op` has the form above, and how to copy its columns.
std::optional<Im2col> analyze(linalg::GenericOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || !isMulAdd(op))
    return std::nullopt;
  Im2col s;
  s.op = op;
  s.ranges = op.getStaticLoopRanges();
  if (llvm::any_of(s.ranges, ShapedType::isDynamic))
    return std::nullopt;
  int64_t loops = s.ranges.size();
  AffineMap aMap = op.getIndexingMapsArray()[0];
  AffineMap bMap = op.getIndexingMapsArray()[1];
  AffineMap outMap = op.getIndexingMapsArray()[2];
  int64_t rank = outMap.getNumResults();
  if (!bMap.isProjectedPermutation() || rank >= loops)
    return std::nullopt;
  // The output reads the leading loops in order.
  for (auto [i, e] : llvm::enumerate(outMap.getResults()))
    if (e != getAffineDimExpr(i, op.getContext()))
      return std::nullopt;
  auto inB = [&](int64_t d) { return resultPos(bMap, d) >= 0; };
  for (int64_t d = 0; d < loops; ++d) {
    bool parallel = d < rank;
    if (parallel != (op.getIteratorTypesArray()[d] ==
                     utils::IteratorType::parallel))
      return std::nullopt;
    if (parallel)
      (inB(d) ? s.features : s.outputs).push_back(d);
    else if (inB(d))
      s.contracted.push_back(d);
    else
      return std::nullopt;
  }
  if (s.features.empty() || s.outputs.empty() || s.contracted.empty())
    return std::nullopt;
  // The output is [N..., M...] or [M..., N...].
  auto isRange = [](ArrayRef<int64_t> dims, int64_t from) {
    for (auto [i, d] : llvm::enumerate(dims))
      if (d != from + (int64_t)i)
        return false;
    return true;
  };
  if (isRange(s.features, 0) && isRange(s.outputs, s.features.size()))
    s.featuresFirst = true;
  else if (!(isRange(s.outputs, 0) && isRange(s.features, s.outputs.size())))
    return std::nullopt;

  // Every A dimension: one loop read along it (a plain axis, or the slide
  // of a window), plus loops taken one position at a time (the window).
  SmallVector<int64_t> uses(loops, 0);
  for (AffineExpr e : aMap.getResults()) {
    LinearExpr lin{SmallVector<int64_t>(loops, 0), 0};
    if (!linearize(e, 1, lin))
      return std::nullopt;
    SmallVector<int64_t> dims;
    for (int64_t d = 0; d < loops; ++d)
      if (lin.coeff[d] != 0)
        dims.push_back(d);
    if (dims.empty() || dims.size() > 2)
      return std::nullopt;
    ReadOfDim r;
    r.constant = lin.constant;
    // Slide along the longer loop; take the shorter one position by position.
    int64_t slide = dims[0];
    if (dims.size() == 2 && s.ranges[dims[1]] > s.ranges[dims[0]])
      slide = dims[1];
    for (int64_t d : dims)
      if (d != slide)
        r.enumerated.push_back({d, lin.coeff[d]});
    if (lin.coeff[slide] <= 0)
      return std::nullopt;
    r.sliceDim = slide;
    r.stride = lin.coeff[slide];
    for (int64_t d : dims)
      ++uses[d];
    for (auto [d, c] : r.enumerated)
      s.enumerated.push_back(d);
    s.reads.push_back(r);
  }
  // Each loop but the features is read exactly once from A.
  for (int64_t d = 0; d < loops; ++d)
    if (uses[d] != (inB(d) && d < rank ? 0 : 1))
      return std::nullopt;
  for (int64_t d : s.enumerated)
    s.slices *= s.ranges[d];
  return s;
}

/// Loop order of the column matrix: K in B's layout order, M in the
/// output's, K first when the features come first in the output; and the
/// loop it can be built in blocks of: the outermost loop of its long side
/// (the outputs when the features come first, else the contracted loops),
/// if it is read along one A dimension.
void layOutColumns(Im2col &s) {
  AffineMap bMap = s.op.getIndexingMapsArray()[1];
  for (AffineExpr e : bMap.getResults()) {
    int64_t d = cast<AffineDimExpr>(e).getPosition();
    if (llvm::is_contained(s.contracted, d))
      s.kOrder.push_back(d);
  }
  ArrayRef<int64_t> first = s.featuresFirst ? ArrayRef<int64_t>(s.kOrder) : s.outputs;
  ArrayRef<int64_t> second = s.featuresFirst ? s.outputs : ArrayRef<int64_t>(s.kOrder);
  s.order.assign(first.begin(), first.end());
  s.order.append(second.begin(), second.end());
  int64_t d = s.featuresFirst ? s.outputs.front() : s.kOrder.front();
  bool slides = llvm::any_of(
      s.reads, [&](const ReadOfDim &r) { return r.sliceDim == d; });
  s.blockDim = slides && !llvm::is_contained(s.enumerated, d) ? d : -1;
}

Value collapseTo2D(OpBuilder &b, Location loc, Value v, int64_t split) {
  auto type = cast<RankedTensorType>(v.getType());
  ReassociationIndices first, second;
  int64_t rows = 1, cols = 1;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    (i < split ? first : second).push_back(i);
    (i < split ? rows : cols) *= type.getDimSize(i);
  }
  auto to = RankedTensorType::get({rows, cols}, type.getElementType());
  if (type.getRank() == 2 && split == 1)
    return v;
  return tensor::CollapseShapeOp::create(b, loc, to, v,
                                         ArrayRef<ReassociationIndices>{first, second});
}

/// C[N, M] = B'[N, K] Col[K, M], or C[M, N] = Col[M, K] B[K, N]; B read
/// transposed in place when that is its layout.
Value matmul(OpBuilder &b, Location loc, const Im2col &s, Value bMat,
             bool bKMajor, Value colMat, Value cInit) {
  MLIRContext *ctx = b.getContext();
  AffineExpr dm, dn, dk;
  bindDims(ctx, dm, dn, dk);
  auto map = [&](AffineExpr r, AffineExpr c) {
    return AffineMap::get(3, 0, {r, c}, ctx);
  };
  Value lhs = s.featuresFirst ? bMat : colMat;
  Value rhs = s.featuresFirst ? colMat : bMat;
  AffineMap lhsMap = s.featuresFirst && bKMajor ? map(dk, dm) : map(dm, dk);
  AffineMap rhsMap = !s.featuresFirst && !bKMajor ? map(dn, dk) : map(dk, dn);
  SmallVector<NamedAttribute> attrs;
  if (lhsMap != map(dm, dk) || rhsMap != map(dk, dn))
    attrs.push_back(b.getNamedAttr(
        "indexing_maps",
        b.getAffineMapArrayAttr({lhsMap, rhsMap, map(dm, dn)})));
  return linalg::MatmulOp::create(b, loc, TypeRange{cInit.getType()},
                                  ValueRange{lhs, rhs}, ValueRange{cInit}, attrs)
      .getResult(0);
}

Value expandTo(OpBuilder &b, Location loc, Value v, RankedTensorType to,
               int64_t split) {
  if (v.getType() == to)
    return v;
  ReassociationIndices first, second;
  for (int64_t i = 0; i < to.getRank(); ++i)
    (i < split ? first : second).push_back(i);
  return tensor::ExpandShapeOp::create(b, loc, to, v,
                                       ArrayRef<ReassociationIndices>{first, second});
}

/// Slices `v` along dimension `dim` to [iv, iv + rows).
Value sliceAlong(OpBuilder &b, Location loc, Value v, int64_t dim, Value iv,
                 int64_t rows) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> off(type.getRank(), b.getIndexAttr(0)), size,
      stride(type.getRank(), b.getIndexAttr(1));
  SmallVector<int64_t> shape(type.getShape());
  shape[dim] = rows;
  for (int64_t n : shape)
    size.push_back(b.getIndexAttr(n));
  off[dim] = iv;
  return tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), v, off, size,
      stride);
}

LogicalResult rewrite(RewriterBase &rw, const Im2col &s, int64_t blockRows) {
  linalg::GenericOp op = s.op;
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  rw.setInsertionPoint(op);
  Value a = op.getDpsInputs()[0], bv = op.getDpsInputs()[1];
  auto aType = cast<RankedTensorType>(a.getType());
  Type elt = aType.getElementType();

  ArrayRef<int64_t> kOrder = s.kOrder, order = s.order;
  auto colPos = [&](int64_t d) {
    return (int64_t)(llvm::find(order, d) - order.begin());
  };

  // B as [K, N] (its layout already) or [N, K]; otherwise permuted.
  AffineMap bMap = op.getIndexingMapsArray()[1];
  SmallVector<int64_t> bDims;
  for (AffineExpr e : bMap.getResults())
    bDims.push_back(cast<AffineDimExpr>(e).getPosition());
  SmallVector<int64_t> kn(kOrder), nk(s.features);
  kn.append(s.features);
  nk.append(kOrder.begin(), kOrder.end());
  bool bKMajor = true, bPermuted = false;
  if (bDims == ArrayRef<int64_t>(nk)) {
    bKMajor = false;
  } else if (bDims != ArrayRef<int64_t>(kn)) {
    bPermuted = true;
    SmallVector<int64_t> shape;
    for (int64_t d : kn)
      shape.push_back(s.ranges[d]);
    auto type = RankedTensorType::get(shape, elt);
    SmallVector<AffineExpr> exprs;
    for (int64_t d : bDims)
      exprs.push_back(getAffineDimExpr(llvm::find(kn, d) - kn.begin(), ctx));
    SmallVector<AffineMap> maps = {
        AffineMap::get(kn.size(), 0, exprs, ctx),
        AffineMap::getMultiDimIdentityMap(kn.size(), ctx)};
    SmallVector<utils::IteratorType> iters(kn.size(),
                                           utils::IteratorType::parallel);
    bv = linalg::GenericOp::create(
             rw, loc, type, bv,
             tensor::EmptyOp::create(rw, loc, shape, elt).getResult(), maps,
             iters,
             [](OpBuilder &b, Location l, ValueRange args) {
               linalg::YieldOp::create(b, l, args[0]);
             })
             .getResult(0);
  }
  int64_t bSplit = bKMajor ? kOrder.size() : s.features.size();
  int64_t colSplit = s.featuresFirst ? kOrder.size() : s.outputs.size();
  int64_t cSplit = s.featuresFirst ? s.features.size() : s.outputs.size();

  // Blocks of `rows` along `blockDim` (the whole matrix: one block).
  int64_t blockDim = s.blockDim;
  if (blockDim < 0 || (!s.featuresFirst && bPermuted))
    blockRows = 0;
  if (blockDim < 0 || blockRows <= 0 || blockRows >= s.ranges[blockDim])
    blockDim = -1;

  // The column matrix of one block: one strided slice of A per position of
  // the enumerated loops, each copied by an elementwise op.
  auto buildColumns = [&](OpBuilder &b, Value iv, int64_t rows) -> Value {
    SmallVector<int64_t> colShape;
    for (int64_t d : order)
      colShape.push_back(d == blockDim ? rows : s.ranges[d]);
    Value col = tensor::EmptyOp::create(b, loc, colShape, elt);
    SmallVector<int64_t> position(s.ranges.size(), 0);
    for (int64_t n = 0; n < s.slices; ++n) {
      int64_t rest = n;
      for (int64_t i = s.enumerated.size() - 1; i >= 0; --i) {
        int64_t d = s.enumerated[i];
        position[d] = rest % s.ranges[d];
        rest /= s.ranges[d];
      }
      SmallVector<OpFoldResult> aOff, aSize, aStride;
      SmallVector<int64_t> sliceShape;
      SmallVector<AffineExpr> readExprs;
      for (auto [i, r] : llvm::enumerate(s.reads)) {
        int64_t off = r.constant;
        for (auto [d, c] : r.enumerated)
          off += c * position[d];
        int64_t size = r.sliceDim == blockDim ? rows : s.ranges[r.sliceDim];
        int64_t full = s.ranges[r.sliceDim];
        if (off < 0 || off + (full - 1) * r.stride >= aType.getDimSize(i))
          return Value();
        if (r.sliceDim == blockDim) {
          // off + stride * iv
          Value v = arith::MulIOp::create(
              b, loc, iv, arith::ConstantIndexOp::create(b, loc, r.stride));
          v = arith::AddIOp::create(b, loc, v,
                                    arith::ConstantIndexOp::create(b, loc, off));
          aOff.push_back(v);
        } else {
          aOff.push_back(b.getIndexAttr(off));
        }
        aSize.push_back(b.getIndexAttr(size));
        aStride.push_back(b.getIndexAttr(r.stride));
        sliceShape.push_back(size);
        readExprs.push_back(getAffineDimExpr(colPos(r.sliceDim), ctx));
      }
      Value slice = tensor::ExtractSliceOp::create(
          b, loc, RankedTensorType::get(sliceShape, elt), a, aOff, aSize,
          aStride);
      SmallVector<OpFoldResult> cOff, cSize, cStride;
      SmallVector<int64_t> pieceShape;
      for (auto [i, d] : llvm::enumerate(order)) {
        bool fixed = llvm::is_contained(s.enumerated, d);
        cOff.push_back(b.getIndexAttr(fixed ? position[d] : 0));
        cSize.push_back(b.getIndexAttr(fixed ? 1 : colShape[i]));
        cStride.push_back(b.getIndexAttr(1));
        pieceShape.push_back(fixed ? 1 : colShape[i]);
      }
      auto pieceType = RankedTensorType::get(pieceShape, elt);
      Value dest = tensor::ExtractSliceOp::create(b, loc, pieceType, col, cOff,
                                                  cSize, cStride);
      int64_t rank = order.size();
      SmallVector<AffineMap> maps = {
          AffineMap::get(rank, 0, readExprs, ctx),
          AffineMap::getMultiDimIdentityMap(rank, ctx)};
      SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
      auto copy = linalg::GenericOp::create(
          b, loc, pieceType, slice, dest, maps, iters,
          [](OpBuilder &nb, Location l, ValueRange args) {
            linalg::YieldOp::create(nb, l, args[0]);
          });
      // Vectorized even inside the block loop.
      copy->setAttr(kColumnCopyAttrName, b.getUnitAttr());
      col = tensor::InsertSliceOp::create(b, loc, copy.getResult(0), col, cOff,
                                          cSize, cStride);
    }
    return collapseTo2D(b, loc, col, colSplit);
  };

  Value init = op.getDpsInits()[0];
  auto outType = cast<RankedTensorType>(op.getResult(0).getType());
  Value result;
  if (blockDim < 0) {
    Value colMat = buildColumns(rw, Value(), 0);
    if (!colMat)
      return op.emitOpError("convolution window reads outside its operand");
    Value c = matmul(rw, loc, s, collapseTo2D(rw, loc, bv, bSplit), bKMajor,
                     colMat, collapseTo2D(rw, loc, init, cSplit));
    result = expandTo(rw, loc, c, outType, cSplit);
  } else {
    // Features first: each block is a block of output rows, written into
    // its slice of C. Otherwise the block is part of the sum: each block's
    // product accumulates into the whole C.
    int64_t outDim = s.featuresFirst ? s.features.size() : -1;
    int64_t bDim = llvm::find(bDims, blockDim) - bDims.begin();
    Value bWhole = s.featuresFirst ? collapseTo2D(rw, loc, bv, bSplit) : Value();
    bool ok = true;
    auto loop = scf::ForOp::create(
        rw, loc, arith::ConstantIndexOp::create(rw, loc, 0),
        arith::ConstantIndexOp::create(rw, loc, s.ranges[blockDim]),
        arith::ConstantIndexOp::create(rw, loc, blockRows), ValueRange{init},
        [&](OpBuilder &b, Location l, Value iv, ValueRange acc) {
          Value colMat = buildColumns(b, iv, blockRows);
          if (!colMat) {
            ok = false;
            scf::YieldOp::create(b, l, acc);
            return;
          }
          Value next;
          if (s.featuresFirst) {
            Value cSlice = sliceAlong(b, l, acc[0], outDim, iv, blockRows);
            Value c = matmul(b, l, s, bWhole, bKMajor, colMat,
                             collapseTo2D(b, l, cSlice, cSplit));
            c = expandTo(b, l, c, cast<RankedTensorType>(cSlice.getType()),
                         cSplit);
            auto type = cast<RankedTensorType>(acc[0].getType());
            SmallVector<OpFoldResult> off(type.getRank(), b.getIndexAttr(0)),
                size, stride(type.getRank(), b.getIndexAttr(1));
            for (int64_t n : cast<RankedTensorType>(c.getType()).getShape())
              size.push_back(b.getIndexAttr(n));
            off[outDim] = iv;
            next = tensor::InsertSliceOp::create(b, l, c, acc[0], off, size,
                                                 stride);
          } else {
            Value bSlice = sliceAlong(b, l, bv, bDim, iv, blockRows);
            Value c = matmul(b, l, s, collapseTo2D(b, l, bSlice, bSplit),
                             bKMajor, colMat,
                             collapseTo2D(b, l, acc[0], cSplit));
            next = expandTo(b, l, c, outType, cSplit);
          }
          scf::YieldOp::create(b, l, next);
        });
    if (!ok)
      return op.emitOpError("convolution window reads outside its operand");
    result = loop.getResult(0);
  }
  rw.replaceOp(op, result);
  return success();
}

/// Whether every window position stays inside A (the lowering padded it).
bool windowsInBounds(const Im2col &s, RankedTensorType aType) {
  for (auto [i, r] : llvm::enumerate(s.reads)) {
    int64_t lo = r.constant,
            hi = r.constant + r.stride * (s.ranges[r.sliceDim] - 1);
    for (auto [d, c] : r.enumerated)
      (c < 0 ? lo : hi) += c * (s.ranges[d] - 1);
    if (lo < 0 || hi >= aType.getDimSize(i))
      return false;
  }
  return true;
}

/// A's indices at loop indices `iv`: per dimension, constant + stride *
/// slide + the window terms.
SmallVector<Value> windowIndices(OpBuilder &b, Location loc, const Im2col &s,
                                 ArrayRef<Value> iv) {
  auto cst = [&](int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  SmallVector<Value> idx;
  for (const ReadOfDim &r : s.reads) {
    Value v = iv[r.sliceDim];
    if (r.stride != 1)
      v = arith::MulIOp::create(b, loc, v, cst(r.stride));
    for (auto [d, k] : r.enumerated)
      v = arith::AddIOp::create(b, loc, v,
                                arith::MulIOp::create(b, loc, iv[d], cst(k)));
    if (r.constant)
      v = arith::AddIOp::create(b, loc, v, cst(r.constant));
    idx.push_back(v);
  }
  return idx;
}

/// The outputs' innermost loop when the direct form applies to `s`:
/// features first with one feature loop, and that loop read along A's
/// innermost dimension with unit stride and no window, so that a register
/// tile's columns are a contiguous run of A. -1 otherwise.
int64_t directColumnLoop(const Im2col &s) {
  if (!s.featuresFirst || s.features.size() != 1)
    return -1;
  int64_t inner = s.outputs.back();
  const ReadOfDim &last = s.reads.back();
  if (last.sliceDim != inner || last.stride != 1 || !last.enumerated.empty())
    return -1;
  return inner;
}

/// The elementwise op the direct form computes as it writes each register
/// tile (a bias add, a relu): the only user of `op`'s result, reading it
/// whole, with its other inputs read through projected permutations, the
/// same result type, and a body of elementwise scalar ops that does not
/// read its output. Null if there is none.
linalg::GenericOp epilogueOf(linalg::GenericOp op) {
  Value y = op.getResult(0);
  if (!y.hasOneUse())
    return {};
  auto e = dyn_cast<linalg::GenericOp>(*y.getUsers().begin());
  if (!e || !e.hasPureTensorSemantics() || e.getNumDpsInits() != 1 ||
      e.getNumParallelLoops() != e.getNumLoops() ||
      e.getResult(0).getType() != y.getType() ||
      !e.getIndexingMapsArray().back().isIdentity())
    return {};
  Block &body = e.getRegion().front();
  Value yielded = body.getTerminator()->getOperand(0);
  if (!body.getArguments().back().use_empty() ||
      yielded.getParentBlock() != &body)
    return {};
  for (OpOperand *in : e.getDpsInputOperands()) {
    AffineMap m = e.getMatchingIndexingMap(in);
    if (in->get() == y ? !m.isIdentity() : !m.isProjectedPermutation())
      return {};
  }
  for (Operation &inner : body.without_terminator())
    if (!inner.hasTrait<OpTrait::Elementwise>() || inner.getNumResults() != 1 ||
        inner.getNumRegions() != 0 ||
        !llvm::all_of(inner.getOperandTypes(),
                      [](Type t) { return t.isIntOrIndexOrFloat(); }))
      return {};
  return e;
}

/// `epilogue`'s body on one register tile: `tile` stands for `y` (the
/// convolution's result), the other inputs are read at the tile's place
/// (`at`: C's indices of its first element; the tile spans C's first and
/// last dimensions), broadcast along the dimensions they do not have.
Value applyEpilogue(OpBuilder &b, Location loc, linalg::GenericOp epilogue,
                    Value y, Value tile, ArrayRef<Value> at) {
  auto tileType = cast<VectorType>(tile.getType());
  int64_t rank = at.size();
  MLIRContext *ctx = b.getContext();
  Block &body = epilogue.getRegion().front();
  IRMapping map;
  for (OpOperand *in : epilogue.getDpsInputOperands()) {
    BlockArgument arg = body.getArgument(in->getOperandNumber());
    if (in->get() == y) {
      map.map(arg, tile);
      continue;
    }
    AffineMap m = epilogue.getMatchingIndexingMap(in);
    SmallVector<Value> idx;
    SmallVector<AffineExpr> exprs(2, getAffineConstantExpr(0, ctx));
    for (auto [j, e] : llvm::enumerate(m.getResults())) {
      int64_t d = cast<AffineDimExpr>(e).getPosition();
      idx.push_back(at[d]);
      if (d == 0)
        exprs[0] = getAffineDimExpr(j, ctx);
      if (d == rank - 1)
        exprs[1] = getAffineDimExpr(j, ctx);
    }
    Type elt = arg.getType();
    Value pad = arith::ConstantOp::create(b, loc, elt, b.getZeroAttr(elt));
    map.map(arg, vector::TransferReadOp::create(
                     b, loc, VectorType::get(tileType.getShape(), elt),
                     in->get(), idx, pad,
                     AffineMap::get(m.getNumResults(), 0, exprs, ctx),
                     ArrayRef<bool>{true, true}));
  }
  for (Operation &inner : body.without_terminator()) {
    SmallVector<Value> operands;
    for (Value v : inner.getOperands()) {
      if (Value mapped = map.lookupOrNull(v)) {
        operands.push_back(mapped);
        continue;
      }
      // A scalar from outside the body: the same in every lane.
      operands.push_back(vector::BroadcastOp::create(
          b, loc, VectorType::get(tileType.getShape(), v.getType()), v));
    }
    OperationState state(loc, inner.getName().getStringRef(), operands,
                         {VectorType::get(tileType.getShape(),
                                          inner.getResult(0).getType())},
                         inner.getAttrs());
    map.map(inner.getResult(0), b.create(state)->getResult(0));
  }
  return map.lookup(body.getTerminator()->getOperand(0));
}

/// `init` computed by `threads` threads in one scf.forall: thread t
/// computes the part of `partLen` along dimension `dim` from t * partLen,
/// `body(b, part, t)` (indices into `part` local to it).
Value splitBetweenThreads(
    RewriterBase &rw, Location loc, Value init, int64_t dim, int64_t partLen,
    int64_t threads,
    function_ref<Value(OpBuilder &, Value, Value)> body) {
  auto type = cast<RankedTensorType>(init.getType());
  auto forall = scf::ForallOp::create(
      rw, loc, ArrayRef<OpFoldResult>{rw.getIndexAttr(threads)},
      ValueRange{init}, std::nullopt);
  OpBuilder b = OpBuilder::atBlockBegin(forall.getBody());
  Value t = forall.getInductionVar(0);
  SmallVector<OpFoldResult> offs(type.getRank(), b.getIndexAttr(0)), sizes,
      ones(type.getRank(), b.getIndexAttr(1));
  for (int64_t n : type.getShape())
    sizes.push_back(b.getIndexAttr(n));
  offs[dim] = arith::MulIOp::create(
                  b, loc, t, arith::ConstantIndexOp::create(b, loc, partLen))
                  .getResult();
  sizes[dim] = b.getIndexAttr(partLen);
  Value shared = forall.getRegionIterArgs()[0];
  Value part = tensor::ExtractSliceOp::create(b, loc, shared, offs, sizes, ones);
  Value done = body(b, part, t);
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(b, loc, done, shared, offs, sizes,
                                        ones);
  return forall.getResult(0);
}

/// The direct form:
///   for f1, outputs (the innermost in steps of rN):
///     C[f1 rM : rM, o..., n : rN] +=
///       sum over the contracted loops k... of
///         Bp[f1, k..., 0 : rM] (outer product) A[window(o, k)..., n : rN]
/// with B (the filter) packed as [F / rM, K loops in its layout order...,
/// rM], so that a register tile reads its rows in order, and each step a
/// rank-1 update of an rM x rN register tile: the same vector.contract the
/// contraction schedule's register tiles are, hoisted and unrolled by the
/// same later passes. A is read in place: no column matrix.
LogicalResult rewriteDirect(RewriterBase &rw, const Im2col &s, int64_t rM,
                            int64_t rN, DirectSplit split, int64_t threads) {
  linalg::GenericOp op = s.op;
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  // Built where the epilogue is: its other operands are defined by then.
  linalg::GenericOp epilogue = epilogueOf(op);
  rw.setInsertionPoint(epilogue ? epilogue.getOperation() : op.getOperation());
  Value a = op.getDpsInputs()[0], bv = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  auto aType = cast<RankedTensorType>(a.getType());
  Type elt = aType.getElementType();
  int64_t f = s.features.front(), inner = s.outputs.back();
  int64_t features = s.ranges[f];
  if (features % rM || s.ranges[inner] % rN)
    return op.emitOpError("direct convolution tile ")
           << rM << "x" << rN << " does not divide its output";
  if (!windowsInBounds(s, aType))
    return op.emitOpError("convolution window reads outside its operand");

  // Bp[f1, k..., f0] = B[...] with f = f1 rM + f0.
  ArrayRef<int64_t> kOrder = s.kOrder;
  int64_t packRank = kOrder.size() + 2;
  SmallVector<int64_t> packShape = {features / rM};
  for (int64_t d : kOrder)
    packShape.push_back(s.ranges[d]);
  packShape.push_back(rM);
  SmallVector<AffineExpr> bExprs;
  for (AffineExpr e : op.getIndexingMapsArray()[1].getResults()) {
    int64_t d = cast<AffineDimExpr>(e).getPosition();
    if (d == f)
      bExprs.push_back(getAffineDimExpr(0, ctx) * rM +
                       getAffineDimExpr(packRank - 1, ctx));
    else
      bExprs.push_back(
          getAffineDimExpr(1 + (llvm::find(kOrder, d) - kOrder.begin()), ctx));
  }
  Value packed =
      linalg::GenericOp::create(
          rw, loc, RankedTensorType::get(packShape, elt), bv,
          tensor::EmptyOp::create(rw, loc, packShape, elt).getResult(),
          ArrayRef<AffineMap>{AffineMap::get(packRank, 0, bExprs, ctx),
                              AffineMap::getMultiDimIdentityMap(packRank, ctx)},
          SmallVector<utils::IteratorType>(packRank,
                                           utils::IteratorType::parallel),
          [](OpBuilder &b, Location l, ValueRange args) {
            linalg::YieldOp::create(b, l, args[0]);
          })
          .getResult(0);

  auto cst = [&](OpBuilder &b, int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  SmallVector<Value> kLbs, kUbs, kSteps;
  for (int64_t d : kOrder) {
    kLbs.push_back(cst(rw, 0));
    kUbs.push_back(cst(rw, s.ranges[d]));
    kSteps.push_back(cst(rw, 1));
  }
  int64_t rank = s.ranges.size();
  int64_t outRank = 1 + s.outputs.size(); // C's dims: f, then the outputs
  auto accType = VectorType::get({rM, rN}, elt);
  auto aRowType = VectorType::get({rM}, elt), bRowType = VectorType::get({rN}, elt);
  AffineExpr dm, dn, dk;
  bindDims(ctx, dm, dn, dk);
  ArrayAttr contractMaps = rw.getAffineMapArrayAttr(
      {AffineMap::get(3, 0, {dk, dm}, ctx), AffineMap::get(3, 0, {dk, dn}, ctx),
       AffineMap::get(3, 0, {dm, dn}, ctx)});
  ArrayAttr contractIters = rw.getArrayAttr(
      {vector::IteratorTypeAttr::get(ctx, vector::IteratorType::parallel),
       vector::IteratorTypeAttr::get(ctx, vector::IteratorType::parallel),
       vector::IteratorTypeAttr::get(ctx, vector::IteratorType::reduction)});
  // The tile is C's dimensions f and the innermost output.
  AffineMap cTileMap = AffineMap::get(
      outRank, 0, {getAffineDimExpr(0, ctx), getAffineDimExpr(outRank - 1, ctx)},
      ctx);
  SmallVector<bool> inBounds2 = {true, true};
  // A zero-filled output is written, not read: each tile starts from zero
  // accumulators, and the fill is not needed.
  auto fill = init.getDefiningOp<linalg::FillOp>();
  bool fromZero = fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  auto outType = cast<RankedTensorType>(init.getType());
  // With an epilogue the loops write its result; the convolution's own
  // (non-zero) initial value is then read from where it is.
  Value cInit = fromZero || epilogue
                    ? tensor::EmptyOp::create(rw, loc, outType.getShape(), elt)
                          .getResult()
                    : init;
  Value pad = arith::ConstantOp::create(rw, loc, elt, rw.getZeroAttr(elt));

  // The tiles of `c`, a part of C of `fTiles` row tiles from row tile
  // `fOff` and `outCount` positions of the outermost output loop from
  // `outOff` (the whole: 0 and all): loops over f1, then the outputs in
  // order (the innermost in steps of rN). Indices into `c` are the loops';
  // into A and the pack, plus the part's offsets.
  int64_t first = s.outputs.front();
  auto tiles = [&](OpBuilder &b, Location l, Value c, Value fOff,
                   int64_t fTiles, Value outOff, int64_t outCount) -> Value {
    SmallVector<Value> lbs, ubs, steps;
    lbs.push_back(cst(b, 0));
    ubs.push_back(cst(b, fTiles));
    steps.push_back(cst(b, 1));
    for (int64_t d : s.outputs) {
      lbs.push_back(cst(b, 0));
      ubs.push_back(cst(b, d == first ? outCount : s.ranges[d]));
      steps.push_back(cst(b, d == inner ? rN : 1));
    }
    auto plus = [&](OpBuilder &nb, Value v, Value off) -> Value {
      return off ? arith::AddIOp::create(nb, l, v, off).getResult() : v;
    };
    scf::LoopNest nest = scf::buildLoopNest(
        b, l, lbs, ubs, steps, ValueRange{c},
        [&](OpBuilder &nb, Location nl, ValueRange ivs,
            ValueRange args) -> scf::ValueVector {
          // Loop indices in A's terms (the part's offsets added).
          SmallVector<Value> loopIv(rank);
          for (auto [i, d] : llvm::enumerate(s.outputs))
            loopIv[d] = d == first ? plus(nb, ivs[1 + i], outOff) : ivs[1 + i];
          Value fTile = plus(nb, ivs[0], fOff);
          SmallVector<Value> cIdx(outRank), global(outRank);
          cIdx[0] = arith::MulIOp::create(nb, nl, ivs[0], cst(nb, rM));
          global[0] = arith::MulIOp::create(nb, nl, fTile, cst(nb, rM));
          for (auto [i, d] : llvm::enumerate(s.outputs)) {
            cIdx[d] = ivs[1 + i];
            global[d] = loopIv[d];
          }
          Value zero = arith::ConstantOp::create(nb, nl, accType,
                                                 nb.getZeroAttr(accType));
          scf::LoopNest kNest = scf::buildLoopNest(
              nb, nl, kLbs, kUbs, kSteps, ValueRange{zero},
              [&](OpBuilder &kb, Location kl, ValueRange kIvs,
                  ValueRange acc) -> scf::ValueVector {
                SmallVector<Value> iv(loopIv);
                for (auto [i, d] : llvm::enumerate(kOrder))
                  iv[d] = kIvs[i];
                SmallVector<Value> pIdx = {fTile};
                pIdx.append(kIvs.begin(), kIvs.end());
                pIdx.push_back(cst(kb, 0));
                Value aRow = vector::TransferReadOp::create(
                    kb, kl, aRowType, packed, pIdx, pad, ArrayRef<bool>{true});
                SmallVector<Value> xIdx = windowIndices(kb, kl, s, iv);
                Value bRow = vector::TransferReadOp::create(
                    kb, kl, bRowType, a, xIdx, pad, ArrayRef<bool>{true});
                auto lhs = vector::ShapeCastOp::create(
                    kb, kl, VectorType::get({1, rM}, elt), aRow);
                auto rhs = vector::ShapeCastOp::create(
                    kb, kl, VectorType::get({1, rN}, elt), bRow);
                Value next = vector::ContractionOp::create(
                    kb, kl, lhs, rhs, acc[0], contractMaps, contractIters);
                return {next};
              });
          Value sum = kNest.results[0];
          if (!fromZero) {
            // Read last: C's latency overlaps the last FMAs.
            Value old =
                epilogue
                    ? vector::TransferReadOp::create(nb, nl, accType, init,
                                                     global, pad, cTileMap,
                                                     inBounds2)
                    : vector::TransferReadOp::create(nb, nl, accType, args[0],
                                                     cIdx, pad, cTileMap,
                                                     inBounds2);
            sum = arith::AddFOp::create(nb, nl, old, sum);
          }
          if (epilogue)
            sum = applyEpilogue(nb, nl, epilogue, op.getResult(0), sum,
                                global);
          return {vector::TransferWriteOp::create(nb, nl, sum, args[0], cIdx,
                                                  cTileMap, inBounds2)
                      .getResult()};
        });
    return nest.results[0];
  };

  Value result;
  int64_t fTiles = features / rM, outer = s.ranges[first];
  if (split == DirectSplit::none) {
    result = tiles(rw, loc, cInit, Value(), fTiles, Value(), outer);
  } else {
    // One part of C per thread, along the features' row tiles or the
    // outermost output loop.
    bool alongF = split == DirectSplit::features;
    int64_t per = (alongF ? fTiles : outer) / threads;
    result = splitBetweenThreads(
        rw, loc, cInit, alongF ? 0 : first, alongF ? per * rM : per, threads,
        [&](OpBuilder &b, Value part, Value t) {
          Value off = arith::MulIOp::create(b, loc, t, cst(b, per));
          return alongF ? tiles(b, loc, part, off, per, Value(), outer)
                        : tiles(b, loc, part, Value(), fTiles, off, per);
        });
  }
  if (epilogue) {
    rw.replaceOp(epilogue, result);
    rw.eraseOp(op);
  } else {
    rw.replaceOp(op, result);
  }
  return success();
}

/// The innermost contracted loop when the dot-product form applies to `s`:
/// an output [outputs..., features] with one feature loop, and that loop
/// read with unit stride and no window along the innermost dimension of
/// both operands. -1 otherwise.
int64_t dotReductionLoop(const Im2col &s) {
  if (s.featuresFirst || s.features.size() != 1 || s.kOrder.size() < 2)
    return -1;
  int64_t n = s.kOrder.back();
  const ReadOfDim &last = s.reads.back();
  AffineMap bMap = linalg::GenericOp(s.op).getIndexingMapsArray()[1];
  if (last.sliceDim != n || last.stride != 1 || !last.enumerated.empty() ||
      resultPos(bMap, n) != (int64_t)bMap.getNumResults() - 1)
    return -1;
  return n;
}

/// The dot-product form, for an output C[outputs..., f] (a filter gradient
/// [C, R, S, K]) summed over contracted loops whose innermost `n` both A
/// (read through windows) and B read contiguously:
///   for the outer contracted loops (output rows p):
///     for f in blocks of rN, the outputs (the last in blocks of rM):
///       acc[i][j] (vectors along n) += A[.., o + i, .., n : lanes]
///                                      * B[f + j, .., n : lanes]
///         over the last two contracted loops (columns q, batch n)
///       C[.., o : rM, f : rN] += the lanes of acc, summed
/// A block of B rows (one output row of the gradient) stays in L1 while
/// the tiles of every channel and window row read it.
LogicalResult rewriteDirectDot(RewriterBase &rw, const Im2col &s,
                               int64_t lanes, int64_t rM, int64_t rN,
                               int64_t sumRows, DirectSplit split,
                               int64_t threads) {
  linalg::GenericOp op = s.op;
  Location loc = op.getLoc();
  MLIRContext *ctx = op.getContext();
  rw.setInsertionPoint(op);
  Value a = op.getDpsInputs()[0], bv = op.getDpsInputs()[1];
  Value init = op.getDpsInits()[0];
  auto aType = cast<RankedTensorType>(a.getType());
  Type elt = aType.getElementType();
  int64_t f = s.features.front(), row = s.outputs.back();
  int64_t n = s.kOrder.back();
  int64_t features = s.ranges[f];
  ArrayRef<int64_t> kOrder = s.kOrder;
  ArrayRef<int64_t> outerK = kOrder.drop_back(2), innerK = kOrder.take_back(2);
  if (sumRows < 1 ||
      (outerK.empty() ? sumRows != 1 : s.ranges[outerK.front()] % sumRows))
    return op.emitOpError("direct convolution sums ")
           << sumRows << " rows at a time, which do not divide its rows";
  if (features % rN || s.ranges[row] % rM || s.ranges[n] % lanes)
    return op.emitOpError("direct convolution tile ")
           << rM << "x" << rN << " does not divide its output";
  if (!windowsInBounds(s, aType))
    return op.emitOpError("convolution window reads outside its operand");
  auto cst = [&](OpBuilder &b, int64_t v) -> Value {
    return arith::ConstantIndexOp::create(b, loc, v);
  };
  int64_t rank = s.ranges.size(), outRank = s.outputs.size() + 1;
  AffineMap bMap = op.getIndexingMapsArray()[1];
  auto laneType = VectorType::get({lanes}, elt);
  auto tileType = VectorType::get({rM, rN}, elt);
  // The tile is C's dimensions `row` and f (the last).
  AffineMap tileMap = AffineMap::get(
      outRank, 0, {getAffineDimExpr(row, ctx), getAffineDimExpr(outRank - 1, ctx)},
      ctx);
  Value pad = arith::ConstantOp::create(rw, loc, elt, rw.getZeroAttr(elt));
  auto range = [&](OpBuilder &b, ArrayRef<int64_t> loops,
                   SmallVectorImpl<Value> &lbs, SmallVectorImpl<Value> &ubs,
                   SmallVectorImpl<Value> &steps, int64_t count = -1) {
    for (int64_t d : loops) {
      lbs.push_back(cst(b, 0));
      ubs.push_back(cst(b, d == f && count >= 0 ? count : s.ranges[d]));
      steps.push_back(cst(b, d == row ? rM : d == f ? rN : d == n ? lanes : 1));
    }
  };

  // C's part of `count` features from `fOff` (all: null and all).
  auto tiles = [&](OpBuilder &b, Location l, Value c, Value fOff,
                   int64_t count) -> Value {
    SmallVector<Value> oLbs, oUbs, oSteps;
    range(b, outerK, oLbs, oUbs, oSteps);
    // The outermost contracted loop in blocks of `sumRows`, each block
    // summed in the registers (the lanes summed once per block).
    if (sumRows > 1)
      oSteps.front() = cst(b, sumRows);
    // f first: the B rows of one feature block stay in L1 across the
    // tiles of every output position.
    SmallVector<int64_t> tileLoops = {f};
    tileLoops.append(s.outputs.begin(), s.outputs.end());
    SmallVector<Value> tLbs, tUbs, tSteps;
    range(b, tileLoops, tLbs, tUbs, tSteps, count);
    SmallVector<Value> iLbs, iUbs, iSteps;
    if (sumRows > 1) {
      iLbs.push_back(cst(b, 0));
      iUbs.push_back(cst(b, sumRows));
      iSteps.push_back(cst(b, 1));
    }
    range(b, innerK, iLbs, iUbs, iSteps);
    scf::LoopNest outer = scf::buildLoopNest(
        b, l, oLbs, oUbs, oSteps, ValueRange{c},
        [&](OpBuilder &ob, Location ol, ValueRange oIvs,
            ValueRange oArgs) -> scf::ValueVector {
          scf::LoopNest tileNest = scf::buildLoopNest(
              ob, ol, tLbs, tUbs, tSteps, ValueRange{oArgs[0]},
              [&](OpBuilder &tb, Location tl, ValueRange tIvs,
                  ValueRange tArgs) -> scf::ValueVector {
                SmallVector<Value> iv(rank);
                for (auto [i, d] : llvm::enumerate(outerK))
                  iv[d] = oIvs[i];
                for (auto [i, d] : llvm::enumerate(tileLoops))
                  iv[d] = tIvs[i];
                Value fLocal = iv[f];
                if (fOff)
                  iv[f] = arith::AddIOp::create(tb, tl, iv[f], fOff);
                Value zero = arith::ConstantOp::create(
                    tb, tl, laneType, tb.getZeroAttr(laneType));
                SmallVector<Value> zeros(rM * rN, zero);
                scf::LoopNest inner = scf::buildLoopNest(
                    tb, tl, iLbs, iUbs, iSteps, zeros,
                    [&](OpBuilder &ib, Location il, ValueRange iIvs,
                        ValueRange acc) -> scf::ValueVector {
                      SmallVector<Value> at(iv);
                      ValueRange kIvs = iIvs;
                      if (sumRows > 1) {
                        at[outerK.front()] = arith::AddIOp::create(
                            ib, il, at[outerK.front()], iIvs.front());
                        kIvs = iIvs.drop_front();
                      }
                      for (auto [i, d] : llvm::enumerate(innerK))
                        at[d] = kIvs[i];
                      auto offset = [&](Value v, int64_t by) -> Value {
                        return by ? arith::AddIOp::create(ib, il, v,
                                                          cst(ib, by))
                                        .getResult()
                                  : v;
                      };
                      SmallVector<Value> xs, ds;
                      for (int64_t i = 0; i < rM; ++i) {
                        SmallVector<Value> pos(at);
                        pos[row] = offset(at[row], i);
                        xs.push_back(vector::TransferReadOp::create(
                            ib, il, laneType, a,
                            windowIndices(ib, il, s, pos), pad,
                            ArrayRef<bool>{true}));
                      }
                      for (int64_t j = 0; j < rN; ++j) {
                        SmallVector<Value> idx;
                        for (AffineExpr e : bMap.getResults()) {
                          int64_t d = cast<AffineDimExpr>(e).getPosition();
                          idx.push_back(d == f ? offset(at[f], j) : at[d]);
                        }
                        ds.push_back(vector::TransferReadOp::create(
                            ib, il, laneType, bv, idx, pad,
                            ArrayRef<bool>{true}));
                      }
                      scf::ValueVector next;
                      for (int64_t i = 0; i < rM; ++i)
                        for (int64_t j = 0; j < rN; ++j)
                          next.push_back(vector::FMAOp::create(
                              ib, il, xs[i], ds[j], acc[i * rN + j]));
                      return next;
                    });
                // Each accumulator's lanes summed: the tile's new terms.
                SmallVector<Value> sums;
                for (Value v : inner.results)
                  sums.push_back(vector::ReductionOp::create(
                      tb, tl, vector::CombiningKind::ADD, v));
                Value add = vector::FromElementsOp::create(tb, tl, tileType,
                                                           sums);
                SmallVector<Value> cIdx(outRank);
                for (int64_t d : s.outputs)
                  cIdx[d] = iv[d];
                cIdx[outRank - 1] = fLocal;
                Value old = vector::TransferReadOp::create(
                    tb, tl, tileType, tArgs[0], cIdx, pad, tileMap,
                    ArrayRef<bool>{true, true});
                Value sum = arith::AddFOp::create(tb, tl, old, add);
                return {vector::TransferWriteOp::create(
                            tb, tl, sum, tArgs[0], cIdx, tileMap,
                            ArrayRef<bool>{true, true})
                            .getResult()};
              });
          return {tileNest.results[0]};
        });
    return outer.results[0];
  };

  Value result;
  if (split == DirectSplit::none) {
    result = tiles(rw, loc, init, Value(), features);
  } else {
    // One part of the features per thread (C's last dimension).
    int64_t per = features / threads;
    result = splitBetweenThreads(
        rw, loc, init, outRank - 1, per, threads,
        [&](OpBuilder &b, Value part, Value t) {
          return tiles(b, loc, part,
                       arith::MulIOp::create(b, loc, t, cst(b, per)), per);
        });
  }
  rw.replaceOp(op, result);
  return success();
}

struct NGCPULowerConvolutions
    : ng::impl::NGCPULowerConvolutionsBase<NGCPULowerConvolutions> {
  using NGCPULowerConvolutionsBase::NGCPULowerConvolutionsBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    SmallVector<linalg::GenericOp> work;
    fn.walk([&](linalg::GenericOp op) {
      if (op->hasAttr(ng::kConvolutionAttrName))
        work.push_back(op);
    });
    if (work.empty())
      return;
    FailureOr<CPUTarget> target = getTarget(fn);
    if (failed(target))
      return signalPassFailure();
    std::optional<ConvolutionStrategy> forced;
    if (strategy == "im2col")
      forced = ConvolutionStrategy::im2col;
    else if (strategy == "direct")
      forced = ConvolutionStrategy::direct;
    else if (strategy == "loops")
      forced = ConvolutionStrategy::loops;
    else if (strategy != "auto") {
      fn.emitError("ng-cpu-lower-convolutions: unknown strategy '")
          << strategy << "' (expected auto, im2col, direct or loops)";
      return signalPassFailure();
    }
    IRRewriter rw(&getContext());
    for (linalg::GenericOp op : work) {
      std::optional<Im2col> s = analyze(op);
      if (!s)
        continue;
      ConvolutionProblem p;
      auto product = [&](ArrayRef<int64_t> dims) {
        int64_t n = 1;
        for (int64_t d : dims)
          n *= s->ranges[d];
        return n;
      };
      p.m = product(s->outputs);
      p.n = product(s->features);
      p.k = product(s->contracted);
      p.slices = s->slices;
      p.eltBits = getElementTypeOrSelf(op.getResult(0).getType())
                      .getIntOrFloatBitWidth();
      layOutColumns(*s);
      p.blockableRows = s->blockDim < 0 ? 0 : s->ranges[s->blockDim];
      int64_t columnLoop = directColumnLoop(*s);
      p.directColumns = columnLoop < 0 ? 0 : s->ranges[columnLoop];
      p.outerOutputs = s->ranges[s->outputs.front()];
      int64_t reduction = dotReductionLoop(*s);
      if (reduction >= 0) {
        p.dotColumns = s->ranges[reduction];
        p.dotRows = s->ranges[s->outputs.back()];
        if (s->kOrder.size() > 2) {
          p.dotOuter = s->ranges[s->kOrder.front()];
          p.dotInner = s->ranges[s->kOrder.end()[-2]] * s->ranges[reduction];
        }
      }
      ConvolutionConfig c =
          selectConvolutionConfig(p, *target, threads, forced);
      if (c.strategy == ConvolutionStrategy::direct && c.dot) {
        if (failed(rewriteDirectDot(rw, *s, target->lanes(p.eltBits),
                                    c.registerM, c.registerN, c.sumRows,
                                    c.split, c.threads)))
          return signalPassFailure();
        continue;
      }
      if (c.strategy == ConvolutionStrategy::direct) {
        if (failed(rewriteDirect(rw, *s, c.registerM, c.registerN, c.split,
                                  c.threads)))
          return signalPassFailure();
        continue;
      }
      if (c.strategy != ConvolutionStrategy::im2col)
        continue;
      if (failed(rewrite(rw, *s, c.blockRows)))
        return signalPassFailure();
    }
  }
};

} // namespace
