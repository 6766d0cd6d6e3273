//===- DataSet.cpp - the data a training run reads: `--data SPEC` ---------===//
#include "NGraph/Runtime/DataSet.h"
#include "NGraph/Runtime/DataIO.h"

#include <algorithm>
#include <optional>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <sstream>

using namespace ngraph;
using llvm::createStringError;

static std::string joined(const std::vector<std::string> &v,
                          const char *sep = ", ") {
  std::string r;
  for (const std::string &s : v)
    r += (r.empty() ? "" : sep) + s;
  return r;
}

llvm::Expected<int64_t> ngraph::parseInteger(const std::string &text,
                                             int64_t lo, int64_t hi,
                                             const std::string &what) {
  auto range = [&] {
    return "[" + std::to_string(lo) + ", " + std::to_string(hi) + "]";
  };
  const char *s = text.c_str();
  char *end = nullptr;
  errno = 0;
  long long v = std::strtoll(s, &end, 10);
  if (text.empty() || std::isspace((unsigned char)text[0]) || *end)
    return createStringError("%s: '%s' is not an integer (expected one in %s)",
                             what.c_str(), text.c_str(), range().c_str());
  if (errno == ERANGE || v < lo || v > hi)
    return createStringError("%s: %s is out of range (expected an integer in "
                             "%s)",
                             what.c_str(), text.c_str(), range().c_str());
  return (int64_t)v;
}

static std::string shortNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

llvm::Expected<double> ngraph::parseNumber(const std::string &text, double lo,
                                           double hi, const std::string &what) {
  auto range = [&] { return "[" + shortNumber(lo) + ", " + shortNumber(hi) + "]"; };
  const char *s = text.c_str();
  char *end = nullptr;
  errno = 0;
  double v = std::strtod(s, &end);
  // strtod also reads "nan", "inf" and hexadecimal: not what a user means.
  bool decimal = !text.empty() && text.find_first_of("xXnNiI") == std::string::npos &&
                 !std::isspace((unsigned char)text[0]);
  if (!decimal || *end)
    return createStringError("%s: '%s' is not a number (expected one in %s)",
                             what.c_str(), text.c_str(), range().c_str());
  if (errno == ERANGE || !std::isfinite(v) || v < lo || v > hi)
    return createStringError("%s: %s is out of range (expected a number in %s)",
                             what.c_str(), text.c_str(), range().c_str());
  return v;
}

llvm::Expected<SpecItems>
SpecItems::parse(const std::string &text, const std::string &context,
                 const std::vector<std::string> &keys) {
  SpecItems r;
  r.context = context;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ';')) {
    if (item.empty())
      continue;
    size_t eq = item.find('=');
    if (eq == std::string::npos)
      return createStringError("%s: expected key=value, got '%s'",
                               context.c_str(), item.c_str());
    std::string key = item.substr(0, eq);
    if (std::find(keys.begin(), keys.end(), key) == keys.end())
      return createStringError("%s: unknown key '%s' (it takes: %s)",
                               context.c_str(), key.c_str(),
                               joined(keys).c_str());
    if (r.items.count(key))
      return createStringError("%s: '%s' is given twice", context.c_str(),
                               key.c_str());
    r.items[key] = item.substr(eq + 1);
  }
  return r;
}

std::string SpecItems::text(const std::string &key,
                            const std::string &fallback) const {
  auto it = items.find(key);
  return it == items.end() ? fallback : it->second;
}

llvm::Expected<int64_t> SpecItems::integer(const std::string &key,
                                           int64_t fallback, int64_t lo,
                                           int64_t hi) const {
  if (!has(key))
    return fallback;
  return parseInteger(items.at(key), lo, hi, context + " " + key + "=");
}

llvm::Expected<double> SpecItems::number(const std::string &key,
                                         double fallback, double lo,
                                         double hi) const {
  if (!has(key))
    return fallback;
  return parseNumber(items.at(key), lo, hi, context + " " + key + "=");
}

