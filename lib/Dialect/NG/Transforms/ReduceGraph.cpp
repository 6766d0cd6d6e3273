//===- ReduceGraph.cpp - shrink a graph while it stays interesting --------===//
//
// MLIR's -reduction-tree only deletes ranges of ops, and deleting an op
// whose value is used leaves an invalid module, so on a graph (one block of
// ops feeding each other) it finds almost nothing to delete; and in MLIR 22
// any dialect reduction pattern crashes it (llvm/llvm-project#195997). This
// pass reduces the way a person would: drop a computation, or cut a value
// off from what computes it (a zero constant of its type), then erase what
// became unused, keeping each step that stays interesting.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Reducer/Tester.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGREDUCEGRAPH
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

namespace {

/// Erases ng ops of `graph` whose results nothing uses (computations and
/// effects are kept: a computation has no result, an assign is used).
void eraseUnused(GraphOp graph) {
  bool changed = true;
  while (changed) {
    changed = false;
    for (Operation &op : llvm::make_early_inc_range(
             llvm::reverse(graph.getBodyBlock().getOperations()))) {
      if (op.getNumResults() == 0 || !op.use_empty())
        continue;
      op.erase();
      changed = true;
    }
  }
}

/// Ops a step may cut: computed tensors (leaves are already as small as
/// they get) of fixed size (no constant stands for an `N:?` value).
bool isCuttable(Operation &op) {
  if (op.getNumResults() != 1 || isa<ConstantOp, PlaceholderOp, VariableOp>(op))
    return false;
  auto type = dyn_cast<NGTensorType>(op.getResult(0).getType());
  return type && type.getNumElements() >= 0;
}

struct ReduceGraph : ng::impl::NGReduceGraphBase<ReduceGraph> {
  using NGReduceGraphBase::NGReduceGraphBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (testerName.empty()) {
      module.emitError() << "ng-reduce-graph needs test=SCRIPT";
      return signalPassFailure();
    }
    Tester tester(testerName, testerArgs);
    auto interesting = [&](ModuleOp m) {
      return succeeded(verify(m)) &&
             tester.isInteresting(m).first == Tester::Interestingness::True;
    };
    if (!interesting(module)) {
      module.emitError() << "the input is not interesting: the test script "
                            "must exit non-zero on it";
      return signalPassFailure();
    }
    // Each step: a change to a copy (ops are found in it by position),
    // kept when the copy stays interesting.
    auto attempt = [&](function_ref<bool(ModuleOp)> change) {
      OwningOpRef<ModuleOp> copy(cast<ModuleOp>(module->clone()));
      if (!change(*copy))
        return false;
      for (GraphOp g : copy->getOps<GraphOp>())
        eraseUnused(g);
      if (!interesting(*copy))
        return false;
      module.getBodyRegion().takeBody(copy->getBodyRegion());
      return true;
    };
    // The op at `index` of graph `g`'s block, in a module with the same
    // shape as `module`.
    auto nth = [](ModuleOp m, size_t g, size_t index) -> Operation * {
      auto graphs = llvm::to_vector(m.getOps<GraphOp>());
      if (g >= graphs.size())
        return nullptr;
      Block &block = graphs[g].getBodyBlock();
      if (index >= block.getOperations().size())
        return nullptr;
      return &*std::next(block.begin(), index);
    };

    bool progress = true;
    while (progress) {
      progress = false;
      size_t numGraphs = llvm::range_size(module.getOps<GraphOp>());
      for (size_t g = 0; g < numGraphs; ++g) {
        // Computations first (each takes its whole chain with it), then
        // values from the last to the first.
        for (size_t i = 0;; ++i) {
          Operation *op = nth(module, g, i);
          if (!op)
            break;
          if (!isa<ComputationOp>(op))
            continue;
          if (attempt([&](ModuleOp m) {
                nth(m, g, i)->erase();
                return true;
              })) {
            progress = true;
            --i;
          }
        }
        GraphOp graph = *std::next(module.getOps<GraphOp>().begin(), g);
        for (size_t i = graph.getBodyBlock().getOperations().size(); i-- > 0;) {
          Operation *op = nth(module, g, i);
          if (!op || !isCuttable(*op))
            continue;
          if (attempt([&](ModuleOp m) {
                Operation *target = nth(m, g, i);
                auto type = cast<NGTensorType>(target->getResult(0).getType());
                OpBuilder b(target);
                auto zeros = cast<ElementsAttr>(DenseElementsAttr::get(
                    type.toBuiltin(), b.getZeroAttr(type.getElementType())));
                Value c = ConstantOp::create(b, target->getLoc(), type, zeros);
                target->getResult(0).replaceAllUsesWith(c);
                target->erase();
                return true;
              }))
            progress = true;
        }
      }
    }
  }
};

} // namespace
