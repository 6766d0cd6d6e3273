//===- Indexing.cpp - lookup, its transpose and random numbers ------------===//
//
// ng.lookup reads rows at data-dependent positions: a gather generic that
// never reads outside the table (a bad index reads zeros), preceded by a
// scalar loop that reports the first bad index to the runtime (ABI.h).
// Its transpose scatter-adds rows in a sequential loop, so indices used
// twice add up. ng.random_uniform is Philox-4x32-10 computed per element.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Runtime/ABI.h"
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;
namespace abi = ngraph::abi;

/// "file:line:col" of `loc`, or "<unknown>".
static std::string fileLineCol(Location loc) {
  if (auto f = loc->findInstanceOf<FileLineColLoc>())
    return (f.getFilename().getValue() + ":" + Twine(f.getLine()) + ":" +
            Twine(f.getColumn()))
        .str();
  return "<unknown>";
}

/// The address (as i64) of a NUL-terminated constant string placed in the
/// module as a private memref.global.
static Value stringAddress(OpBuilder &b, Location loc, Operation *user,
                           StringRef prefix, StringRef text) {
  auto module = user->getParentOfType<ModuleOp>();
  std::string name;
  for (int i = 0;; ++i) {
    name = (prefix + Twine(i)).str();
    if (!module.lookupSymbol(name))
      break;
  }
  SmallVector<int8_t> bytes(text.begin(), text.end());
  bytes.push_back(0);
  auto type = MemRefType::get({(int64_t)bytes.size()}, b.getI8Type());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    auto data = DenseElementsAttr::get(
        RankedTensorType::get(type.getShape(), b.getI8Type()),
        ArrayRef<int8_t>(bytes));
    memref::GlobalOp::create(b, loc, name, b.getStringAttr("private"), type,
                             data, /*constant=*/true, /*alignment=*/nullptr);
  }
  Value global = memref::GetGlobalOp::create(b, loc, type, name);
  Value address = memref::ExtractAlignedPointerAsIndexOp::create(b, loc, global);
  return arith::IndexCastOp::create(b, loc, b.getI64Type(), address);
}

/// Bounds of a loop nest over every position of `type` (step 1).
struct LoopBounds {
  SmallVector<Value> lbs, ubs, steps;
};
static LoopBounds boundsOf(OpBuilder &b, Location loc, NGTensorType type) {
  LoopBounds r;
  for (AxisAttr a : type.getAxes()) {
    r.lbs.push_back(arith::ConstantIndexOp::create(b, loc, 0));
    r.ubs.push_back(arith::ConstantIndexOp::create(b, loc, a.getLength()));
    r.steps.push_back(arith::ConstantIndexOp::create(b, loc, 1));
  }
  return r;
}

/// Loops over every index of `ids` (type `idsType`), reporting the first
/// outside [0, length) of the table's first axis to the runtime.
static void emitIndexCheck(OpBuilder &b, Location loc, LookupOp op, Value ids,
                           NGTensorType idsType, NGTensorType tableType) {
  AxisAttr vocab = tableType.getAxes()[0];
  abi::IndexSite site;
  site.location = fileLineCol(op.getLoc());
  site.op = LookupOp::getOperationName().str();
  site.tableAxis = vocab.getName().str();
  site.tableLength = vocab.getLength();
  for (AxisAttr a : idsType.getAxes())
    site.indexAxes.push_back({a.getName().str(), a.getLength()});
  Value siteAddress = stringAddress(b, loc, op, "ng_lookup_site_",
                                    abi::encodeIndexSite(site));
  Type i64 = b.getI64Type();
  Value length = arith::ConstantIntOp::create(b, loc, i64, vocab.getLength());
  Value zero = arith::ConstantIntOp::create(b, loc, i64, 0);
  auto body = [&](OpBuilder &nb, Location l, ValueRange ivs) {
    Value v = tensor::ExtractOp::create(nb, l, ids, ivs);
    if (v.getType() != i64)
      v = arith::ExtSIOp::create(nb, l, i64, v);
    Value bad = arith::OrIOp::create(
        nb, l, arith::CmpIOp::create(nb, l, arith::CmpIPredicate::slt, v, zero),
        arith::CmpIOp::create(nb, l, arith::CmpIPredicate::sge, v, length));
    scf::IfOp::create(nb, l, bad, [&](OpBuilder &tb, Location tl) {
      // Row-major position of the index.
      Value pos = arith::ConstantIndexOp::create(tb, tl, 0);
      for (auto [iv, a] : llvm::zip(ivs, idsType.getAxes()))
        pos = arith::AddIOp::create(
            tb, tl,
            arith::MulIOp::create(
                tb, tl, pos, arith::ConstantIndexOp::create(tb, tl, a.getLength())),
            iv);
      Value pos64 = arith::IndexCastOp::create(tb, tl, i64, pos);
      func::CallOp::create(tb, tl, abi::kIndexErrorSymbol, TypeRange{},
                           ValueRange{siteAddress, pos64, v});
      scf::YieldOp::create(tb, tl);
    });
  };
  if (idsType.isScalar()) {
    body(b, loc, {});
    return;
  }
  LoopBounds bounds = boundsOf(b, loc, idsType);
  scf::buildLoopNest(b, loc, bounds.lbs, bounds.ubs, bounds.steps, body);
}

