//===- UpdateVariablesInPlace.cpp - compute new values into the variables ===//
//
// A computation reads each variable through one read-only
// `bufferization.to_tensor` of its global and stores an assigned value
// with `materialize_in_destination` into the global at the end. Computed
// into a fresh tensor, the new value is a temporary copied into the
// global: for the weights of a training step, a copy of every weight per
// step. When the new value's last op writes a `tensor.empty` (an
// elementwise update such as w - lr * dw) or the old value itself (a
// contraction accumulating into the weight), that op moves down to the
// store and writes into the variable's own tensor, which becomes
// writable. One-Shot
// Bufferize then writes the global in place when nothing reads the old
// value after the update, and copies the old value first when something
// does: the single `restrict` view keeps its analysis exact. (Upstream
// empty-tensor elimination would add a second `restrict` view of the same
// global, which hides such reads from the analysis.)
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Interfaces/DestinationStyleOpInterface.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGUPDATEVARIABLESINPLACE
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
/// The global a value of memref type names, if it is a memref.get_global.
FlatSymbolRefAttr globalOf(Value mem) {
  auto g = mem.getDefiningOp<memref::GetGlobalOp>();
  return g ? g.getNameAttr() : nullptr;
}

struct NGUpdateVariablesInPlace
    : ng::impl::NGUpdateVariablesInPlaceBase<NGUpdateVariablesInPlace> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    // The tensor views of each global; a global viewed more than once is
    // left alone.
    llvm::DenseMap<Attribute, SmallVector<bufferization::ToTensorOp>> views;
    fn.walk([&](bufferization::ToTensorOp t) {
      if (FlatSymbolRefAttr g = globalOf(t.getBuffer()))
        views[g].push_back(t);
    });
    SmallVector<Operation *> updated;
    fn.walk([&](bufferization::MaterializeInDestinationOp store) {
      FlatSymbolRefAttr g = globalOf(store.getDest());
      auto it = g ? views.find(g) : views.end();
      if (it == views.end() || it->second.size() != 1)
        return;
      bufferization::ToTensorOp view = it->second.front();
      auto result = dyn_cast<OpResult>(store.getSource());
      auto producer =
          result ? dyn_cast<DestinationStyleOpInterface>(result.getOwner())
                 : nullptr;
      if (!producer || !view.getRestrict() ||
          view.getType() != result.getType())
        return;
      // The new value is computed into a fresh tensor, or accumulated into
      // the old value itself (ng-accumulate-contractions: w += A (-lr B)).
      OpOperand *init = producer.getTiedOpOperand(result);
      bool intoEmpty = init && init->get().getDefiningOp<tensor::EmptyOp>();
      if (!intoEmpty && !(init && init->get() == view.getResult()))
        return;
      // The update moves down to its store, after every other op: a read
      // of the old value placed after it (the gradient of an earlier layer
      // reading this weight, when the user wrote that update first) would
      // force a copy of the whole variable.
      Block *block = store->getBlock();
      if (view->getBlock() != block || producer->getBlock() != block ||
          !llvm::all_of(result.getUsers(), [&](Operation *user) {
            return user == store || store->isBeforeInBlock(user);
          }))
        return;
      producer->moveBefore(store);
      if (intoEmpty)
        init->set(view.getResult());
      view.setWritable(true);
      updated.push_back(producer);
    });
    // The update reads the old value as an input and now also writes it:
    // read through the output instead, element by element, so that once
    // tiled it reads the slice it writes, not the whole old tensor (which
    // the analysis would have to keep intact: a copy).
    RewritePatternSet patterns(&getContext());
    linalg::populateEraseUnnecessaryInputsPatterns(patterns);
    if (failed(applyOpPatternsGreedily(updated, std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
