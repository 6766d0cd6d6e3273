//===- Trainer.cpp - the training loop of ngraph-runner -------------------===//
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Runtime/Runner.h"
#include "NGraph/Support/NumpyFormat.h"
#include "NGraph/Support/RandomState.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"

#include <chrono>
#include <cmath>

using namespace ngraph;
using llvm::createStringError;

using dist::isRoot;

//===----------------------------------------------------------------------===//
// Checkpoints and replicas
//===----------------------------------------------------------------------===//

static constexpr const char *kEpochKey = "__epoch__";

llvm::Error ngraph::saveCheckpoint(Transformer &t, const std::string &path,
                                   int64_t epoch, const DataSet *data) {
  std::map<std::string, Tensor> arrays;
  // What prediction on new records needs of the data (DataSet.h).
  if (data)
    for (const char *name : {kStandardizeMean, kStandardizeDeviation})
      if (auto it = data->find(name); it != data->end())
        arrays[checkpointKey(name)] = it->second;
  for (const ValueInfo &v : t.variables()) {
    auto value = t.readVariable(v.name);
    if (!value)
      return value.takeError();
    arrays[v.name] = std::move(*value);
  }
  if (epoch >= 0)
    arrays[kEpochKey] = Tensor::scalar(DType::I64, epoch);
  return writeNpzAtomic(path, arrays);
}

llvm::Expected<int64_t> ngraph::loadCheckpoint(Transformer &t,
                                               const std::string &path) {
  auto arrays = readNpz(path);
  if (!arrays)
    return arrays.takeError();
  // Every check first: a bad checkpoint must not leave half the variables
  // replaced.
  for (const ValueInfo &v : t.variables()) {
    auto it = arrays->find(v.name);
    if (it == arrays->end())
      return createStringError("checkpoint '%s' has no array for variable "
                               "'%s'",
                               path.c_str(), v.name.c_str());
    if (it->second.shape != v.shape())
      return createStringError("checkpoint '%s': array '%s' has shape %s, "
                               "variable %s needs %s",
                               path.c_str(), v.name.c_str(),
                               shapeString(it->second.shape).c_str(),
                               v.describe().c_str(),
                               shapeString(v.shape()).c_str());
  }
  int64_t epoch = -1;
  if (auto e = arrays->find(kEpochKey); e != arrays->end()) {
    const Tensor &x = e->second;
    double v = x.numElements() == 1 ? x.get(0) : -1;
    if (!x.shape.empty() || isFloat(x.dtype) || v < 0 || v > 1e15)
      return createStringError("checkpoint '%s': '%s' is not an epoch number "
                               "(a non-negative integer scalar)",
                               path.c_str(), kEpochKey);
    epoch = (int64_t)v;
  }
  for (const ValueInfo &v : t.variables())
    if (llvm::Error e = t.writeVariable(v.name, arrays->at(v.name)))
      return createStringError("checkpoint '%s': %s", path.c_str(),
                               llvm::toString(std::move(e)).c_str());
  return epoch;
}

llvm::Error ngraph::shareVariables(Transformer &t) {
  if (dist::size() == 1)
    return llvm::Error::success();
  for (const ValueInfo &v : t.variables()) {
    auto value = t.readVariable(v.name);
    if (!value)
      return value.takeError();
    if (llvm::Error e = dist::broadcast(value->bytes.data(), value->bytes.size()))
      return e;
    if (llvm::Error e = t.writeVariable(v.name, *value))
      return e;
  }
  return llvm::Error::success();
}

