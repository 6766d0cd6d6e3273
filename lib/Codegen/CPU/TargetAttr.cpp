//===- TargetAttr.cpp - a CPUTarget as the module's ng.target --------------===//
#include "NGraph/Codegen/CPU/TargetAttr.h"

#include "mlir/IR/BuiltinOps.h"

using namespace mlir;
using namespace ngraph::cpu;

ng::CPUTargetAttr ngraph::cpu::toAttr(MLIRContext *ctx, const CPUTarget &t) {
  return ng::CPUTargetAttr::get(ctx, t.name, t.triple, t.cpu, t.features,
                                t.vectorBits, t.vectorRegisters, t.l1Bytes,
                                t.l2Bytes, t.l3Bytes, t.cores);
}

CPUTarget ngraph::cpu::fromAttr(ng::CPUTargetAttr a) {
  return CPUTarget{a.getName().str(),  a.getTriple().str(),
                   a.getCpu().str(),   a.getFeatures().str(),
                   a.getVectorBits(),  a.getVectorRegisters(),
                   a.getL1Bytes(),     a.getL2Bytes(),
                   a.getL3Bytes(),     a.getCores()};
}

FailureOr<CPUTarget> ngraph::cpu::getTarget(Operation *op) {
  for (Operation *p = op; p; p = p->getParentOp())
    if (auto m = dyn_cast<ModuleOp>(p)) {
      Attribute a = m->getAttr(kTargetAttrName);
      if (auto t = dyn_cast_or_null<ng::CPUTargetAttr>(a))
        return fromAttr(t);
      if (a)
        return op->emitError() << "'" << kTargetAttrName
                               << "' must be a #ng.cpu<...> attribute, got "
                               << a;
    }
  return op->emitError() << "no code generation target: the module has no '"
                         << kTargetAttrName
                         << "' attribute (run ng-cpu-set-target or give the "
                            "pipeline target=NAME; known: "
                         << knownTargetNames() << ")";
}
