//===- SetLLVMTarget.cpp - the target as LLVM module and function attributes -===//
#include "NGraph/Codegen/CPU/Passes.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUSETLLVMTARGET
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

/// LLVM's data layout of the x86-64 System V targets (what clang and llc
/// use for x86_64-*-linux-gnu); the JIT checks it against its own.
static constexpr llvm::StringLiteral kX86_64Layout =
    "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:"
    "64-S128";

namespace {
struct NGCPUSetLLVMTarget
    : ng::impl::NGCPUSetLLVMTargetBase<NGCPUSetLLVMTarget> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<CPUTarget> t = getTarget(module);
    if (failed(t))
      return signalPassFailure();
    MLIRContext *ctx = &getContext();
    if (!StringRef(t->triple).starts_with("x86_64-")) {
      module.emitError() << "target '" << t->name << "': triple '" << t->triple
                         << "' is not x86-64, the only one code is generated for";
      return signalPassFailure();
    }
    module->setAttr(LLVM::LLVMDialect::getTargetTripleAttrName(),
                    StringAttr::get(ctx, t->triple));
    module->setAttr(LLVM::LLVMDialect::getDataLayoutAttrName(),
                    StringAttr::get(ctx, kX86_64Layout));
    StringAttr cpu = StringAttr::get(ctx, t->cpu);
    StringAttr width = StringAttr::get(ctx, std::to_string(t->vectorBits));
    auto features = LLVM::TargetFeaturesAttr::get(ctx, t->features);
    ArrayAttr minLegal = ArrayAttr::get(
        ctx, {StringAttr::get(ctx, "min-legal-vector-width"), width});
    module.walk([&](LLVM::LLVMFuncOp fn) {
      if (fn.isExternal())
        return;
      fn.setTargetCpuAttr(cpu);
      if (!t->features.empty())
        fn.setTargetFeaturesAttr(features);
      fn.setPreferVectorWidthAttr(width);
      // Keep 512-bit vector arguments of the scheduler's helpers legal.
      SmallVector<Attribute> passthrough;
      if (ArrayAttr old = fn.getPassthroughAttr())
        passthrough.assign(old.begin(), old.end());
      passthrough.push_back(minLegal);
      fn.setPassthroughAttr(ArrayAttr::get(ctx, passthrough));
    });
    // Said in LLVM's terms now; without it the module is plain LLVM dialect
    // that mlir-translate reads without our dialect.
    module->removeAttr(kTargetAttrName);
  }
};
} // namespace
