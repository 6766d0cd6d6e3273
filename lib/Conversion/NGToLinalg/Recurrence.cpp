//===- Recurrence.cpp - ng.recurrence to an scf.for over the axis ---------===//
//
// The body is inlined into the loop once, so the code does not grow with
// the sequence length. Each iteration reads one position of every
// sequence (a rank-reducing slice), runs the step and writes its outputs
// into their stacked results (carried by the loop with the states).
//
//===----------------------------------------------------------------------===//
#include "PopulatePatterns.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::lowering;

namespace {

/// Offsets, sizes and strides of position `at` of the axis at `position`
/// in a tensor of `type`.
static void positionBox(OpBuilder &b, NGTensorType type, int64_t position,
                        Value at, SmallVectorImpl<OpFoldResult> &offsets,
                        SmallVectorImpl<OpFoldResult> &sizes,
                        SmallVectorImpl<OpFoldResult> &strides) {
  for (auto [i, a] : llvm::enumerate(type.getAxes())) {
    bool here = (int64_t)i == position;
    offsets.push_back(here ? OpFoldResult(at) : b.getIndexAttr(0));
    sizes.push_back(b.getIndexAttr(here ? 1 : a.getLength()));
    strides.push_back(b.getIndexAttr(1));
  }
}

static Value castTo(OpBuilder &b, Location loc, Type to, Value v) {
  if (v.getType() == to)
    return v;
  return UnrealizedConversionCastOp::create(b, loc, to, v).getResult(0);
}

struct RecurrenceLowering : OpConversionPattern<RecurrenceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RecurrenceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rw) const override {
    FailureOr<axes::Recurrence> rec = op.getRecurrence();
    if (failed(rec))
      return failure();
    Location loc = op.getLoc();
    int64_t length = rec->axis.getLength();
    size_t numParams = op.getParams().size(),
           numCarries = op.getCarries().size();

    // Loop-carried: the carries, then the stacked outputs being filled.
    SmallVector<Value> inits(adaptor.getCarries());
    for (Value r : op.getStackedOutputs())
      inits.push_back(tensor::EmptyOp::create(
          rw, loc, cast<NGTensorType>(r.getType()).toBuiltin().getShape(),
          cast<NGTensorType>(r.getType()).getElementType()));
    Value lb = arith::ConstantIndexOp::create(rw, loc, 0);
    Value ub = arith::ConstantIndexOp::create(rw, loc, length);
    Value one = arith::ConstantIndexOp::create(rw, loc, 1);
    auto loop = scf::ForOp::create(rw, loc, lb, ub, one, inits);
    loop->setAttr(ng::kRecurrenceLoopAttrName, rw.getUnitAttr());
    Block *loopBody = loop.getBody();
    rw.setInsertionPointToStart(loopBody);
    Value at = loop.getInductionVar();
    if (op.getReverse())
      at = arith::SubIOp::create(
          rw, loc, arith::ConstantIndexOp::create(rw, loc, length - 1), at);

    // The step's arguments, as the ng values its ops expect.
    Block &body = op.getBodyBlock();
    SmallVector<Value> args;
    for (size_t i = 0; i < numParams; ++i)
      args.push_back(castTo(rw, loc, body.getArgument(i).getType(),
                          adaptor.getParams()[i]));
    for (auto [i, seq] : llvm::enumerate(adaptor.getSequences())) {
      auto type = cast<NGTensorType>(op.getSequences()[i].getType());
      SmallVector<OpFoldResult> offsets, sizes, strides;
      positionBox(rw, type, rec->sequencePositions[i], at, offsets, sizes,
                  strides);
      Type stepType = body.getArgument(numParams + i).getType();
      Value step = tensor::ExtractSliceOp::create(
          rw, loc, cast<NGTensorType>(stepType).toBuiltin(), seq, offsets,
          sizes, strides);
      args.push_back(castTo(rw, loc, stepType, step));
    }
    for (size_t i = 0; i < numCarries; ++i)
      args.push_back(castTo(rw, loc, op.getCarries()[i].getType(),
                          loop.getRegionIterArg(i)));

    auto yield = cast<YieldOp>(body.getTerminator());
    rw.inlineBlockBefore(&body, loopBody, loopBody->end(), args);
    rw.setInsertionPoint(yield);
    SmallVector<Value> next;
    for (auto [i, v] : llvm::enumerate(yield.getValues())) {
      Value builtin = castTo(rw, loc, cast<NGTensorType>(v.getType()).toBuiltin(), v);
      if (i < numCarries) {
        next.push_back(builtin);
        continue;
      }
      size_t j = i - numCarries;
      auto stacked = cast<NGTensorType>(op.getStackedOutputs()[j].getType());
      SmallVector<OpFoldResult> offsets, sizes, strides;
      positionBox(rw, stacked, rec->stackedPositions[j], at, offsets, sizes,
                  strides);
      next.push_back(tensor::InsertSliceOp::create(
          rw, loc, builtin, loop.getRegionIterArg(numCarries + j), offsets,
          sizes, strides));
    }
    scf::YieldOp::create(rw, loc, next);
    rw.eraseOp(yield);
    rw.replaceOp(op, loop.getResults());
    return success();
  }
};
} // namespace

void ng::lowering::populateRecurrencePatterns(const TypeConverter &tc,
                                              RewritePatternSet &patterns) {
  patterns.add<RecurrenceLowering>(tc, patterns.getContext());
}