llvm::Expected<bool> SpecItems::flag(const std::string &key,
                                     bool fallback) const {
  if (!has(key))
    return fallback;
  const std::string &v = items.at(key);
  if (v == "1" || v == "true")
    return true;
  if (v == "0" || v == "false")
    return false;
  return createStringError("%s %s=: '%s' is not 0, 1, true or false",
                           context.c_str(), key.c_str(), v.c_str());
}

llvm::Expected<std::string>
SpecItems::choice(const std::string &key, const std::string &fallback,
                  const std::vector<std::string> &values) const {
  std::string v = text(key, fallback);
  if (std::find(values.begin(), values.end(), v) == values.end())
    return createStringError("%s %s=: '%s' is not one of: %s", context.c_str(),
                             key.c_str(), v.c_str(), joined(values).c_str());
  return v;
}

llvm::Expected<std::vector<double>>
SpecItems::numbers(const std::string &key, const std::string &fallback) const {
  std::vector<double> r;
  std::string list = text(key, fallback);
  std::stringstream ss(list);
  std::string item;
  while (std::getline(ss, item, ',')) {
    auto v = parseNumber(item, -1e300, 1e300, context + " " + key + "=");
    if (!v)
      return v.takeError();
    r.push_back(*v);
  }
  if (r.empty() || list.back() == ',')
    return createStringError("%s %s=: expected a comma-separated list of "
                             "numbers, got '%s'",
                             context.c_str(), key.c_str(), list.c_str());
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

static llvm::Error checkFiniteArray(const Tensor &t, const std::string &what) {
  if (!isFloat(t.dtype))
    return llvm::Error::success();
  for (int64_t i = 0, n = t.numElements(); i < n; ++i)
    if (!std::isfinite(t.get(i)))
      return createStringError(
          "%s: element %s is %s (add nonfinite=allow to the data spec to "
          "accept it)",
          what.c_str(), indexString(t.shape, i).c_str(),
          std::isnan(t.get(i)) ? "NaN" : "infinite");
  return llvm::Error::success();
}

static constexpr int64_t kMaxCount = (int64_t(1) << 31) - 1;

static llvm::Expected<DataSet> loadMixture(const std::string &rest,
                                           const DataLimits &limits) {
  auto kv = SpecItems::parse(rest, "--data mixture",
                             {"pvals", "shape", "batch", "batches",
                              "eval_batches", "seed"});
  if (!kv)
    return kv.takeError();
  auto pvals = kv->numbers("pvals", "0.5,0.5");
  auto shapeValues = kv->numbers("shape", "4");
  auto batch = kv->integer("batch", 128, 1, kMaxCount);
  auto batches = kv->integer("batches", 10, 1, kMaxCount);
  auto evalBatches = kv->integer("eval_batches", 0, 0, kMaxCount);
  auto seed = kv->integer("seed", 0, 0, UINT32_MAX);
  if (!pvals)
    return pvals.takeError();
  if (!shapeValues)
    return shapeValues.takeError();
  if (!batch)
    return batch.takeError();
  if (!batches)
    return batches.takeError();
  if (!evalBatches)
    return evalBatches.takeError();
  if (!seed)
    return seed.takeError();
  // numpy.random.multinomial's conditions.
  double sum = 0;
  for (size_t i = 0; i < pvals->size(); ++i) {
    double p = (*pvals)[i];
    if (p < 0 || p > 1)
      return createStringError("--data mixture pvals=: %g is not a "
                               "probability in [0, 1]", p);
    if (i + 1 < pvals->size())
      sum += p;
  }
  if (sum > 1 + 1e-12)
    return createStringError("--data mixture pvals=: the probabilities add up "
                             "to more than 1");
  std::vector<int64_t> shape;
  int64_t size = 1;
  for (double d : *shapeValues) {
    if (d != std::floor(d) || d < 1 || d > kMaxCount)
      return createStringError("--data mixture shape=: %g is not a positive "
                               "integer length", d);
    shape.push_back((int64_t)d);
    size = std::min<int64_t>(size * (int64_t)d, limits.maxElements + 1);
  }
  // The generator holds a size x size covariance per class; the data set
  // (size + 1) values per sample.
  double samples = (double)*batch * (double)(*batches + *evalBatches);
  double elements = (double)size * size * pvals->size() + samples * (size + 1);
  if (elements > (double)limits.maxElements)
    return createStringError(
        "--data mixture: %.0f samples of shape %s would take %.3g values, "
        "more than the limit of %lld",
        samples, shapeString(shape).c_str(), elements,
        (long long)limits.maxElements);
  MixtureGenerator g(*pvals, shape, (uint32_t)*seed);
  DataSet data;
  std::vector<Tensor> xs, ys;
  g.genData(*batch, *batches, xs, ys);
  data["x"] = concatLast(xs);
  data["y"] = concatLast(ys);
  if (*evalBatches > 0) {
    std::vector<Tensor> ex, ey;
    g.genData(*batch, *evalBatches, ex, ey);
    data["eval_x"] = concatLast(ex);
    data["eval_y"] = concatLast(ey);
  }
  return data;
}

std::string ngraph::checkpointKey(const std::string &name) {
  return "__" + name + "__";
}

/// The statistics a `standardize=1` run saved in its checkpoint.
static llvm::Expected<Standardization>
readStandardization(const std::string &path) {
  auto arrays = readNpz(path);
  if (!arrays)
    return createStringError("--data csv standardize=: %s (give 0, 1, or the "
                             "checkpoint of a standardize=1 run)",
                             llvm::toString(arrays.takeError()).c_str());
  auto mean = arrays->find(checkpointKey(kStandardizeMean));
  auto deviation = arrays->find(checkpointKey(kStandardizeDeviation));
  if (mean == arrays->end() || deviation == arrays->end())
    return createStringError("--data csv standardize=%s: the checkpoint has no "
                             "standardization statistics (it was not saved "
                             "by a run whose data said standardize=1)",
                             path.c_str());
  const Tensor &m = mean->second, &d = deviation->second;
  if (m.shape.size() != 1 || m.shape != d.shape)
    return createStringError("--data csv standardize=%s: the statistics are "
                             "not two vectors of one length (shapes %s and %s)",
                             path.c_str(), shapeString(m.shape).c_str(),
                             shapeString(d.shape).c_str());
  Standardization s;
  for (int64_t i = 0; i < m.numElements(); ++i) {
    double mv = m.get(i), dv = d.get(i);
    if (!std::isfinite(mv) || !std::isfinite(dv) || !(dv > 0))
      return createStringError("--data csv standardize=%s: feature %lld has "
                               "mean %g and deviation %g (a finite mean and a "
                               "positive deviation are needed)",
                               path.c_str(), (long long)i, mv, dv);
    s.mean.push_back(mv);
    s.deviation.push_back(dv);
  }
  return s;
}

static llvm::Error checkStandardization(const Standardization &s,
                                        int64_t features,
                                        const std::string &file,
                                        const std::string &checkpoint) {
  if ((int64_t)s.mean.size() == features)
    return llvm::Error::success();
  return createStringError("%s: %lld features per record, but the "
                           "statistics in %s are for %lld",
                           file.c_str(), (long long)features,
                           checkpoint.c_str(), (long long)s.mean.size());
}

static llvm::Expected<DataSet> loadCsv(const std::string &rest) {
  size_t semi = rest.find(';');
  std::string file = rest.substr(0, semi);
  auto kv = SpecItems::parse(semi == std::string::npos ? "" : rest.substr(semi + 1),
                             "--data csv",
                             {"header", "label", "test", "seed", "standardize",
                              "nonfinite"});
  if (!kv)
    return kv.takeError();
  auto header = kv->choice("header", "names", {"names", "skip", "none"});
  if (!header)
    return header.takeError();
  auto nonfinite = kv->choice("nonfinite", "error", {"error", "allow"});
  if (!nonfinite)
    return nonfinite.takeError();
  std::string labelText = kv->text("label", "");
  bool unlabelled = labelText == "none";
  for (const char *k : {"test", "seed", "standardize"})
    if (kv->has(k) && !kv->has("label"))
      return createStringError("--data csv %s=: needs label= (the split and "
                               "standardization apply to records: label=N, "
                               "last or none)", k);
  for (const char *k : {"test", "seed"})
    if (kv->has(k) && unlabelled)
      return createStringError("--data csv %s=: the split needs labels "
                               "(label=none has none)", k);
  // standardize=0|1, or a checkpoint whose statistics to apply.
  std::string standardizeText = kv->text("standardize", "0");
  if (standardizeText == "true" || standardizeText == "false")
    standardizeText = standardizeText == "true" ? "1" : "0";
  std::optional<Standardization> saved;
  if (standardizeText != "0" && standardizeText != "1") {
    auto stats = readStandardization(standardizeText);
    if (!stats)
      return stats.takeError();
    saved = std::move(*stats);
  }
  CsvHeader mode = *header == "names"  ? CsvHeader::Names
                   : *header == "skip" ? CsvHeader::Skip
                                       : CsvHeader::None;
  auto table = readCsv(file, mode, *nonfinite == "allow");
  if (!table)
    return table.takeError();
  DataSet data;
  if (!kv->has("label")) {
    for (size_t c = 0; c < table->header.size(); ++c) {
      Tensor col(DType::F64, {(int64_t)table->columns[c].size()});
      // A header without rows gives empty columns: memcpy must not see
      // their null data pointers (found by fuzz/runner_fuzzer).
      if (!col.bytes.empty())
        std::memcpy(col.bytes.data(), table->columns[c].data(),
                    col.bytes.size());
      if (data.count(table->header[c]))
        return createStringError("%s: column name '%s' appears twice",
                                 file.c_str(), table->header[c].c_str());
      data[table->header[c]] = std::move(col);
    }
    return data;
  }
  int64_t ncols = table->columns.size(),
          rows = ncols ? table->columns[0].size() : 0;
  if (unlabelled) {
    // Features only: new records to predict on.
    Tensor x(DType::F64, {rows, ncols});
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < ncols; ++c)
        x.data<double>()[r * ncols + c] = table->columns[c][r];
    if (saved) {
      if (llvm::Error e = checkStandardization(*saved, ncols, file, standardizeText))
        return std::move(e);
      applyStandardization(x, *saved);
    } else if (standardizeText == "1") {
      return createStringError("--data csv standardize=1: records without "
                               "labels are standardized by a training run's "
                               "statistics: give its checkpoint, "
                               "standardize=CHECKPOINT.npz");
    }
    data["x"] = std::move(x);
    return data;
  }
  int64_t label = ncols - 1;
  if (labelText != "last") {
    auto l = kv->integer("label", 0, 0, ncols - 1);
    if (!l)
      return createStringError(
          "%s (the file has %lld columns; label= takes a column number from 0 "
          "or 'last')",
          llvm::toString(l.takeError()).c_str(), (long long)ncols);
    label = *l;
  }
  if (ncols < 2)
    return createStringError("%s: a labelled data set needs a label column "
                             "and at least one feature column",
                             file.c_str());
  LabeledData all;
  all.x = Tensor(DType::F64, {rows, ncols - 1});
  all.y = Tensor(DType::I64, {rows});
  // Rows are counted as in the file after the header (1 = first data row).
  for (int64_t r = 0; r < rows; ++r) {
    int64_t k = 0;
    for (int64_t c = 0; c < ncols; ++c) {
      double v = table->columns[c][r];
      if (c != label) {
        all.x.data<double>()[r * (ncols - 1) + k++] = v;
        continue;
      }
      if (!(v == std::floor(v) && v >= 0 && v < 2147483648.0))
        return createStringError("%s: data row %lld: label %g is not a class "
                                 "index (an integer from 0)",
                                 file.c_str(), (long long)r + 1, v);
      all.y.data<int64_t>()[r] = (int64_t)v;
    }
  }
  auto test = kv->number("test", 0, 0, (double)rows);
  if (!test)
    return test.takeError();
  int64_t testCount = *test < 1 ? (int64_t)std::llround(*test * rows)
                                : (int64_t)*test;
  if (*test >= 1 && *test != std::floor(*test))
    return createStringError("--data csv test=: %g is neither a fraction "
                             "below 1 nor a whole count", *test);
  if (testCount >= rows)
    return createStringError("--data csv test=: holding out %lld of %lld "
                             "samples leaves none to train on",
                             (long long)testCount, (long long)rows);
  auto seed = kv->integer("seed", 0, 0, UINT32_MAX);
  if (!seed)
    return seed.takeError();
  LabeledData train, held;
  Standardization stats;
  splitAndStandardize(all, testCount, (uint32_t)*seed, standardizeText == "1",
                      train, held, &stats);
  if (saved) {
    if (llvm::Error e = checkStandardization(*saved, ncols - 1, file, standardizeText))
      return std::move(e);
    applyStandardization(train.x, *saved);
    applyStandardization(held.x, *saved);
  }
  data["x"] = std::move(train.x);
  data["y"] = std::move(train.y);
  if (testCount) {
    data["test_x"] = std::move(held.x);
    data["test_y"] = std::move(held.y);
  }
  if (standardizeText == "1") {
    int64_t f = stats.mean.size();
    Tensor mean(DType::F64, {f}), deviation(DType::F64, {f});
    std::copy(stats.mean.begin(), stats.mean.end(), mean.data<double>());
    std::copy(stats.deviation.begin(), stats.deviation.end(), deviation.data<double>());
    data[kStandardizeMean] = std::move(mean);
    data[kStandardizeDeviation] = std::move(deviation);
  }
  return data;
}

