//===- ngraph-runner.cpp - JIT a graph file and run its computations ------===//
//
//   ngraph-runner g.mlir --call plus_one --input x=3
//   ngraph-runner g.mlir --train update_fun --epochs 10 \
//       --data 'mixture:pvals=0.5,0.5;shape=4;batch=128;batches=10' \
//       --feed 'alpha=5.0/(1+epoch)' --feed X=data:x --feed Y=data:y \
//       --print 'W: {W}, loss {0}'
//
// The tool parses its command line (CommandLine.cpp), compiles the graph
// and hands both to the runner library (NGraph/Runtime/Runner.h). See
// docs/runner.md.
//
// Built twice (CMakeLists.txt). With NGRAPH_RUNNER_CACHED it links no
// compiler: it runs the graph from the compile cache, and any run that
// needs compiling (a cache miss, --no-cache, `?` axes, an MPI launch, a
// graph on standard input) is handed, with the same arguments, to the
// compiling build in ../libexec/ngraph/ before anything is read or printed.
//===----------------------------------------------------------------------===//
#include "CommandLine.h"
#include "ToolSupport.h"

#include "NGraph/Runtime/Distributed.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace ngraph;

static const char *const kTool = "ngraph-runner";

#ifdef NGRAPH_RUNNER_CACHED
/// Replaces this process with the compiling runner; returns only on
/// failure.
[[noreturn]] static void runCompiler(char **argv) {
  char self[4096];
  ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0)
    tools::exitWithError(kTool, std::string("cannot find this program: ") +
                                    std::strerror(errno));
  self[n] = 0;
  std::string path(self);
  path = path.substr(0, path.rfind('/')) + "/../libexec/ngraph/ngraph-runner";
  execv(path.c_str(), argv);
  tools::exitWithError(kTool, "cannot start the compiling runner " + path +
                                  ": " + std::strerror(errno));
  std::abort();
}
#endif

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  // Past a file-size limit, let write() fail with EFBIG (which is reported
  // and leaves the previous file intact) instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  tools::registerRunnerOptions();
  tools::setVersionPrinter(kTool);
  llvm::cl::HideUnrelatedOptions(tools::runnerCategory());
  llvm::cl::ParseCommandLineOptions(
      argc, argv, "ngraph-runner: JIT-compile an ng graph and run it\n");
#ifdef NGRAPH_RUNNER_CACHED
  if (tools::launchedByMPI())
    runCompiler(argv);
#endif

  // Under mpirun this process is one rank of a data-parallel run: it
  // compiles its share of every batch, and only rank 0 prints and writes.
  if (llvm::Error e = tools::runnerCompileOptions().startMPI(argc, argv, kTool))
    tools::exitWithError(kTool, std::move(e));
  if (!dist::isRoot()) {
    int null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(null, 1) < 0)
      tools::exitWithError(kTool, std::string("cannot silence stdout: ") +
                                      std::strerror(errno));
    close(null);
  }
  auto commandLine = tools::runnerCommandLine(isatty(2));
  if (!commandLine)
    tools::exitWithError(kTool, commandLine.takeError());
  auto compile = tools::runnerCompileOptions().compileOptions();
  if (!compile)
    tools::exitWithError(kTool, compile.takeError());
  // A graph with N:? axes compiles for each batch length at its first
  // call: say so on a terminal or with --time, since the first call of a
  // new length takes longer. A cache that failed is always worth a warning.
  bool notes = isatty(2) || commandLine->run.train.reportTime;
  compile->onSpecialize = [notes](const AxisLengths &lengths,
                                  const CompileTimes &times,
                                  const CacheReport &cache) {
    if (!dist::isRoot())
      return;
    if (notes) {
      if (cache.status == CacheReport::Hit)
        llvm::errs() << kTool << ": note: loaded the code for "
                     << describeLengths(lengths) << " from the compile cache\n";
      else
        llvm::errs() << kTool << ": note: compiled the graph for "
                     << describeLengths(lengths) << " in "
                     << llvm::format("%.2f", times.total()) << " s\n";
    }
    if (cache.status == CacheReport::Rebuilt ||
        cache.status == CacheReport::NotStored)
      llvm::errs() << kTool << ": warning: " << cache.describe() << "\n";
  };
#ifdef NGRAPH_RUNNER_CACHED
  if (commandLine->graphFile == "-")
    runCompiler(argv);
#endif
  auto transformer = Transformer::load(commandLine->graphFile, *compile);
#ifdef NGRAPH_RUNNER_CACHED
  if (!transformer && transformer.errorIsA<NotCachedError>()) {
    llvm::consumeError(transformer.takeError());
    runCompiler(argv);
  }
#endif
  if (!transformer)
    tools::exitWithError(kTool, transformer.takeError());
  // A damaged cache entry or a cache that cannot be written is worth
  // knowing about; hits and misses are reported by --time.
  const CacheReport &cache = (*transformer)->cacheReport();
  if ((cache.status == CacheReport::Rebuilt ||
       cache.status == CacheReport::NotStored) &&
      dist::isRoot())
    llvm::errs() << kTool << ": warning: " << cache.describe() << "\n";
  auto status = runGraph(**transformer, commandLine->run, llvm::outs(),
                         llvm::errs());
  if (!status)
    tools::exitWithError(kTool, status.takeError());
  llvm::outs().flush();
  dist::finalize();
  return *status;
}
