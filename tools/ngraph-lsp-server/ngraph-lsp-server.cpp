//===- ngraph-lsp-server.cpp - MLIR's language server with the ng dialect -===//
//
// Diagnostics, hover, go-to-definition, document symbols and completion
// for graph files in any editor that speaks the Language Server Protocol
// (docs/tools.md shows VS Code, Neovim and Emacs set-ups).
//
//===----------------------------------------------------------------------===//
#include "NGraph/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-lsp-server/MlirLspServerMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  ngraph::registerAllDialects(registry);
  return mlir::failed(mlir::MlirLspServerMain(argc, argv, registry)) ? 1 : 0;
}