/// Fails if the ranks' variables are not bit-identical (they apply the
/// same combined updates, so they never should be).
static llvm::Error checkReplicasAgree(Transformer &t) {
  if (dist::size() == 1)
    return llvm::Error::success();
  uint64_t hash = 1469598103934665603ull; // FNV-1a
  for (const ValueInfo &v : t.variables()) {
    auto value = t.readVariable(v.name);
    if (!value)
      return value.takeError();
    for (uint8_t byte : value->bytes)
      hash = (hash ^ byte) * 1099511628211ull;
  }
  if (llvm::Error e = dist::checkSame(hash, "the variables' values"))
    return createStringError("%s after training: the replicas diverged "
                             "(please report this)",
                             llvm::toString(std::move(e)).c_str());
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Trainer
//===----------------------------------------------------------------------===//

struct Trainer::Impl {
  Transformer &t;
  const RunOptions &options;
  const TrainOptions &o;
  llvm::raw_ostream &out, &err;
  const ComputationInfo *step = nullptr, *eval = nullptr;
  /// The step and evaluation with their `?` axes bound (what `step` and
  /// `eval` point at), and the lengths their calls give.
  BoundComputation boundStep, boundEval;
  std::vector<Feed> feeds, evalFeeds;
  /// The data set, for what checkpoints keep of it (DataSet.h); it
  /// outlives the trainer (Trainer::create's contract).
  const DataSet *data = nullptr;
  int64_t batches = 0, samples = 0, evalBatches = 0, evalBatchLength = 1;
  bool scalarLoss = false, warnedNonFinite = false;
  int64_t calls = 0;
  /// What --keep-best and --patience watch: the training loss (-1) or
  /// evaluation value k; `watch` is false when neither option is given.
  bool watch = false;
  int64_t monitorEval = -1;
  std::string monitorName;

  Impl(Transformer &t, const RunOptions &options, llvm::raw_ostream &out,
       llvm::raw_ostream &err)
      : t(t), options(options), o(options.train), out(out), err(err) {}

  /// One call of the step or the evaluation, with its `?` lengths.
  llvm::Error call(const BoundComputation &bound,
                   const std::vector<Tensor> &ins, std::vector<Tensor> &outs);
  llvm::Expected<std::vector<double>> evaluate(double epoch);
  llvm::Error run();
};

Trainer::Trainer() = default;
Trainer::~Trainer() = default;

llvm::Expected<std::unique_ptr<Trainer>>
Trainer::create(Transformer &t, const DataSet &data, const RunOptions &options,
                llvm::raw_ostream &out, llvm::raw_ostream &err) {
  std::unique_ptr<Trainer> trainer(new Trainer());
  trainer->impl = std::make_unique<Impl>(t, options, out, err);
  Impl &m = *trainer->impl;
  const TrainOptions &o = options.train;
  auto step = lookupComputation(t, o.computation, "--train");
  if (!step)
    return step.takeError();
  auto boundStep = bindBatch(**step, options.batchSize, "--train",
                             "--batch-size");
  if (!boundStep)
    return boundStep.takeError();
  m.boundStep = std::move(*boundStep);
  m.step = &m.boundStep.info;
  auto feeds = makeFeeds(*m.step, o.feeds, data, "--feed");
  if (!feeds)
    return feeds.takeError();
  m.feeds = std::move(*feeds);
  m.data = &data;
  auto batches = countBatches(m.feeds, "training data", isRoot() ? &err : nullptr);
  if (!batches)
    return batches.takeError();
  m.batches = *batches;
  m.samples = sampleCount(m.feeds);
  m.scalarLoss = !m.step->outputs.empty() && !m.step->outputs[0].isEffect &&
                 m.step->outputs[0].axes.empty();

  std::vector<std::string> epochFields = {"epoch", "loss"};
  size_t evalValues = 0; // the evaluation's value outputs
  if (!o.eval.empty()) {
    auto eval = lookupComputation(t, o.eval, "--eval");
    if (!eval)
      return eval.takeError();
    m.eval = *eval;
    // Effects (a recurrent model's evaluation state, say) run and are
    // skipped; the values must be scalars, the first one a value.
    size_t values = 0;
    for (const ValueInfo &v : m.eval->outputs) {
      if (v.isEffect)
        continue;
      ++values;
      if (!v.axes.empty())
        return createStringError("--eval: computation '%s' must have scalar "
                                 "outputs only (%s is not)",
                                 m.eval->name.c_str(), v.describe().c_str());
    }
    if (m.eval->outputs.empty() || m.eval->outputs[0].isEffect)
      return createStringError("--eval: the first output of computation '%s' "
                               "must be a scalar value (the evaluation's loss)",
                               m.eval->name.c_str());
    auto evalFeeds = makeFeeds(*m.eval, o.evalFeeds, data, "--eval-feed");
    if (!evalFeeds)
      return evalFeeds.takeError();
    m.evalFeeds = std::move(*evalFeeds);
    // `?` batch axes take the whole split in one call (--batch-size when no
    // input comes from the data).
    int64_t evalSamples = sampleCount(m.evalFeeds);
    auto boundEval = bindBatch(*m.eval, evalSamples ? evalSamples
                                                    : options.batchSize,
                               "--eval", "--batch-size");
    if (!boundEval)
      return boundEval.takeError();
    m.boundEval = std::move(*boundEval);
    m.eval = &m.boundEval.info;
    bindFeeds(m.evalFeeds, *m.eval);
    auto evalBatches = countBatches(m.evalFeeds, "evaluation data",
                                    isRoot() ? &err : nullptr);
    if (!evalBatches)
      return evalBatches.takeError();
    m.evalBatches = *evalBatches;
    for (const Feed &f : m.evalFeeds)
      if (f.batchAxis >= 0)
        m.evalBatchLength = f.placeholder->axes[f.batchAxis].length;
    evalValues = values;
    epochFields.push_back("eval");
    for (size_t k = 0; k < values; ++k)
      epochFields.push_back("eval" + std::to_string(k));
  }
  // The monitored value, checked before the first step.
  m.watch = !o.keepBest.empty() || o.patience > 0;
  if (m.watch || !o.monitor.empty()) {
    std::string name = !o.monitor.empty() ? o.monitor
                       : m.eval               ? "eval0"
                                              : "loss";
    int64_t k = -1;
    llvm::StringRef index = name;
    bool ok = name == "loss" ? m.scalarLoss
              : index.consume_front("eval") && !index.getAsInteger(10, k)
                  ? k >= 0 && (size_t)k < evalValues
                  : false;
    if (!ok) {
      std::string known = m.scalarLoss ? "loss" : "";
      for (size_t i = 0; i < evalValues; ++i)
        known += (known.empty() ? "eval" : ", eval") + std::to_string(i);
      return createStringError("--monitor: '%s' is not a value of this run "
                               "(known: %s)",
                               name.c_str(),
                               known.empty() ? "none: give --eval" : known.c_str());
    }
    m.monitorEval = name == "loss" ? -1 : k;
    m.monitorName = name;
    if (!m.watch)
      return createStringError("--monitor needs --keep-best or --patience");
  }
  // Formats are checked now, so that a typo does not end a long run.
  std::vector<std::string> startFields(epochFields.begin() + 2, epochFields.end());
  if (llvm::Error e = checkFormat(o.printStart, nullptr, startFields))
    return createStringError("--print-start: %s", llvm::toString(std::move(e)).c_str());
  if (llvm::Error e = checkFormat(options.print, m.step, {"epoch", "step"}))
    return createStringError("--print: %s", llvm::toString(std::move(e)).c_str());
  if (llvm::Error e = checkFormat(o.printEpoch, m.step, epochFields))
    return createStringError("--print-epoch: %s", llvm::toString(std::move(e)).c_str());
  return std::move(trainer);
}

llvm::Error Trainer::Impl::call(const BoundComputation &bound,
                                const std::vector<Tensor> &ins,
                                std::vector<Tensor> &outs) {
  const ComputationInfo &c = bound.info;
  if (options.maxCalls && ++calls > options.maxCalls)
    return createStringError("more than %lld calls: the run's limit",
                             (long long)options.maxCalls);
  std::vector<const Tensor *> ptrs;
  for (const Tensor &x : ins)
    ptrs.push_back(&x);
  if (llvm::Error e = t.call(c.name, ptrs, outs, bound.lengths))
    return e;
  return checkFiniteOutputs(c, outs, options.nonFinite, err, warnedNonFinite);
}

llvm::Expected<std::vector<double>> Trainer::Impl::evaluate(double epoch) {
  std::vector<size_t> values; // the outputs that are not effects
  for (size_t k = 0; k < eval->outputs.size(); ++k)
    if (!eval->outputs[k].isEffect)
      values.push_back(k);
  std::vector<double> totals(values.size(), 0.0);
  std::vector<Tensor> outs;
  for (int64_t b = 0; b < evalBatches; ++b) {
    std::vector<Tensor> ins;
    for (const Feed &f : evalFeeds)
      ins.push_back(feedBatch(f, b, {epoch, (double)b, (double)o.epochs, (double)batches},
                              nullptr, dist::size(), dist::rank()));
    if (llvm::Error e = call(boundEval, ins, outs))
      return std::move(e);
    for (size_t k = 0; k < values.size(); ++k)
      totals[k] += outs[values[k]].get(0);
  }
  // The first output per --eval-divisor (the seed's avg_loss divides a sum
  // by the batch size); the others are means over the batches.
  double first = o.evalDivisor == EvalDivisor::Batches     ? evalBatches
                 : o.evalDivisor == EvalDivisor::BatchSize ? evalBatchLength
                                                           : evalBatches * evalBatchLength;
  for (size_t k = 0; k < totals.size(); ++k)
    totals[k] /= k == 0 ? first : evalBatches;
  return totals;
}

llvm::Error Trainer::run() { return impl->run(); }

llvm::Error Trainer::Impl::run() {
  int64_t firstEpoch = 0;
  if (!o.resume.empty()) {
    if (isRoot()) {
      auto e = loadCheckpoint(t, o.resume);
      if (!e)
        return e.takeError();
      if (*e < 0)
        return createStringError("--resume: '%s' has no epoch; it was not "
                                 "written by --checkpoint",
                                 o.resume.c_str());
      firstEpoch = *e;
    }
    if (llvm::Error e = dist::broadcast(&firstEpoch, sizeof(firstEpoch)))
      return e;
    if (llvm::Error e = shareVariables(t))
      return e;
    if (firstEpoch > o.epochs)
      return createStringError("--resume: '%s' already holds %lld epochs, "
                               "more than --epochs %lld; give --epochs %lld "
                               "or more to train further",
                               o.resume.c_str(), (long long)firstEpoch,
                               (long long)o.epochs, (long long)firstEpoch + 1);
    if (firstEpoch == o.epochs && isRoot())
      err << "ngraph-runner: note: '" << o.resume << "' already holds all "
          << o.epochs << " epochs; nothing to train\n";
  }
  // Resuming keeps the log's earlier epochs (and drops any past the
  // checkpoint, which a crash may have left).
  std::vector<EpochRecord> records;
  if (!o.metricsLog.empty() && !o.resume.empty() && isRoot()) {
    auto buf = llvm::MemoryBuffer::getFile(o.metricsLog);
    if (buf) {
      auto old = parseMetricsLog((*buf)->getBuffer().str(), o.metricsLog);
      if (!old)
        return createStringError("--metrics-log: %s (it is appended to on "
                                 "--resume)",
                                 llvm::toString(old.takeError()).c_str());
      for (EpochRecord &r : *old)
        if (r.epoch < firstEpoch)
          records.push_back(std::move(r));
    }
  }

  auto evalFields = [&](double epoch, std::map<std::string, std::string> &fields,
                        EpochRecord *record) -> llvm::Error {
    if (!eval)
      return llvm::Error::success();
    auto v = evaluate(epoch);
    if (!v)
      return v.takeError();
    for (size_t k = 0; k < v->size(); ++k)
      fields["eval" + std::to_string(k)] = formatScalar((*v)[k], DType::F64);
    fields["eval"] = fields["eval0"];
    if (record)
      record->evals = *v;
    return llvm::Error::success();
  };

  if (!o.printStart.empty()) {
    std::map<std::string, std::string> fields;
    if (o.printStart.find("{eval") != std::string::npos)
      if (llvm::Error e = evalFields(firstEpoch, fields, nullptr))
        return e;
    if (isRoot())
      out << renderFormat(o.printStart, nullptr, nullptr, fields) << "\n";
  }
  std::vector<Tensor> outs, gathered;
  std::vector<int64_t> order(samples);
  int64_t step = firstEpoch * batches, firstStep = step;
  double callSeconds = 0;
  auto startTime = std::chrono::steady_clock::now();
  // The best monitored value of this run (a resumed run starts afresh).
  double best = 0;
  int64_t bestEpoch = -1;
  for (int64_t e = firstEpoch; e < o.epochs; ++e) {
    for (int64_t i = 0; i < samples; ++i)
      order[i] = i;
    if (o.shuffleSeed >= 0) {
      // A fresh, seeded permutation per epoch: resuming at epoch e replays it.
      RandomState rng((uint32_t)o.shuffleSeed + (uint32_t)e * 1000003u);
      for (int64_t i = samples - 1; i > 0; --i)
        std::swap(order[i], order[(int64_t)(rng.randomSample() * (i + 1))]);
    }
    double lossSum = 0;
    for (int64_t b = 0; b < batches; ++b, ++step) {
      std::vector<Tensor> ins;
      for (const Feed &f : feeds)
        ins.push_back(feedBatch(f, b,
                                {(double)e, (double)step, (double)o.epochs,
                                 (double)batches},
                                samples ? &order : nullptr, dist::size(),
                                dist::rank()));
      auto before = std::chrono::steady_clock::now();
      if (llvm::Error err = call(boundStep, ins, outs))
        return err;
      callSeconds += std::chrono::duration<double>(
                         std::chrono::steady_clock::now() - before).count();
      if (scalarLoss)
        lossSum += outs[0].get(0);
      if (!options.print.empty()) {
        auto w = gatherOutputs(*this->step, outs, gathered);
        if (!w)
          return w.takeError();
        if (isRoot())
          out << renderFormat(options.print, this->step, *w,
                              {{"epoch", std::to_string(e)},
                               {"step", std::to_string(step)}})
              << "\n";
      }
      if (o.progress && isRoot()) {
        double secs = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - startTime).count();
        err << llvm::format("\repoch %lld/%lld  step %lld/%lld  %.0f steps/s",
                            (long long)e + 1, (long long)o.epochs,
                            (long long)b + 1, (long long)batches,
                            (step - firstStep + 1) / std::max(secs, 1e-9));
        if (scalarLoss)
          err << "  loss " << formatScalar(outs[0].get(0), DType::F32);
        err << "   ";
      }
    }
    if (o.progress && isRoot())
      err << "\n";
    EpochRecord record{e, scalarLoss ? lossSum / batches : NAN, {}};
    std::map<std::string, std::string> fields = {
        {"epoch", std::to_string(e)},
        {"loss", formatScalar(record.loss, DType::F64)}};
    bool wantEval = o.printEpoch.find("{eval") != std::string::npos ||
                    !o.metricsLog.empty() || !o.plot.empty() ||
                    (watch && monitorEval >= 0);
    if (wantEval)
      if (llvm::Error err = evalFields(e, fields, &record))
        return err;
    if (!o.printEpoch.empty()) {
      auto w = gatherOutputs(*this->step, outs, gathered);
      if (!w)
        return w.takeError();
      if (isRoot())
        out << renderFormat(o.printEpoch, this->step, *w, fields) << "\n";
    }
    out.flush();
    records.push_back(record);
    if (!o.checkpoint.empty() && isRoot())
      if (llvm::Error err = saveCheckpoint(t, o.checkpoint, e + 1, data))
        return err;
    if (!o.metricsLog.empty() && isRoot())
      if (llvm::Error err = writeFileAtomic(o.metricsLog, metricsLogText(records)))
        return err;
    if (watch) {
      double v = monitorEval < 0 ? record.loss : record.evals[monitorEval];
      // NaN never improves; every rank sees the same (combined) values and
      // so stops at the same epoch.
      if (!std::isnan(v) &&
          (bestEpoch < 0 || (o.monitorMax ? v > best : v < best))) {
        best = v;
        bestEpoch = e;
        if (!o.keepBest.empty() && isRoot())
          if (llvm::Error err = saveCheckpoint(t, o.keepBest, e + 1, data))
            return err;
      } else if (o.patience > 0 && e - bestEpoch >= o.patience) {
        if (isRoot()) {
          out << "early stopping after epoch " << e << ": " << monitorName
              << " has not improved for " << (e - bestEpoch) << " epochs";
          if (bestEpoch >= 0)
            out << " (best " << formatScalar(best, DType::F64)
                << " after epoch " << bestEpoch << ")";
          out << "\n";
          out.flush();
        }
        break;
      }
    }
  }
  if (llvm::Error e = checkReplicasAgree(t))
    return e;
  if (!o.plot.empty() && isRoot())
    if (llvm::Error e = writeFileAtomic(o.plot, learningCurveSVG(records)))
      return e;
  if (o.reportTime && isRoot()) {
    const CompileTimes &ct = t.compileTimes();
    int64_t steps = step - firstStep;
    err << llvm::format("compile %.3f s (lowering %.3f, LLVM optimization "
                        "%.3f, code generation %.3f, loading %.3f); %lld "
                        "steps, %.2f us per step (the compiled call only)\n",
                        ct.total(), ct.lowering, ct.optimization, ct.codegen,
                        ct.loading, (long long)steps,
                        steps > 0 ? 1e6 * callSeconds / steps : 0.0);
    std::string cache = t.cacheReport().describe();
    if (!cache.empty())
      err << cache << "\n";
  }
  return llvm::Error::success();
}
