//===- Predict.cpp - a computation over every record, and classifier metrics ===//
#include "NGraph/Runtime/Predict.h"
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/DataSet.h"
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Runtime/Runner.h"
#include "NGraph/Support/FileIO.h"
#include "NGraph/Support/NumpyFormat.h"

#include "llvm/ADT/StringExtras.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <cstring>

using namespace ngraph;
using llvm::createStringError;

llvm::Expected<Predictions> ngraph::predictAll(Transformer &t,
                                               const ComputationInfo &generic,
                                               std::vector<Feed> &feeds,
                                               llvm::raw_ostream *warnings,
                                               int64_t maxCalls) {
  // `?` batch axes take every sample in one call (with no samples, the
  // checks below say what is missing).
  int64_t all = sampleCount(feeds);
  auto bound = all > 0 ? bindBatch(generic, all, "--predict", "")
                       : llvm::Expected<BoundComputation>(
                             BoundComputation{generic, {}});
  if (!bound)
    return bound.takeError();
  const ComputationInfo &c = bound->info;
  bindFeeds(feeds, c);
  struct Restore {
    std::vector<Feed> &feeds;
    const ComputationInfo &c;
    ~Restore() { bindFeeds(feeds, c); }
  } restore{feeds, generic};
  // The batch length and the samples, from the data feeds.
  int64_t n = 0, samples = -1;
  for (const Feed &f : feeds) {
    if (f.expr || f.batchAxis < 0)
      continue;
    int64_t len = f.placeholder->axes[f.batchAxis].length;
    if (n && len != n)
      return createStringError("--predict: the data feeds' batch axes have "
                               "different lengths (%lld and %lld)",
                               (long long)n, (long long)len);
    if (samples >= 0 && f.samples != samples)
      return createStringError("--predict: the data feeds hold different "
                               "numbers of samples (%lld and %lld)",
                               (long long)samples, (long long)f.samples);
    n = len;
    samples = f.samples;
  }
  if (samples < 0)
    return createStringError("--predict %s: no input is fed from the data "
                             "along a batch axis, so there are no samples "
                             "to predict",
                             c.name.c_str());
  if (samples == 0)
    return createStringError("--predict %s: the data has no samples",
                             c.name.c_str());
  int64_t batches = (samples + n - 1) / n;
  if (maxCalls && batches > maxCalls)
    return createStringError("--predict: %lld calls needed, more than the "
                             "limit of %lld",
                             (long long)batches, (long long)maxCalls);
  // The last batch is filled with the last sample; its copies' outputs
  // are not kept.
  std::vector<int64_t> order(batches * n);
  for (int64_t i = 0; i < (int64_t)order.size(); ++i)
    order[i] = std::min(i, samples - 1);

  Predictions p;
  p.samples = samples;
  std::vector<std::string> skipped;
  for (size_t k = 0; k < c.outputs.size(); ++k) {
    const ValueInfo &v = c.outputs[k];
    if (v.isEffect)
      continue;
    int64_t bd = v.batchDim();
    if (bd < 0) {
      skipped.push_back("#" + std::to_string(k));
      continue;
    }
    std::vector<int64_t> shape = {samples};
    for (size_t d = 0; d < v.axes.size(); ++d)
      if ((int64_t)d != bd)
        shape.push_back(v.axes[d].length);
    p.names.push_back("out" + std::to_string(k));
    p.outputs.push_back(k);
    p.arrays.emplace_back(v.dtype, shape);
  }
  if (p.arrays.empty())
    return createStringError("--predict %s: no output has a batch axis, so "
                             "there is nothing per sample to write",
                             c.name.c_str());
  if (warnings && !skipped.empty()) {
    bool one = skipped.size() == 1;
    *warnings << "ngraph-runner: warning: --predict " << c.name
              << (one ? ": output " : ": outputs ");
    for (size_t i = 0; i < skipped.size(); ++i)
      *warnings << (i ? ", " : "") << skipped[i];
    *warnings << (one ? " has no batch axis and is not written\n"
                      : " have no batch axis and are not written\n");
  }

  FeedClock clock;
  std::vector<Tensor> ins(feeds.size()), outs;
  for (int64_t b = 0; b < batches; ++b) {
    for (size_t i = 0; i < feeds.size(); ++i)
      ins[i] = feedBatch(feeds[i], b, clock, &order);
    std::vector<const Tensor *> ptrs;
    for (const Tensor &x : ins)
      ptrs.push_back(&x);
    if (llvm::Error e = t.call(c.name, ptrs, outs, bound->lengths))
      return std::move(e);
    int64_t keep = std::min(n, samples - b * n);
    for (size_t a = 0; a < p.arrays.size(); ++a) {
      const ValueInfo &v = c.outputs[p.outputs[a]];
      const Tensor &out = outs[p.outputs[a]];
      int64_t bd = v.batchDim(), outer = 1, inner = 1;
      for (int64_t d = 0; d < bd; ++d)
        outer *= v.axes[d].length;
      for (size_t d = bd + 1; d < v.axes.size(); ++d)
        inner *= v.axes[d].length;
      size_t elt = dtypeSize(v.dtype);
      Tensor &dst = p.arrays[a];
      int64_t per = outer * inner;
      // Sample i's values, row-major over the other axes: each outer
      // index contributes a run of `inner` contiguous values.
      for (int64_t i = 0; i < keep; ++i)
        for (int64_t o = 0; o < outer; ++o)
          std::memcpy(dst.bytes.data() + ((b * n + i) * per + o * inner) * elt,
                      out.bytes.data() + ((o * n + i) * inner) * elt,
                      inner * elt);
    }
  }
  return p;
}

