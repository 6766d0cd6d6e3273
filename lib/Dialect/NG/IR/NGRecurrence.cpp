//===- NGRecurrence.cpp - ng.recurrence: verifier and gradient through time ===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::ng;

static NGTensorType tensorTy(Type t) { return cast<NGTensorType>(t); }
static NGTensorType tensorTy(Value v) { return tensorTy(v.getType()); }
static bool isFloat(Value v) {
  return isa<FloatType>(tensorTy(v).getElementType());
}

static SmallVector<ArrayRef<AxisAttr>> axisLists(TypeRange types) {
  SmallVector<ArrayRef<AxisAttr>> lists;
  for (Type t : types)
    lists.push_back(tensorTy(t).getAxes());
  return lists;
}

static YieldOp yieldOf(Block &body) {
  return body.empty() ? YieldOp() : dyn_cast<YieldOp>(body.back());
}

ParseResult ng::parseIsolatedRegion(OpAsmParser &parser, Region &region) {
  return parser.parseRegion(region, /*arguments=*/{},
                            /*enableNameShadowing=*/true);
}

void ng::printIsolatedRegion(OpAsmPrinter &printer, Operation *,
                             Region &region) {
  printer.printRegion(region, /*printEntryBlockArgs=*/true);
}

FailureOr<axes::Recurrence> RecurrenceOp::getRecurrence() {
  YieldOp yield = yieldOf(getBodyBlock());
  if (!yield)
    return emitOpError() << "body must end in ng.yield";
  size_t numCarries = getCarries().size();
  if (yield.getValues().size() < numCarries)
    return emitOpError() << "yields " << yield.getValues().size()
                         << " values, fewer than its " << numCarries
                         << " carries";
  return axes::resolveRecurrence(
      getAxisAttr(), axisLists(getSequences().getTypes()),
      axisLists(getCarries().getTypes()),
      axisLists(yield.getValues().drop_front(numCarries).getTypes()),
      axisLists(getStackedOutputs().getTypes()), [&] { return emitOpError(); });
}