/// (index, in range) for an integer index `id` into an axis of `length`;
/// the index is clamped to 0 when out of range.
static std::pair<Value, Value> clampedIndex(OpBuilder &b, Location loc, Value id,
                                            int64_t length) {
  Value v = arith::IndexCastOp::create(b, loc, b.getIndexType(), id);
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value ok = arith::AndIOp::create(
      b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, v, zero),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, v,
                            arith::ConstantIndexOp::create(b, loc, length)));
  return {arith::SelectOp::create(b, loc, ok, v, zero), ok};
}

namespace {

struct LookupLowering : OpConversionPattern<LookupOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LookupOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    auto table = cast<NGTensorType>(op.getTable().getType());
    auto ids = cast<NGTensorType>(op.getIndices().getType());
    NGTensorType out = op.getType();
    emitIndexCheck(rw, loc, op, adaptor.getIndices(), ids, table);

    int64_t k = ids.getRank(), length = table.getAxes()[0].getLength();
    Value tableValue = adaptor.getTable();
    Type elt = out.getElementType();
    // The indices are read at the first k dimensions (none for a scalar
    // index: getMajorSubMap(0) would be a null map).
    SmallVector<AffineExpr> first;
    for (int64_t d = 0; d < k; ++d)
      first.push_back(getAffineDimExpr(d, ctx));
    SmallVector<AffineMap> maps = {
        AffineMap::get(out.getRank(), 0, first, ctx),
        AffineMap::getMultiDimIdentityMap(out.getRank(), ctx)};
    SmallVector<utils::IteratorType> iters(out.getRank(),
                                           utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rw, loc, out.toBuiltin(), adaptor.getIndices(),
        emptyTensor(rw, loc, out.toBuiltin()), maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          auto [row, ok] = clampedIndex(b, l, args[0], length);
          SmallVector<Value> at = {row};
          for (int64_t d = k; d < out.getRank(); ++d)
            at.push_back(linalg::IndexOp::create(b, l, d));
          Value x = tensor::ExtractOp::create(b, l, tableValue, at);
          linalg::YieldOp::create(
              b, l,
              arith::SelectOp::create(b, l, ok, x, scalarConst(b, l, elt, 0))
                  .getResult());
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};

struct LookupBackpropLowering : OpConversionPattern<LookupBackpropOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LookupBackpropOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    NGTensorType table = op.getType();
    auto ids = cast<NGTensorType>(op.getIndices().getType());
    auto dy = cast<NGTensorType>(op.getOperand().getType());
    int64_t k = ids.getRank(), length = table.getAxes()[0].getLength();
    Value acc = emptyTensor(rw, loc, table.toBuiltin(),
                            cast<TypedAttr>(rw.getZeroAttr(table.getElementType())));
    // One row: the table's axes after the indexed one.
    SmallVector<int64_t> rowShape;
    for (AxisAttr a : table.getAxes().drop_front())
      rowShape.push_back(a.getLength());
    auto rowType = RankedTensorType::get(rowShape, table.getElementType());
    Value idsValue = adaptor.getIndices(), dyValue = adaptor.getOperand();

