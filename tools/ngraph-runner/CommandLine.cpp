//===- CommandLine.cpp - ngraph-runner's command line ---------------------===//
#include "CommandLine.h"

#include <limits>

using namespace ngraph;
namespace cl = llvm::cl;

namespace {
enum class Progress { Auto, Always, Never };
enum class MonitorMode { Min, Max };

struct Options {
  cl::OptionCategory &cat = tools::runnerCategory();
  cl::opt<std::string> graphFile{cl::Positional, cl::desc("<graph.mlir>"),
                                 cl::Required, cl::cat(cat)};
  cl::opt<bool> list{"list",
                     cl::desc("List computations, their inputs and outputs, "
                              "and variables"),
                     cl::cat(cat)};
  cl::opt<std::string> call{"call",
                            cl::desc("Call this computation once and print "
                                     "its outputs"),
                            cl::cat(cat)};
  cl::list<std::string> inputs{"input",
                               cl::desc("NAME=NUMBER or NAME=@FILE.npy for "
                                        "--call or --generate"),
                               cl::cat(cat)};
  cl::opt<std::string> callOutput{
      "output",
      cl::desc("Write --call's outputs to this .npz (atomically): arrays "
               "out0, out1, ... in output order"),
      cl::cat(cat)};
  cl::opt<std::string> generate{
      "generate",
      cl::desc("Write text with this sampling computation of a character "
               "model: it takes the current character's id, returns the "
               "next one's and keeps its state in variables"),
      cl::cat(cat)};
  cl::opt<std::string> prime{"prime",
                             cl::desc("Text --generate starts from (\\n: "
                                      "newline, \\t: tab, \\\\: "
                                      "backslash; default a newline)"),
                             cl::init("\\n"), cl::cat(cat)};
  cl::opt<std::string> length{"length",
                              cl::desc("Characters --generate writes after "
                                       "the prime (default 200)"),
                              cl::init("200"), cl::cat(cat)};
  cl::opt<std::string> train{"train",
                             cl::desc("Computation to run for every batch"),
                             cl::cat(cat)};
  // Numbers are read as text and range-checked by runnerCommandLine().
  cl::opt<std::string> epochs{"epochs",
                          cl::desc("Epochs in all, 1 to 2^31-1 (a resumed "
                                   "run continues up to this one)"),
                          cl::init("1"), cl::value_desc("N"), cl::cat(cat)};
  cl::opt<std::string> batchSize{"batch-size",
                                 cl::desc("Length of batch axes written N:? "
                                          "in training steps (and --call, "
                                          "--gradcheck); evaluation and "
                                          "--predict take the whole split"),
                                 cl::value_desc("N"), cl::cat(cat)};
  cl::opt<std::string> data{"data",
                            cl::desc("Data set: mixture:..., npz:FILE, "
                                     "csv:FILE..., npy:NAME=FILE,..."),
                            cl::cat(cat)};
  cl::list<std::string> feeds{"feed",
                              cl::desc("PLACEHOLDER=data:ARRAY[:records|:axes] "
                                       "or PLACEHOLDER=EXPR of epoch and step"),
                              cl::cat(cat)};
  cl::opt<std::string> print{"print",
                             cl::desc("Line printed after each step (or for "
                                      "--call): {0}, {1}, ... or {NAME} of "
                                      "outputs, {epoch}, {step}"),
                             cl::cat(cat)};
  cl::opt<std::string> printEpoch{"print-epoch",
                                  cl::desc("Line printed after each epoch; "
                                           "{loss}, {eval}, {eval0}, ..."),
                                  cl::cat(cat)};
  cl::opt<std::string> printStart{"print-start",
                                  cl::desc("Line printed before training; "
                                           "{eval} is the evaluation result"),
                                  cl::cat(cat)};
  cl::opt<std::string> eval{"eval",
                            cl::desc("Evaluation computation run over "
                                     "--eval-feed data after each epoch"),
                            cl::cat(cat)};
  cl::list<std::string> evalFeeds{"eval-feed",
                                  cl::desc("Feeds of the evaluation "
                                           "computation"),
                                  cl::cat(cat)};
  cl::opt<EvalDivisor> evalDivisor{
      "eval-divisor",
      cl::desc("Divide the sum of the evaluation's first output by (the other "
               "outputs are averaged over the batches):"),
      cl::values(clEnumValN(EvalDivisor::Batches, "batches", "the number of "
                            "batches (a mean)"),
                 clEnumValN(EvalDivisor::BatchSize, "batch-size",
                            "the batch length (the seed's avg_loss)"),
                 clEnumValN(EvalDivisor::Samples, "samples",
                            "the number of samples")),
      cl::init(EvalDivisor::Batches), cl::cat(cat)};
  cl::opt<std::string> load{"load",
                            cl::desc("Load variables from a .npz checkpoint "
                                     "before running"),
                            cl::cat(cat)};
  cl::opt<std::string> save{"save",
                            cl::desc("Save variables to a .npz checkpoint "
                                     "(atomically) at the end"),
                            cl::cat(cat)};
  cl::opt<std::string> dumpData{"dump-data-npz",
                                cl::desc("Write the data set's arrays to a "
                                         ".npz file"),
                                cl::cat(cat)};
  cl::opt<NonFinitePolicy> nonFinite{
      "nonfinite", cl::desc("On NaN or Inf in an output:"),
      cl::values(clEnumValN(NonFinitePolicy::Warn, "warn", "warn once"),
                 clEnumValN(NonFinitePolicy::Stop, "stop",
                            "stop with status 1")),
      cl::init(NonFinitePolicy::Warn), cl::cat(cat)};
  cl::opt<std::string> gradcheck{
      "gradcheck",
      cl::desc("Check a computation's gradients against central finite "
               "differences: output 0 is a scalar loss, outputs 1..n its "
               "gradients with respect to inputs 1..n"),
      cl::cat(cat)};
  cl::opt<std::string> gradcheckRange{"gradcheck-range",
                                      cl::desc("Inputs are drawn uniformly "
                                               "from LOW,HIGH"),
                                      cl::init("-1,1"), cl::cat(cat)};
  cl::opt<std::string> gradcheckTol{"gradcheck-tol",
                               cl::desc("Largest accepted |fd - g| / max(1, "
                                        "|fd|, |g|)"),
                               cl::init("1e-6"), cl::cat(cat)};
  cl::opt<std::string> gradcheckStep{"gradcheck-step",
                                cl::desc("Finite-difference step"),
                                cl::init("1e-6"), cl::cat(cat)};
  cl::opt<std::string> gradcheckSeed{"gradcheck-seed",
                                  cl::desc("Seed of the random inputs"),
                                  cl::init("0"), cl::value_desc("seed"),
                                  cl::cat(cat)};
  cl::opt<std::string> checkpoint{"checkpoint",
                                  cl::desc("Save variables and the epoch to "
                                           "this .npz after every epoch "
                                           "(atomically)"),
                                  cl::cat(cat)};
  cl::opt<std::string> resume{"resume",
                              cl::desc("Resume training from a --checkpoint "
                                       "file: variables and the next epoch"),
                              cl::cat(cat)};
  cl::opt<std::string> shuffle{"shuffle",
                           cl::desc("Shuffle the training samples every "
                                    "epoch with this seed, 0 to 2^32-1 (-1: "
                                    "keep the order)"),
                           cl::init("-1"), cl::value_desc("seed"), cl::cat(cat)};
  cl::opt<std::string> metricsLog{"metrics-log",
                                  cl::desc("Write per-epoch metrics as JSON "
                                           "lines to this file (appended to "
                                           "on --resume)"),
                                  cl::cat(cat)};
  cl::opt<std::string> keepBest{"keep-best",
                                cl::desc("Save a checkpoint to this file "
                                         "after every epoch that improves "
                                         "the --monitor value"),
                                cl::value_desc("file.npz"), cl::cat(cat)};
  cl::opt<std::string> monitor{"monitor",
                               cl::desc("Value --keep-best and --patience "
                                        "watch: loss (mean training loss) "
                                        "or evalK (the evaluation's K-th "
                                        "value); default eval0 with --eval, "
                                        "else loss"),
                               cl::value_desc("name"), cl::cat(cat)};
  cl::opt<MonitorMode> monitorMode{
      "monitor-mode", cl::desc("Whether a smaller or larger --monitor value "
                               "is better:"),
      cl::values(clEnumValN(MonitorMode::Min, "min", "smaller (a loss)"),
                 clEnumValN(MonitorMode::Max, "max", "larger (an accuracy)")),
      cl::init(MonitorMode::Min), cl::cat(cat)};
  cl::opt<std::string> patience{"patience",
                                cl::desc("Stop training after this many "
                                         "epochs in a row without "
                                         "improvement of --monitor (0: "
                                         "never)"),
                                cl::init("0"), cl::value_desc("epochs"),
                                cl::cat(cat)};
  cl::opt<std::string> plot{"plot",
                            cl::desc("Write a learning-curve SVG to this "
                                     "file"),
                            cl::cat(cat)};
  cl::opt<Progress> progress{
      "progress", cl::desc("Progress line on stderr:"),
      cl::values(clEnumValN(Progress::Auto, "auto",
                            "when stderr is a terminal"),
                 clEnumValN(Progress::Always, "always", "always"),
                 clEnumValN(Progress::Never, "never", "never")),
      cl::init(Progress::Auto), cl::cat(cat)};
  cl::opt<std::string> predict{
      "predict",
      cl::desc("Run this computation over every sample of the data (any "
               "count) and write or print its per-sample outputs"),
      cl::cat(cat)};
  cl::list<std::string> predictFeeds{
      "predict-feed",
      cl::desc("PLACEHOLDER=data:ARRAY or =EXPR for --predict (as --feed)"),
      cl::cat(cat)};
  cl::opt<std::string> predictOut{
      "predict-out",
      cl::desc("Write --predict's outputs to FILE.csv (a column per value, a "
               "row per sample) or FILE.npz (samples first)"),
      cl::cat(cat)};
  cl::opt<std::string> labels{
      "labels",
      cl::desc("Data array of true classes: print --metrics of --predict's "
               "class scores"),
      cl::cat(cat)};
  cl::opt<std::string> metrics{
      "metrics",
      cl::desc("With --labels: accuracy,top-K,confusion (default accuracy)"),
      cl::cat(cat)};
  cl::opt<std::string> scores{
      "scores",
      cl::desc("With --labels: the output holding class scores (default: the "
               "first with several values per sample)"),
      cl::init("-1"), cl::cat(cat)};
  cl::opt<bool> time{"time",
                     cl::desc("Report compile time (per batch length of a "
                              "graph with N:? axes) and the mean time per "
                              "training step (stderr)"),
                     cl::cat(cat)};
};

Options &options() {
  static Options o;
  return o;
}
} // namespace