/// `ids` cut for truncated backpropagation through time: `streams`
/// contiguous streams, each read `seq` characters at a time. Record
/// b * streams + s is chunk b of stream s, so batches of `streams` records
/// continue every stream where the previous batch stopped; `y` is `x`
/// shifted by one character.
static llvm::Error textBatches(const std::vector<int32_t> &ids, int64_t seq,
                               int64_t streams, const std::string &part,
                               const std::string &prefix, DataSet &data) {
  int64_t per = ((int64_t)ids.size() - 1) / streams;
  int64_t chunks = per / seq;
  if (chunks < 1)
    return createStringError(
        "--data text: the %s part has %lld characters, too few for %lld "
        "streams of seq=%lld (needs at least %lld)",
        part.c_str(), (long long)ids.size(), (long long)streams,
        (long long)seq, (long long)(streams * seq + 1));
  Tensor x(DType::I32, {chunks * streams, seq}), y(DType::I32, {chunks * streams, seq});
  for (int64_t b = 0; b < chunks; ++b)
    for (int64_t s = 0; s < streams; ++s)
      for (int64_t t = 0; t < seq; ++t) {
        int64_t at = s * per + b * seq + t, r = (b * streams + s) * seq + t;
        x.data<int32_t>()[r] = ids[at];
        y.data<int32_t>()[r] = ids[at + 1];
      }
  data[prefix + "x"] = std::move(x);
  data[prefix + "y"] = std::move(y);
  return llvm::Error::success();
}

