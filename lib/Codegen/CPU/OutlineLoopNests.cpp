//===- OutlineLoopNests.cpp - one function per large loop nest ------------===//
//
// A training step lowers to one function holding every op's loop nest: a
// few hundred loops in sequence. LLVM's loop passes ask ScalarEvolution
// about guards and ranges by walking back through the blocks before a
// loop, so their time grows faster than the function (IndVarSimplify took
// 0.31 s of a large MLP step's 0.8 s of LLVM optimization, against a few
// milliseconds per contraction compiled alone). A private, never inlined
// function per large nest keeps that work linear, and lets the function
// passes after this one run on several threads. The call costs tens of
// nanoseconds, against at least `min-ops` executed operations (several
// microseconds).
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Transforms/RegionUtils.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGOUTLINELOOPNESTS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

/// a * b and a + b for non-negative counts, saturating at INT64_MAX.
static int64_t saturatingMul(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_mul_overflow(a, b, &r) ? INT64_MAX : r;
}
static int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? INT64_MAX : r;
}

/// Operations `op` executes: each op of a loop body once per iteration,
/// nested regions counted the same way (both branches of an `if`). A loop
/// bound not known statically counts as unbounded.
static int64_t executedOps(Operation *op) {
  int64_t body = 0;
  for (Region &r : op->getRegions())
    for (Block &b : r)
      for (Operation &child : b)
        body = saturatingAdd(body, child.getNumRegions() ? executedOps(&child)
                                                         : 1);
  auto loop = dyn_cast<LoopLikeOpInterface>(op);
  if (!loop)
    return saturatingAdd(body, 1);
  auto lbs = loop.getLoopLowerBounds(), ubs = loop.getLoopUpperBounds(),
       steps = loop.getLoopSteps();
  if (!lbs || !ubs || !steps)
    return INT64_MAX;
  int64_t trips = 1;
  for (auto [lb, ub, step] : llvm::zip(*lbs, *ubs, *steps)) {
    std::optional<int64_t> l = getConstantIntValue(lb),
                           u = getConstantIntValue(ub),
                           s = getConstantIntValue(step);
    if (!l || !u || !s || *s <= 0)
      return INT64_MAX;
    trips = saturatingMul(trips, std::max<int64_t>(0, (*u - *l + *s - 1) / *s));
  }
  return saturatingMul(trips, body);
}

namespace {
struct NGOutlineLoopNests
    : ng::impl::NGOutlineLoopNestsBase<NGOutlineLoopNests> {
  using NGOutlineLoopNestsBase::NGOutlineLoopNestsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    IRRewriter rw(&getContext());
    for (auto fn : llvm::to_vector(module.getOps<func::FuncOp>())) {
      if (fn.isExternal() || !fn.getBody().hasOneBlock())
        continue;
      SmallVector<Operation *> nests;
      for (Operation &op : fn.getBody().front())
        if (isa<LoopLikeOpInterface>(op) && executedOps(&op) >= minOps)
          nests.push_back(&op);
      // A single nest is the function already.
      if (nests.size() < 2)
        continue;
      for (auto [i, nest] : llvm::enumerate(nests))
        if (failed(outline(rw, symbols, fn, nest, i)))
          return signalPassFailure();
    }
  }

  LogicalResult outline(IRRewriter &rw, SymbolTable &symbols, func::FuncOp fn,
                        Operation *nest, size_t index) {
    Location loc = nest->getLoc();
    // The nest goes into a region of its own, which is then outlined.
    rw.setInsertionPoint(nest);
    auto wrapper = scf::ExecuteRegionOp::create(rw, loc, nest->getResultTypes());
    Block *body = rw.createBlock(&wrapper.getRegion());
    rw.setInsertionPointToEnd(body);
    auto yield = scf::YieldOp::create(rw, loc, nest->getResults());
    for (auto [from, to] : llvm::zip(nest->getResults(), wrapper.getResults()))
      rw.replaceAllUsesExcept(from, to, yield);
    rw.moveOpBefore(nest, yield);
    // Constants the nest uses are copied in, not passed as arguments: the
    // outlined code still sees their values.
    llvm::SetVector<Value> captured;
    getUsedValuesDefinedAbove(wrapper.getRegion(), captured);
    rw.setInsertionPointToStart(body);
    for (Value v : captured) {
      Operation *def = v.getDefiningOp();
      if (!def || !def->hasTrait<OpTrait::ConstantLike>())
        continue;
      Value copy = rw.clone(*def)->getResult(cast<OpResult>(v).getResultNumber());
      rw.replaceUsesWithIf(v, copy, [&](OpOperand &use) {
        return wrapper->isProperAncestor(use.getOwner());
      });
    }
    std::string name =
        (fn.getSymName() + "_nest" + llvm::Twine(index)).str();
    while (symbols.lookup(name))
      name += "_";
    func::CallOp call;
    FailureOr<func::FuncOp> outlined =
        outlineSingleBlockRegion(rw, loc, wrapper.getRegion(), name, &call);
    if (failed(outlined))
      return nest->emitError("could not outline this loop nest");
    outlined->setPrivate();
    symbols.insert(*outlined);
    // LLVM would inline a private function called once straight back.
    outlined->getOperation()->setAttr(
        "passthrough", rw.getArrayAttr({rw.getStringAttr("noinline")}));
    // The wrapper now holds only the call: put it back in line.
    Block &inner = wrapper.getRegion().front();
    auto innerYield = cast<scf::YieldOp>(inner.getTerminator());
    SmallVector<Value> results(innerYield.getOperands());
    rw.inlineBlockBefore(&inner, wrapper);
    rw.replaceOp(wrapper, results);
    rw.eraseOp(innerYield);
    return success();
  }
};
} // namespace
