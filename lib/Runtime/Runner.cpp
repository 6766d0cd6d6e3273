//===- Runner.cpp - what ngraph-runner does, as a library -----------------===//
#include "NGraph/Runtime/Runner.h"
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Support/NumpyFormat.h"
#include "NGraph/Support/RandomState.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <cmath>

using namespace ngraph;
using llvm::createStringError;

using dist::isRoot;

//===----------------------------------------------------------------------===//
// Formats
//===----------------------------------------------------------------------===//

/// The output a format key names, or -1.
static int64_t outputIndex(const std::string &key, const ComputationInfo &c) {
  int64_t idx = -1;
  if (!key.empty() && key.size() < 10 &&
      std::all_of(key.begin(), key.end(), ::isdigit))
    idx = std::stoll(key);
  else
    for (size_t k = 0; k < c.outputs.size(); ++k)
      if (c.outputs[k].name == key)
        idx = k;
  if (idx < 0 || idx >= (int64_t)c.outputs.size() || c.outputs[idx].isEffect)
    return -1;
  return idx;
}

llvm::Error ngraph::checkFormat(const std::string &fmt, const ComputationInfo *c,
                                const std::vector<std::string> &fields) {
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '}')
      return createStringError("format '%s': unmatched '}' at column %zu",
                               fmt.c_str(), i + 1);
    if (fmt[i] != '{')
      continue;
    size_t e = fmt.find_first_of("{}", i + 1);
    if (e == std::string::npos || fmt[e] != '}')
      return createStringError("format '%s': unclosed '{' at column %zu",
                               fmt.c_str(), i + 1);
    std::string key = fmt.substr(i + 1, e - i - 1);
    i = e;
    if (std::find(fields.begin(), fields.end(), key) != fields.end())
      continue;
    if (c && outputIndex(key, *c) >= 0)
      continue;
    std::string known;
    for (const std::string &f : fields)
      known += (known.empty() ? "" : ", ") + ("{" + f + "}");
    if (c)
      known += std::string(known.empty() ? "" : ", ") + "{0}.. or {NAME} of " +
               "the value outputs of '" + c->name + "'";
    return createStringError("format '%s': '{%s}' is not available here "
                             "(available: %s)",
                             fmt.c_str(), key.c_str(),
                             known.empty() ? "nothing" : known.c_str());
  }
  return llvm::Error::success();
}

std::string ngraph::renderFormat(const std::string &fmt, const ComputationInfo *c,
                                 const std::vector<Tensor> *outs,
                                 const std::map<std::string, std::string> &fields) {
  std::string r;
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '{') {
      r += fmt[i];
      continue;
    }
    size_t e = fmt.find('}', i);
    std::string key = fmt.substr(i + 1, e - i - 1);
    i = e;
    if (auto it = fields.find(key); it != fields.end())
      r += it->second;
    else if (c && outs)
      r += formatArray((*outs)[outputIndex(key, *c)]);
  }
  return r;
}

//===----------------------------------------------------------------------===//
// Calls
//===----------------------------------------------------------------------===//

llvm::Expected<const ComputationInfo *>
ngraph::lookupComputation(const Transformer &t, const std::string &name,
                          const std::string &option) {
  if (const ComputationInfo *c = t.computation(name))
    return c;
  std::string known;
  for (const ComputationInfo &k : t.computations())
    known += (known.empty() ? "" : ", ") + k.name;
  return createStringError("%s%sunknown computation '%s' (the graph defines: "
                           "%s)",
                           option.c_str(), option.empty() ? "" : ": ",
                           name.c_str(), known.c_str());
}

