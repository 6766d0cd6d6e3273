//===- GraphCompiler.h - a graph file to an object, for JIT and AOT -*- C++ -*-===//
//
// What the JIT (Runtime.cpp) and ahead-of-time compilation
// (AheadOfTime.cpp) share: parsing a graph file with what callers need to
// know about it, and the pipeline from the graph to an object file.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_LIB_RUNTIME_GRAPHCOMPILER_H
#define NGRAPH_LIB_RUNTIME_GRAPHCOMPILER_H

#include "NGraph/Runtime/Runtime.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

namespace llvm {
class Module;
}

namespace ngraph::detail {

/// Collects diagnostics as text with file:line:col.
struct DiagnosticCapture {
  llvm::SourceMgr sourceMgr;
  std::string text;
  llvm::raw_string_ostream os{text};
  mlir::SourceMgrDiagnosticHandler handler;
  DiagnosticCapture(mlir::MLIRContext &ctx) : handler(sourceMgr, &ctx, os) {}
};

/// What callers see of a value: axes, element type, and the name of a
/// placeholder or variable.
ValueInfo infoOf(mlir::Value value);

struct ParsedGraph {
  mlir::OwningOpRef<mlir::ModuleOp> module;
  std::vector<ComputationInfo> computations;
  std::vector<ValueInfo> variables;
  /// Per variable, in order.
  std::vector<mlir::DenseElementsAttr> initialValues;
};

/// Parses and verifies a graph file's text (`name` for diagnostics) and
/// reads its computations and variables; fails when it has no computation.
llvm::Expected<ParsedGraph> parseGraph(mlir::MLIRContext &context,
                                       DiagnosticCapture &diags,
                                       const std::string &source,
                                       const std::string &name);

/// Lowers `module` for options.target and returns an object file.
/// Without `embedInitialValues` the variables' globals are left
/// uninitialized for the caller to fill. `extendIR` may add functions to
/// the LLVM IR. Errors carry `diagnostics` (the capture's text).
llvm::Expected<std::string>
lowerToObject(mlir::MLIRContext &context, mlir::ModuleOp module,
              const std::string &diagnostics, const CompileOptions &options,
              bool embedInitialValues,
              llvm::function_ref<llvm::Error(llvm::Module &)> extendIR,
              CompileTimes &times);

} // namespace ngraph::detail

#endif
