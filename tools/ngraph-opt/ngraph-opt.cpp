//===- ngraph-opt.cpp - mlir-opt with the ng dialect and our passes -------===//
#include "NGraph/InitAll.h"
#include "NGraph/Support/InputLimits.h"
#include "ToolSupport.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

/// Hides, from --help, the options libLLVM registers when it is loaded
/// (AMDGPU, Polly, code generation internals: hundreds of them): at the
/// start of main they are the only ones registered. MLIR's options, our
/// passes and pipelines are registered after this and stay listed;
/// --help-hidden still shows everything.
static void hideLibraryOptions() {
  for (auto &entry : llvm::cl::getRegisteredOptions()) {
    llvm::cl::Option *o = entry.second;
    bool generic = llvm::is_contained(o->Categories,
                                      &llvm::cl::getGeneralCategory()) == false &&
                   o->Categories.size() == 1 &&
                   o->Categories.front()->getName() == "Generic Options";
    if (!generic)
      o->setHiddenFlag(llvm::cl::Hidden);
  }
}

int main(int argc, char **argv) {
  hideLibraryOptions();
  ngraph::tools::setVersionPrinter("ngraph-opt");
  mlir::DialectRegistry registry;
  ngraph::registerAllDialects(registry);
  ngraph::registerAllPasses();
  // "host" names this machine (the default target of the pipelines).
  ngraph::tools::registerHostTarget();
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "ngraph-opt: the ng dialect's optimizer driver\n", registry);
  mlir::MlirOptMainConfig config = mlir::MlirOptMainConfig::createFromCLOptions();
  if (config.shouldShowDialects() || config.shouldListPasses())
    return mlir::asMainReturnCode(
        mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));

  std::string error;
  std::unique_ptr<llvm::MemoryBuffer> file =
      mlir::openInputFile(inputFilename, &error);
  if (!file) {
    llvm::errs() << error << "\n";
    return 1;
  }
  // Refuse input that would overflow the parser's stack (see InputLimits.h).
  std::string nesting = ngraph::checkNesting(file->getBuffer().str());
  if (!nesting.empty()) {
    llvm::errs() << (inputFilename == "-" ? "<stdin>" : inputFilename) << ":"
                 << nesting << "\n";
    return 1;
  }
  std::unique_ptr<llvm::ToolOutputFile> output =
      mlir::openOutputFile(outputFilename, &error);
  if (!output) {
    llvm::errs() << error << "\n";
    return 1;
  }
  if (mlir::failed(mlir::MlirOptMain(output->os(), std::move(file), registry,
                                     config)))
    return 1;
  output->keep();
  return 0;
}
