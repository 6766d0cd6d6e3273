//===- OutlineComputations.cpp - computations to functions, variables to globals
//
// Nervana Graph's call semantics: every read of a variable sees its value at
// entry (all loads are emitted first), assigns take effect at return (all
// stores are emitted last), and a variable listed as an output returns its
// value after the call.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/ABI.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGOUTLINECOMPUTATIONS
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

/// The global that holds variable `name`, and the function of computation
/// `name`. Prefixed so that neither can clash with a C library symbol once
/// JIT-linked (a computation named `exp` would otherwise capture libm's).
static std::string globalName(StringRef name) {
  return ngraph::abi::variableSymbol(name.str());
}
static std::string functionName(StringRef name) {
  return ngraph::abi::functionSymbol(name.str());
}

/// The memref a variable lives in.
static MemRefType storageType(NGTensorType type) {
  RankedTensorType t = type.toBuiltin();
  return MemRefType::get(t.getShape(), t.getElementType());
}

namespace {

static LogicalResult outlineComputation(ComputationOp comp, OpBuilder &top) {
  Block &body = cast<GraphOp>(comp->getParentOp()).getBodyBlock();
  MLIRContext *ctx = comp.getContext();

  // Collect assigns reached through effect outputs.
  llvm::MapVector<Operation *, AssignOp> assignOf; // variable op -> assign
  SmallVector<Value> effects;
  for (Value out : comp.getOutputs())
    if (isa<EffectType>(out.getType()))
      effects.push_back(out);
  while (!effects.empty()) {
    Operation *def = effects.pop_back_val().getDefiningOp();
    if (auto all = dyn_cast<DoAllOp>(def)) {
      llvm::append_range(effects, all.getEffects());
    } else if (auto a = dyn_cast<AssignOp>(def)) {
      auto [it, inserted] = assignOf.try_emplace(a.getVariableOp(), a);
      if (!inserted && it->second != a) {
        InFlightDiagnostic d = a.emitOpError()
                               << "variable '" << a.getVariableOp().getName()
                               << "' is assigned twice in computation @"
                               << comp.getSymName();
        d.attachNote(it->second.getLoc()) << "other assign here";
        return d;
      }
    }
  }

  // Ops needed: the backward slice of the value outputs and assigned values.
  SmallVector<Value> roots;
  for (Value out : comp.getOutputs())
    if (isa<NGTensorType>(out.getType()))
      roots.push_back(out);
  for (auto &[var, a] : assignOf)
    roots.push_back(a.getValue());
  llvm::SmallPtrSet<Operation *, 32> needed;
  for (SmallVector<Value> wl = roots; !wl.empty();) {
    Operation *def = wl.pop_back_val().getDefiningOp();
    if (!def || !needed.insert(def).second)
      continue;
    llvm::append_range(wl, def->getOperands());
  }

  // Signature: inputs in order; value outputs in order.
  SmallVector<Type> argTypes(comp.getInputs().getTypes());
  SmallVector<Type> resultTypes;
  for (Value out : comp.getOutputs())
    if (isa<NGTensorType>(out.getType()))
      resultTypes.push_back(out.getType());
  auto fn = func::FuncOp::create(top, comp.getLoc(),
                                 functionName(comp.getSymName()),
                                 FunctionType::get(ctx, argTypes, resultTypes));
  fn->setAttr("ng.computation", comp.getSymNameAttr());
  fn->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
  for (auto [i, in] : llvm::enumerate(comp.getInputs()))
    fn.setArgAttr(i, "ng.name",
                  StringAttr::get(ctx, in.getDefiningOp<PlaceholderOp>().getName()));
  Block *entry = fn.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockBegin(entry);
  IRMapping map;
  for (auto [in, arg] : llvm::zip(comp.getInputs(), entry->getArguments()))
    map.map(in, arg);

  // Loads first: every read sees the value at entry.
  for (Operation &op : body) {
    auto v = dyn_cast<VariableOp>(op);
    if (!v || !needed.contains(v))
      continue;
    auto type = cast<NGTensorType>(v.getType());
    Value mem = memref::GetGlobalOp::create(b, v.getLoc(), storageType(type),
                                            globalName(v.getName()));
    // Read-only view: nothing is written through it, and stores come last.
    Value g = bufferization::ToTensorOp::create(b, v.getLoc(), type.toBuiltin(),
                                                mem, /*restrict=*/true,
                                                /*writable=*/false);
    map.map(v.getResult(),
            UnrealizedConversionCastOp::create(b, v.getLoc(), type, g)
                .getResult(0));
  }
  for (Operation &op : body) {
    if (!needed.contains(&op) || isa<VariableOp, PlaceholderOp>(op))
      continue;
    if (isa<DerivOp>(op))
      return op.emitOpError()
             << "must be expanded before outlining; run ng-autodiff first";
    b.clone(op, map);
  }

  // Stores last: assigns take effect when the call returns.
  llvm::DenseMap<Operation *, Value> newValue;
  for (auto &[var, a] : assignOf) {
    auto type = cast<NGTensorType>(var->getResult(0).getType());
    Value v = reshapeToAxes(b, a.getLoc(), map.lookup(a.getValue()), type);
    newValue[var] = v;
    Value t = UnrealizedConversionCastOp::create(b, a.getLoc(),
                                                 type.toBuiltin(), v)
                  .getResult(0);
    Value mem = memref::GetGlobalOp::create(
        b, a.getLoc(), storageType(type),
        globalName(cast<VariableOp>(var).getName()));
    bufferization::MaterializeInDestinationOp::create(
        b, a.getLoc(), Type(), t, mem, /*restrict=*/true, /*writable=*/true);
  }
  SmallVector<Value> results;
  for (Value out : comp.getOutputs()) {
    if (!isa<NGTensorType>(out.getType()))
      continue;
    Operation *def = out.getDefiningOp();
    if (Value nv = def ? newValue.lookup(def) : Value())
      results.push_back(nv);
    else
      results.push_back(map.lookup(out));
  }
  func::ReturnOp::create(b, comp.getLoc(), results);
  return success();
}

struct NGOutlineComputationsPass
    : ng::impl::NGOutlineComputationsBase<NGOutlineComputationsPass> {
  using NGOutlineComputationsBase::NGOutlineComputationsBase;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(requireStaticAxes(module, "ng-outline-computations")))
      return signalPassFailure();
    SmallVector<GraphOp> graphs(module.getOps<GraphOp>());
    llvm::StringMap<Operation *> globals;
    for (GraphOp g : graphs) {
      OpBuilder top(g);
      for (auto v : g.getBodyBlock().getOps<VariableOp>()) {
        std::string name = globalName(v.getName());
        if (auto [it, ok] = globals.try_emplace(name, v); !ok) {
          InFlightDiagnostic d = v.emitOpError()
                                 << "variable '" << v.getName()
                                 << "' is declared in two graphs of this module";
          d.attachNote(it->second->getLoc()) << "other declaration here";
          return signalPassFailure();
        }
        // Without embedded values the global is left uninitialized and the
        // caller (the JIT runtime) writes them: large random initializers
        // would otherwise go through LLVM as constant data.
        Attribute init = embedInitialValues ? Attribute(v.getInitialValue())
                                            : Attribute(top.getUnitAttr());
        memref::GlobalOp::create(top, v.getLoc(), name,
                                 top.getStringAttr("public"),
                                 storageType(cast<NGTensorType>(v.getType())),
                                 init, /*constant=*/false,
                                 top.getI64IntegerAttr(64));
      }
      for (auto comp : g.getBodyBlock().getOps<ComputationOp>()) {
        if (module.lookupSymbol(functionName(comp.getSymName()))) {
          comp.emitOpError() << "a computation named @" << comp.getSymName()
                             << " already exists in another graph of the module";
          return signalPassFailure();
        }
        if (failed(outlineComputation(comp, top)))
          return signalPassFailure();
      }
    }
    for (GraphOp g : graphs)
      g.erase();
  }
};
} // namespace