llvm::Expected<BoundComputation>
ngraph::bindBatch(const ComputationInfo &c, int64_t length,
                  const std::string &option, const std::string &how) {
  BoundComputation b;
  std::vector<std::string> axes = c.dynamicAxes();
  if (axes.empty()) {
    b.info = c;
    return b;
  }
  if (length < 1) {
    std::string names;
    for (const std::string &a : axes)
      names += (names.empty() ? "" : ", ") + a;
    return createStringError("%s%scomputation '%s' has batch axes of length ? "
                             "(%s): give their length with %s",
                             option.c_str(), option.empty() ? "" : ": ",
                             c.name.c_str(), names.c_str(), how.c_str());
  }
  b.lengths = c.dynamicAxesAt(length);
  b.info = c.withLengths(b.lengths);
  return b;
}

llvm::Error ngraph::checkFiniteOutputs(const ComputationInfo &c,
                                       const std::vector<Tensor> &outs,
                                       NonFinitePolicy policy,
                                       llvm::raw_ostream &err, bool &warned) {
  for (size_t i = 0; i < outs.size(); ++i) {
    const Tensor &x = outs[i];
    if (c.outputs[i].isEffect || !isFloat(x.dtype))
      continue;
    int64_t k = 0, n = x.numElements();
    while (k < n && std::isfinite(x.get(k)))
      ++k;
    if (k == n)
      continue;
    std::string what = "output #" + std::to_string(i) + " (" +
                       c.outputs[i].describe() + ") of '" + c.name +
                       "' contains NaN or Inf";
    if (policy == NonFinitePolicy::Stop)
      return createStringError("%s; stopping (--nonfinite=stop)",
                               what.c_str());
    if (!warned)
      // One write: ranks may warn at once into the same stream.
      err << "ngraph-runner: warning: " +
                 (dist::size() > 1
                      ? "rank " + std::to_string(dist::rank()) + ": "
                      : std::string()) +
                 what + "\n";
    warned = true;
  }
  return llvm::Error::success();
}

llvm::Expected<const std::vector<Tensor> *>
ngraph::gatherOutputs(const ComputationInfo &c,
                      const std::vector<Tensor> &local,
                      std::vector<Tensor> &storage) {
  if (dist::size() == 1)
    return &local;
  storage = local;
  for (size_t i = 0; i < local.size(); ++i) {
    const ValueInfo &v = c.outputs[i];
    if (v.isEffect || v.batchDim() < 0)
      continue;
    auto whole =
        dist::gatherBatch(local[i], v.batchDim(), v.axes[v.batchDim()].length);
    if (!whole)
      return whole.takeError();
    storage[i] = std::move(*whole);
  }
  return &storage;
}

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

