//===- Runner.h - what ngraph-runner does, as a library -----------*- C++ -*-===//
//
// The runner's work on a compiled graph: list it, load and save variables,
// call a computation once, check gradients, train over a data set. The
// tool (tools/ngraph-runner) parses the command line into RunOptions and
// compiles the graph; everything else is here, so that tests, the fuzzer
// and other front ends run the same code. Nothing here exits: errors are
// returned, with messages that name the option or file at fault.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_RUNNER_H
#define NGRAPH_RUNTIME_RUNNER_H

#include "NGraph/Runtime/DataSet.h"
#include "NGraph/Runtime/Feeds.h"
#include "NGraph/Runtime/Metrics.h"
#include "NGraph/Runtime/Generate.h"
#include "NGraph/Runtime/Predict.h"
#include "NGraph/Runtime/Runtime.h"

#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace ngraph {

/// What `{eval}` (the evaluation's first output summed over its batches) is
/// divided by; the other outputs are always averaged over the batches.
enum class EvalDivisor { Batches, BatchSize, Samples };
/// On NaN or Inf in an output: warn once, or stop with an error.
enum class NonFinitePolicy { Warn, Stop };

struct TrainOptions {
  /// The computation called for every batch, and its feeds.
  std::string computation;
  std::vector<std::string> feeds;
  /// Epochs in all: a resumed run continues up to this epoch.
  int64_t epochs = 1;
  /// Evaluation computation (scalar outputs) run after each epoch.
  std::string eval;
  std::vector<std::string> evalFeeds;
  EvalDivisor evalDivisor = EvalDivisor::Batches;
  /// Lines printed before training, after each step, after each epoch.
  std::string printStart, printStep, printEpoch;
  /// Files: variables and epoch after each epoch; where to resume from;
  /// per-epoch metrics (JSON lines, appended to on resume); SVG curve.
  std::string checkpoint, resume, metricsLog, plot;
  /// The value watched after each epoch: "loss" (the epoch's mean training
  /// loss) or "evalK" (the evaluation's K-th value output); better is
  /// smaller unless `monitorMax`. Empty: "eval0" with --eval, else "loss".
  std::string monitor;
  bool monitorMax = false;
  /// Save a checkpoint here (variables and the next epoch, atomically)
  /// after each epoch that improves the monitored value.
  std::string keepBest;
  /// Stop after this many epochs in a row without improvement (0: never).
  int64_t patience = 0;
  /// Reshuffle the samples every epoch with this seed (-1: keep the order).
  int64_t shuffleSeed = -1;
  /// A progress line on the error stream.
  bool progress = false;
  /// Report compile time and time per step on the error stream.
  bool reportTime = false;
};

struct GradcheckOptions {
  std::string computation;
  double low = -1, high = 1;
  double tolerance = 1e-6;
  double step = 1e-6;
  uint32_t seed = 0;
  /// The length of `?` batch axes (RunOptions::batchSize).
  int64_t batchSize = 0;
};

struct RunOptions {
  /// Print the computations, their inputs and outputs, and the variables.
  bool list = false;
  /// Variables from / to a .npz checkpoint.
  std::string load, save;
  /// The data set (DataSet.h) and where to write it as .npz.
  std::string data, dumpData;
  DataLimits dataLimits;
  /// One call: inputs NAME=NUMBER or NAME=@FILE.npy; outputs printed with
  /// `print` (or all of them) or written to `callOutput` (.npz).
  std::string call;
  std::vector<std::string> inputs;
  std::string callOutput, print;
  GradcheckOptions gradcheck;
  TrainOptions train;
  /// Text from a character model's sampling computation (Generate.h); its
  /// other inputs come from `inputs`.
  GenerateOptions generate;
  /// A computation over every sample of the data (Predict.h).
  PredictOptions predict;
  NonFinitePolicy nonFinite = NonFinitePolicy::Warn;
  /// The length of `?` batch axes (`N:?`) in training steps, --call's
  /// number inputs, --gradcheck and --generate (0: not given). Evaluation
  /// and --predict take the whole split in one call instead.
  int64_t batchSize = 0;
  /// Most compiled calls a run may make (0: no limit): bounds the work of a
  /// fuzzed command line.
  int64_t maxCalls = 0;
};

