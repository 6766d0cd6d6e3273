//===- ngraph-runner.cpp - JIT a graph file and run its computations ------===//
//
//   ngraph-runner g.mlir --call plus_one --input x=3
//   ngraph-runner g.mlir --train update_fun --epochs 10 \
//       --data 'mixture:pvals=0.5,0.5;shape=4;batch=128;batches=10' \
//       --feed 'alpha=5.0/(1+epoch)' --feed X=data:x --feed Y=data:y \
//       --print 'W: {W}, loss {0}'
//
// See docs/runner.md.
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Support/Sharding.h"
#include "NGraph/Runtime/Runtime.h"
#include "NGraph/Support/RandomState.h"
#include "ToolSupport.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <cmath>
#include <unistd.h>
#include <cstring>
#include <sstream>

using namespace ngraph;
namespace cl = llvm::cl;

// Only these options are listed by --help (not LLVM's internal ones).
static cl::OptionCategory runnerCategory("ngraph-runner options");
static cl::opt<std::string> graphFile(cl::Positional, cl::desc("<graph.mlir>"),
                                      cl::Required, cl::cat(runnerCategory));
static cl::opt<std::string> callName("call", cl::desc("Call this computation once and print its outputs"), cl::cat(runnerCategory));
static cl::list<std::string> inputs("input", cl::desc("name=NUMBER or name=FILE.npy for --call"), cl::cat(runnerCategory));
static cl::opt<std::string> callOutput(
    "output", cl::desc("Write --call's outputs to this .npz (atomically): "
                       "arrays out0, out1, ... in output order"), cl::cat(runnerCategory));
static cl::opt<std::string> trainName("train", cl::desc("Computation to run for every batch"), cl::cat(runnerCategory));
static cl::opt<int> epochs("epochs", cl::desc("Number of epochs"), cl::init(1), cl::cat(runnerCategory));
static cl::opt<std::string> dataSpec("data", cl::desc("Data set: mixture:..., npz:FILE, csv:FILE, npy:NAME=FILE,..."), cl::cat(runnerCategory));
static cl::list<std::string> feeds("feed", cl::desc("PLACEHOLDER=data:ARRAY or PLACEHOLDER=EXPR of epoch and step"), cl::cat(runnerCategory));
static cl::opt<std::string> printStep("print", cl::desc("Line printed after each step: {0}, {1}, ... or {NAME} of outputs, {epoch}, {step}"), cl::cat(runnerCategory));
static cl::opt<std::string> printEpoch("print-epoch", cl::desc("Line printed after each epoch; {eval} is the evaluation result"), cl::cat(runnerCategory));
static cl::opt<std::string> evalName("eval", cl::desc("Evaluation computation run over --eval-feed data after each epoch"), cl::cat(runnerCategory));
static cl::list<std::string> evalFeeds("eval-feed", cl::desc("Feeds of the evaluation computation"), cl::cat(runnerCategory));
static cl::opt<std::string> evalDivisor("eval-divisor", cl::desc("Divide the sum of the evaluation's first output by: batches (mean), batch-size (the seed's avg_loss) or samples"), cl::init("batches"), cl::cat(runnerCategory));
static cl::opt<std::string> printBefore("print-start", cl::desc("Line printed before training; {eval} is the evaluation result"), cl::cat(runnerCategory));
static cl::opt<std::string> loadCkpt("load", cl::desc("Load variables from a .npz checkpoint before running"), cl::cat(runnerCategory));
static cl::opt<std::string> saveCkpt("save", cl::desc("Save variables to a .npz checkpoint (atomically) at the end"), cl::cat(runnerCategory));
static cl::opt<std::string> dumpData("dump-data-npz", cl::desc("Write the data set's arrays to a .npz file"), cl::cat(runnerCategory));
static cl::opt<std::string> onNonFinite("nonfinite", cl::desc("On NaN or Inf in an output: warn or stop"), cl::init("warn"), cl::cat(runnerCategory));
static cl::opt<unsigned> optLevel("O", cl::desc("JIT optimization level (0-3; 3 compiles slower and, measured, runs no faster)"), cl::init(2), cl::cat(runnerCategory));
static cl::opt<bool> noFuse("no-fuse", cl::desc("Do not fuse elementwise ops"), cl::cat(runnerCategory));
static cl::opt<unsigned> threads(
    "num-threads",
    cl::desc("Threads for large contractions (OpenMP, libomp); default 1"),
    cl::init(1), cl::cat(runnerCategory));
static cl::opt<std::string> targetName(
    "target",
    cl::desc("CPU to generate code for: host (this machine), x86-64-v4 "
             "(AVX-512), x86-64-v3 (AVX2) or x86-64; refused when this "
             "machine cannot run it"),
    cl::init("host"), cl::cat(runnerCategory));
static cl::opt<bool> noSchedule(
    "no-schedule",
    cl::desc("Plain loops instead of tiled, vectorized contractions (the "
             "reference lowering)"), cl::cat(runnerCategory));
static cl::opt<bool> dumpStages("dump-stages", cl::desc("Print the IR after every lowering pass"), cl::cat(runnerCategory));
static cl::opt<bool> verifyEach("verify-each", cl::desc("Verify the IR after every lowering pass (checks the compiler itself; slower)"), cl::cat(runnerCategory));
static cl::opt<std::string> gradcheckName("gradcheck", cl::desc("Check a computation's gradients against central finite differences: output 0 is a scalar loss, outputs 1..n its gradients with respect to inputs 1..n"), cl::cat(runnerCategory));
static cl::opt<std::string> gradcheckRange("gradcheck-range", cl::desc("Inputs are drawn uniformly from LOW,HIGH"), cl::init("-1,1"), cl::cat(runnerCategory));
static cl::opt<double> gradcheckTol("gradcheck-tol", cl::desc("Largest accepted |fd - g| / max(1, |fd|, |g|)"), cl::init(1e-6), cl::cat(runnerCategory));
static cl::opt<double> gradcheckStep("gradcheck-step", cl::desc("Finite-difference step"), cl::init(1e-6), cl::cat(runnerCategory));
static cl::opt<unsigned> gradcheckSeed("gradcheck-seed", cl::desc("Seed of the random inputs"), cl::init(0), cl::cat(runnerCategory));
static cl::opt<std::string> checkpointFile("checkpoint", cl::desc("Save variables and the epoch to this .npz after every epoch (atomically)"), cl::cat(runnerCategory));
static cl::opt<std::string> resumeFile("resume", cl::desc("Resume training from a --checkpoint file: variables and the next epoch"), cl::cat(runnerCategory));
static cl::opt<int> shuffleSeed("shuffle", cl::desc("Shuffle the training samples every epoch with this seed (-1: keep the order)"), cl::init(-1), cl::cat(runnerCategory));
static cl::opt<std::string> metricsLog("metrics-log", cl::desc("Write per-epoch metrics as JSON lines to this file"), cl::cat(runnerCategory));
static cl::opt<std::string> plotFile("plot", cl::desc("Write a learning-curve SVG to this file"), cl::cat(runnerCategory));
static cl::opt<std::string> progressMode("progress", cl::desc("Progress line on stderr: auto (when stderr is a terminal), always, never"), cl::init("auto"), cl::cat(runnerCategory));
static cl::opt<bool> showTime("time", cl::desc("Report compile time and the mean time per training step (stderr)"), cl::cat(runnerCategory));
static cl::opt<double> commTimeout(
    "comm-timeout",
    cl::desc("Under mpirun: seconds a rank waits for the others in a "
             "collective before it exits with an error (a rank died or hangs)"),
    cl::init(120), cl::cat(runnerCategory));