std::string ngraph::predictionsCsv(const Predictions &p) {
  std::string text;
  llvm::raw_string_ostream os(text);
  std::vector<int64_t> per;
  for (size_t a = 0; a < p.arrays.size(); ++a) {
    int64_t count = p.samples ? p.arrays[a].numElements() / p.samples : 0;
    per.push_back(count);
    for (int64_t j = 0; j < count; ++j) {
      if (a || j)
        os << ",";
      os << p.names[a];
      if (p.arrays[a].shape.size() > 1)
        os << "_" << j;
    }
  }
  os << "\n";
  for (int64_t i = 0; i < p.samples; ++i) {
    for (size_t a = 0; a < p.arrays.size(); ++a)
      for (int64_t j = 0; j < per[a]; ++j) {
        if (a || j)
          os << ",";
        const Tensor &t = p.arrays[a];
        double v = t.get(i * per[a] + j);
        // NumPy's str() of the element: the shortest text that reads back
        // as the same float32/float64 ("nan", "inf" for those).
        os << formatScalar(v, t.dtype);
      }
    os << "\n";
  }
  return text;
}

llvm::Expected<ClassifierMetrics>
ngraph::classifierMetrics(const Tensor &scores, const Tensor &labels,
                          llvm::ArrayRef<int64_t> topK) {
  if (scores.shape.size() != 2 || scores.shape[1] < 2)
    return createStringError("class scores must be (samples, classes) with at "
                             "least 2 classes, not shape %s",
                             shapeString(scores.shape).c_str());
  int64_t n = scores.shape[0], k = scores.shape[1];
  if (labels.numElements() != n)
    return createStringError("%lld labels for %lld samples",
                             (long long)labels.numElements(), (long long)n);
  ClassifierMetrics m;
  m.samples = n;
  m.classes = k;
  m.confusion = Tensor(DType::I64, {k, k});
  std::vector<int64_t> hits(topK.size(), 0);
  for (int64_t i = 0; i < n; ++i) {
    double l = labels.get(i);
    if (!(l >= 0 && l < (double)k && l == (double)(int64_t)l))
      return createStringError("label %g of sample %lld is not a class in "
                               "[0, %lld)",
                               l, (long long)i, (long long)k);
    int64_t label = (int64_t)l, best = 0;
    double labelScore = scores.get(i * k + label);
    int64_t above = 0; // classes scored at least as high as the label
    for (int64_t j = 0; j < k; ++j) {
      double s = scores.get(i * k + j);
      if (s > scores.get(i * k + best))
        best = j;
      if (j != label && !(s < labelScore))
        ++above;
    }
    if (best == label)
      ++m.correct;
    m.confusion.data<int64_t>()[label * k + best] += 1;
    for (size_t t = 0; t < topK.size(); ++t)
      if (above < topK[t])
        ++hits[t];
  }
  for (size_t t = 0; t < topK.size(); ++t)
    m.topK.push_back({topK[t], hits[t]});
  return m;
}

std::string ngraph::describeMetrics(const ClassifierMetrics &m, bool accuracy,
                                    bool confusion) {
  std::string text;
  llvm::raw_string_ostream os(text);
  auto line = [&](const std::string &what, int64_t hits) {
    os << what << " " << formatScalar(m.samples ? (double)hits / m.samples : 0,
                                      DType::F64)
       << " (" << hits << "/" << m.samples << ")\n";
  };
  if (accuracy)
    line("accuracy", m.correct);
  for (auto [k, hits] : m.topK)
    line("top-" + std::to_string(k) + " accuracy", hits);
  if (confusion)
    os << "confusion matrix (rows: true class, columns: predicted class):\n"
       << formatArray(m.confusion) << "\n";
  return text;
}

