//===- CommandLine.h - ngraph-runner's command line ---------------*- C++ -*-===//
//
// The options of ngraph-runner, parsed into the library's RunOptions and
// CompileOptions. Kept apart from main() so that the command-line fuzzer
// (fuzz/runner_fuzzer.cpp) parses exactly what the tool parses.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_TOOLS_RUNNER_COMMANDLINE_H
#define NGRAPH_TOOLS_RUNNER_COMMANDLINE_H

#include "CompileCommandLine.h"
#include "NGraph/Runtime/Runner.h"

namespace ngraph::tools {

struct RunnerCommandLine {
  std::string graphFile;
  RunOptions run;
};

/// The runner's options (registered on first use) and its compile options.
llvm::cl::OptionCategory &runnerCategory();
const CompileCommandLine &runnerCompileOptions();
void registerRunnerOptions();

/// After llvm::cl::ParseCommandLineOptions: the options, with numbers
/// range-checked and combinations validated (validateRunOptions).
/// `stderrIsTerminal` decides --progress=auto.
llvm::Expected<RunnerCommandLine> runnerCommandLine(bool stderrIsTerminal);

} // namespace ngraph::tools

#endif