static cl::opt<bool> overlapComm(
    "overlap-comm",
    cl::desc("Under mpirun: start each gradient allreduce as soon as it is "
             "computed and wait for it before its first use (for transports "
             "that progress on their own; slower over shared memory)"),
    cl::cat(runnerCategory));
static cl::opt<bool> listComputations("list", cl::desc("List computations, their inputs and outputs, and variables"), cl::cat(runnerCategory));

/// Rank 0 prints and writes files; every rank computes.
static bool isRoot() { return dist::rank() == 0; }

[[noreturn]] static void fail(const std::string &msg) {
  // One write: under mpirun every rank may fail at once into the same
  // stream, and pieces written separately interleave.
  std::string line = "ngraph-runner: error: ";
  if (dist::size() > 1)
    line += "rank " + std::to_string(dist::rank()) + " of " +
            std::to_string(dist::size()) + ": ";
  line += msg + "\n";
  llvm::errs() << line;
  // Under mpirun, take the other ranks down instead of leaving them
  // waiting in a collective.
  dist::abortAll(1);
}

static void check(llvm::Error e) {
  if (e)
    fail(llvm::toString(std::move(e)));
}

template <typename T> static T check(llvm::Expected<T> v) {
  if (!v)
    fail(llvm::toString(v.takeError()));
  return std::move(*v);
}

static const ComputationInfo *computationOrFail(Transformer &t,
                                                const std::string &name) {
  if (const ComputationInfo *c = t.computation(name))
    return c;
  std::string known;
  for (const ComputationInfo &k : t.computations())
    known += (known.empty() ? "" : ", ") + k.name;
  fail("unknown computation '" + name + "' (the graph defines: " + known + ")");
}

//===----------------------------------------------------------------------===//
// Printing, NumPy style
//===----------------------------------------------------------------------===//

/// Shortest text that reads back as the same value (float32 or float64).
static std::string formatNumber(double v, DType t) {
  if (std::isnan(v))
    return "nan";
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  if (t == DType::I32 || t == DType::I64)
    return std::to_string((long long)v);
  char buf[64];
  for (int prec = 1; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof buf, "%.*g", prec, v);
    double back = std::strtod(buf, nullptr);
    if (t == DType::F32 ? (float)back == (float)v : back == v)
      break;
  }
  std::string s = buf;
  if (s.find_first_of(".e") == std::string::npos)
    s += ".";
  return s;
}

static std::string formatTensor(const Tensor &t) {
  int64_t n = t.numElements();
  if (t.shape.empty()) {
    // NumPy prints a float scalar as "1.0" and array elements as "1.".
    std::string s = formatNumber(t.get(0), t.dtype);
    return s.back() == '.' ? s + "0" : s;
  }
  std::vector<std::string> cells;
  size_t width = 0;
  for (int64_t i = 0; i < n; ++i) {
    cells.push_back(formatNumber(t.get(i), t.dtype));
    width = std::max(width, cells.back().size());
  }
  std::string out;
  std::vector<int64_t> idx(t.shape.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    // Open brackets for every dimension that starts here.
    size_t opens = 0;
    for (size_t d = t.shape.size(); d-- > 0 && idx[d] == 0;)
      ++opens;
    if (i > 0)
      out += opens ? "\n" + std::string(t.shape.size() - opens, ' ') : " ";
    out += std::string(opens, '[');
    out += std::string(width - cells[i].size(), ' ') + cells[i];
    size_t closes = 0;
    for (size_t d = t.shape.size(); d-- > 0;) {
      if (++idx[d] < t.shape[d])
        break;
      idx[d] = 0;
      ++closes;
    }
    out += std::string(closes, ']');
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Scalar expressions of epoch and step: 5.0/(1+epoch)
//===----------------------------------------------------------------------===//

namespace {
struct Expr {
  std::string s;
  size_t i = 0;
  double epoch, step;
  void ws() { while (i < s.size() && isspace((unsigned char)s[i])) ++i; }
  double primary() {
    ws();
    if (i < s.size() && s[i] == '(') {
      ++i;
      double v = sum();
      ws();
      if (i >= s.size() || s[i] != ')')
        throw std::runtime_error("expected ')'");
      ++i;
      return v;
    }
    if (i < s.size() && s[i] == '-') {
      ++i;
      return -primary();
    }
    if (i < s.size() && (isalpha((unsigned char)s[i]) || s[i] == '_')) {
      size_t b = i;
      while (i < s.size() && (isalnum((unsigned char)s[i]) || s[i] == '_'))
        ++i;
      std::string id = s.substr(b, i - b);
      if (id == "epoch") return epoch;
      if (id == "step") return step;
      throw std::runtime_error("unknown name '" + id + "' (use epoch or step)");
    }
    char *end;
    double v = std::strtod(s.c_str() + i, &end);
    if (end == s.c_str() + i)
      throw std::runtime_error("expected a number at '" + s.substr(i) + "'");
    i = end - s.c_str();
    return v;
  }
  double product() {
    double v = primary();
    for (ws(); i < s.size() && (s[i] == '*' || s[i] == '/'); ws()) {
      char op = s[i++];
      double r = primary();
      v = op == '*' ? v * r : v / r;
    }
    return v;
  }
  double sum() {
    double v = product();
    for (ws(); i < s.size() && (s[i] == '+' || s[i] == '-'); ws()) {
      char op = s[i++];
      double r = product();
      v = op == '+' ? v + r : v - r;
    }
    return v;
  }
  static double eval(const std::string &text, double epoch, double step) {
    Expr e{text, 0, epoch, step};
    double v = e.sum();
    e.ws();
    if (e.i != text.size())
      throw std::runtime_error("unexpected '" + text.substr(e.i) + "'");
    return v;
  }
};
} // namespace

//===----------------------------------------------------------------------===//
// Data sets and feeding
//===----------------------------------------------------------------------===//

using DataSet = std::map<std::string, Tensor>;

static std::map<std::string, std::string> parseKeyValues(const std::string &s) {
  std::map<std::string, std::string> kv;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ';')) {
    size_t eq = item.find('=');
    if (eq == std::string::npos)
      fail("expected key=value in data spec, got '" + item + "'");
    kv[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return kv;
}

static std::vector<double> parseNumbers(const std::string &s) {
  std::vector<double> r;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ',')) {
    char *end;
    double v = std::strtod(item.c_str(), &end);
    if (item.empty() || *end)
      fail("expected a number, got '" + item + "'");
    r.push_back(v);
  }
  return r;
}

