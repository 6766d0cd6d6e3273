//===- CompileCommandLine.cpp - options of the tools that run graphs ------===//
#include "CompileCommandLine.h"
#include "ToolSupport.h"

#include "NGraph/Runtime/DataSet.h"
#include "NGraph/Runtime/Distributed.h"

#include "llvm/Support/raw_ostream.h"

using namespace ngraph;
namespace cl = llvm::cl;

struct tools::CompileCommandLine::Options {
  // Numbers are read as text and range-checked by compileOptions(), so a
  // bad value gets the same message as a bad --data value.
  cl::opt<std::string> optLevel;
  cl::opt<std::string> target;
  cl::opt<std::string> threads;
  cl::opt<std::string> commTimeout;
  cl::opt<bool> noSchedule, noFuse, dumpStages, verifyEach;
  cl::opt<bool> overlapComm;
  cl::opt<std::string> cacheDir;
  cl::opt<bool> noCache;
  cl::opt<std::string> maxSpecializations;
  bool cacheByDefault;

  Options(cl::OptionCategory &cat, bool cacheByDefault)
      : optLevel("O",
                 cl::desc("JIT optimization level, 0 to 3 (3 compiles slower "
                          "and, measured, runs no faster)"),
                 cl::init("2"), cl::value_desc("level"), cl::cat(cat)),
        target("target",
               cl::desc("CPU to generate code for: host (this machine), "
                        "x86-64-v4 (AVX-512), x86-64-v3 (AVX2) or x86-64; "
                        "refused when this machine cannot run it"),
               cl::init("host"), cl::cat(cat)),
        threads("num-threads",
                cl::desc("Threads for large contractions (OpenMP, libomp), 1 "
                         "to 256; default 1"),
                cl::init("1"), cl::value_desc("N"), cl::cat(cat)),
        noSchedule("no-schedule",
                   cl::desc("Plain loops instead of tiled, vectorized "
                            "contractions (the reference lowering)"),
                   cl::cat(cat)),
        noFuse("no-fuse", cl::desc("Do not fuse elementwise ops"), cl::cat(cat)),
        dumpStages("dump-stages",
                   cl::desc("Print the IR after every lowering pass"),
                   cl::cat(cat)),
        verifyEach("verify-each",
                   cl::desc("Verify the IR after every lowering pass (checks "
                            "the compiler itself; slower)"),
                   cl::cat(cat)),
        commTimeout("comm-timeout",
                    cl::desc("Under mpirun: seconds a rank waits for the "
                             "others in a collective before it exits with an "
                             "error (a rank died or hangs)"),
                    cl::init("120"), cl::value_desc("seconds"), cl::cat(cat)),
        overlapComm("overlap-comm",
                    cl::desc("Under mpirun: start each gradient allreduce as "
                             "soon as it is computed and wait for it before "
                             "its first use"),
                    cl::cat(cat)),
        cacheDir("cache-dir",
                 cl::desc("Directory of the compile cache: compiled code is "
                          "stored there and loaded by the next run of the "
                          "same graph with the same options (default "
                          "$XDG_CACHE_HOME/ngraph or ~/.cache/ngraph)"),
                 cl::value_desc("dir"), cl::cat(cat)),
        noCache("no-cache",
                cl::desc("Compile without reading or writing the compile "
                         "cache"),
                cl::cat(cat)),
        maxSpecializations("max-specializations",
                           cl::desc("A graph with N:? axes is compiled once "
                                    "per batch length it is called with; "
                                    "keep at most this many compiled, 1 to "
                                    "64 (default 4)"),
                           cl::init("4"), cl::value_desc("N"), cl::cat(cat)),
        cacheByDefault(cacheByDefault) {}
};

tools::CompileCommandLine::CompileCommandLine(cl::OptionCategory &category,
                                              bool cacheByDefault)
    : options(std::make_unique<Options>(category, cacheByDefault)) {}
tools::CompileCommandLine::~CompileCommandLine() = default;

llvm::Expected<CompileOptions> tools::CompileCommandLine::compileOptions() const {
  const Options &o = *options;
  auto optLevel = parseInteger(o.optLevel, 0, 3, "-O");
  if (!optLevel)
    return optLevel.takeError();
  auto threads = parseInteger(o.threads, 1, 256, "--num-threads");
  if (!threads)
    return threads.takeError();
  auto kept = parseInteger(o.maxSpecializations, 1, 64, "--max-specializations");
  if (!kept)
    return kept.takeError();
  auto target = runnableTarget(o.target);
  if (!target)
    return llvm::createStringError("--target: %s",
                                   llvm::toString(target.takeError()).c_str());
  CompileOptions c;
  c.target = *target;
  c.optLevel = *optLevel;
  c.fuse = !o.noFuse;
  c.schedule = !o.noSchedule;
  c.threads = *threads;
  c.dumpStages = o.dumpStages;
  c.verifyEachPass = o.verifyEach;
  c.ranks = dist::size();
  c.rank = dist::rank();
  c.overlapCollectives = o.overlapComm;
  c.maxSpecializations = *kept;
  if (c.ranks > 1)
    c.runtimeSymbols = dist::runtimeSymbols();
  if (!o.cacheDir.empty() && o.noCache)
    return llvm::createStringError("--cache-dir and --no-cache contradict "
                                   "each other");
  // (With --dump-stages the library compiles anyway: the stages are printed
  // while compiling.)
  if (!o.noCache)
    c.cacheDirectory = !o.cacheDir.empty() ? o.cacheDir.getValue()
                       : o.cacheByDefault ? defaultCacheDirectory()
                                          : std::string();
  return c;
}

llvm::Error tools::CompileCommandLine::startMPI(int &argc, char **&argv,
                                                const char *tool) const {
  if (!launchedByMPI())
    return llvm::Error::success();
  auto timeout = parseNumber(options->commTimeout, 1e-3, 1e6, "--comm-timeout");
  if (!timeout)
    return timeout.takeError();
  return dist::init(&argc, &argv, tool, *timeout);
}

void tools::exitWithError(const char *tool, const std::string &message) {
  // A compiler diagnostic ("g.mlir:3:8: error: ...") already says what it
  // is; anything else gets the tool's name and "error:".
  llvm::StringRef first = llvm::StringRef(message).split('\n').first;
  bool located = first.contains(": error: ");
  std::string line = located ? "" : std::string(tool) + ": error: ";
  if (dist::size() > 1)
    line += "rank " + std::to_string(dist::rank()) + " of " +
            std::to_string(dist::size()) + ": ";
  line += message;
  if (line.empty() || line.back() != '\n')
    line += "\n";
  // One write: pieces written separately by several ranks interleave.
  llvm::errs() << line;
  llvm::errs().flush();
  dist::abortAll(1);
}

void tools::exitWithError(const char *tool, llvm::Error error) {
  exitWithError(tool, llvm::toString(std::move(error)));
}