cl::OptionCategory &tools::runnerCategory() {
  static cl::OptionCategory cat("ngraph-runner options");
  return cat;
}

const tools::CompileCommandLine &tools::runnerCompileOptions() {
  static CompileCommandLine c(runnerCategory(), /*cacheByDefault=*/true);
  return c;
}

void tools::registerRunnerOptions() {
  (void)options();
  (void)runnerCompileOptions();
}

/// "LOW,HIGH" of --gradcheck-range.
static llvm::Error parseRange(const std::string &text, double &lo, double &hi) {
  size_t comma = text.find(',');
  if (comma != std::string::npos) {
    auto a = parseNumber(text.substr(0, comma), -1e300, 1e300,
                         "--gradcheck-range LOW");
    if (!a)
      return a.takeError();
    auto b = parseNumber(text.substr(comma + 1), -1e300, 1e300,
                         "--gradcheck-range HIGH");
    if (!b)
      return b.takeError();
    lo = *a;
    hi = *b;
    if (lo < hi)
      return llvm::Error::success();
  }
  return llvm::createStringError("--gradcheck-range: expected LOW,HIGH with "
                                 "LOW < HIGH, got '%s'",
                                 text.c_str());
}

/// --prime's escapes: \n, \t and \\.
static llvm::Expected<std::string> unescape(const std::string &text) {
  std::string r;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      r += text[i];
      continue;
    }
    char next = i + 1 < text.size() ? text[++i] : '\0';
    if (next == 'n')
      r += '\n';
    else if (next == 't')
      r += '\t';
    else if (next == '\\')
      r += '\\';
    else
      return llvm::createStringError(
          "--prime: unknown escape '\\%c' (known: \\n, \\t, \\\\)",
          next ? next : ' ');
  }
  return r;
}