/// Concatenates batches along their last axis (the seed's sample axis).
static Tensor concatLast(const std::vector<Tensor> &parts) {
  std::vector<int64_t> shape = parts[0].shape;
  int64_t n = shape.back(), outer = parts[0].numElements() / n;
  shape.back() = n * parts.size();
  Tensor r(parts[0].dtype, shape);
  size_t es = dtypeSize(r.dtype);
  for (size_t p = 0; p < parts.size(); ++p)
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(r.bytes.data() + (o * shape.back() + p * n) * es,
                  parts[p].bytes.data() + o * n * es, n * es);
  return r;
}

static DataSet loadData(const std::string &spec) {
  DataSet data;
  if (spec.empty())
    return data;
  size_t colon = spec.find(':');
  std::string kind = spec.substr(0, colon), rest = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (kind == "mixture") {
    auto kv = parseKeyValues(rest);
    std::vector<double> pvals = parseNumbers(kv.count("pvals") ? kv["pvals"] : "0.5,0.5");
    std::vector<int64_t> shape;
    for (double d : parseNumbers(kv.count("shape") ? kv["shape"] : "4"))
      shape.push_back((int64_t)d);
    int64_t batch = kv.count("batch") ? std::stoll(kv["batch"]) : 128;
    int64_t batches = kv.count("batches") ? std::stoll(kv["batches"]) : 10;
    int64_t evalBatches = kv.count("eval_batches") ? std::stoll(kv["eval_batches"]) : 0;
    uint32_t seed = kv.count("seed") ? std::stoul(kv["seed"]) : 0;
    MixtureGenerator g(pvals, shape, seed);
    std::vector<Tensor> xs, ys;
    g.genData(batch, batches, xs, ys);
    data["x"] = concatLast(xs);
    data["y"] = concatLast(ys);
    if (evalBatches > 0) {
      std::vector<Tensor> ex, ey;
      g.genData(batch, evalBatches, ex, ey);
      data["eval_x"] = concatLast(ex);
      data["eval_y"] = concatLast(ey);
    }
  } else if (kind == "npz") {
    data = check(readNpz(rest));
  } else if (kind == "npy") {
    std::stringstream ss(rest);
    std::string item;
    while (std::getline(ss, item, ',')) {
      size_t eq = item.find('=');
      if (eq == std::string::npos)
        fail("npy data wants NAME=FILE.npy, got '" + item + "'");
      data[item.substr(0, eq)] = check(readNpy(item.substr(eq + 1)));
    }
  } else if (kind == "csv") {
    // csv:FILE[;header=names|skip|none][;label=last|N][;test=F|N][;seed=S][;standardize=1]
    size_t semi = rest.find(';');
    std::string file = rest.substr(0, semi);
    auto kv = parseKeyValues(semi == std::string::npos ? "" : rest.substr(semi + 1));
    std::string header = kv.count("header") ? kv["header"] : "names";
    CsvHeader mode = header == "names"  ? CsvHeader::Names
                     : header == "skip" ? CsvHeader::Skip
                     : header == "none" ? CsvHeader::None
                                        : (fail("csv header= takes names, skip or none"), CsvHeader::None);
    CsvTable t = check(readCsv(file, mode));
    if (!kv.count("label")) {
      for (size_t c = 0; c < t.header.size(); ++c) {
        Tensor col(DType::F64, {(int64_t)t.columns[c].size()});
        std::memcpy(col.bytes.data(), t.columns[c].data(), col.bytes.size());
        data[t.header[c]] = std::move(col);
      }
      return data;
    }
    int64_t ncols = t.columns.size(), rows = ncols ? t.columns[0].size() : 0;
    int64_t label = kv["label"] == "last" ? ncols - 1 : std::stoll(kv["label"]);
    if (label < 0 || label >= ncols)
      fail("csv label column " + kv["label"] + " is out of range (the file has " +
           std::to_string(ncols) + " columns)");
    LabeledData all;
    all.x = Tensor(DType::F64, {rows, ncols - 1});
    all.y = Tensor(DType::I64, {rows});
    for (int64_t r = 0; r < rows; ++r) {
      int64_t k = 0;
      for (int64_t c = 0; c < ncols; ++c) {
        double v = t.columns[c][r];
        if (c == label) {
          if (v != std::floor(v) || v < 0)
            fail(file + ": label '" + std::to_string(v) + "' in row " +
                 std::to_string(r + 1) + " is not a class index");
          all.y.data<int64_t>()[r] = (int64_t)v;
        } else {
          all.x.data<double>()[r * (ncols - 1) + k++] = v;
        }
      }
    }
    double test = kv.count("test") ? std::stod(kv["test"]) : 0.0;
    int64_t testCount = test < 1 ? (int64_t)std::llround(test * rows) : (int64_t)test;
    if (testCount < 0 || testCount >= rows)
      fail("csv test= must leave some training samples");
    LabeledData train, held;
    splitAndStandardize(all, testCount, kv.count("seed") ? std::stoul(kv["seed"]) : 0,
                        kv.count("standardize") && kv["standardize"] != "0", train, held);
    data["x"] = std::move(train.x);
    data["y"] = std::move(train.y);
    if (testCount) {
      data["test_x"] = std::move(held.x);
      data["test_y"] = std::move(held.y);
    }
  } else {
    fail("unknown data kind '" + kind + "' (mixture, npz, npy or csv)");
  }
  return data;
}

