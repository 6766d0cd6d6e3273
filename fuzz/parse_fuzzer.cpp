//===- parse_fuzzer.cpp - arbitrary text through the parser and passes ----===//
//
// Parses the input with the ng dialect registered and verifies it; inputs
// that verify also go through ng-lower-to-linalg (autodiff, canonicalize,
// outlining, conversion). Any crash, assertion or sanitizer report is a bug:
// bad input must only ever produce diagnostics.
//
//===----------------------------------------------------------------------===//
#include "NGraph/InitAll.h"
#include "NGraph/Pipelines/Pipelines.h"
#include "NGraph/Support/InputLimits.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstddef>
#include <cstdint>
#include <string>

static mlir::MLIRContext &context() {
  static mlir::MLIRContext *ctx = [] {
    mlir::DialectRegistry registry;
    ngraph::registerAllDialects(registry);
    auto *c = new mlir::MLIRContext(registry,
                                    mlir::MLIRContext::Threading::DISABLED);
    c->loadAllAvailableDialects();
    return c;
  }();
  return *ctx;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > 8192)
    return 0;
  mlir::MLIRContext &ctx = context();
  // Diagnostics are the expected outcome for most inputs: swallow them.
  mlir::ScopedDiagnosticHandler quiet(&ctx, [](mlir::Diagnostic &) {
    return mlir::success();
  });
  std::string text(reinterpret_cast<const char *>(data), size);
  // The tools refuse deeper nesting before parsing (InputLimits.h); fuzz
  // what they accept.
  if (!ngraph::checkNesting(text).empty())
    return 0;
  mlir::ParserConfig config(&ctx);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, config);
  if (!module)
    return 0;
  mlir::PassManager pm(&ctx);
  ngraph::LowerToLLVMOptions options;
  ngraph::buildLowerToLinalgPipeline(pm, options);
  (void)pm.run(*module);
  return 0;
}
