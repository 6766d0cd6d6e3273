//===- ngraph-reduce.cpp - MLIR's test-case reducer with our dialects -----===//
//
// Shrinks a graph file while an "interestingness" script still finds it
// interesting (say: a pass still fails on it), with MLIR's reduction passes
// (-reduction-tree deletes ops, -opt-reduction-pass runs any of our passes
// and pipelines). The ng dialect gives the tree no rewrite patterns: with
// MLIR 22 any pattern crashes the tree when a variant is uninteresting
// (llvm/llvm-project#195997 fixes it later). docs/tools.md has an example.
//
//===----------------------------------------------------------------------===//
#include "NGraph/InitAll.h"
#include "ToolSupport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Tools/mlir-reduce/MlirReduceMain.h"

int main(int argc, char **argv) {
  ngraph::tools::setVersionPrinter("ngraph-reduce");
  mlir::DialectRegistry registry;
  ngraph::registerAllDialects(registry);
  ngraph::registerAllPasses();
  ngraph::tools::registerHostTarget();
  mlir::MLIRContext context(registry);
  return mlir::failed(mlir::mlirReduceMain(argc, argv, context)) ? 1 : 0;
}