namespace {
/// How one placeholder is fed.
struct Feed {
  const ValueInfo *placeholder;
  std::string expr;   // scalar expression, or
  Tensor array;       // data array, converted to the placeholder's dtype
  int64_t batchAxis = -1, samples = 0;
  /// Records: the array is (samples, features...) and each sample's features
  /// fill the placeholder's non-batch axes in row-major order. Otherwise the
  /// array has the placeholder's layout with all samples on the batch axis.
  bool records = false;
};
} // namespace

/// NAME=VALUE items of a repeated option, by name.
static std::map<std::string, std::string>
parseAssignments(const std::vector<std::string> &items, const std::string &usage) {
  std::map<std::string, std::string> byName;
  for (const std::string &s : items) {
    size_t eq = s.find('=');
    if (eq == std::string::npos)
      fail(usage + ", got '" + s + "'");
    byName[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return byName;
}

static std::vector<Feed> makeFeeds(const ComputationInfo &comp,
                                   const std::vector<std::string> &specs,
                                   const DataSet &data) {
  std::map<std::string, std::string> byName =
      parseAssignments(specs, "--feed wants PLACEHOLDER=SOURCE");
  std::vector<Feed> feeds;
  for (const ValueInfo &p : comp.inputs) {
    auto it = byName.find(p.name);
    if (it == byName.end())
      fail("computation '" + comp.name + "' needs input " + p.describe() +
           "; give it with --feed " + p.name + "=...");
    Feed f;
    f.placeholder = &p;
    std::string src = it->second; // a copy: the entry is erased next
    byName.erase(it);
    if (src.rfind("data:", 0) != 0) {
      if (!p.axes.empty())
        fail("placeholder " + p.describe() + " has axes; feed it from data:ARRAY");
      f.expr = src;
      feeds.push_back(std::move(f));
      continue;
    }
    std::string arrayName = src.substr(5);
    auto d = data.find(arrayName);
    if (d == data.end()) {
      std::string known;
      for (auto &[k, v] : data)
        known += (known.empty() ? "" : ", ") + k;
      fail("no array '" + arrayName + "' in the data set (it has: " + known + ")");
    }
    const Tensor &a = d->second;
    f.batchAxis = p.batchDim();
    std::vector<int64_t> want = p.shape();
    bool ok = a.shape.size() == want.size();
    for (size_t i = 0; ok && i < want.size(); ++i)
      ok = (int64_t)i == f.batchAxis || a.shape[i] == want[i];
    if (!ok && f.batchAxis >= 0 && !a.shape.empty()) {
      int64_t perSample = 1, features = 1;
      for (size_t i = 0; i < want.size(); ++i)
        if ((int64_t)i != f.batchAxis)
          perSample *= want[i];
      for (size_t i = 1; i < a.shape.size(); ++i)
        features *= a.shape[i];
      ok = f.records = features == perSample;
    }
    if (!ok) {
      std::string got;
      for (int64_t s : a.shape)
        got += (got.empty() ? "" : ", ") + std::to_string(s);
      fail("array '" + arrayName + "' of shape (" + got + ") cannot feed " +
           p.describe() + ": it needs the placeholder's shape" +
           (f.batchAxis >= 0 ? " with any number of samples along the batch axis, "
                               "or (samples, features) records" : ""));
    }
    f.samples = f.batchAxis < 0 ? 1 : f.records ? a.shape[0] : a.shape[f.batchAxis];
    f.array = a.cast(p.dtype);
    feeds.push_back(std::move(f));
  }
  if (!byName.empty())
    fail("computation '" + comp.name + "' has no input named '" + byName.begin()->first + "'");
  return feeds;
}

/// Number of whole batches: every data feed must agree. A remainder that does
/// not fill a batch is dropped with a warning (never padded or wrapped).
static int64_t countBatches(const std::vector<Feed> &feeds, const std::string &what) {
  int64_t batches = -1;
  for (const Feed &f : feeds) {
    if (!f.expr.empty() || f.batchAxis < 0)
      continue;
    int64_t n = f.placeholder->axes[f.batchAxis].length;
    if (f.samples < n)
      fail(what + ": the data set has " + std::to_string(f.samples) +
           " samples for " + f.placeholder->describe() +
           ", fewer than one batch of " + std::to_string(n));
    int64_t b = f.samples / n;
    if (batches >= 0 && b != batches)
      fail(what + ": data feeds disagree on the number of batches");
    if (batches < 0 && f.samples % n && isRoot())
      llvm::errs() << "ngraph-runner: warning: " << what << ": "
                   << f.samples % n << " of " << f.samples
                   << " samples do not fill a batch of " << n
                   << " and are dropped (with --shuffle, different ones "
                      "each epoch)\n";
    batches = b;
  }
  return batches < 0 ? 1 : batches;
}

/// Batch `b` of a feed; sample i of the batch is sample order[b*n + i].
static Tensor sliceBatch(const Feed &f, int64_t b, double epoch, double step,
                         const std::vector<int64_t> *order = nullptr) {
  const ValueInfo &p = *f.placeholder;
  if (!f.expr.empty()) {
    try {
      return Tensor::scalar(p.dtype, Expr::eval(f.expr, epoch, step));
    } catch (const std::exception &e) {
      fail("in feed expression '" + f.expr + "' for " + p.name + ": " + e.what());
    }
  }
  if (f.batchAxis < 0)
    return f.array;
  // Batch b is samples [b*n, (b+1)*n) of the order; this rank holds its
  // shard of them.
  std::vector<int64_t> shape = p.shape();
  int64_t n = shape[f.batchAxis];
  Shard mine = shardOf(n, dist::size(), dist::rank());
  shape[f.batchAxis] = mine.length;
  Tensor t(p.dtype, shape);
  auto [outer, inner] = aroundDim(shape, f.batchAxis);
  size_t es = dtypeSize(p.dtype);
  uint8_t *dst = t.bytes.data();
  const uint8_t *src = f.array.bytes.data();
  for (int64_t i = 0; i < mine.length; ++i) {
    int64_t j = b * n + mine.offset + i;
    int64_t s = order ? (*order)[j] : j;
    for (int64_t o = 0; o < outer; ++o) {
      // Feature (o, k) of sample s; records keep a sample's features together.
      int64_t from = f.records ? (s * outer + o) * inner
                               : (o * f.samples + s) * inner;
      std::memcpy(dst + (o * mine.length + i) * inner * es, src + from * es,
                  inner * es);
    }
  }
  return t;
}

//===----------------------------------------------------------------------===//
// Running
//===----------------------------------------------------------------------===//

static bool warnedNonFinite = false;

static void checkFinite(const ComputationInfo &c, const std::vector<Tensor> &outs) {
  for (size_t i = 0; i < outs.size(); ++i) {
    const Tensor &t = outs[i];
    if (c.outputs[i].isEffect || (t.dtype != DType::F32 && t.dtype != DType::F64))
      continue;
    for (int64_t k = 0, n = t.numElements(); k < n; ++k) {
      if (std::isfinite(t.get(k)))
        continue;
      std::string what = "output #" + std::to_string(i) + " (" +
                         c.outputs[i].describe() + ") of '" + c.name +
                         "' contains NaN or Inf";
      if (onNonFinite == "stop")
        fail(what + "; stopping (--nonfinite=stop)");
      if (!warnedNonFinite)
        // One write, as in fail(): ranks may warn at once.
        llvm::errs() << "ngraph-runner: warning: " +
                            (dist::size() > 1
                                 ? "rank " + std::to_string(dist::rank()) + ": "
                                 : std::string()) +
                            what + "\n";
      warnedNonFinite = true;
      break;
    }
  }
}

/// Replaces {0}, {NAME}, {epoch}, {step}, {eval} in `fmt`.
static std::string render(const std::string &fmt, const ComputationInfo *c,
                          const std::vector<Tensor> *outs,
                          const std::map<std::string, std::string> &extra) {
  std::string r;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '{') {
      r += fmt[i];
      continue;
    }
    size_t e = fmt.find('}', i);
    if (e == std::string::npos)
      fail("unclosed '{' in format '" + fmt + "'");
    std::string key = fmt.substr(i + 1, e - i - 1);
    i = e;
    if (auto it = extra.find(key); it != extra.end()) {
      r += it->second;
      continue;
    }
    if (!c || !outs)
      fail("'{" + key + "}' is not available here");
    int64_t idx = -1;
    if (!key.empty() && std::all_of(key.begin(), key.end(), ::isdigit))
      idx = std::stoll(key);
    else
      for (size_t k = 0; k < c->outputs.size(); ++k)
        if (c->outputs[k].name == key)
          idx = k;
    if (idx < 0 || idx >= (int64_t)outs->size() || c->outputs[idx].isEffect)
      fail("format names '{" + key + "}', which is not a value output of '" + c->name + "'");
    r += formatTensor((*outs)[idx]);
  }
  return r;
}

