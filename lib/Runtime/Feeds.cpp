//===- Feeds.cpp - what each placeholder of a computation is fed ----------===//
#include "NGraph/Runtime/Feeds.h"
#include "NGraph/Support/Sharding.h"

#include <cstring>

using namespace ngraph;
using llvm::createStringError;

llvm::Expected<std::map<std::string, std::string>>
ngraph::parseAssignments(const std::vector<std::string> &items,
                         const std::string &usage) {
  std::map<std::string, std::string> byName;
  for (const std::string &s : items) {
    size_t eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      return createStringError("%s, got '%s'", usage.c_str(), s.c_str());
    std::string name = s.substr(0, eq);
    if (!byName.emplace(name, s.substr(eq + 1)).second)
      return createStringError("'%s' is given twice", name.c_str());
  }
  return byName;
}

/// The sample a flat element index of a data array belongs to.
static int64_t sampleOf(const Feed &f, int64_t flat) {
  const std::vector<int64_t> &shape = f.array.shape;
  if (f.records)
    return flat / std::max<int64_t>(1, f.array.numElements() / shape[0]);
  int64_t inner = 1;
  for (size_t d = f.batchAxis + 1; d < shape.size(); ++d)
    inner *= shape[d];
  return (flat / inner) % shape[f.batchAxis];
}

static llvm::Error checkLabels(const Feed &f, const std::string &option) {
  const ValueInfo &p = *f.placeholder;
  int64_t classes = p.classAxis.length;
  if (classes <= 0)
    return llvm::Error::success();
  for (int64_t i = 0, n = f.array.numElements(); i < n; ++i) {
    double v = f.array.get(i);
    if (v >= 0 && v < classes)
      continue;
    std::string where = f.batchAxis >= 0
                            ? "sample " + std::to_string(sampleOf(f, i))
                            : "element " + indexString(f.array.shape, i);
    return createStringError(
        "%s %s=data:%s: %s of array '%s' has label %lld, outside one_hot axis "
        "%s:%lld of placeholder %s (labels are 0 to %lld)",
        option.c_str(), p.name.c_str(), f.arrayName.c_str(), where.c_str(),
        f.arrayName.c_str(), (long long)v, p.classAxis.name.c_str(),
        (long long)classes, p.describe().c_str(), (long long)classes - 1);
  }
  return llvm::Error::success();
}

