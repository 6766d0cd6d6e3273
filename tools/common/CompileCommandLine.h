//===- CompileCommandLine.h - options of the tools that run graphs -*- C++ -*-===//
//
// ngraph-runner and ngraph-bench compile graphs the same way and start MPI
// the same way under mpirun: one set of options, one start-up, one way of
// reporting a fatal error (once per rank, then every rank ends).
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_TOOLS_COMMON_COMPILECOMMANDLINE_H
#define NGRAPH_TOOLS_COMMON_COMPILECOMMANDLINE_H

#include "NGraph/Runtime/Runtime.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <string>

namespace ngraph::tools {

/// -O, --target, --num-threads, --no-schedule, --no-fuse, --dump-stages,
/// --verify-each, --comm-timeout, --overlap-comm, --cache-dir and
/// --no-cache, registered in `category` while this object lives (make it a
/// static of the tool). With `cacheByDefault` the compile cache is used
/// unless --no-cache says otherwise; without, only with --cache-dir (a
/// benchmark measures compiling).
class CompileCommandLine {
public:
  CompileCommandLine(llvm::cl::OptionCategory &category, bool cacheByDefault);
  ~CompileCommandLine();

  /// After parsing: the options, range-checked, with the target resolved
  /// (refused when this machine cannot run it) and this process's rank of
  /// a data-parallel run filled in (startMPI first).
  llvm::Expected<CompileOptions> compileOptions() const;

  /// Under an MPI launcher, starts MPI (messages prefixed with `tool`): this
  /// process is then one rank of a data-parallel run. A no-op otherwise.
  llvm::Error startMPI(int &argc, char **&argv, const char *tool) const;

private:
  struct Options;
  std::unique_ptr<Options> options;
};

/// "TOOL: error: MESSAGE" in one write (with the rank under mpirun, whose
/// ranks may fail at once into one stream), then ends every rank with
/// status 1. A message that already carries a source location and
/// severity ("g.mlir:3:8: error: ...") is printed as it is.
[[noreturn]] void exitWithError(const char *tool, const std::string &message);
[[noreturn]] void exitWithError(const char *tool, llvm::Error error);

} // namespace ngraph::tools

#endif