static Tensor parseInput(const ValueInfo &p, const std::string &text) {
  if (!text.empty() && text[0] == '@')
    return check(readNpy(text.substr(1)));
  char *end;
  double v = std::strtod(text.c_str(), &end);
  if (text.empty() || *end)
    fail("input '" + p.name + "': expected a number or @FILE.npy, got '" + text + "'");
  if (!p.axes.empty()) {
    Tensor t(p.dtype, p.shape());
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.set(i, v);
    return t;
  }
  return Tensor::scalar(p.dtype, v);
}

/// Central finite differences of output 0 against outputs 1..n.
static int gradcheck(Transformer &t, const std::string &name) {
  const ComputationInfo *c = computationOrFail(t, name);
  size_t n = c->inputs.size();
  if (c->outputs.size() != n + 1 || c->outputs[0].isEffect ||
      !c->outputs[0].axes.empty())
    fail("--gradcheck wants outputs (scalar loss, d loss/d input 1, ..., d "
         "loss/d input n) for the n inputs of '" + name + "'");
  for (size_t i = 0; i < n; ++i)
    if (c->outputs[i + 1].shape() != c->inputs[i].shape())
      fail("output #" + std::to_string(i + 1) + " of '" + name +
           "' must have the shape of input " + c->inputs[i].describe());
  std::vector<double> range = parseNumbers(gradcheckRange);
  if (range.size() != 2 || !(range[0] < range[1]))
    fail("--gradcheck-range wants LOW,HIGH with LOW < HIGH");
  RandomState rng(gradcheckSeed);
  std::vector<Tensor> ins;
  for (const ValueInfo &p : c->inputs) {
    Tensor x(p.dtype, p.shape());
    for (int64_t k = 0; k < x.numElements(); ++k)
      x.set(k, rng.uniform(range[0], range[1]));
    ins.push_back(std::move(x));
  }
  auto run = [&](std::vector<Tensor> &outs) { check(t.call(name, ins, outs)); };
  std::vector<Tensor> grads, outs;
  run(grads);
  double worst = 0, h = gradcheckStep;
  int64_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    for (int64_t k = 0; k < ins[i].numElements(); ++k, ++count) {
      double x0 = ins[i].get(k);
      ins[i].set(k, x0 + h);
      run(outs);
      double up = outs[0].get(0);
      ins[i].set(k, x0 - h);
      run(outs);
      double down = outs[0].get(0);
      ins[i].set(k, x0);
      double fd = (up - down) / (2 * h), g = grads[i + 1].get(k);
      double err = std::fabs(fd - g) / std::max({1.0, std::fabs(fd), std::fabs(g)});
      if (err > worst)
        worst = err;
      if (err > gradcheckTol)
        llvm::outs() << "  mismatch: d/d " << c->inputs[i].name << "[" << k
                     << "]: finite difference " << fd << ", gradient " << g
                     << "\n";
    }
  }
  bool ok = worst <= gradcheckTol;
  llvm::outs() << "gradcheck " << name << ": " << (ok ? "ok" : "FAILED") << ", "
               << count << " elements, max error " << llvm::format("%.3g", worst)
               << " (tolerance " << llvm::format("%.3g", (double)gradcheckTol)
               << ")\n";
  return ok ? 0 : 1;
}

//===----------------------------------------------------------------------===//
// Data-parallel runs (under mpirun)
//===----------------------------------------------------------------------===//

