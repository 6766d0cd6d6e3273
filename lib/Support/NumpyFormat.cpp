//===- NumpyFormat.cpp - numbers and arrays as NumPy prints them ----------===//
//
// A port of the parts of numpy/_core/arrayprint.py (NumPy 2) that print
// float32/float64/int32/int64 arrays with the default options. NumPy's
// Dragon4 digits are produced here with printf: the shortest digits that
// read back as the same value of the element type, or, where NumPy cuts
// them at `precision`, the exact value rounded half to even (as glibc's
// printf and Dragon4 both round).
//
//===----------------------------------------------------------------------===//
#include "NGraph/Support/NumpyFormat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>

using namespace ngraph;

namespace {

/// |v| = d0.d1d2... x 10^exp.
struct Digits {
  std::string digits;
  int exp = 0;
};

Digits parseExponential(const char *s) {
  Digits d;
  for (; *s && *s != 'e'; ++s)
    if (*s >= '0' && *s <= '9')
      d.digits += *s;
  if (*s == 'e')
    d.exp = std::atoi(s + 1);
  // Trailing zeros carry no information ("1.50e+00" is "15").
  while (d.digits.size() > 1 && d.digits.back() == '0')
    d.digits.pop_back();
  return d;
}

/// The fewest significant digits that read back as |v| in type `t`.
Digits shortestDigits(double v, DType t) {
  char buf[64];
  v = std::fabs(v);
  for (int p = 1; p <= 17; ++p) {
    std::snprintf(buf, sizeof buf, "%.*e", p - 1, v);
    double back = std::strtod(buf, nullptr);
    if (t == DType::F32 ? (float)back == (float)v : back == v)
      break;
  }
  return parseExponential(buf);
}

/// How trailing zeros of the fraction are trimmed (Dragon4's TrimMode).
enum class Trim {
  Keep,         // 'k': keep them (and pad to minDigits)
  KeepPoint,    // '.': trim zeros, keep the point: "1."
  LeaveOneZero, // '0': trim zeros, leave one: "1.0"
  PointAndZeros // '-': trim zeros and the point: "1"
};

struct Style {
  int precision = -1; // most fraction digits; -1: as many as unique needs
  int minDigits = 0;
  Trim trim = Trim::KeepPoint;
  int padLeft = 0, padRight = 0;
  int expDigits = 2;
};

std::string applyTrim(std::string frac, const Style &s, bool &point) {
  point = true;
  if (s.trim != Trim::Keep)
    while (!frac.empty() && frac.back() == '0')
      frac.pop_back();
  if ((int)frac.size() < s.minDigits)
    frac.append(s.minDigits - frac.size(), '0');
  if (frac.empty()) {
    if (s.trim == Trim::LeaveOneZero)
      frac = "0";
    else if (s.trim == Trim::PointAndZeros)
      point = false;
  }
  return frac;
}

std::string assemble(bool negative, std::string intPart, const std::string &frac,
                     bool point, const std::string &exponent, const Style &s) {
  if (negative)
    intPart = "-" + intPart;
  if ((int)intPart.size() < s.padLeft)
    intPart = std::string(s.padLeft - intPart.size(), ' ') + intPart;
  std::string r = intPart;
  if (point)
    r += ".";
  r += frac;
  if (exponent.empty() && (int)frac.size() < s.padRight)
    r.append(s.padRight - frac.size(), ' ');
  return r + exponent;
}

/// How many fraction digits to print when the unique ones (`unique`) do
/// not do: cut at `precision`, or extended to `minDigits` with the exact
/// value's further digits (Dragon4 pads with digits, not zeros); -1 when the
/// unique digits do.
int fractionDigits(int unique, const Style &s) {
  if (s.precision >= 0 && unique > s.precision)
    return s.precision;
  return unique < s.minDigits ? s.minDigits : -1;
}

/// Dragon4 positional, fractional mode, unique digits.
std::string positional(double v, DType t, const Style &s) {
  Digits d = shortestDigits(v, t);
  std::string intPart, frac;
  int want =
      fractionDigits(std::max(0, (int)d.digits.size() - 1 - d.exp), s);
  if (want >= 0) {
    char buf[400];
    std::snprintf(buf, sizeof buf, "%.*f", want, std::fabs(v));
    std::string r = buf;
    size_t dot = r.find('.');
    intPart = r.substr(0, dot);
    frac = dot == std::string::npos ? "" : r.substr(dot + 1);
  } else if (d.exp >= 0) {
    std::string digits = d.digits;
    if ((int)digits.size() < d.exp + 1)
      digits.append(d.exp + 1 - digits.size(), '0');
    intPart = digits.substr(0, d.exp + 1);
    frac = digits.substr(d.exp + 1);
  } else {
    intPart = "0";
    frac = d.digits == "0" ? "" : std::string(-d.exp - 1, '0') + d.digits;
  }
  bool point;
  frac = applyTrim(frac, s, point);
  return assemble(std::signbit(v), intPart, frac, point, "", s);
}

/// Dragon4 scientific, unique digits.
std::string scientific(double v, DType t, const Style &s) {
  Digits d = shortestDigits(v, t);
  if (int want = fractionDigits((int)d.digits.size() - 1, s); want >= 0) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*e", want, std::fabs(v));
    d = parseExponential(buf);
  }
  bool point;
  std::string frac = applyTrim(d.digits.substr(1), s, point);
  std::string e = std::to_string(std::abs(d.exp));
  if ((int)e.size() < s.expDigits)
    e = std::string(s.expDigits - e.size(), '0') + e;
  e = std::string("e") + (d.exp < 0 ? "-" : "+") + e;
  return assemble(std::signbit(v), d.digits.substr(0, 1), frac, point, e, s);
}

