//===- ngraph-bench.cpp - time one computation of a graph file ------------===//
//
//   ngraph-bench GRAPH --call NAME [--steps N | --min-time S]
//
// Compiles GRAPH once, fills every placeholder with seeded uniform [0, 1)
// data, calls NAME repeatedly and prints one JSON line: compile time, the
// median and best seconds per call, resident memory (peak, after warm-up,
// at the end). Used by bench/run.sh; timings never decide a test.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Runtime/Runtime.h"
#include "CompileCommandLine.h"
#include "ToolSupport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

using namespace llvm;

static cl::OptionCategory benchCategory("ngraph-bench options");
static cl::opt<std::string> graphPath(cl::Positional, cl::desc("<graph.mlir>"),
                                      cl::Required, cl::cat(benchCategory));
static cl::opt<std::string> callName("call", cl::desc("Computation to time"),
                                     cl::Required, cl::cat(benchCategory));
static cl::opt<unsigned> steps("steps",
                               cl::desc("Exact number of timed calls (0: "
                                        "as many as fit in --min-time)"),
                               cl::init(0), cl::cat(benchCategory));
static cl::opt<double> minTime("min-time",
                               cl::desc("Seconds to keep calling"),
                               cl::init(1.0), cl::cat(benchCategory));
static cl::opt<unsigned> warmup("warmup", cl::desc("Untimed calls first"),
                                cl::init(3), cl::cat(benchCategory));
static cl::opt<unsigned> batchSize("batch-size",
                                   cl::desc("Length of the graph's N:? axes"),
                                   cl::init(0), cl::cat(benchCategory));
static const ngraph::tools::CompileCommandLine
    compileOptions(benchCategory, /*cacheByDefault=*/false);
static cl::opt<std::string> label("label", cl::desc("Name for the JSON line"),
                                  cl::init(""), cl::cat(benchCategory));

/// kB of a /proc/self/status field (VmRSS, VmHWM).
static long statusKB(const char *field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  size_t n = std::strlen(field);
  while (std::getline(f, line))
    if (line.compare(0, n, field) == 0 && line.size() > n && line[n] == ':')
      return std::atol(line.c_str() + n + 1);
  return -1;
}