llvm::Expected<tools::RunnerCommandLine>
tools::runnerCommandLine(bool stderrIsTerminal) {
  Options &o = options();
  RunnerCommandLine r;
  r.graphFile = o.graphFile;
  RunOptions &run = r.run;
  auto epochs = parseInteger(o.epochs, 1, INT32_MAX, "--epochs");
  if (!epochs)
    return epochs.takeError();
  if (!o.batchSize.empty()) {
    auto batch = parseInteger(o.batchSize, 1, 1 << 30, "--batch-size");
    if (!batch)
      return batch.takeError();
    run.batchSize = run.gradcheck.batchSize = *batch;
  }
  auto shuffle = parseInteger(o.shuffle, -1, UINT32_MAX, "--shuffle");
  if (!shuffle)
    return shuffle.takeError();
  auto seed = parseInteger(o.gradcheckSeed, 0, UINT32_MAX, "--gradcheck-seed");
  if (!seed)
    return seed.takeError();
  auto tolerance = parseNumber(o.gradcheckTol, 0, 1e300, "--gradcheck-tol");
  if (!tolerance)
    return tolerance.takeError();
  auto step = parseNumber(o.gradcheckStep, 1e-300, 1e300, "--gradcheck-step");
  if (!step)
    return step.takeError();
  if (!o.gradcheck.empty())
    if (llvm::Error e = parseRange(o.gradcheckRange, run.gradcheck.low,
                                   run.gradcheck.high))
      return std::move(e);
  auto length = parseInteger(o.length, 0, 10000000, "--length");
  if (!length)
    return length.takeError();
  auto prime = unescape(o.prime);
  if (!prime)
    return prime.takeError();
  run.generate.computation = o.generate;
  run.generate.prime = *prime;
  run.generate.length = *length;
  run.list = o.list;
  run.load = o.load;
  run.save = o.save;
  run.data = o.data;
  run.dumpData = o.dumpData;
  run.call = o.call;
  run.inputs = o.inputs;
  run.callOutput = o.callOutput;
  run.print = o.print;
  run.nonFinite = o.nonFinite;
  run.gradcheck.computation = o.gradcheck;
  run.gradcheck.tolerance = *tolerance;
  run.gradcheck.step = *step;
  run.gradcheck.seed = (uint32_t)*seed;
  run.predict.computation = o.predict;
  run.predict.feeds = o.predictFeeds;
  run.predict.output = o.predictOut;
  run.predict.labels = o.labels;
  run.predict.metrics = o.metrics;
  auto scores = parseInteger(o.scores, -1, 1 << 20, "--scores");
  if (!scores)
    return scores.takeError();
  run.predict.scores = *scores;
  TrainOptions &t = run.train;
  t.computation = o.train;
  t.feeds = o.feeds;
  t.epochs = *epochs;
  t.eval = o.eval;
  t.evalFeeds = o.evalFeeds;
  t.evalDivisor = o.evalDivisor;
  t.printStart = o.printStart;
  t.printEpoch = o.printEpoch;
  t.checkpoint = o.checkpoint;
  t.resume = o.resume;
  t.metricsLog = o.metricsLog;
  t.plot = o.plot;
  t.shuffleSeed = *shuffle;
  t.keepBest = o.keepBest;
  t.monitor = o.monitor;
  t.monitorMax = o.monitorMode == MonitorMode::Max;
  auto patience = parseInteger(o.patience, 0, 1000000000, "--patience");
  if (!patience)
    return patience.takeError();
  t.patience = *patience;
  t.progress = o.progress == Progress::Always ||
               (o.progress == Progress::Auto && stderrIsTerminal);
  t.reportTime = o.time;
  if (llvm::Error e = validateRunOptions(run))
    return std::move(e);
  return r;
}