llvm::Error ngraph::validateRunOptions(const RunOptions &o) {
  const TrainOptions &t = o.train;
  bool train = !t.computation.empty(), call = !o.call.empty(),
       grad = !o.gradcheck.computation.empty(),
       generate = !o.generate.computation.empty(),
       predict = !o.predict.computation.empty();
  if (!o.list && !train && !call && !grad && !generate && !predict &&
      o.save.empty() && o.dumpData.empty())
    return createStringError("nothing to do: give --call, --train, "
                             "--predict, --gradcheck, --generate, --list, "
                             "--save or --dump-data-npz (see --help)");
  if (grad && (train || call || generate || predict))
    return createStringError("--gradcheck runs on its own: not with --call, "
                             "--train, --predict or --generate");
  if (generate && call)
    return createStringError("--generate and --call both take --input: give "
                             "one");
  struct Need { bool given; const char *option, *needed; } rules[] = {
      {!o.inputs.empty() && !call && !generate, "--input",
       "--call or --generate"},
      {!o.callOutput.empty() && !call, "--output", "--call"},
      {!o.print.empty() && !call && !train, "--print", "--call or --train"},
      {!t.feeds.empty() && !train, "--feed", "--train"},
      {!t.eval.empty() && !train, "--eval", "--train"},
      {!t.evalFeeds.empty() && t.eval.empty(), "--eval-feed", "--eval"},
      {!t.printEpoch.empty() && !train, "--print-epoch", "--train"},
      {!t.printStart.empty() && !train, "--print-start", "--train"},
      {!t.checkpoint.empty() && !train, "--checkpoint", "--train"},
      {!t.resume.empty() && !train, "--resume", "--train"},
      {!t.metricsLog.empty() && !train, "--metrics-log", "--train"},
      {!t.plot.empty() && !train, "--plot", "--train"},
      {t.shuffleSeed >= 0 && !train, "--shuffle", "--train"},
      {!t.keepBest.empty() && !train, "--keep-best", "--train"},
      {t.patience > 0 && !train, "--patience", "--train"},
      {!t.monitor.empty() && !train, "--monitor", "--train"},
      {!o.predict.feeds.empty() && !predict, "--predict-feed", "--predict"},
      {!o.predict.output.empty() && !predict, "--predict-out", "--predict"},
      {!o.predict.labels.empty() && !predict, "--labels", "--predict"},
      {!o.predict.metrics.empty() && o.predict.labels.empty(), "--metrics",
       "--labels"},
      {o.predict.scores >= 0 && o.predict.labels.empty(), "--scores",
       "--labels"},
  };
  for (const Need &n : rules)
    if (n.given)
      return createStringError("%s needs %s", n.option, n.needed);
  if (!o.load.empty() && !t.resume.empty())
    return createStringError("--load and --resume both set the variables: "
                             "give one");
  if (!o.callOutput.empty() && !o.print.empty())
    return createStringError("--output writes the call's outputs to a file; "
                             "--print prints them: give one");
  if (predict) {
    if (llvm::Error e = parseMetrics(o.predict.metrics).takeError())
      return e;
    llvm::StringRef out(o.predict.output);
    if (!out.empty() && !out.ends_with(".csv") && !out.ends_with(".npz"))
      return createStringError("--predict-out %s: the file's name must end "
                               "in .csv or .npz (the format written)",
                               o.predict.output.c_str());
  }
  if (grad && !(o.gradcheck.low < o.gradcheck.high))
    return createStringError("--gradcheck-range wants LOW,HIGH with LOW < "
                             "HIGH");
  // Output files are checked now, not after hours of training.
  if (isRoot()) {
    std::pair<const std::string *, const char *> outputs[] = {
        {&o.save, "--save"},           {&o.dumpData, "--dump-data-npz"},
        {&o.callOutput, "--output"},   {&t.checkpoint, "--checkpoint"},
        {&t.metricsLog, "--metrics-log"}, {&t.plot, "--plot"},
        {&t.keepBest, "--keep-best"}, {&o.predict.output, "--predict-out"}};
    for (auto [path, option] : outputs)
      if (!path->empty())
        if (llvm::Error e = checkWritable(*path))
          return createStringError("%s: %s", option,
                                   llvm::toString(std::move(e)).c_str());
  }
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Gradient checks
//===----------------------------------------------------------------------===//

llvm::Expected<bool> ngraph::gradcheck(Transformer &t,
                                       const GradcheckOptions &o,
                                       llvm::raw_ostream &out) {
  auto found = lookupComputation(t, o.computation, "--gradcheck");
  if (!found)
    return found.takeError();
  auto bound = bindBatch(**found, o.batchSize, "--gradcheck", "--batch-size");
  if (!bound)
    return bound.takeError();
  const ComputationInfo *c = &bound->info;
  size_t n = c->inputs.size();
  if (c->outputs.size() != n + 1 || c->outputs[0].isEffect ||
      !c->outputs[0].axes.empty())
    return createStringError(
        "--gradcheck wants outputs (scalar loss, d loss/d input 1, ..., d "
        "loss/d input n) for the n inputs of '%s'",
        o.computation.c_str());
  for (size_t i = 0; i < n; ++i)
    if (c->outputs[i + 1].isEffect ||
        c->outputs[i + 1].shape() != c->inputs[i].shape())
      return createStringError("output #%zu of '%s' must have the shape of "
                               "input %s",
                               i + 1, o.computation.c_str(),
                               c->inputs[i].describe().c_str());
  RandomState rng(o.seed);
  std::vector<Tensor> ins;
  for (const ValueInfo &p : c->inputs) {
    Tensor x(p.dtype, p.shape());
    for (int64_t k = 0; k < x.numElements(); ++k)
      x.set(k, rng.uniform(o.low, o.high));
    ins.push_back(std::move(x));
  }
  std::vector<Tensor> grads, outs;
  if (llvm::Error e = t.call(c->name, ins, grads))
    return std::move(e);
  double worst = 0, h = o.step;
  int64_t count = 0;
  for (size_t i = 0; i < n; ++i) {
    for (int64_t k = 0; k < ins[i].numElements(); ++k, ++count) {
      double x0 = ins[i].get(k), fx[2];
      for (int side = 0; side < 2; ++side) {
        ins[i].set(k, x0 + (side ? -h : h));
        if (llvm::Error e = t.call(c->name, ins, outs))
          return std::move(e);
        fx[side] = outs[0].get(0);
      }
      ins[i].set(k, x0);
      double fd = (fx[0] - fx[1]) / (2 * h), g = grads[i + 1].get(k);
      double err = std::fabs(fd - g) / std::max({1.0, std::fabs(fd), std::fabs(g)});
      if (!(err <= worst))
        worst = err;
      if (!(err <= o.tolerance))
        out << "  mismatch: d/d " << c->inputs[i].name
            << indexString(ins[i].shape, k) << ": finite difference "
            << formatScalar(fd, DType::F64) << ", gradient "
            << formatScalar(g, DType::F64) << "\n";
    }
  }
  bool ok = worst <= o.tolerance;
  out << "gradcheck " << c->name << ": " << (ok ? "ok" : "FAILED") << ", "
      << count << " elements, max error " << llvm::format("%.3g", worst)
      << " (tolerance " << llvm::format("%.3g", o.tolerance) << ")\n";
  return ok;
}

//===----------------------------------------------------------------------===//
// Checkpoints, single calls, the session
//===----------------------------------------------------------------------===//

/// True if `shape` fits `p`: its lengths, any positive one on a `?` axis.
static bool fitsPlaceholder(const ValueInfo &p, const std::vector<int64_t> &shape) {
  if (shape.size() != p.axes.size())
    return false;
  for (size_t i = 0; i < shape.size(); ++i)
    if (p.axes[i].dynamic() ? shape[i] < 1 : shape[i] != p.axes[i].length)
      return false;
  return true;
}

/// `p` is bound (no `?` axes) for a number; a file may give any length on
/// a `?` axis.
static llvm::Expected<Tensor> parseInput(const ValueInfo &p,
                                         const std::string &text) {
  std::string what = "--input " + p.name;
  Tensor t;
  if (!text.empty() && text[0] == '@') {
    auto read = readNpy(text.substr(1));
    if (!read)
      return read.takeError();
    t = std::move(*read);
  } else {
    auto v = parseNumber(text, -1e308, 1e308, what);
    if (!v)
      return createStringError("%s (or @FILE.npy)",
                               llvm::toString(v.takeError()).c_str());
    if (p.hasDynamicAxes())
      return createStringError("%s: placeholder %s has an axis of length ?: "
                               "give its length with --batch-size or the "
                               "input as @FILE.npy",
                               what.c_str(), p.describe().c_str());
    t = Tensor(DType::F64, p.shape());
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.set(i, *v);
  }
  if (!fitsPlaceholder(p, t.shape))
    return createStringError("%s: placeholder %s needs shape %s, got %s",
                             what.c_str(), p.describe().c_str(),
                             shapeString(p.shape()).c_str(),
                             shapeString(t.shape).c_str());
  return t.convertTo(p.dtype, what);
}

static llvm::Error callOnce(Transformer &t, const RunOptions &o,
                            llvm::raw_ostream &out, llvm::raw_ostream &err) {
  auto found = lookupComputation(t, o.call, "");
  if (!found)
    return found.takeError();
  // With --batch-size the `?` axes are bound now; without, each input file
  // gives the lengths.
  const ComputationInfo *generic = *found;
  BoundComputation bound;
  if (o.batchSize > 0) {
    auto b = bindBatch(*generic, o.batchSize, "", "--batch-size");
    if (!b)
      return b.takeError();
    bound = std::move(*b);
    generic = &bound.info;
  }
  if (llvm::Error e = checkFormat(o.print, generic, {}))
    return createStringError("--print: %s", llvm::toString(std::move(e)).c_str());
  auto given = parseAssignments(o.inputs, "--input wants NAME=VALUE");
  if (!given)
    return given.takeError();
  std::vector<Tensor> wholes;
  for (const ValueInfo &p : generic->inputs) {
    auto it = given->find(p.name);
    if (it == given->end())
      return createStringError("computation '%s' needs input %s; give it "
                               "with --input %s=...",
                               generic->name.c_str(), p.describe().c_str(),
                               p.name.c_str());
    auto whole = parseInput(p, it->second);
    if (!whole)
      return whole.takeError();
    given->erase(it);
    wholes.push_back(std::move(*whole));
  }
  if (!given->empty())
    return createStringError("--input %s=...: computation '%s' has no input "
                             "named '%s'",
                             given->begin()->first.c_str(),
                             generic->name.c_str(),
                             given->begin()->first.c_str());
  // The whole batch's lengths, read before the inputs are split by rank.
  std::vector<const Tensor *> ptrs;
  for (const Tensor &w : wholes)
    ptrs.push_back(&w);
  auto lengths = generic->lengthsOf(ptrs);
  if (!lengths)
    return lengths.takeError();
  for (const std::string &a : generic->dynamicAxes())
    if (!lengths->count(a))
      return createStringError("computation '%s': no input has axis %s, "
                               "whose length is ?; give it with --batch-size",
                               generic->name.c_str(), a.c_str());
  ComputationInfo resolved = generic->withLengths(*lengths);
  const ComputationInfo *c = &resolved;
  std::vector<Tensor> ins;
  for (size_t i = 0; i < wholes.size(); ++i)
    ins.push_back(dist::localPart(wholes[i], c->inputs[i].batchDim()));
  std::vector<const Tensor *> local_ins;
  for (const Tensor &x : ins)
    local_ins.push_back(&x);
  std::vector<Tensor> local, gathered;
  if (llvm::Error e = t.call(c->name, local_ins, local, *lengths))
    return e;
  // Each rank checks its own part (only rank 0 holds gathered outputs).
  bool warned = false;
  if (llvm::Error e = checkFiniteOutputs(*c, local, o.nonFinite, err, warned))
    return e;
  auto outs = gatherOutputs(*c, local, gathered);
  if (!outs)
    return outs.takeError();
  if (!isRoot())
    return llvm::Error::success();
  if (!o.callOutput.empty()) {
    std::map<std::string, Tensor> arrays;
    for (size_t i = 0; i < (*outs)->size(); ++i)
      if (!c->outputs[i].isEffect)
        arrays["out" + std::to_string(i)] = (**outs)[i];
    return writeNpzAtomic(o.callOutput, arrays);
  }
  if (!o.print.empty()) {
    out << renderFormat(o.print, c, *outs, {}) << "\n";
    return llvm::Error::success();
  }
  for (size_t i = 0; i < (*outs)->size(); ++i)
    if (!c->outputs[i].isEffect)
      out << formatArray((**outs)[i]) << "\n";
  return llvm::Error::success();
}

/// The inputs `--input` gives, parsed for computation `c`'s placeholders.
static llvm::Expected<std::map<std::string, Tensor>>
givenInputs(const ComputationInfo &c, const std::vector<std::string> &inputs) {
  auto given = parseAssignments(inputs, "--input wants NAME=VALUE");
  if (!given)
    return given.takeError();
  std::map<std::string, Tensor> parsed;
  for (const auto &[name, text] : *given) {
    const ValueInfo *p = nullptr;
    for (const ValueInfo &in : c.inputs)
      if (in.name == name)
        p = &in;
    if (!p)
      return createStringError("--input %s=...: computation '%s' has no "
                               "input named '%s'",
                               name.c_str(), c.name.c_str(), name.c_str());
    auto value = parseInput(*p, text);
    if (!value)
      return value.takeError();
    parsed[name] = std::move(*value);
  }
  return parsed;
}

static llvm::Error generateOnce(Transformer &t, const RunOptions &o,
                                llvm::raw_ostream &out) {
  if (dist::size() > 1)
    return createStringError("--generate runs in one process; start it "
                             "without mpirun");
  auto found = lookupComputation(t, o.generate.computation, "--generate");
  if (!found)
    return found.takeError();
  auto inputs = givenInputs(**found, o.inputs);
  if (!inputs)
    return inputs.takeError();
  GenerateOptions g = o.generate;
  g.maxCalls = o.maxCalls;
  auto text = generateText(t, g, *inputs);
  if (!text)
    return text.takeError();
  out << *text << "\n";
  return llvm::Error::success();
}

llvm::Expected<int> ngraph::runGraph(Transformer &t, const RunOptions &o,
                                     llvm::raw_ostream &out,
                                     llvm::raw_ostream &err) {
  if (o.batchSize > 0 && t.dynamicAxes().empty())
    return createStringError("--batch-size: the graph's axes all have fixed "
                             "lengths; write the batch axis as N:? to choose "
                             "its length at run time");
  if (o.list && isRoot()) {
    for (const ComputationInfo &c : t.computations()) {
      out << "computation " << c.name << "\n";
      for (const ValueInfo &v : c.inputs)
        out << "  input  " << v.describe() << "\n";
      for (const ValueInfo &v : c.outputs)
        out << "  output " << v.describe() << "\n";
    }
    for (const ValueInfo &v : t.variables())
      out << "variable " << v.describe() << "\n";
  }
  if (!o.load.empty() && isRoot())
    if (llvm::Error e = loadCheckpoint(t, o.load).takeError())
      return std::move(e);
  if (llvm::Error e = shareVariables(t))
    return std::move(e);

  if (!o.gradcheck.computation.empty()) {
    if (dist::size() > 1)
      return createStringError("--gradcheck runs in one process; start it "
                               "without mpirun");
    auto ok = gradcheck(t, o.gradcheck, out);
    if (!ok)
      return ok.takeError();
    return *ok ? 0 : 1;
  }

  auto data = loadDataSet(o.data, o.dataLimits);
  if (!data)
    return data.takeError();
  if (!o.dumpData.empty() && isRoot())
    if (llvm::Error e = writeNpzAtomic(o.dumpData, *data))
      return std::move(e);
  if (!o.call.empty())
    if (llvm::Error e = callOnce(t, o, out, err))
      return std::move(e);
  if (!o.train.computation.empty()) {
    auto trainer = Trainer::create(t, *data, o, out, err);
    if (!trainer)
      return trainer.takeError();
    if (llvm::Error e = (*trainer)->run())
      return std::move(e);
  }
  if (!o.predict.computation.empty())
    if (llvm::Error e = runPredict(t, o.predict, *data, o.maxCalls, out, err))
      return std::move(e);
  if (!o.generate.computation.empty())
    if (llvm::Error e = generateOnce(t, o, out))
      return std::move(e);
  if (!o.save.empty() && isRoot())
    if (llvm::Error e = saveCheckpoint(t, o.save, -1, &*data))
      return std::move(e);
  return 0;
}