llvm::Expected<MetricSpec> ngraph::parseMetrics(const std::string &text) {
  MetricSpec m;
  if (text.empty()) {
    m.accuracy = true;
    return m;
  }
  llvm::SmallVector<llvm::StringRef> items;
  llvm::StringRef(text).split(items, ',');
  for (llvm::StringRef item : items) {
    item = item.trim();
    if (item == "accuracy") {
      m.accuracy = true;
    } else if (item == "confusion") {
      m.confusion = true;
    } else if (item.consume_front("top-")) {
      auto k = parseInteger(item.str(), 1, 1000000, "--metrics top-K");
      if (!k)
        return k.takeError();
      m.topK.push_back(*k);
    } else {
      return createStringError("--metrics: unknown metric '%s' (accuracy, "
                               "top-K such as top-3, confusion)",
                               item.str().c_str());
    }
  }
  return m;
}

llvm::Error ngraph::runPredict(Transformer &t, const PredictOptions &o,
                               const std::map<std::string, Tensor> &data,
                               int64_t maxCalls, llvm::raw_ostream &out,
                               llvm::raw_ostream &err) {
  if (dist::size() > 1)
    return createStringError("--predict runs in one process; start it "
                             "without mpirun");
  auto spec = parseMetrics(o.metrics);
  if (!spec)
    return spec.takeError();
  auto comp = lookupComputation(t, o.computation, "--predict");
  if (!comp)
    return comp.takeError();
  auto feeds = makeFeeds(**comp, o.feeds, data, "--predict-feed");
  if (!feeds)
    return feeds.takeError();
  const Tensor *labels = nullptr;
  if (!o.labels.empty()) {
    auto it = data.find(o.labels);
    if (it == data.end()) {
      std::string names;
      for (const auto &[name, array] : data)
        names += (names.empty() ? "" : ", ") + name;
      return createStringError("--labels: the data set has no array '%s' "
                               "(it has: %s)",
                               o.labels.c_str(), names.c_str());
    }
    labels = &it->second;
  }
  auto p = predictAll(t, **comp, *feeds, &err, maxCalls);
  if (!p)
    return p.takeError();
  if (!o.output.empty()) {
    llvm::StringRef path(o.output);
    if (path.ends_with(".npz")) {
      std::map<std::string, Tensor> arrays;
      for (size_t a = 0; a < p->arrays.size(); ++a)
        arrays[p->names[a]] = p->arrays[a];
      if (llvm::Error e = writeNpzAtomic(o.output, arrays))
        return e;
    } else if (llvm::Error e = writeFileAtomic(o.output, predictionsCsv(*p))) {
      return e;
    }
  } else if (!labels) {
    for (size_t a = 0; a < p->arrays.size(); ++a)
      out << p->names[a] << ":\n" << formatArray(p->arrays[a]) << "\n";
  }
  if (!labels)
    return llvm::Error::success();
  if (labels->numElements() != p->samples)
    return createStringError("--labels %s: %lld labels for %lld samples",
                             o.labels.c_str(), (long long)labels->numElements(),
                             (long long)p->samples);
  // The class scores: the chosen output, or the first with several values
  // per sample.
  int64_t which = -1;
  for (size_t a = 0; a < p->arrays.size(); ++a) {
    bool several = p->arrays[a].numElements() / p->samples > 1;
    if (o.scores >= 0 ? p->outputs[a] == o.scores : several) {
      which = a;
      break;
    }
  }
  if (which < 0 && o.scores >= 0)
    return createStringError("--scores %lld: output #%lld of %s is not a "
                             "per-sample output",
                             (long long)o.scores, (long long)o.scores,
                             o.computation.c_str());
  if (which < 0)
    return createStringError("--labels: no output of %s has several values "
                             "per sample to score classes by",
                             o.computation.c_str());
  Tensor scores = p->arrays[which];
  int64_t classes = scores.numElements() / p->samples;
  if (classes == 1) {
    // One value per sample (chosen with --scores): the probability of
    // class 1 of a binary classifier.
    Tensor two(DType::F64, {p->samples, 2});
    for (int64_t i = 0; i < p->samples; ++i) {
      two.set(2 * i, 1 - scores.get(i));
      two.set(2 * i + 1, scores.get(i));
    }
    scores = std::move(two);
  } else {
    scores.shape = {p->samples, classes};
  }
  for (int64_t k : spec->topK)
    if (k > scores.shape[1])
      return createStringError("--metrics top-%lld: the scores have only %lld "
                               "classes",
                               (long long)k, (long long)scores.shape[1]);
  auto m = classifierMetrics(scores, *labels, spec->topK);
  if (!m)
    return createStringError("--labels %s: %s", o.labels.c_str(),
                             llvm::toString(m.takeError()).c_str());
  out << describeMetrics(*m, spec->accuracy, spec->confusion);
  return llvm::Error::success();
}