std::string nonFinite(double v) {
  return std::isnan(v) ? "nan" : v < 0 ? "-inf" : "inf";
}

/// arrayprint.FloatingFormat with floatmode 'maxprec', sign '-'.
class FloatFormat {
public:
  FloatFormat(const std::vector<double> &data, DType t, int precision)
      : type(t) {
    std::vector<double> finite;
    for (double v : data)
      if (std::isfinite(v))
        finite.push_back(v);
    double maxVal = 0, minVal = INFINITY;
    bool anyNonZero = false;
    for (double v : finite)
      if (v != 0) {
        anyNonZero = true;
        maxVal = std::max(maxVal, std::fabs(v));
        minVal = std::min(minVal, std::fabs(v));
      }
    // NumPy 2 weighs the dtype: float32 switches at 1e6, float64 at 1e8.
    double cutoff = t == DType::F32 ? 1e6 : 1e8;
    if (anyNonZero &&
        (maxVal >= cutoff || minVal < 0.0001 || maxVal / minVal > 1000.))
      exp = true;

    style.precision = precision;
    if (finite.empty()) {
      style.padLeft = style.padRight = 0;
      style.trim = Trim::KeepPoint;
      style.expDigits = -1;
    } else if (exp) {
      Style probe;
      probe.precision = precision;
      probe.trim = Trim::KeepPoint;
      size_t intLen = 0, fracLen = 0, expLen = 0;
      for (double v : finite) {
        std::string s = scientific(v, t, probe);
        size_t e = s.find('e'), dot = s.find('.');
        intLen = std::max(intLen, dot);
        fracLen = std::max(fracLen, e - dot - 1);
        expLen = std::max(expLen, s.size() - e - 1);
      }
      style.expDigits = expLen - 1;
      style.trim = Trim::Keep;
      style.precision = style.minDigits = fracLen;
      style.padLeft = intLen;
      style.padRight = style.expDigits + 2 + style.precision;
    } else {
      Style probe;
      probe.precision = precision;
      probe.trim = Trim::KeepPoint;
      size_t intLen = 0, fracLen = 0;
      for (double v : finite) {
        std::string s = positional(v, t, probe);
        size_t dot = s.find('.');
        intLen = std::max(intLen, dot);
        fracLen = std::max(fracLen, s.size() - dot - 1);
      }
      style.padLeft = intLen;
      style.padRight = fracLen;
      style.expDigits = -1;
      style.trim = Trim::KeepPoint;
      style.minDigits = 0;
    }
    if (finite.size() != data.size()) {
      bool negInf = false;
      for (double v : data)
        negInf |= std::isinf(v) && v < 0;
      int offset = style.padRight + 1;
      style.padLeft = std::max({style.padLeft, 3 - offset,
                                3 + (negInf ? 1 : 0) - offset});
    }
  }

  std::string operator()(double v) const {
    if (!std::isfinite(v)) {
      std::string r = nonFinite(v);
      int pad = style.padLeft + style.padRight + 1 - (int)r.size();
      return std::string(std::max(0, pad), ' ') + r;
    }
    return exp ? scientific(v, type, style) : positional(v, type, style);
  }

private:
  DType type;
  bool exp = false;
  Style style;
};

/// arrayprint.IntegerFormat.
class IntFormat {
public:
  explicit IntFormat(const std::vector<double> &data) {
    for (double v : data)
      width = std::max(width, text(v).size());
  }
  static std::string text(double v) { return std::to_string((long long)v); }
  std::string operator()(double v) const {
    std::string s = text(v);
    return std::string(width - s.size(), ' ') + s;
  }

private:
  size_t width = 0;
};

std::vector<std::string> splitLines(const std::string &s) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t nl; (nl = s.find('\n', start)) != std::string::npos; start = nl + 1)
    lines.push_back(s.substr(start, nl - start));
  lines.push_back(s.substr(start));
  return lines;
}

std::string rstrip(std::string s) {
  while (!s.empty() && s.back() == ' ')
    s.pop_back();
  return s;
}

/// arrayprint._extendLine
void extendLine(std::string &s, std::string &line, const std::string &word,
                size_t width, const std::string &prefix) {
  bool wrap = line.size() + word.size() > width;
  if (line.size() <= prefix.size())
    wrap = false;
  if (wrap) {
    s += rstrip(line) + "\n";
    line = prefix;
  }
  line += word;
}