/// Decides how `a` feeds `p` (the layout rule of Feeds.h).
static llvm::Error chooseLayout(Feed &f, const Tensor &a,
                                const std::string &layout,
                                const std::string &option) {
  const ValueInfo &p = *f.placeholder;
  std::vector<int64_t> want = p.shape();
  f.batchAxis = p.batchDim();
  bool axesFit = a.shape.size() == want.size();
  for (size_t i = 0; axesFit && i < want.size(); ++i)
    axesFit = (int64_t)i == f.batchAxis || a.shape[i] == want[i];
  if (f.batchAxis >= 0 && axesFit && a.shape[f.batchAxis] == 0)
    axesFit = false;
  // Values per sample: the placeholder's lengths but the batch axis's.
  int64_t perSample = 1;
  for (size_t i = 0; i < want.size(); ++i)
    if ((int64_t)i != f.batchAxis)
      perSample *= want[i];
  bool recordsFit = false;
  if (f.batchAxis >= 0 && !a.shape.empty() && a.shape[0] > 0) {
    int64_t features = 1;
    for (size_t i = 1; i < a.shape.size(); ++i)
      features *= a.shape[i];
    recordsFit = features == perSample;
  }
  std::string head = option + " " + p.name + "=data:" + f.arrayName;
  std::string needs =
      f.batchAxis < 0
          ? "it needs the placeholder's shape " + shapeString(want)
          : "it needs the placeholder's shape " + shapeString(want) +
                " with any number of samples along the batch axis (axis " +
                std::to_string(f.batchAxis) +
                "), or (samples, features) records with " +
                std::to_string(perSample) + " values per sample";
  if (layout == "axes" || layout == "records") {
    if (f.batchAxis < 0)
      return createStringError("%s:%s: placeholder %s has no batch axis, so "
                               "there is no layout to choose",
                               head.c_str(), layout.c_str(),
                               p.describe().c_str());
    bool fits = layout == "axes" ? axesFit : recordsFit;
    if (!fits)
      return createStringError("%s:%s: array '%s' of shape %s cannot feed %s "
                               "as %s: %s",
                               head.c_str(), layout.c_str(),
                               f.arrayName.c_str(), shapeString(a.shape).c_str(),
                               p.describe().c_str(), layout.c_str(),
                               needs.c_str());
    f.records = layout == "records";
  } else if (!layout.empty()) {
    return createStringError("%s:%s: unknown layout '%s' (records or axes)",
                             head.c_str(), layout.c_str(), layout.c_str());
  } else if (axesFit && recordsFit && f.batchAxis != 0) {
    return createStringError(
        "%s: array '%s' of shape %s can feed %s either as (samples, "
        "features) records or in the placeholder's axis order; say which "
        "with data:%s:records or data:%s:axes",
        head.c_str(), f.arrayName.c_str(), shapeString(a.shape).c_str(),
        p.describe().c_str(), f.arrayName.c_str(), f.arrayName.c_str());
  } else if (!axesFit && !recordsFit) {
    return createStringError("%s: array '%s' of shape %s cannot feed %s: %s",
                             head.c_str(), f.arrayName.c_str(),
                             shapeString(a.shape).c_str(), p.describe().c_str(),
                             needs.c_str());
  } else {
    f.records = !axesFit;
  }
  f.samples = f.batchAxis < 0 ? 1 : f.records ? a.shape[0] : a.shape[f.batchAxis];
  return llvm::Error::success();
}

llvm::Expected<std::vector<Feed>>
ngraph::makeFeeds(const ComputationInfo &comp,
                  const std::vector<std::string> &specs, const DataSet &data,
                  const std::string &option) {
  auto byName =
      parseAssignments(specs, option + " wants PLACEHOLDER=SOURCE");
  if (!byName)
    return createStringError("%s: %s", option.c_str(),
                             llvm::toString(byName.takeError()).c_str());
  std::vector<Feed> feeds;
  for (const ValueInfo &p : comp.inputs) {
    auto it = byName->find(p.name);
    if (it == byName->end())
      return createStringError("computation '%s' needs input %s; give it with "
                               "%s %s=...",
                               comp.name.c_str(), p.describe().c_str(),
                               option.c_str(), p.name.c_str());
    Feed f;
    f.placeholder = &p;
    std::string src = it->second;
    byName->erase(it);
    if (src.rfind("data:", 0) != 0) {
      if (!p.axes.empty())
        return createStringError("%s %s=%s: placeholder %s has axes; feed it "
                                 "from data:ARRAY",
                                 option.c_str(), p.name.c_str(), src.c_str(),
                                 p.describe().c_str());
      auto e = ScalarExpr::parse(src, FeedClock::names());
      if (!e)
        return createStringError("%s %s: %s", option.c_str(), p.name.c_str(),
                                 llvm::toString(e.takeError()).c_str());
      f.expr = std::move(*e);
      feeds.push_back(std::move(f));
      continue;
    }
    std::string ref = src.substr(5), layout;
    if (size_t colon = ref.find(':'); colon != std::string::npos) {
      layout = ref.substr(colon + 1);
      ref = ref.substr(0, colon);
    }
    f.arrayName = ref;
    auto d = data.find(ref);
    if (d == data.end()) {
      std::string known;
      for (auto &[k, v] : data)
        known += (known.empty() ? "" : ", ") + k;
      return createStringError("%s %s=data:%s: no array '%s' in the data set "
                               "(%s)",
                               option.c_str(), p.name.c_str(), ref.c_str(),
                               ref.c_str(),
                               known.empty() ? "give one with --data"
                                             : ("it has: " + known).c_str());
    }
    if (llvm::Error e = chooseLayout(f, d->second, layout, option))
      return std::move(e);
    auto converted = d->second.convertTo(
        p.dtype, option + " " + p.name + "=data:" + ref + ": array '" + ref +
                     "' feeding " + std::string(dtypeName(p.dtype)) +
                     " placeholder " + p.name);
    if (!converted)
      return converted.takeError();
    f.array = std::move(*converted);
    if (llvm::Error e = checkLabels(f, option))
      return std::move(e);
    feeds.push_back(std::move(f));
  }
  if (!byName->empty()) {
    std::string inputs;
    for (const ValueInfo &p : comp.inputs)
      inputs += (inputs.empty() ? "" : ", ") + p.name;
    return createStringError("%s %s=...: computation '%s' has no input named "
                             "'%s' (its inputs: %s)",
                             option.c_str(), byName->begin()->first.c_str(),
                             comp.name.c_str(), byName->begin()->first.c_str(),
                             inputs.empty() ? "none" : inputs.c_str());
  }
  return feeds;
}

