//===- Runtime.h - compile a graph file once, call its computations -*- C++ -*-===//
//
// The C++ API under ngraph-runner, shaped like Nervana Graph's
//   transformer = make_transformer(); f = transformer.computation(...); f(...)
//
//   auto t = ngraph::Transformer::load("logreg.mlir");
//   auto *fn = (*t)->computation("update_fun");
//   std::vector<ngraph::Tensor> outs;
//   (*t)->call("update_fun", {&alpha, &x, &y}, outs);
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_RUNTIME_H
#define NGRAPH_RUNTIME_RUNTIME_H

#include "NGraph/Codegen/CPU/Target.h"
#include "NGraph/Support/Tensor.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ngraph {

/// One axis of a placeholder, output or variable.
struct AxisInfo {
  /// The length of a batch axis written `N:?`, given at call time.
  static constexpr int64_t kDynamic = -1;
  std::string name;
  int64_t length;
  bool batch;
  bool recurrent;
  bool dynamic() const { return length == kDynamic; }
};

/// Lengths of `?` axes (by name), as a call or a specialization gives them.
using AxisLengths = std::map<std::string, int64_t>;

/// "N=128, T=5".
std::string describeLengths(const AxisLengths &lengths);

struct ValueInfo {
  std::string name; ///< placeholder or variable name; empty for other values
  std::vector<AxisInfo> axes;
  DType dtype = DType::F32; ///< meaningless for an effect
  bool isEffect = false;
  /// For a placeholder of labels: the axis `ng.one_hot` of it adds, whose
  /// length bounds the values (length 0: the values index nothing).
  AxisInfo classAxis{"", 0, false, false};
  /// The lengths (AxisInfo::kDynamic for a `?` axis).
  std::vector<int64_t> shape() const;
  bool hasDynamicAxes() const;
  /// The shape rank `rank` of a `ranks`-way data-parallel run holds: batch
  /// axes cut to its shard (ngraph::shardOf).
  std::vector<int64_t> shardShape(int64_t ranks, int64_t rank) const;
  /// Position of the (last) batch axis, or -1.
  int64_t batchDim() const;
  /// "X [C:4, N:128 batch] f32"
  std::string describe() const;
};

struct ComputationInfo {
  std::string name;
  std::vector<ValueInfo> inputs;  ///< placeholders, in call order
  std::vector<ValueInfo> outputs; ///< in order; effects yield no tensor
  /// The names of its `?` axes, in order of first appearance.
  std::vector<std::string> dynamicAxes() const;
  /// Each of its `?` axes at `length`.
  AxisLengths dynamicAxesAt(int64_t length) const;
  /// A copy with each `?` axis named in `lengths` given that length (the
  /// others stay `?`).
  ComputationInfo withLengths(const AxisLengths &lengths) const;
  /// The lengths of its `?` axes in `inputs` (one tensor per input,
  /// shaped as the placeholders); fails, naming the input, when a rank is
  /// wrong, a `?` axis is not positive or two inputs disagree on one. Axes
  /// no input has are left out.
  llvm::Expected<AxisLengths>
  lengthsOf(const std::vector<const Tensor *> &inputs) const;
};

/// Where the seconds of compiling a graph file went.
struct CompileTimes {
  /// Parsing, verification and the MLIR pipeline (ng down to the LLVM
  /// dialect).
  double lowering = 0;
  /// LLVM's IR optimization pipeline.
  double optimization = 0;
  /// Translation to LLVM IR and machine code generation.
  double codegen = 0;
  /// Linking the object into the process and writing the variables'
  /// initial values (all a start from the compile cache costs besides
  /// parsing).
  double loading = 0;
  double total() const { return lowering + optimization + codegen + loading; }
};

/// What the compile cache did for one load.
struct CacheReport {
  enum Status {
    Off,       ///< no cache directory given
    Hit,       ///< the object came from the cache
    Miss,      ///< compiled and stored
    Rebuilt,   ///< an unusable entry (see problem) was replaced
    NotStored, ///< compiled; storing failed (see problem)
  };
  Status status = Off;
  std::string path;    ///< the entry's file
  std::string problem; ///< for Rebuilt and NotStored
  /// One line for users ("loaded from the compile cache (...)"); empty when
  /// off.
  std::string describe() const;
};

