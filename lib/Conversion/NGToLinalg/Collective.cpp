//===- Collective.cpp - ng.allreduce to a runtime call --------------------===//
//
// The partial result is combined in place in its own buffer: `to_buffer`
// hands the call the tensor's storage (One-Shot Bufferize copies it first
// if anything else still reads the partial), and `to_tensor` makes the
// combined buffer the op's result.
//
//===----------------------------------------------------------------------===//
#include "PopulatePatterns.h"
#include "NGraph/Runtime/CollectiveABI.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

using namespace mlir;
using namespace mlir::ng;

static FailureOr<ngraph::abi::ElementCode> elementCode(Type t) {
  using ngraph::abi::ElementCode;
  if (t.isF32())
    return ElementCode::F32;
  if (t.isF64())
    return ElementCode::F64;
  if (t.isInteger(32))
    return ElementCode::I32;
  if (t.isInteger(64))
    return ElementCode::I64;
  return failure();
}

void ng::lowering::declareCollectiveFunctions(ModuleOp module) {
  if (module.lookupSymbol(ngraph::abi::kAllReduceSymbol))
    return;
  bool used = false;
  module.walk([&](AllReduceOp) { used = true; });
  if (!used)
    return;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  auto fn = func::FuncOp::create(
      b, module.getLoc(), ngraph::abi::kAllReduceSymbol,
      b.getFunctionType({i64, i64, i32, i32}, {}));
  fn.setPrivate();
}

namespace {
struct AllReduceLowering : OpConversionPattern<AllReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(AllReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto type = cast<RankedTensorType>(adaptor.getOperand().getType());
    FailureOr<ngraph::abi::ElementCode> code = elementCode(type.getElementType());
    if (failed(code))
      return rw.notifyMatchFailure(op, "unsupported element type");
    auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
    Value buffer = bufferization::ToBufferOp::create(rw, loc, memrefType,
                                                     adaptor.getOperand());
    Value address = arith::IndexCastOp::create(
        rw, loc, rw.getI64Type(),
        memref::ExtractAlignedPointerAsIndexOp::create(rw, loc, buffer));
    auto i64 = [&](int64_t v) {
      return arith::ConstantOp::create(rw, loc, rw.getI64IntegerAttr(v));
    };
    auto i32 = [&](int32_t v) {
      return arith::ConstantOp::create(rw, loc, rw.getI32IntegerAttr(v));
    };
    func::CallOp::create(rw, loc, ngraph::abi::kAllReduceSymbol, TypeRange{},
                         ValueRange{address, i64(type.getNumElements()),
                                    i32((int32_t)*code),
                                    i32((int32_t)op.getKind())});
    rw.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, type, buffer, /*restrict=*/true, /*writable=*/true);
    return success();
  }
};
} // namespace

void ng::lowering::populateCollectivePatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns) {
  patterns.add<AllReduceLowering>(converter, patterns.getContext());
}