int main(int argc, char **argv) {
  ngraph::tools::setVersionPrinter("ngraph-bench");
  cl::HideUnrelatedOptions(benchCategory);
  cl::ParseCommandLineOptions(argc, argv, "time one ngraph computation\n");
  // Under mpirun: time one data-parallel step (this rank's shard of the
  // batch plus the allreduces); rank 0 reports.
  if (Error e = compileOptions.startMPI(argc, argv, "ngraph-bench"))
    ngraph::tools::exitWithError("ngraph-bench", std::move(e));
  auto compiled = compileOptions.compileOptions();
  if (!compiled)
    ngraph::tools::exitWithError("ngraph-bench", compiled.takeError());
  ngraph::CompileOptions options = *compiled;
  auto t = ngraph::Transformer::load(graphPath, options);
  if (!t) {
    errs() << "ngraph-bench: " << toString(t.takeError()) << "\n";
    return 1;
  }
  const ngraph::ComputationInfo *c = (*t)->computation(callName);
  if (!c) {
    errs() << "ngraph-bench: no computation '" << callName << "'\n";
    return 1;
  }
  // A graph with N:? axes is timed at the length --batch-size gives.
  ngraph::AxisLengths lengths;
  ngraph::ComputationInfo bound;
  if (!c->dynamicAxes().empty()) {
    if (!batchSize) {
      errs() << "ngraph-bench: computation '" << callName
             << "' has batch axes of length ?: give --batch-size\n";
      return 1;
    }
    lengths = c->dynamicAxesAt(batchSize);
    bound = c->withLengths(lengths);
    c = &bound;
  }
  std::mt19937 gen(0);
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  std::vector<ngraph::Tensor> inputs;
  for (const ngraph::ValueInfo &p : c->inputs) {
    ngraph::Tensor x(p.dtype, p.shardShape(options.ranks, options.rank));
    for (int64_t i = 0; i < x.numElements(); ++i)
      x.set(i, p.dtype == ngraph::DType::F32 || p.dtype == ngraph::DType::F64
                   ? uni(gen)
                   : 0.0);
    inputs.push_back(std::move(x));
  }
  std::vector<ngraph::Tensor> outputs;
  std::vector<const ngraph::Tensor *> inputPtrs;
  for (const ngraph::Tensor &x : inputs)
    inputPtrs.push_back(&x);
  auto callOnce = [&]() {
    if (Error e = (*t)->call(callName, inputPtrs, outputs, lengths)) {
      errs() << "ngraph-bench: " << toString(std::move(e)) << "\n";
      std::exit(1);
    }
  };
  for (unsigned i = 0; i < warmup; ++i)
    callOnce();
  long rssWarm = statusKB("VmRSS");
  // Ranks must make the same number of calls (each one communicates): rank
  // 0 picks it from a timed call and tells the others.
  unsigned fixedSteps = steps;
  if (options.ranks > 1 && !fixedSteps) {
    auto t0 = std::chrono::steady_clock::now();
    callOnce();
    double one = std::chrono::duration<double>(
                     std::chrono::steady_clock::now() - t0).count();
    int64_t n = std::max<int64_t>(5, (int64_t)(minTime / std::max(one, 1e-9)));
    if (Error e = ngraph::dist::broadcast(&n, sizeof(n))) {
      errs() << "ngraph-bench: " << toString(std::move(e)) << "\n";
      return 1;
    }
    fixedSteps = (unsigned)n;
  }
  double commBefore = ngraph::dist::collectiveSeconds();
  std::vector<double> times;
  auto start = std::chrono::steady_clock::now();
  for (;;) {
    auto t0 = std::chrono::steady_clock::now();
    callOnce();
    auto t1 = std::chrono::steady_clock::now();
    times.push_back(std::chrono::duration<double>(t1 - t0).count());
    if (fixedSteps ? times.size() >= fixedSteps
              : std::chrono::duration<double>(t1 - start).count() >= minTime &&
                    times.size() >= 5)
      break;
  }
  std::vector<double> sorted = times;
  std::sort(sorted.begin(), sorted.end());
  double total = 0;
  for (double x : times)
    total += x;
  double comm = ngraph::dist::collectiveSeconds() - commBefore;
  if (options.rank != 0) {
    ngraph::dist::finalize();
    return 0;
  }
  const ngraph::CompileTimes &ct = (*t)->compileTimes();
  std::printf("{\"label\": \"%s\", \"graph\": \"%s\", \"call\": \"%s\", "
              "\"target\": \"%s\", \"target_cpu\": \"%s\", \"vector_bits\": %u, "
              "\"ranks\": %lld, \"comm_s_per_step\": %.9g, "
              "\"compile_s\": %.4f, \"compile_lowering_s\": %.4f, "
              "\"compile_optimization_s\": %.4f, "
              "\"compile_codegen_s\": %.4f, \"steps\": %zu, \"step_s\": %.9g, "
              "\"step_s_min\": %.9g, \"step_s_mean\": %.9g, "
              "\"rss_peak_mb\": %.1f, \"rss_warm_mb\": %.1f, "
              "\"rss_end_mb\": %.1f}\n",
              label.c_str(), graphPath.c_str(), callName.c_str(),
              options.target->name.c_str(), options.target->cpu.c_str(),
              options.target->vectorBits, (long long)options.ranks, comm / times.size(),
              ct.total(), ct.lowering, ct.optimization, ct.codegen,
              times.size(), sorted[sorted.size() / 2],
              sorted.front(), total / times.size(), statusKB("VmHWM") / 1024.0,
              rssWarm / 1024.0, statusKB("VmRSS") / 1024.0);
  ngraph::dist::finalize();
  return 0;
}
