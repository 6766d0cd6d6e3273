//===- Autodiff.cpp - expand ng.deriv by reverse-mode accumulation --------===//
//
// For each loss, one backward sweep over the ops the loss depends on, in
// reverse program order. Only values that depend on some `wrt` of that loss
// get adjoints, so no dead adjoint ops are built. Rules are the ops' own
// (ReverseADOpInterface); there is no switch over op kinds here.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGAUTODIFF
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

namespace {

/// Expands all derivs of one loss in one sweep.
static LogicalResult expandLoss(Value loss, MutableArrayRef<DerivOp> derivs) {
  Block *block = derivs.front()->getBlock();

  // Ops the loss depends on, within this block.
  llvm::SmallPtrSet<Operation *, 32> slice;
  SmallVector<Value> worklist{loss};
  while (!worklist.empty()) {
    Operation *def = worklist.pop_back_val().getDefiningOp();
    if (!def || def->getBlock() != block || !slice.insert(def).second)
      continue;
    llvm::append_range(worklist, def->getOperands());
  }

  // Values on a path from some wrt to the loss: the only ones needing adjoints.
  llvm::DenseSet<Value> needed;
  for (DerivOp d : derivs)
    needed.insert(d.getWrt());
  for (Operation &op : *block) {
    if (!slice.contains(&op))
      continue;
    if (llvm::any_of(op.getOperands(), [&](Value v) { return needed.contains(v); }))
      for (Value r : op.getResults())
        needed.insert(r);
  }

  OpBuilder b(derivs.front());
  AdjointAccumulator acc(b);
  acc.setNeeded([&](Value v) { return needed.contains(v); });
  if (needed.contains(loss))
    acc.add(loss, ConstantOp::create(b, loss.getLoc(),
                                     cast<NGTensorType>(loss.getType()), 1.0));

  // Reverse program order is a reverse topological order of the slice.
  SmallVector<Operation *> order;
  for (Operation &op : *block)
    if (slice.contains(&op))
      order.push_back(&op);
  if (failed(propagateAdjoints(order, acc, b, derivs.front().getLoc())))
    return failure();

  // The builder inserts before the first deriv: erase them only at the end.
  for (DerivOp d : derivs) {
    Value g = acc.get(d.getWrt());
    if (!g) {
      d.emitWarning() << "the loss does not depend on this value; its "
                         "gradient is zero";
      g = buildZero(b, d.getLoc(), cast<NGTensorType>(d.getType()));
    }
    if (g.getType() != d.getType())
      return d.emitOpError() << "internal error: adjoint has type "
                             << g.getType() << " but the primal has "
                             << d.getType();
    d.replaceAllUsesWith(g);
  }
  for (DerivOp d : derivs)
    d.erase();
  return success();
}

struct NGAutodiffPass : ng::impl::NGAutodiffBase<NGAutodiffPass> {
  void runOnOperation() override {
    if (failed(requireStaticAxes(getOperation(), "ng-autodiff")))
      return signalPassFailure();
    // Group derivs by loss, in program order; a later deriv may use the
    // expansion of an earlier one (second derivatives are not supported:
    // no rule differentiates an adjoint graph's derivs).
    llvm::MapVector<Value, SmallVector<DerivOp>> byLoss;
    getOperation()->walk(
        [&](DerivOp d) { byLoss[d.getLoss()].push_back(d); });
    for (auto &[loss, derivs] : byLoss)
      if (failed(expandLoss(loss, derivs)))
        return signalPassFailure();
  }
};
} // namespace
