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
/// first (first to last for a `reverse` recurrence). The backward step is
/// the forward step's adjoint sweep; the forward values it reads (gates,
/// states, ...) are stacked by a rebuilt forward recurrence and read back
/// one position per step, so nothing is computed twice. The carries'
/// adjoints flow to the previous step, the params' adjoints are summed in
/// extra carries, and the sequences' adjoints are stacked.
LogicalResult RecurrenceOp::buildAdjointsOfResults(OpBuilder &b,
                                                   ArrayRef<Value> dys,
                                                   AdjointAccumulator &acc) {
  FailureOr<axes::Recurrence> rec = getRecurrence();
  if (failed(rec))
    return failure();
  Location loc = getLoc();
  MLIRContext *ctx = getContext();
  StringAttr axisName = rec->axis.getName();
  size_t numParams = getParams().size(), numSeq = getSequences().size(),
         numCarries = getCarries().size();
  auto withAxis = [&](NGTensorType t) {
    SmallVector<AxisAttr> list{rec->axis};
    llvm::append_range(list, t.getAxes());
    return t.withAxes(list);
  };
  auto stepType = [&](Value stacked) {
    auto t = tensorTy(stacked);
    int64_t p = axes::indexOf(t.getAxes(), axisName);
    return t.withAxes(axes::without(t.getAxes(), p));
  };
  Block &oldBody = getBodyBlock();
  YieldOp oldYield = yieldOf(oldBody);

  // Which adjoints flow: float carries and params get adjoint carries,
  // float sequences stacked adjoints; step outputs without an adjoint are
  // left out.
  SmallVector<int64_t> dyOutputs, gradCarries, gradParams, gradSeqs;
  for (size_t j = 0; j < getStackedOutputs().size(); ++j)
    if (dys[numCarries + j] && isFloat(getStackedOutputs()[j]))
      dyOutputs.push_back(j);
  for (size_t i = 0; i < numCarries; ++i)
    if (isFloat(getCarries()[i]))
      gradCarries.push_back(i);
  for (size_t i = 0; i < numParams; ++i)
    if (isFloat(getParams()[i]))
      gradParams.push_back(i);
  for (size_t i = 0; i < numSeq; ++i)
    if (isFloat(getSequences()[i]))
      gradSeqs.push_back(i);

  // 1. The backward step, built detached. Arguments: params, one position
  // of each forward sequence, of the carries entering the forward step
  // and of the output adjoints (then the stashed forward values, added
  // below), then the adjoint carries.
  auto *body = new Block();
  auto addArg = [&](Type t) { return body->addArgument(t, loc); };
  IRMapping map;
  for (size_t i = 0; i < numParams; ++i)
    map.map(oldBody.getArgument(i), addArg(getParams()[i].getType()));
  for (size_t i = 0; i < numSeq + numCarries; ++i)
    map.map(oldBody.getArgument(numParams + i),
            addArg(oldBody.getArgument(numParams + i).getType()));
  for (int64_t j : dyOutputs)
    addArg(stepType(dys[numCarries + j]));
  size_t firstDy = numParams + numSeq + numCarries;
  SmallVector<Value> carries;
  for (size_t i : gradCarries) {
    Value d = dys[i];
    carries.push_back(d ? d : buildZero(b, loc, tensorTy(getCarries()[i])));
  }
  for (size_t i : gradParams)
    carries.push_back(buildZero(b, loc, tensorTy(getParams()[i])));
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
              body->getArgument(firstDy + k));
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
    yields.push_back(adjointOf(map.lookup(oldBody.getArgument(numParams + numSeq + i))));
  // A param's step adjoint that is one product dot(a_t, b_t) is summed
  // over the steps as one larger product after the loop: a and b are
  // stacked, and the dot of the stacks contracts the recurrent axis too.
  // (Per step, a weight-sized accumulator would be read and written.)
  SmallVector<std::pair<size_t, DotOp>> hoisted; // (param index, step dot)
  for (auto [k, i] : llvm::enumerate(gradParams)) {
    Value g = adjointOf(map.lookup(oldBody.getArgument(i)));
    Value acc = carryArgs[gradCarries.size() + k];
    Value product = g;
    if (auto r = g.getDefiningOp<ReorderOp>())
      product = r.getOperand();
    auto dot = product.getDefiningOp<DotOp>();
    if (dot && !tensorTy(dot.getLhs()).hasAxis(axisName) &&
        !tensorTy(dot.getRhs()).hasAxis(axisName)) {
      hoisted.push_back({k, dot});
      yields.push_back(acc);
      continue;
    }
    yields.push_back(AddOp::create(bb, loc, acc, g));
  }
  for (size_t i : gradSeqs)
    yields.push_back(adjointOf(map.lookup(oldBody.getArgument(numParams + i))));
  for (auto &[k, dot] : hoisted) {
    yields.push_back(dot.getLhs());
    yields.push_back(dot.getRhs());
  }
  YieldOp::create(bb, loc, yields);

  // 2. Forward values the sweep reads become stacked inputs: a new
  // argument replaces each, and the recomputation dies.
  llvm::DenseMap<Value, Value> original; // clone -> forward body value
  for (auto [o, c] : llvm::zip(oldBody.without_terminator(), order))
    for (auto [ov, cv] : llvm::zip(o.getResults(), c->getResults()))
      original[cv] = ov;
  llvm::SmallPtrSet<Operation *, 32> clones(order.begin(), order.end());
  SmallVector<Value> stashed; // forward body values, in argument order
  size_t stashAt = firstDy + dyOutputs.size();
  for (Operation *op : order)
    for (Value r : op->getResults()) {
      bool read = llvm::any_of(r.getUsers(), [&](Operation *u) {
        return !clones.contains(u);
      });
      auto t = tensorTy(r);
      if (!read || t.hasAxis(axisName))
        continue;
      BlockArgument a =
          body->insertArgument(stashAt + stashed.size(), t, loc);
      r.replaceAllUsesWith(a);
      stashed.push_back(original.lookup(r));
    }
  for (Operation *op : llvm::reverse(order))
    if (op->use_empty())
      op->erase();

  // Per-step inputs nothing reads any more are not fed.
  SmallVector<bool> keepSeq(numSeq), keepCarryIn(numCarries);
  for (size_t i = 0; i < numSeq; ++i)
    keepSeq[i] = !body->getArgument(numParams + i).use_empty();
  for (size_t i = 0; i < numCarries; ++i)
    keepCarryIn[i] = !body->getArgument(numParams + numSeq + i).use_empty();
  for (size_t i = numSeq + numCarries; i-- > 0;)
    if (!(i < numSeq ? keepSeq[i] : keepCarryIn[i - numSeq]))
      body->eraseArgument(numParams + i);

  // 3. The forward recurrence again, also stacking the carries entering
  // each step that the backward step reads, and the stashed values.
  SmallVector<Type> fwdTypes(getResultTypes());
  for (size_t i = 0; i < numCarries; ++i)
    if (keepCarryIn[i])
      fwdTypes.push_back(withAxis(tensorTy(getCarries()[i])));
  for (Value v : stashed)
    fwdTypes.push_back(withAxis(tensorTy(v)));
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
    Block &fbody = fwd.getBodyBlock();
    YieldOp y = yieldOf(fbody);
    SmallVector<Value> values(y.getValues());
    for (size_t i = 0; i < numCarries; ++i)
      if (keepCarryIn[i])
        values.push_back(fbody.getArgument(numParams + numSeq + i));
    for (Value v : stashed)
      values.push_back(cloned.lookup(v));
    OpBuilder yb(y);
    YieldOp::create(yb, y.getLoc(), values);
    y.erase();
  }
  for (auto [old, now] : llvm::zip(getResults(), fwd.getResults()))
    old.replaceAllUsesWith(now);
  ValueRange extra = fwd.getResults().drop_front(getNumResults());

  // 4. The backward recurrence.
  SmallVector<Value> seqs;
  for (size_t i = 0; i < numSeq; ++i)
    if (keepSeq[i])
      seqs.push_back(getSequences()[i]);
  size_t e = 0;
  for (size_t i = 0; i < numCarries; ++i)
    if (keepCarryIn[i])
      seqs.push_back(extra[e++]);
  for (int64_t j : dyOutputs)
    seqs.push_back(dys[numCarries + j]);
  for (; e < extra.size(); ++e)
    seqs.push_back(extra[e]);
  SmallVector<Type> bwdTypes;
  for (Value c : carries)
    bwdTypes.push_back(c.getType());
  for (size_t i : gradSeqs)
    bwdTypes.push_back(getSequences()[i].getType());
  for (auto &[k, dot] : hoisted) {
    bwdTypes.push_back(withAxis(tensorTy(dot.getLhs())));
    bwdTypes.push_back(withAxis(tensorTy(dot.getRhs())));
  }
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
  for (auto [h, entry] : llvm::enumerate(hoisted)) {
    size_t at = carries.size() + gradSeqs.size() + 2 * h;
    acc.add(getParams()[gradParams[entry.first]],
            DotOp::create(b, loc, bwd.getResult(at), bwd.getResult(at + 1)));
  }
  // Every use now reads the rebuilt forward recurrence.
  (*this)->erase();
  return success();
}
