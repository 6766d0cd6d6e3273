//===- ngraph-opt.cpp - mlir-opt with the ng dialect and our passes -------===//
#include "NGraph/InitAll.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  ngraph::registerAllDialects(registry);
  ngraph::registerAllPasses();
  return mlir::asMainReturnCode(mlir::MlirOptMain(
      argc, argv, "ngraph-opt: the ng dialect's optimizer driver\n", registry));
}