void ngraph::bindFeeds(std::vector<Feed> &feeds, const ComputationInfo &bound) {
  // makeFeeds makes one feed per input, in order.
  for (size_t i = 0; i < feeds.size() && i < bound.inputs.size(); ++i)
    feeds[i].placeholder = &bound.inputs[i];
}

llvm::Expected<int64_t> ngraph::countBatches(const std::vector<Feed> &feeds,
                                             const std::string &what,
                                             llvm::raw_ostream *warnings) {
  int64_t batches = -1;
  for (const Feed &f : feeds) {
    if (f.expr || f.batchAxis < 0)
      continue;
    int64_t n = f.placeholder->axes[f.batchAxis].length;
    if (f.samples < n)
      return createStringError(
          "%s: the data set has %lld samples for %s, fewer than one batch of "
          "%lld",
          what.c_str(), (long long)f.samples, f.placeholder->describe().c_str(),
          (long long)n);
    int64_t b = f.samples / n;
    if (batches >= 0 && b != batches)
      return createStringError("%s: data feeds disagree on the number of "
                               "batches (%lld and %lld)",
                               what.c_str(), (long long)batches, (long long)b);
    if (batches < 0 && f.samples % n && warnings)
      *warnings << "ngraph-runner: warning: " << what << ": " << f.samples % n
                << " of " << f.samples << " samples do not fill a batch of "
                << n
                << " and are dropped (with --shuffle, different ones each "
                   "epoch)\n";
    batches = b;
  }
  return batches < 0 ? 1 : batches;
}

int64_t ngraph::sampleCount(const std::vector<Feed> &feeds) {
  for (const Feed &f : feeds)
    if (!f.expr && f.batchAxis >= 0)
      return f.samples;
  return 0;
}

const std::vector<std::string> &FeedClock::names() {
  static const std::vector<std::string> n = {"epoch", "step", "epochs",
                                             "batches"};
  return n;
}

Tensor ngraph::feedBatch(const Feed &f, int64_t b, const FeedClock &clock,
                         const std::vector<int64_t> *order, int64_t ranks,
                         int64_t rank) {
  const ValueInfo &p = *f.placeholder;
  if (f.expr)
    return Tensor::scalar(p.dtype, f.expr->evaluate(clock.values()));
  if (f.batchAxis < 0)
    return f.array;
  // Batch b is samples [b*n, (b+1)*n) of the order; this rank holds its
  // shard of them.
  std::vector<int64_t> shape = p.shape();
  int64_t n = shape[f.batchAxis];
  Shard mine = shardOf(n, ranks, rank);
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