LogicalResult RecurrenceOp::verifyRegions() {
  if (YieldOp yield = yieldOf(getBodyBlock());
      yield && getResults().size() != yield.getValues().size())
    return emitOpError() << "has " << getResults().size()
                         << " results, but its body yields "
                         << yield.getValues().size()
                         << " values (the carries, then the step outputs)";
  FailureOr<axes::Recurrence> rec = getRecurrence();
  if (failed(rec))
    return failure();
  Block &body = getBodyBlock();
  // The body's arguments: params, one step of each sequence, carries.
  SmallVector<Type> want(getParams().getTypes());
  for (auto [seq, p] : llvm::zip(getSequences(), rec->sequencePositions))
    want.push_back(tensorTy(seq).withAxes(axes::without(tensorTy(seq).getAxes(), p)));
  llvm::append_range(want, getCarries().getTypes());
  if (body.getNumArguments() != want.size())
    return emitOpError() << "body has " << body.getNumArguments()
                         << " arguments, expected " << want.size() << " ("
                         << getParams().size() << " params, "
                         << getSequences().size() << " sequence steps, "
                         << getCarries().size() << " carries)";
  size_t numParams = getParams().size(), numSeq = getSequences().size();
  for (auto [i, arg] : llvm::enumerate(body.getArguments()))
    if (arg.getType() != want[i]) {
      StringRef what = i < numParams            ? "param"
                       : i < numParams + numSeq ? "sequence step"
                                                : "carry";
      return emitOpError() << "body argument #" << i << " (" << what
                           << ") has type " << arg.getType() << ", expected "
                           << want[i];
    }
  YieldOp yield = yieldOf(body);
  for (auto [i, c] : llvm::enumerate(getCarries())) {
    if (yield.getValues()[i].getType() != c.getType())
      return yield.emitOpError()
             << "carry #" << i << " has type " << c.getType()
             << " but the step yields " << yield.getValues()[i].getType();
    if (getResult(i).getType() != c.getType())
      return emitOpError() << "final carry #" << i << " has type "
                           << getResult(i).getType() << ", expected "
                           << c.getType();
  }
  // A step computes values only: it runs as often as the axis is long,
  // and autodiff recomputes it.
  WalkResult bad = body.walk([](Operation *op) {
    if (isa<DerivOp>(op)) {
      op->emitOpError() << "inside a recurrence: take derivatives of the "
                           "recurrence's results instead";
      return WalkResult::interrupt();
    }
    if (!isa<YieldOp>(op) && !isMemoryEffectFree(op)) {
      op->emitOpError() << "inside a recurrence: a step must be free of "
                           "effects (use the recurrence's results outside it)";
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return failure(bad.wasInterrupted());
}

//===----------------------------------------------------------------------===//
// Gradient through time
//===----------------------------------------------------------------------===//

LogicalResult RecurrenceOp::buildAdjoints(OpBuilder &b, Value dy,
                                          AdjointAccumulator &acc) {
  SmallVector<Value> dys(getNumResults());
  dys[0] = dy;
  return buildAdjointsOfResults(b, dys, acc);
}

/// The reverse pass runs the step backwards at every position, last to
/// first (first to last for a `reverse` recurrence). It needs the carries
/// that entered each step, so the forward recurrence is rebuilt to stack
/// them as extra outputs. Each backward step recomputes its forward step
/// from those carries (nothing else is stored) and sweeps it backwards:
/// the carries' adjoints flow to the previous step, the params' adjoints
/// are summed in extra carries, and the sequences' adjoints are stacked.
LogicalResult RecurrenceOp::buildAdjointsOfResults(OpBuilder &b,
                                                   ArrayRef<Value> dys,
                                                   AdjointAccumulator &acc) {
  FailureOr<axes::Recurrence> rec = getRecurrence();
  if (failed(rec))
    return failure();
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  size_t numParams = getParams().size(), numSeq = getSequences().size(),
         numCarries = getCarries().size();
  auto withAxis = [&](NGTensorType t) {
    SmallVector<AxisAttr> list{rec->axis};
    llvm::append_range(list, t.getAxes());
    return t.withAxes(list);
  };

  // 1. The forward recurrence, also stacking the carries entering each step.
  Block &oldBody = getBodyBlock();
  SmallVector<Type> fwdTypes(getResultTypes());
  for (Value c : getCarries())
    fwdTypes.push_back(withAxis(tensorTy(c)));
  OpBuilder fb(*this);
  OperationState state(loc, getOperationName());
  state.addOperands(getOperands());
  state.addAttributes((*this)->getAttrs());
  state.addTypes(fwdTypes);
  Region *fwdRegion = state.addRegion();
  IRMapping cloned;
  getBody().cloneInto(fwdRegion, cloned);
  auto fwd = cast<RecurrenceOp>(fb.create(state));
  {
    Block &body = fwd.getBodyBlock();
    YieldOp y = yieldOf(body);
    SmallVector<Value> values(y.getValues());
    for (size_t i = 0; i < numCarries; ++i)
      values.push_back(body.getArgument(numParams + numSeq + i));
    OpBuilder yb(y);
    YieldOp::create(yb, y.getLoc(), values);
    y.erase();
  }
  for (auto [old, now] : llvm::zip(getResults(), fwd.getResults()))
    old.replaceAllUsesWith(now);
  ValueRange carriesIn = fwd.getResults().take_back(numCarries);

  // 2. The backward recurrence's operands. Adjoints that never flowed are
  // zero (for carries) or absent (for stacked outputs).
  SmallVector<Value> seqs(getSequences());
  llvm::append_range(seqs, carriesIn);
  SmallVector<int64_t> dyOutputs; // indices of step outputs with an adjoint
  YieldOp oldYield = yieldOf(oldBody);
  for (size_t j = 0; j < getStackedOutputs().size(); ++j)
    if (Value d = dys[numCarries + j]; d && isFloat(getStackedOutputs()[j])) {
      dyOutputs.push_back(j);
      seqs.push_back(d);
    }
  SmallVector<int64_t> gradCarries, gradParams, gradSeqs;
  SmallVector<Value> carries;
  for (size_t i = 0; i < numCarries; ++i)
    if (isFloat(getCarries()[i])) {
      gradCarries.push_back(i);
      Value d = dys[i];
      carries.push_back(d ? d : buildZero(b, loc, tensorTy(getCarries()[i])));
    }
  for (size_t i = 0; i < numParams; ++i)
    if (isFloat(getParams()[i])) {
      gradParams.push_back(i);
      carries.push_back(buildZero(b, loc, tensorTy(getParams()[i])));
    }
  for (size_t i = 0; i < numSeq; ++i)
    if (isFloat(getSequences()[i]))
      gradSeqs.push_back(i);

  // 3. The backward step: the forward step recomputed, then swept.
  auto *body = new Block();
  auto addArg = [&](Type t) { return body->addArgument(t, loc); };
  IRMapping map;
  for (size_t i = 0; i < numParams; ++i)
    map.map(oldBody.getArgument(i), addArg(getParams()[i].getType()));
  for (auto [k, s] : llvm::enumerate(seqs)) {
    auto t = tensorTy(s);
    int64_t p = axes::indexOf(t.getAxes(), rec->axis.getName());
    BlockArgument a = addArg(t.withAxes(axes::without(t.getAxes(), p)));
    if (k < numSeq)
      map.map(oldBody.getArgument(numParams + k), a);
    else if (k < numSeq + numCarries)
      map.map(oldBody.getArgument(numParams + numSeq + (k - numSeq)), a);
  }
  size_t firstDy = numSeq + numCarries;
  SmallVector<BlockArgument> carryArgs;
  for (Value c : carries)
    carryArgs.push_back(addArg(c.getType()));

  OpBuilder bb(ctx);
  bb.setInsertionPointToEnd(body);
  SmallVector<Operation *> order;
  for (Operation &op : oldBody.without_terminator())
    order.push_back(bb.clone(op, map));
  AdjointAccumulator inner(bb);
  for (auto [k, i] : llvm::enumerate(gradCarries))
    inner.add(map.lookupOrDefault(oldYield.getValues()[i]), carryArgs[k]);
  for (auto [k, j] : llvm::enumerate(dyOutputs))
    inner.add(map.lookupOrDefault(oldYield.getValues()[numCarries + j]),
              body->getArgument(numParams + firstDy + k));
  if (failed(propagateAdjoints(order, inner, bb))) {
    delete body;
    return failure();
  }
  auto adjointOf = [&](Value primal) {
    Value g = inner.get(primal);
    return g ? g : buildZero(bb, loc, tensorTy(primal));
  };
  SmallVector<Value> yields;
  for (size_t i : gradCarries)
    yields.push_back(adjointOf(body->getArgument(numParams + numSeq + i)));
  for (auto [k, i] : llvm::enumerate(gradParams))
    yields.push_back(AddOp::create(bb, loc, carryArgs[gradCarries.size() + k],
                                   adjointOf(body->getArgument(i))));
  for (size_t i : gradSeqs)
    yields.push_back(adjointOf(body->getArgument(numParams + i)));
  YieldOp::create(bb, loc, yields);

  SmallVector<Type> bwdTypes;
  for (Value c : carries)
    bwdTypes.push_back(c.getType());
  for (size_t i : gradSeqs)
    bwdTypes.push_back(getSequences()[i].getType());
  auto bwd = RecurrenceOp::create(
      b, loc, bwdTypes, getAxisAttr(),
      getReverse() ? UnitAttr() : UnitAttr::get(ctx), getParams(), seqs,
      carries);
  bwd.getBody().push_back(body);

  for (auto [k, i] : llvm::enumerate(gradCarries))
    acc.add(getCarries()[i], bwd.getResult(k));
  for (auto [k, i] : llvm::enumerate(gradParams))
    acc.add(getParams()[i], bwd.getResult(gradCarries.size() + k));
  for (auto [k, i] : llvm::enumerate(gradSeqs))
    acc.add(getSequences()[i], bwd.getResult(carries.size() + k));
  // Every use now reads the rebuilt forward recurrence.
  (*this)->erase();
  return success();
}