struct CompileOptions {
  /// The CPU to generate code for. Required: tools pass the machine they
  /// run on (tools/common/ToolSupport.h) or a named x86-64 level; the
  /// library never inspects the host.
  std::optional<cpu::CPUTarget> target;
  /// LLVM optimization level of the JIT (0-3). 3 costs a large training
  /// step about 0.3 s more to compile and ran no faster (docs/performance.md).
  unsigned optLevel = 2;
  /// Fuse elementwise linalg ops before bufferization.
  bool fuse = true;
  /// Tile and vectorize contractions (off: the plain-loop reference
  /// lowering).
  bool schedule = true;
  /// Threads for large contractions (OpenMP); 1 runs everything on the
  /// calling thread.
  unsigned threads = 1;
  /// Print the IR after each lowering stage (to stderr).
  bool dumpStages = false;
  /// Verify the IR after every lowering pass (a check of the compiler's own
  /// passes, about a quarter of the lowering time). The graph itself is
  /// always verified when parsed, and the lowered module once at the end.
  bool verifyEachPass = false;
  /// Compile rank `rank`'s part of a `ranks`-way data-parallel run
  /// (ng-data-parallel): calls take and return this rank's shard of every
  /// batch axis, and partial results are combined over MPI
  /// (Distributed.h, initialized before the first call).
  int64_t ranks = 1;
  int64_t rank = 0;
  /// Start each allreduce early and wait for it late (off: blocking calls;
  /// see convert-ng-to-linalg's overlap-collectives).
  bool overlapCollectives = false;
  /// Functions compiled code may call by name besides libc, libm and MLIR's
  /// runner utilities: a data-parallel graph calls the collectives of
  /// ABI.h, which the distributed runtime provides (dist::runtimeSymbols()).
  /// A call to a symbol not given here fails when the graph is compiled.
  std::vector<std::pair<std::string, void *>> runtimeSymbols;
  /// Directory of the compile cache (CompileCache.h); empty: compile every
  /// time. Tools default to $XDG_CACHE_HOME/ngraph (~/.cache/ngraph).
  std::string cacheDirectory;
  /// A graph with `?` axes is compiled once per set of lengths it is called
  /// with; this many compiled specializations are kept (the least recently
  /// used one goes first; a later call with its lengths compiles it again).
  unsigned maxSpecializations = 4;
  /// Called after each specialization is compiled (or loaded from the
  /// compile cache), with its lengths, times and cache report.
  std::function<void(const AxisLengths &, const CompileTimes &,
                     const CacheReport &)>
      onSpecialize;
};

/// What a Transformer that only runs cached code (the NGraphCachedRuntime
/// library) reports when the graph would have to be compiled.
class NotCachedError : public llvm::ErrorInfo<NotCachedError> {
public:
  static char ID;
  explicit NotCachedError(std::string why) : why(std::move(why)) {}
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
  std::string why;
};

class Transformer {
public:
  ~Transformer();
  /// Parses, verifies, differentiates, lowers and JIT-compiles a graph file.
  static llvm::Expected<std::unique_ptr<Transformer>>
  load(const std::string &path, const CompileOptions &options = {});
  static llvm::Expected<std::unique_ptr<Transformer>>
  loadFromString(const std::string &source, const CompileOptions &options = {});

  const std::vector<ComputationInfo> &computations() const;
  const ComputationInfo *computation(const std::string &name) const;
  const std::vector<ValueInfo> &variables() const;

  /// Calls a computation. Inputs are checked against the placeholders
  /// (shape; dtype is converted); `outputs` gets one tensor per output
  /// (an empty tensor for effects); tensors already there with the right
  /// shape and dtype are written in place. An input may be one of those
  /// outputs (a previous result fed back): it is then read from a copy.
  llvm::Error call(const std::string &name,
                   const std::vector<const Tensor *> &inputs,
                   std::vector<Tensor> &outputs);
  /// The same, for inputs held in a vector.
  llvm::Error call(const std::string &name, const std::vector<Tensor> &inputs,
                   std::vector<Tensor> &outputs);
  /// A call of a graph with `?` axes whose lengths are given rather than
  /// read from the inputs' shapes. A data-parallel run needs this: its
  /// inputs hold one rank's share of the batch, `lengths` the whole batch.
  llvm::Error call(const std::string &name,
                   const std::vector<const Tensor *> &inputs,
                   std::vector<Tensor> &outputs, const AxisLengths &lengths);

  /// The graph's axes whose length each call gives (`N:?`); empty for a
  /// graph of fixed lengths, which is compiled once, when loaded.
  const std::vector<std::string> &dynamicAxes() const;
  /// The lengths of the specializations compiled so far (counting ones
  /// dropped and compiled again), in order.
  const std::vector<AxisLengths> &specializations() const;

  llvm::Expected<Tensor> readVariable(const std::string &name) const;
  llvm::Error writeVariable(const std::string &name, const Tensor &value);

  /// Seconds spent compiling, by phase (zero for phases a cache hit
  /// skipped), summed over the specializations compiled so far.
  const CompileTimes &compileTimes() const;
  /// What the compile cache did for the latest compile.
  const CacheReport &cacheReport() const;

private:
  /// `name` is the file name diagnostics report.
  static llvm::Expected<std::unique_ptr<Transformer>>
  compile(const std::string &source, const std::string &name,
          const CompileOptions &options);
  struct Impl;
  std::unique_ptr<Impl> impl;
  Transformer();
};

} // namespace ngraph

#endif