/// `outs` with every sharded (batch-axis) output gathered whole on rank 0;
/// `outs` itself when nothing is sharded. All ranks call it together.
static const std::vector<Tensor> &wholeOutputs(const ComputationInfo &c,
                                               const std::vector<Tensor> &outs,
                                               std::vector<Tensor> &storage) {
  if (dist::size() == 1)
    return outs;
  bool sharded = false;
  for (const ValueInfo &o : c.outputs)
    sharded |= !o.isEffect && o.batchDim() >= 0;
  if (!sharded)
    return outs;
  storage.resize(outs.size());
  for (size_t i = 0; i < outs.size(); ++i) {
    const ValueInfo &o = c.outputs[i];
    storage[i] = !o.isEffect && o.batchDim() >= 0
                     ? check(dist::gatherBatch(outs[i], o.batchDim(),
                                               o.axes[o.batchDim()].length))
                     : outs[i];
  }
  return storage;
}

/// Every rank takes rank 0's variables (which it may have loaded from a
/// checkpoint only it can read).
static void shareVariables(Transformer &t) {
  if (dist::size() == 1)
    return;
  for (const ValueInfo &v : t.variables()) {
    Tensor value = check(t.readVariable(v.name));
    check(dist::broadcast(value.bytes.data(), value.bytes.size()));
    check(t.writeVariable(v.name, value));
  }
}

/// Fails if the ranks' variables are not bit-identical (they apply the
/// same combined updates, so they never should be).
static void checkReplicasAgree(Transformer &t) {
  if (dist::size() == 1)
    return;
  uint64_t hash = 1469598103934665603ull; // FNV-1a
  for (const ValueInfo &v : t.variables()) {
    Tensor value = check(t.readVariable(v.name));
    for (uint8_t byte : value.bytes)
      hash = (hash ^ byte) * 1099511628211ull;
  }
  if (llvm::Error e = dist::checkSame(hash, "the variables' values"))
    fail(llvm::toString(std::move(e)) +
         " after training: the replicas diverged (please report this)");
}

//===----------------------------------------------------------------------===//
// Training
//===----------------------------------------------------------------------===//

/// Saves every variable, and `epoch` as "__epoch__" when >= 0.
static void saveVariables(Transformer &t, const std::string &path, int64_t epoch) {
  std::map<std::string, Tensor> arrays;
  for (const ValueInfo &v : t.variables())
    arrays[v.name] = check(t.readVariable(v.name));
  if (epoch >= 0)
    arrays["__epoch__"] = Tensor::scalar(DType::I64, epoch);
  check(writeNpzAtomic(path, arrays));
}

/// Loads every variable; returns "__epoch__" or -1.
static int64_t loadVariables(Transformer &t, const std::string &path) {
  auto arrays = check(readNpz(path));
  for (const ValueInfo &v : t.variables()) {
    auto it = arrays.find(v.name);
    if (it == arrays.end())
      fail("checkpoint '" + path + "' has no array for variable '" + v.name + "'");
    check(t.writeVariable(v.name, it->second));
  }
  auto e = arrays.find("__epoch__");
  return e == arrays.end() ? -1 : (int64_t)e->second.get(0);
}

namespace {
struct EpochRecord {
  int64_t epoch;
  double loss;                 // mean of the step's first output, or NaN
  std::vector<double> evals;   // evaluation outputs, reduced
};
} // namespace

static std::string jsonNumber(double v) {
  return std::isfinite(v) ? formatNumber(v, DType::F64) : "null";
}

static void writeMetricsLog(const std::string &path,
                            const std::vector<EpochRecord> &records) {
  std::string text;
  for (const EpochRecord &r : records) {
    text += "{\"epoch\": " + std::to_string(r.epoch) +
            ", \"loss\": " + jsonNumber(r.loss);
    for (size_t k = 0; k < r.evals.size(); ++k)
      text += ", \"eval" + std::to_string(k) + "\": " + jsonNumber(r.evals[k]);
    text += "}\n";
  }
  check(writeFileAtomic(path, text));
}

/// A learning curve: training loss and every evaluation output per epoch,
/// each series scaled to its own range and labelled with it.
static void writePlot(const std::string &path,
                      const std::vector<EpochRecord> &records) {
  const double w = 720, h = 420, left = 60, right = 200, top = 30, bottom = 50;
  std::vector<std::pair<std::string, std::vector<double>>> series;
  std::vector<double> loss;
  for (const EpochRecord &r : records)
    loss.push_back(r.loss);
  series.push_back({"training loss", loss});
  size_t nEval = records.empty() ? 0 : records.back().evals.size();
  for (size_t k = 0; k < nEval; ++k) {
    std::vector<double> v;
    for (const EpochRecord &r : records)
      v.push_back(k < r.evals.size() ? r.evals[k] : NAN);
    series.push_back({"eval" + std::to_string(k), v});
  }
  const char *colors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"};
  std::string svg;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" "
                "font-family=\"sans-serif\" font-size=\"12\">\n"
                "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
                w, h);
  svg += buf;
  double pw = w - left - right, ph = h - top - bottom;
  std::snprintf(buf, sizeof buf,
                "<rect x=\"%g\" y=\"%g\" width=\"%g\" height=\"%g\" fill=\"none\" stroke=\"#888\"/>\n"
                "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">epoch</text>\n",
                left, top, pw, ph, left + pw / 2, h - 12);
  svg += buf;
  size_t n = records.size();
  for (size_t i = 0; i < n; ++i) {
    double x = left + (n > 1 ? pw * i / (n - 1) : pw / 2);
    std::snprintf(buf, sizeof buf,
                  "<text x=\"%g\" y=\"%g\" text-anchor=\"middle\">%lld</text>\n", x,
                  top + ph + 16, (long long)records[i].epoch);
    if (n <= 20 || i % ((n + 19) / 20) == 0)
      svg += buf;
  }
  for (size_t sIdx = 0; sIdx < series.size(); ++sIdx) {
    const auto &[name, v] = series[sIdx];
    double lo = INFINITY, hi = -INFINITY;
    for (double x : v)
      if (std::isfinite(x))
        lo = std::min(lo, x), hi = std::max(hi, x);
    if (!std::isfinite(lo))
      continue;
    if (hi == lo)
      hi = lo + 1;
    std::string pts;
    for (size_t i = 0; i < v.size(); ++i) {
      if (!std::isfinite(v[i]))
        continue;
      double x = left + (n > 1 ? pw * i / (n - 1) : pw / 2);
      double y = top + ph - ph * (v[i] - lo) / (hi - lo);
      std::snprintf(buf, sizeof buf, "%.1f,%.1f ", x, y);
      pts += buf;
    }
    const char *color = colors[sIdx % 5];
    svg += "<polyline fill=\"none\" stroke-width=\"2\" stroke=\"" + std::string(color) +
           "\" points=\"" + pts + "\"/>\n";
    std::snprintf(buf, sizeof buf,
                  "<text x=\"%g\" y=\"%g\" fill=\"%s\">%s: %s .. %s</text>\n",
                  left + pw + 10, top + 16 + 18.0 * sIdx, color, name.c_str(),
                  formatNumber(lo, DType::F32).c_str(),
                  formatNumber(hi, DType::F32).c_str());
    svg += buf;
  }
  svg += "</svg>\n";
  check(writeFileAtomic(path, svg));
}