    auto body = [&](OpBuilder &b, Location l, ValueRange ivs,
                    ValueRange iter) -> scf::ValueVector {
      Value id = tensor::ExtractOp::create(b, l, idsValue, ivs);
      auto [row, ok] = clampedIndex(b, l, id, length);
      auto update = scf::IfOp::create(
          b, l, ok,
          [&](OpBuilder &tb, Location tl) {
            SmallVector<OpFoldResult> dyOffsets(ivs.begin(), ivs.end()),
                dySizes(k, tb.getIndexAttr(1)),
                dyStrides(dy.getRank(), tb.getIndexAttr(1));
            SmallVector<OpFoldResult> tOffsets = {row},
                                      tSizes = {tb.getIndexAttr(1)},
                                      tStrides(table.getRank(), tb.getIndexAttr(1));
            for (int64_t n : rowShape) {
              dyOffsets.push_back(tb.getIndexAttr(0));
              dySizes.push_back(tb.getIndexAttr(n));
              tOffsets.push_back(tb.getIndexAttr(0));
              tSizes.push_back(tb.getIndexAttr(n));
            }
            Value g = tensor::ExtractSliceOp::create(tb, tl, rowType, dyValue,
                                                     dyOffsets, dySizes, dyStrides);
            Value cur = tensor::ExtractSliceOp::create(tb, tl, rowType, iter[0],
                                                       tOffsets, tSizes, tStrides);
            Value sum = linalg::AddOp::create(tb, tl, ValueRange{cur, g},
                                              ValueRange{cur})
                            .getResult(0);
            Value next = tensor::InsertSliceOp::create(tb, tl, sum, iter[0],
                                                       tOffsets, tSizes, tStrides);
            scf::YieldOp::create(tb, tl, next);
          },
          [&](OpBuilder &eb, Location el) {
            scf::YieldOp::create(eb, el, iter[0]);
          });
      return {update.getResult(0)};
    };
    Value result;
    if (ids.isScalar()) {
      result = body(rw, loc, {}, acc)[0];
    } else {
      LoopBounds bounds = boundsOf(rw, loc, ids);
      result = scf::buildLoopNest(rw, loc, bounds.lbs, bounds.ubs, bounds.steps,
                                  acc, body)
                   .results[0];
    }
    rw.replaceOp(op, result);
    return success();
  }
};

/// Philox-4x32-10 (Salmon et al., "Parallel random numbers: as easy as
/// 1, 2, 3", SC'11): ten rounds of two 32x32->64 multiplies; round r uses
/// the key plus r times the Weyl constants.
static std::array<Value, 4> philox(OpBuilder &b, Location loc,
                                   std::array<Value, 4> c, uint64_t seed) {
  Type i32 = b.getI32Type();
  auto k32 = [&](uint32_t v) {
    return arith::ConstantIntOp::create(b, loc, i32, (int64_t)(int32_t)v);
  };
  Type i64 = b.getI64Type();
  Value m0 = arith::ConstantIntOp::create(b, loc, i64, 0xD2511F53),
        m1 = arith::ConstantIntOp::create(b, loc, i64, 0xCD9E8D57),
        c32 = arith::ConstantIntOp::create(b, loc, i64, 32);
  // The 64-bit product's halves (an i64 multiply: arith.mului_extended
  // does not lower to LLVM once vectorized to more than one dimension).
  auto mulHiLo = [&](Value m, Value x) -> std::pair<Value, Value> {
    Value p = arith::MulIOp::create(b, loc, m,
                                    arith::ExtUIOp::create(b, loc, i64, x));
    return {arith::TruncIOp::create(b, loc, i32,
                                    arith::ShRUIOp::create(b, loc, p, c32)),
            arith::TruncIOp::create(b, loc, i32, p)};
  };
  uint32_t key0 = (uint32_t)seed, key1 = (uint32_t)(seed >> 32);
  for (int r = 0; r < 10; ++r) {
    auto [hi0, lo0] = mulHiLo(m0, c[0]);
    auto [hi1, lo1] = mulHiLo(m1, c[2]);
    Value n0 = arith::XOrIOp::create(
        b, loc, arith::XOrIOp::create(b, loc, hi1, c[1]), k32(key0));
    Value n2 = arith::XOrIOp::create(
        b, loc, arith::XOrIOp::create(b, loc, hi0, c[3]), k32(key1));
    c = {n0, lo1, n2, lo0};
    key0 += 0x9E3779B9u;
    key1 += 0xBB67AE85u;
  }
  return c;
}