/// arrayprint._extendLine_pretty
void extendLinePretty(std::string &s, std::string &line,
                      const std::string &word, size_t width,
                      const std::string &prefix) {
  std::vector<std::string> words = splitLines(word);
  if (words.size() == 1)
    return extendLine(s, line, word, width, prefix);
  size_t maxLen = 0;
  for (const std::string &w : words)
    maxLen = std::max(maxLen, w.size());
  std::string indent;
  if (line.size() + maxLen > width && line.size() > prefix.size()) {
    s += rstrip(line) + "\n";
    line = prefix + words[0];
    indent = prefix;
  } else {
    indent = std::string(line.size(), ' ');
    line += words[0];
  }
  for (size_t i = 1; i < words.size(); ++i) {
    s += rstrip(line) + "\n";
    line = indent + words[i];
  }
  line += std::string(maxLen - words.back().size(), ' ');
}

} // namespace

std::string ngraph::formatScalar(double v, DType t) {
  if (!isFloat(t))
    return IntFormat::text(v);
  if (!std::isfinite(v))
    return nonFinite(v);
  double a = std::fabs(v);
  Style s;
  // NumPy 2 switches at 10^(the type's decimal precision): 1e16 for
  // float64, 1e6 for float32.
  double high = t == DType::F32 ? 1e6 : 1e16;
  if (a == 0 || (a >= 1e-4 && a < high)) {
    s.trim = Trim::LeaveOneZero;
    return positional(v, t, s);
  }
  s.trim = Trim::PointAndZeros;
  return scientific(v, t, s);
}

std::string ngraph::formatJsonNumber(double v) {
  return std::isfinite(v) ? formatScalar(v, DType::F64) : "null";
}

std::string ngraph::formatArray(const Tensor &t, const PrintOptions &options) {
  if (t.shape.empty())
    return formatScalar(t.get(0), t.dtype);
  int64_t n = t.numElements();
  if (n == 0)
    return "[]";
  const std::vector<int64_t> &shape = t.shape;
  size_t rank = shape.size();
  int64_t edge = options.edgeItems;
  bool summarize = n > options.threshold;

  // The values the format is fitted to: all of them, or the corners shown.
  std::vector<double> shown;
  std::vector<int64_t> idx(rank, 0);
  for (int64_t i = 0; i < n; ++i) {
    bool visible = true;
    for (size_t d = 0; summarize && d < rank; ++d)
      visible &= shape[d] <= 2 * edge || idx[d] < edge ||
                 idx[d] >= shape[d] - edge;
    if (visible)
      shown.push_back(t.get(i));
    for (size_t d = rank; d-- > 0;) {
      if (++idx[d] < shape[d])
        break;
      idx[d] = 0;
    }
  }
  std::function<std::string(double)> format;
  if (isFloat(t.dtype))
    format = FloatFormat(shown, t.dtype, options.precision);
  else
    format = IntFormat(shown);

  std::vector<int64_t> strides(rank, 1);
  for (size_t d = rank - 1; d-- > 0;)
    strides[d] = strides[d + 1] * shape[d + 1];
  const std::string separator = " ";

  // arrayprint._formatArray's recurser, over (axis, offset of the index).
  std::function<std::string(size_t, int64_t, const std::string &, int)> rec =
      [&](size_t axis, int64_t offset, const std::string &hanging,
          int width) -> std::string {
    if (axis == rank)
      return format(t.get(offset));
    std::string nextHanging = hanging + " ";
    int nextWidth = width - 1;
    int64_t len = shape[axis];
    bool showSummary = summarize && 2 * edge < len;
    int64_t leading = showSummary ? edge : 0;
    int64_t trailing = showSummary ? edge : len;
    auto at = [&](int64_t i) { return offset + i * strides[axis]; };
    std::string s;
    if (rank - axis == 1) {
      size_t elemWidth = width - 1;
      std::string line = hanging;
      for (int64_t i = 0; i < leading; ++i) {
        extendLinePretty(s, line, rec(axis + 1, at(i), nextHanging, nextWidth),
                         elemWidth, hanging);
        line += separator;
      }
      if (showSummary) {
        extendLine(s, line, "...", elemWidth, hanging);
        line += separator;
      }
      for (int64_t i = trailing; i > 1; --i) {
        extendLinePretty(s, line,
                         rec(axis + 1, at(len - i), nextHanging, nextWidth),
                         elemWidth, hanging);
        line += separator;
      }
      extendLinePretty(s, line, rec(axis + 1, at(len - 1), nextHanging, nextWidth),
                       elemWidth, hanging);
      s += line;
    } else {
      std::string lineSep = rstrip(separator) + std::string(rank - axis - 1, '\n');
      for (int64_t i = 0; i < leading; ++i)
        s += hanging + rec(axis + 1, at(i), nextHanging, nextWidth) + lineSep;
      if (showSummary)
        s += hanging + "..." + lineSep;
      for (int64_t i = trailing; i > 1; --i)
        s += hanging + rec(axis + 1, at(len - i), nextHanging, nextWidth) +
             lineSep;
      s += hanging + rec(axis + 1, at(len - 1), nextHanging, nextWidth);
    }
    return "[" + s.substr(hanging.size()) + "]";
  };
  return rec(0, 0, " ", options.lineWidth);
}