static llvm::Expected<DataSet> loadText(const std::string &rest,
                                        const DataLimits &limits) {
  size_t semi = rest.find(';');
  std::string files = rest.substr(0, semi);
  auto kv = SpecItems::parse(semi == std::string::npos ? "" : rest.substr(semi + 1),
                             "--data text", {"seq", "streams", "holdout"});
  if (!kv)
    return kv.takeError();
  auto seq = kv->integer("seq", 64, 1, 1 << 20);
  if (!seq)
    return seq.takeError();
  auto streams = kv->integer("streams", 32, 1, 1 << 20);
  if (!streams)
    return streams.takeError();
  auto holdout = kv->number("holdout", 0.05, 0.0, 0.5);
  if (!holdout)
    return holdout.takeError();
  std::vector<int32_t> ids;
  std::stringstream ss(files);
  std::string path;
  while (std::getline(ss, path, ',')) {
    auto text = readText(path);
    if (!text)
      return text.takeError();
    if ((int64_t)(ids.size() + text->size()) > limits.maxElements / 2)
      return createStringError("--data text: more than %lld characters",
                               (long long)(limits.maxElements / 2));
    for (char c : *text)
      ids.push_back(charId((unsigned char)c));
  }
  if (ids.empty())
    return createStringError("--data text: no characters in '%s'",
                             files.c_str());
  // The held-out part is the end of the text, so no training stream reads
  // into it.
  size_t split = ids.size() - (size_t)std::llround(*holdout * ids.size());
  std::vector<int32_t> train(ids.begin(), ids.begin() + split),
      held(ids.begin() + split, ids.end());
  DataSet data;
  if (llvm::Error e = textBatches(train, *seq, *streams, "training", "", data))
    return std::move(e);
  if (*holdout > 0)
    if (llvm::Error e = textBatches(held, *seq, *streams, "held-out", "eval_", data))
      return std::move(e);
  return data;
}

