//===- ObjectCode.h - a lowered module to machine code --------------*- C++ -*-===//
//
// The one path from a module in the LLVM dialect to an ELF object: the JIT
// loads it, the compile cache stores it and ngraph-compile writes it out,
// so the three run the same code.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_OBJECTCODE_H
#define NGRAPH_RUNTIME_OBJECTCODE_H

#include "NGraph/Codegen/CPU/Target.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"
#include <memory>
#include <string>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace ngraph {

struct ObjectOptions {
  /// LLVM optimization level (0-3) of the IR pipeline and of the code
  /// generator.
  unsigned optLevel = 2;
  /// Called on the LLVM IR after translation, before optimization: for
  /// functions written directly in IR (ngraph-compile's C entry points).
  llvm::function_ref<llvm::Error(llvm::Module &)> extendIR = nullptr;
};

struct ObjectTimes {
  double optimization = 0; ///< LLVM's IR pipeline
  double codegen = 0;      ///< translation and machine code generation
};

/// A TargetMachine for `target` (position-independent, small code model).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
makeTargetMachine(const cpu::CPUTarget &target, unsigned optLevel);

/// LLVM's -O<level> module pipeline without its loop and SLP vectorizers.
void optimizeModule(llvm::Module &module, unsigned level);

/// Adds abi::packedSymbol(c) for the C-interface function of every
/// computation c in `module` (a fixed signature the JIT can call for any
/// number of arguments).
llvm::Error addPackedEntryPoints(llvm::Module &module);

/// Translates `module` (fully lowered to the LLVM dialect) to LLVM IR,
/// optimizes it and returns the bytes of a relocatable object for `target`.
/// Translation errors are reported as diagnostics on the module's context
/// and named in the returned error.
llvm::Expected<std::string> emitObject(mlir::ModuleOp module,
                                       const cpu::CPUTarget &target,
                                       const ObjectOptions &options,
                                       ObjectTimes *times = nullptr);

} // namespace ngraph

#endif