static void train(Transformer &t, const DataSet &data) {
  const ComputationInfo *c = computationOrFail(t, trainName);
  std::vector<Feed> trainFeeds = makeFeeds(*c, feeds, data);
  int64_t batches = countBatches(trainFeeds, "training data");
  int64_t samples = 0;
  for (const Feed &f : trainFeeds)
    if (f.expr.empty() && f.batchAxis >= 0)
      samples = f.samples;

  const ComputationInfo *ec = nullptr;
  std::vector<Feed> evalFeedList;
  int64_t evalBatches = 0;
  if (!evalName.empty()) {
    ec = computationOrFail(t, evalName);
    evalFeedList = makeFeeds(*ec, evalFeeds, data);
    evalBatches = countBatches(evalFeedList, "evaluation data");
    for (const ValueInfo &o : ec->outputs)
      if (o.isEffect || !o.axes.empty())
        fail("evaluation computation '" + ec->name + "' must have scalar outputs only");
  }
  // Every evaluation output summed over the batches, divided per --eval-divisor.
  auto evaluate = [&](double epoch) {
    std::vector<double> totals(ec->outputs.size(), 0.0);
    int64_t evalBatchLen = 1;
    for (const Feed &f : evalFeedList)
      if (f.batchAxis >= 0)
        evalBatchLen = f.placeholder->axes[f.batchAxis].length;
    std::vector<Tensor> outs;
    for (int64_t b = 0; b < evalBatches; ++b) {
      std::vector<Tensor> ins;
      for (const Feed &f : evalFeedList)
        ins.push_back(sliceBatch(f, b, epoch, b));
      check(t.call(ec->name, ins, outs));
      checkFinite(*ec, outs);
      for (size_t k = 0; k < outs.size(); ++k)
        totals[k] += outs[k].get(0);
    }
    double div = evalDivisor == "batches"      ? evalBatches
                 : evalDivisor == "batch-size" ? evalBatchLen
                 : evalDivisor == "samples"    ? evalBatches * evalBatchLen
                                               : 0;
    if (div == 0)
      fail("--eval-divisor takes batches, batch-size or samples");
    for (double &v : totals)
      v /= div;
    return totals;
  };
  auto evalFields = [&](double epoch, std::map<std::string, std::string> &fields,
                        const std::string &fmt, EpochRecord *record) {
    bool wanted = fmt.find("{eval") != std::string::npos || record;
    if (!ec || !wanted)
      return;
    std::vector<double> v = evaluate(epoch);
    for (size_t k = 0; k < v.size(); ++k)
      fields["eval" + std::to_string(k)] = formatNumber(v[k], DType::F64);
    fields["eval"] = fields["eval0"];
    if (record)
      record->evals = v;
  };

  int64_t firstEpoch = 0;
  if (!resumeFile.empty()) {
    if (isRoot()) {
      firstEpoch = loadVariables(t, resumeFile);
      if (firstEpoch < 0)
        fail("'" + resumeFile + "' has no epoch; it was not written by --checkpoint");
    }
    check(dist::broadcast(&firstEpoch, sizeof(firstEpoch)));
    shareVariables(t);
  }
  bool progress = isRoot() && (progressMode == "always" ||
                                (progressMode == "auto" && isatty(2)));
  if (progressMode != "auto" && progressMode != "always" && progressMode != "never")
    fail("--progress takes auto, always or never");

  if (!printBefore.empty()) {
    std::map<std::string, std::string> fields;
    evalFields(firstEpoch, fields, printBefore, nullptr);
    llvm::outs() << render(printBefore, nullptr, nullptr, fields) << "\n";
  }
  std::vector<EpochRecord> records;
  std::vector<Tensor> outs, gathered;
  std::vector<int64_t> order(samples);
  int64_t step = firstEpoch * batches;
  double callSeconds = 0;
  auto startTime = std::chrono::steady_clock::now();
  for (int64_t e = firstEpoch; e < epochs; ++e) {
    for (int64_t i = 0; i < samples; ++i)
      order[i] = i;
    if (shuffleSeed >= 0) {
      // A fresh, seeded permutation per epoch: resuming at epoch e replays it.
      RandomState rng((uint32_t)shuffleSeed + (uint32_t)e * 1000003u);
      for (int64_t i = samples - 1; i > 0; --i)
        std::swap(order[i], order[(int64_t)(rng.randomSample() * (i + 1))]);
    }
    double lossSum = 0;
    bool scalarLoss = !c->outputs.empty() && !c->outputs[0].isEffect &&
                      c->outputs[0].axes.empty();
    for (int64_t b = 0; b < batches; ++b, ++step) {
      std::vector<Tensor> ins;
      for (const Feed &f : trainFeeds)
        ins.push_back(sliceBatch(f, b, e, step, samples ? &order : nullptr));
      auto before = std::chrono::steady_clock::now();
      check(t.call(c->name, ins, outs));
      callSeconds += std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - before).count();
      checkFinite(*c, outs);
      if (scalarLoss)
        lossSum += outs[0].get(0);
      if (!printStep.empty())
        llvm::outs() << render(printStep, c, &wholeOutputs(*c, outs, gathered),
                               {{"epoch", std::to_string(e)},
                                {"step", std::to_string(step)}})
                     << "\n";
      if (progress) {
        double secs = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - startTime).count();
        llvm::errs() << llvm::format("\repoch %lld/%d  step %lld/%lld  %.0f steps/s",
                                     (long long)e + 1, (int)epochs, (long long)b + 1,
                                     (long long)batches,
                                     (step - firstEpoch * batches + 1) / std::max(secs, 1e-9));
        if (scalarLoss)
          llvm::errs() << "  loss " << formatNumber(outs[0].get(0), DType::F32);
        llvm::errs() << "   ";
      }
    }
    if (progress)
      llvm::errs() << "\n";
    EpochRecord record{e, scalarLoss ? lossSum / batches : NAN, {}};
    bool wantRecord = !metricsLog.empty() || !plotFile.empty();
    std::map<std::string, std::string> fields = {
        {"epoch", std::to_string(e)},
        {"loss", formatNumber(record.loss, DType::F64)}};
    evalFields(e, fields, printEpoch, wantRecord ? &record : nullptr);
    if (!printEpoch.empty())
      llvm::outs() << render(printEpoch, c, &wholeOutputs(*c, outs, gathered),
                             fields)
                   << "\n";
    llvm::outs().flush();
    records.push_back(record);
    if (!checkpointFile.empty() && isRoot())
      saveVariables(t, checkpointFile, e + 1);
    if (!metricsLog.empty() && isRoot())
      writeMetricsLog(metricsLog, records);
  }
  checkReplicasAgree(t);
  if (!plotFile.empty() && isRoot())
    writePlot(plotFile, records);
  if (showTime && isRoot()) {
    const ngraph::CompileTimes &ct = t.compileTimes();
    llvm::errs() << llvm::format("compile %.3f s (lowering %.3f, LLVM "
                                 "optimization %.3f, code generation %.3f); "
                                 "%lld steps, %.2f us per step "
                                 "(the compiled call only)\n",
                                 ct.total(), ct.lowering, ct.optimization,
                                 ct.codegen,
                                 (long long)(step - firstEpoch * batches),
                                 step > firstEpoch * batches
                                     ? 1e6 * callSeconds / (step - firstEpoch * batches)
                                     : 0.0);
  }
}