/// Checks what can be checked before the graph is compiled: that the
/// options make sense together (an action is given; options that belong to
/// --call, --train or --gradcheck come with it) and that every output file
/// can be written.
llvm::Error validateRunOptions(const RunOptions &options);

/// Does what `options` ask on a compiled graph. Results go to `out`;
/// warnings, progress and timings to `err`. Returns the exit status (1 when
/// a gradient check fails) or an error. In a data-parallel run (Distributed.h)
/// every rank calls it; rank 0 prints and writes files.
llvm::Expected<int> runGraph(Transformer &t, const RunOptions &options,
                             llvm::raw_ostream &out, llvm::raw_ostream &err);

/// Saves every variable as an array named after it (and `epoch` as
/// "__epoch__" when >= 0) to a .npz, atomically, with the standardization
/// statistics of `data` when it has them (DataSet.h).
llvm::Error saveCheckpoint(Transformer &t, const std::string &path,
                           int64_t epoch, const DataSet *data = nullptr);
/// Loads every variable from a .npz (shapes and element types checked);
/// returns its "__epoch__", or -1 when it has none.
llvm::Expected<int64_t> loadCheckpoint(Transformer &t, const std::string &path);
/// Every rank takes rank 0's variables (a no-op in one process).
llvm::Error shareVariables(Transformer &t);

/// Central finite differences of output 0 against outputs 1..n for the n
/// inputs; prints a summary line and mismatches. True when within tolerance.
llvm::Expected<bool> gradcheck(Transformer &t, const GradcheckOptions &options,
                               llvm::raw_ostream &out);

/// The computation `name`, or an error listing the ones the graph defines
/// (prefixed with `option`, e.g. "--train", when it is not empty).
llvm::Expected<const ComputationInfo *>
lookupComputation(const Transformer &t, const std::string &name,
                  const std::string &option);

/// A computation with its `?` axes given lengths, and those lengths (the
/// calls' AxisLengths).
struct BoundComputation {
  ComputationInfo info;
  AxisLengths lengths;
};
/// `c` with every `?` axis given `length`; with `length` 0, `c` itself
/// when it has no `?` axes, else an error telling `option` to give a
/// length with `how` (e.g. "--batch-size").
llvm::Expected<BoundComputation> bindBatch(const ComputationInfo &c,
                                           int64_t length,
                                           const std::string &option,
                                           const std::string &how);

/// Applies `policy` to NaN or Inf in the value outputs of a call of `c`: an
/// error, or one warning on `err` (once: `*warned` is set).
llvm::Error checkFiniteOutputs(const ComputationInfo &c,
                               const std::vector<Tensor> &outputs,
                               NonFinitePolicy policy, llvm::raw_ostream &err,
                               bool &warned);

/// The outputs of a call of `c` with every batch-axis output gathered whole
/// on rank 0 (`storage` holds them); `local` itself in one process. Every
/// rank calls it together.
llvm::Expected<const std::vector<Tensor> *>
gatherOutputs(const ComputationInfo &c, const std::vector<Tensor> &local,
              std::vector<Tensor> &storage);

/// Replaces {0}, {NAME} (value outputs by position or name) and the keys of
/// `fields` in `format`. checkFormat reports a key that would not resolve.
llvm::Error checkFormat(const std::string &format, const ComputationInfo *c,
                        const std::vector<std::string> &fields);
std::string renderFormat(const std::string &format, const ComputationInfo *c,
                         const std::vector<Tensor> *outputs,
                         const std::map<std::string, std::string> &fields);

/// The training loop of TrainOptions over a data set.
class Trainer {
public:
  /// Checks feeds, formats and computations; nothing runs yet. `data`
  /// must outlive the trainer.
  static llvm::Expected<std::unique_ptr<Trainer>>
  create(Transformer &t, const DataSet &data, const RunOptions &options,
         llvm::raw_ostream &out, llvm::raw_ostream &err);
  ~Trainer();
  llvm::Error run();

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
  Trainer();
};

} // namespace ngraph

#endif
