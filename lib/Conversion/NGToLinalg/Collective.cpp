//===- Collective.cpp - ng.allreduce to a runtime call --------------------===//
//
// The partial result is combined in place in its own buffer: `to_buffer`
// hands the call the tensor's storage (One-Shot Bufferize copies it first
// if anything else still reads the partial), and `to_tensor` makes the
// combined buffer the op's result.
//
//===----------------------------------------------------------------------===//
#include "PopulatePatterns.h"
#include "NGraph/Runtime/ABI.h"

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
  bool used = false;
  module.walk([&](AllReduceOp) { used = true; });
  if (!used)
    return;
  OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
  Type i64 = b.getI64Type(), i32 = b.getI32Type();
  auto declare = [&](StringRef name, FunctionType type) {
    if (module.lookupSymbol(name))
      return;
    func::FuncOp::create(b, module.getLoc(), name, type).setPrivate();
  };
  declare(ngraph::abi::kAllReduceSymbol,
          b.getFunctionType({i64, i64, i32, i32}, {}));
  declare(ngraph::abi::kAllReduceStartSymbol,
          b.getFunctionType({i64, i64, i32, i32}, {i64}));
  declare(ngraph::abi::kAllReduceWaitSymbol, b.getFunctionType({i64}, {}));
}

/// The op of `block` that contains the earliest user of `v`, if any.
static Operation *firstUserIn(Block *block, Value v) {
  Operation *first = nullptr;
  for (Operation *user : v.getUsers()) {
    Operation *inBlock = block->findAncestorOpInBlock(*user);
    if (inBlock && (!first || inBlock->isBeforeInBlock(first)))
      first = inBlock;
  }
  return first;
}

namespace {
struct AllReduceLowering : OpConversionPattern<AllReduceOp> {
  AllReduceLowering(const TypeConverter &converter, MLIRContext *ctx,
                    bool overlap)
      : OpConversionPattern(converter, ctx), overlap(overlap) {}

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
    Value count = arith::ConstantOp::create(
        rw, loc, rw.getI64IntegerAttr(type.getNumElements()));
    auto i32 = [&](int32_t v) {
      return arith::ConstantOp::create(rw, loc, rw.getI32IntegerAttr(v));
    };
    SmallVector<Value> args = {address, count, i32((int32_t)*code),
                               i32((int32_t)op.getKind())};
    if (!overlap) {
      func::CallOp::create(rw, loc, ngraph::abi::kAllReduceSymbol, TypeRange{},
                           args);
      rw.replaceOpWithNewOp<bufferization::ToTensorOp>(
          op, type, buffer, /*restrict=*/true, /*writable=*/true);
      return success();
    }
    // Started here, where the partial result is ready, and waited for just
    // before its first use: the ops in between (the next layers' gradients)
    // run while it is under way.
    Value handle = func::CallOp::create(rw, loc,
                                        ngraph::abi::kAllReduceStartSymbol,
                                        rw.getI64Type(), args)
                       .getResult(0);
    if (Operation *user = firstUserIn(op->getBlock(), op.getResult()))
      rw.setInsertionPoint(user);
    func::CallOp::create(rw, loc, ngraph::abi::kAllReduceWaitSymbol,
                         TypeRange{}, ValueRange{handle});
    Value combined = bufferization::ToTensorOp::create(
        rw, loc, type, buffer, /*restrict=*/true, /*writable=*/true);
    rw.replaceOp(op, combined);
    return success();
  }

private:
  bool overlap;
};
} // namespace

void ng::lowering::populateCollectivePatterns(const TypeConverter &converter,
                                              RewritePatternSet &patterns,
                                              bool overlap) {
  patterns.add<AllReduceLowering>(converter, patterns.getContext(), overlap);
}