int main(int argc, char **argv) {
  llvm::InitLLVM y(argc, argv);
  // Past a file-size limit, let write() fail with EFBIG (which is reported
  // and leaves the previous file intact) instead of killing the process.
  std::signal(SIGXFSZ, SIG_IGN);
  cl::HideUnrelatedOptions(runnerCategory);
  cl::ParseCommandLineOptions(argc, argv, "ngraph-runner: JIT-compile an ng graph and run it\n");
  if (onNonFinite != "warn" && onNonFinite != "stop")
    fail("--nonfinite takes warn or stop");
  // Under mpirun this process is one rank of a data-parallel run: it
  // compiles its share of every batch, and only rank 0 prints and writes.
  if (tools::launchedByMPI()) {
    check(dist::init(&argc, &argv, "ngraph-runner", commTimeout));
    if (dist::size() > 1 && !isRoot()) {
      int null = open("/dev/null", O_WRONLY);
      if (null < 0 || dup2(null, 1) < 0)
        fail(std::string("cannot silence stdout: ") + strerror(errno));
      close(null);
    }
  }

  CompileOptions options;
  options.target = check(tools::runnableTarget(targetName));
  options.optLevel = optLevel;
  options.fuse = !noFuse;
  options.schedule = !noSchedule;
  options.threads = threads;
  options.dumpStages = dumpStages;
  options.verifyEachPass = verifyEach;
  options.ranks = dist::size();
  options.rank = dist::rank();
  options.overlapCollectives = overlapComm;
  std::unique_ptr<Transformer> t = check(Transformer::load(graphFile, options));

  if (listComputations) {
    for (const ComputationInfo &c : t->computations()) {
      llvm::outs() << "computation " << c.name << "\n";
      for (const ValueInfo &v : c.inputs)
        llvm::outs() << "  input  " << v.describe() << "\n";
      for (const ValueInfo &v : c.outputs)
        llvm::outs() << "  output " << v.describe() << "\n";
    }
    for (const ValueInfo &v : t->variables())
      llvm::outs() << "variable " << v.describe() << "\n";
  }

  if (!loadCkpt.empty() && isRoot())
    loadVariables(*t, loadCkpt);
  shareVariables(*t);

  if (!gradcheckName.empty()) {
    if (dist::size() > 1)
      fail("--gradcheck runs in one process; start it without mpirun");
    int rc = gradcheck(*t, gradcheckName);
    dist::finalize();
    return rc;
  }

  DataSet data = loadData(dataSpec);
  if (!dumpData.empty() && isRoot())
    check(writeNpzAtomic(dumpData, data));

  if (!callName.empty()) {
    const ComputationInfo *c = computationOrFail(*t, callName);
    std::map<std::string, std::string> given =
        parseAssignments(inputs, "--input wants NAME=VALUE");
    std::vector<Tensor> ins;
    for (const ValueInfo &p : c->inputs) {
      auto it = given.find(p.name);
      if (it == given.end())
        fail("computation '" + c->name + "' needs input " + p.describe() +
             "; give it with --input " + p.name + "=...");
      Tensor whole = parseInput(p, it->second);
      // Checked whole, before this rank takes its part of it.
      if (dist::size() > 1 && whole.shape != p.shape())
        fail("input " + p.describe() + " needs shape " + shapeString(p.shape()) +
             ", got " + shapeString(whole.shape));
      ins.push_back(dist::localPart(whole, p.batchDim()));
    }
    std::vector<Tensor> local, gathered;
    check(t->call(c->name, ins, local));
    checkFinite(*c, local);
    const std::vector<Tensor> &outs = wholeOutputs(*c, local, gathered);
    if (!isRoot()) {
      // Only rank 0 holds the gathered outputs.
    } else if (!callOutput.empty()) {
      std::map<std::string, Tensor> arrays;
      for (size_t i = 0; i < outs.size(); ++i)
        if (!c->outputs[i].isEffect)
          arrays["out" + std::to_string(i)] = outs[i];
      check(writeNpzAtomic(callOutput, arrays));
    } else if (!printStep.empty())
      llvm::outs() << render(printStep, c, &outs, {}) << "\n";
    else
      for (size_t i = 0; i < outs.size(); ++i)
        if (!c->outputs[i].isEffect)
          llvm::outs() << formatTensor(outs[i]) << "\n";
  }

  if (!trainName.empty())
    train(*t, data);

  if (!saveCkpt.empty() && isRoot())
    saveVariables(*t, saveCkpt, -1);
  dist::finalize();
  return 0;
}
