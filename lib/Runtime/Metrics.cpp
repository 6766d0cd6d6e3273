//===- Metrics.cpp - per-epoch records, their log and learning curve ------===//
#include "NGraph/Runtime/Metrics.h"
#include "NGraph/Support/NumpyFormat.h"

#include "llvm/Support/JSON.h"

#include <cmath>

using namespace ngraph;

std::string ngraph::metricsLogText(const std::vector<EpochRecord> &records) {
  std::string text;
  for (const EpochRecord &r : records) {
    text += "{\"epoch\": " + std::to_string(r.epoch) +
            ", \"loss\": " + formatJsonNumber(r.loss);
    for (size_t k = 0; k < r.evals.size(); ++k)
      text += ", \"eval" + std::to_string(k) + "\": " + formatJsonNumber(r.evals[k]);
    text += "}\n";
  }
  return text;
}

llvm::Expected<std::vector<EpochRecord>>
ngraph::parseMetricsLog(const std::string &text, const std::string &what) {
  std::vector<EpochRecord> records;
  llvm::StringRef rest = text;
  for (int line = 1; !rest.empty(); ++line) {
    auto [row, tail] = rest.split('\n');
    rest = tail;
    if (row.trim().empty())
      continue;
    auto bad = [&](const std::string &why) {
      return llvm::createStringError("%s:%d: %s", what.c_str(), line,
                                     why.c_str());
    };
    llvm::Expected<llvm::json::Value> v = llvm::json::parse(row);
    if (!v)
      return bad(llvm::toString(v.takeError()));
    const llvm::json::Object *o = v->getAsObject();
    std::optional<int64_t> epoch = o ? o->getInteger("epoch") : std::nullopt;
    if (!epoch)
      return bad("not a metrics record (no integer \"epoch\")");
    EpochRecord r;
    r.epoch = *epoch;
    auto number = [&](llvm::StringRef key) {
      const llvm::json::Value *x = o->get(key);
      std::optional<double> d = x ? x->getAsNumber() : std::nullopt;
      return d ? *d : NAN;
    };
    r.loss = number("loss");
    for (size_t k = 0; o->get("eval" + std::to_string(k)); ++k)
      r.evals.push_back(number("eval" + std::to_string(k)));
    records.push_back(std::move(r));
  }
  return records;
}

std::string ngraph::learningCurveSVG(const std::vector<EpochRecord> &records) {
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
                  formatScalar(lo, DType::F32).c_str(),
                  formatScalar(hi, DType::F32).c_str());
    svg += buf;
  }
  svg += "</svg>\n";
  return svg;
}
