//===- SelectLowering.cpp - decide each contraction's tiling --------------===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "Utils.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUSELECTLOWERING
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

namespace {
struct NGCPUSelectLowering
    : ng::impl::NGCPUSelectLoweringBase<NGCPUSelectLowering> {
  using NGCPUSelectLoweringBase::NGCPUSelectLoweringBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal())
      return;
    if (threads < 1 || registerM < 0 || registerN < 0) {
      fn.emitError() << "ng-cpu-select-lowering: threads must be at least 1 "
                        "and register-m, register-n at least 0 (0: from the "
                        "target)";
      return signalPassFailure();
    }
    FailureOr<CPUTarget> target = getTarget(fn);
    if (failed(target))
      return signalPassFailure();
    ContractionOverrides overrides{registerM, registerN};
    fn.walk([&](linalg::LinalgOp op) {
      std::optional<ContractionShape> s = matchContraction(op);
      if (!s)
        return;
      ContractionConfig c = selectContractionConfig(problemOf(op, *s), *target,
                                                    threads, overrides);
      op->setAttr(kLoweringConfigAttrName, c.toAttr(&getContext()));
    });
  }
};
} // namespace
