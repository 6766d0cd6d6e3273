//===- SetTarget.cpp - record the target on the module --------------------===//
#include "NGraph/Codegen/CPU/Passes.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUSETTARGET
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

namespace {
struct NGCPUSetTarget : ng::impl::NGCPUSetTargetBase<NGCPUSetTarget> {
  using NGCPUSetTargetBase::NGCPUSetTargetBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // The module's own target stands unless one is named.
    if (target.empty() && module->hasAttr(kTargetAttrName)) {
      if (failed(getTarget(module)))
        signalPassFailure();
      return;
    }
    std::string name = target.empty() ? std::string("host") : std::string(target);
    std::optional<CPUTarget> t = lookupTarget(name);
    if (!t) {
      if (name == "host")
        module.emitError() << "no 'host' target here: only the tools "
                              "(ngraph-opt, ngraph-runner, ngraph-bench) "
                              "describe the machine they run on; name one of "
                           << knownTargetNames();
      else
        module.emitError() << "unknown target '" << name
                           << "'; known targets: " << knownTargetNames();
      return signalPassFailure();
    }
    module->setAttr(kTargetAttrName, toAttr(&getContext(), *t));
  }
};
} // namespace