llvm::Expected<DataSet> ngraph::loadDataSet(const std::string &spec,
                                            const DataLimits &limits) {
  if (spec.empty())
    return DataSet();
  size_t colon = spec.find(':');
  if (colon == std::string::npos)
    return createStringError("--data: expected KIND:..., got '%s' (kinds: "
                             "mixture, npz, npy, idx, csv, text)",
                             spec.c_str());
  std::string kind = spec.substr(0, colon), rest = spec.substr(colon + 1);
  if (kind == "mixture")
    return loadMixture(rest, limits);
  if (kind == "csv")
    return loadCsv(rest);
  if (kind == "text")
    return loadText(rest, limits);
  if (kind != "npz" && kind != "npy" && kind != "idx")
    return createStringError("--data: unknown kind '%s' (mixture, npz, npy, "
                             "idx, csv or text)",
                             kind.c_str());
  size_t semi = rest.find(';');
  std::string files = rest.substr(0, semi);
  auto kv = SpecItems::parse(semi == std::string::npos ? "" : rest.substr(semi + 1),
                             "--data " + kind, {"nonfinite"});
  if (!kv)
    return kv.takeError();
  auto nonfinite = kv->choice("nonfinite", "error", {"error", "allow"});
  if (!nonfinite)
    return nonfinite.takeError();
  DataSet data;
  if (kind == "npz") {
    auto arrays = readNpz(files);
    if (!arrays)
      return arrays.takeError();
    data = std::move(*arrays);
    for (auto &[name, t] : data)
      if (*nonfinite == "error")
        if (llvm::Error e = checkFiniteArray(t, files + ": array '" + name + "'"))
          return std::move(e);
    return data;
  }
  std::stringstream ss(files);
  std::string item;
  while (std::getline(ss, item, ',')) {
    size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0)
      return createStringError("--data %s: expected NAME=FILE, got '%s'",
                               kind.c_str(), item.c_str());
    std::string name = item.substr(0, eq), path = item.substr(eq + 1);
    if (data.count(name))
      return createStringError("--data %s: array '%s' is given twice",
                               kind.c_str(), name.c_str());
    auto t = kind == "idx" ? readIdx(path) : readNpy(path);
    if (!t)
      return t.takeError();
    if (*nonfinite == "error")
      if (llvm::Error e = checkFiniteArray(*t, path))
        return std::move(e);
    data[name] = std::move(*t);
  }
  if (data.empty())
    return createStringError("--data %s: expected NAME=FILE,...",
                             kind.c_str());
  return data;
}