struct RandomUniformLowering : OpConversionPattern<RandomUniformOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RandomUniformOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    NGTensorType out = op.getType();
    int64_t rank = out.getRank();
    // The stream's shape and this tensor's place in it (a shard of a
    // data-parallel batch), else the tensor itself.
    SmallVector<int64_t> lengths, offsets(rank, 0);
    for (AxisAttr a : out.getAxes())
      lengths.push_back(a.getLength());
    if (auto l = op.getStreamLengths()) {
      lengths.assign(l->begin(), l->end());
      offsets.assign(op.getStreamOffsets()->begin(), op.getStreamOffsets()->end());
    }
    uint64_t seed = (uint64_t)op.getSeed();
    auto floatType = cast<FloatType>(out.getElementType());
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, {}, ctx),
                                   AffineMap::getMultiDimIdentityMap(rank, ctx)};
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    auto generic = linalg::GenericOp::create(
        rw, loc, out.toBuiltin(), adaptor.getCounter(),
        emptyTensor(rw, loc, out.toBuiltin()), maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Type i64 = b.getI64Type(), i32 = b.getI32Type();
          Value counter = args[0];
          if (isa<FloatType>(counter.getType()))
            counter = arith::FPToSIOp::create(b, l, i64, counter);
          else if (counter.getType() != i64)
            counter = arith::ExtSIOp::create(b, l, i64, counter);
          // Row-major position in the stream.
          Value pos = arith::ConstantIntOp::create(b, l, i64, 0);
          for (int64_t d = 0; d < rank; ++d) {
            Value i = arith::IndexCastOp::create(b, l, i64,
                                                 linalg::IndexOp::create(b, l, d));
            if (offsets[d])
              i = arith::AddIOp::create(
                  b, l, i, arith::ConstantIntOp::create(b, l, i64, offsets[d]));
            pos = arith::AddIOp::create(
                b, l,
                arith::MulIOp::create(
                    b, l, pos, arith::ConstantIntOp::create(b, l, i64, lengths[d])),
                i);
          }
          Value c32 = arith::ConstantIntOp::create(b, l, i64, 32);
          auto lo = [&](Value v) { return arith::TruncIOp::create(b, l, i32, v); };
          auto hi = [&](Value v) {
            return lo(arith::ShRUIOp::create(b, l, v, c32));
          };
          std::array<Value, 4> r =
              philox(b, l, {lo(pos), hi(pos), lo(counter), hi(counter)}, seed);
          Value u;
          if (floatType.getWidth() == 32) {
            // The top 24 bits, times 2^-24.
            Value bits = arith::ShRUIOp::create(
                b, l, r[0], arith::ConstantIntOp::create(b, l, i32, 8));
            u = arith::MulFOp::create(
                b, l, arith::UIToFPOp::create(b, l, floatType, bits),
                scalarConst(b, l, floatType, 0x1.0p-24));
          } else {
            // 27 + 26 bits, times 2^-53 (NumPy's random_double).
            auto top = [&](Value w, int shift) {
              return arith::ExtUIOp::create(
                  b, l, i64,
                  arith::ShRUIOp::create(
                      b, l, w, arith::ConstantIntOp::create(b, l, i32, shift)));
            };
            Value bits = arith::OrIOp::create(
                b, l,
                arith::ShLIOp::create(b, l, top(r[0], 5),
                                      arith::ConstantIntOp::create(b, l, i64, 26)),
                top(r[1], 6));
            u = arith::MulFOp::create(
                b, l, arith::UIToFPOp::create(b, l, floatType, bits),
                scalarConst(b, l, floatType, 0x1.0p-53));
          }
          linalg::YieldOp::create(b, l, u);
        });
    rw.replaceOp(op, generic.getResults());
    return success();
  }
};

} // namespace

void ng::lowering::declareIndexingFunctions(ModuleOp module) {
  bool used = false;
  module.walk([&](LookupOp) { used = true; });
  if (!used || module.lookupSymbol(abi::kIndexErrorSymbol))
    return;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Type i64 = b.getI64Type();
  func::FuncOp::create(b, module.getLoc(), abi::kIndexErrorSymbol,
                       b.getFunctionType({i64, i64, i64}, {}))
      .setPrivate();
}

void ng::lowering::populateIndexingPatterns(const TypeConverter &tc,
                                            RewritePatternSet &patterns) {
  patterns.add<LookupLowering, LookupBackpropLowering, RandomUniformLowering>(
      tc, patterns.getContext());
}
