//===- graph_fuzzer.cpp - differential testing of the compiler ------------===//
//
// Builds a random valid ng graph (a DAG of smooth ops over random axes, a
// scalar loss and its derivatives with respect to every input) from the
// fuzzer's bytes, then checks:
//   1. the optimized pipeline (fusion, -O3) and the naive one (no fusion,
//      -O0) agree on every output;
//   2. the gradients agree with central finite differences of the loss.
// The reference for values is the naive pipeline; for gradients, finite
// differences. A disagreement aborts, so the fuzzer keeps the input.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/Runtime.h"
#include "ToolSupport.h"

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

using namespace ngraph;

namespace {
struct Bytes {
  const uint8_t *p;
  size_t n, i = 0;
  unsigned next(unsigned bound) { return bound ? (i < n ? p[i++] : 0) % bound : 0; }
};

/// An axis list as names; lengths come from a fixed table.
using Axes = std::vector<char>;
int64_t lengthOf(char a) { return a == 'A' ? 2 : a == 'B' ? 3 : 4; }

std::string typeOf(const Axes &axes) {
  std::string s = "!ng.tensor<[";
  for (size_t i = 0; i < axes.size(); ++i)
    s += (i ? ", " : "") + std::string(1, axes[i]) + ":" + std::to_string(lengthOf(axes[i]));
  return s + "], f64>";
}
bool has(const Axes &a, char c) { return std::find(a.begin(), a.end(), c) != a.end(); }

// The axis rules, restated so the generator writes explicit types.
Axes broadcastAxes(const Axes &l, const Axes &r) {
  bool covered = std::all_of(l.begin(), l.end(), [&](char c) { return has(r, c); });
  if (covered)
    return r;
  Axes out = l;
  for (char c : r)
    if (!has(l, c))
      out.push_back(c);
  return out;
}
Axes dotAxes(const Axes &l, const Axes &r) {
  Axes out;
  for (char c : l)
    if (!has(r, c))
      out.push_back(c);
  for (char c : r)
    if (!has(l, c))
      out.push_back(c);
  return out;
}

/// One generated op, for the reference interpreter.
struct OpRecord {
  std::string kind;  // "tanh", "add", "dot", "sum", "softmax", ...
  size_t a = 0, b = 0;
  char axis = 0;     // reduced or normalized axis
  Axes axes;         // result axes
};

struct Graph {
  std::string body;
  std::vector<std::pair<std::string, Axes>> values;
  std::vector<OpRecord> ops; // ops[i] defines values[inputs + i]
  int counter = 0;
  std::string fresh() { return "%v" + std::to_string(counter++); }
};

/// Weight of element i of the loss: non-uniform, so a permuted layout
/// cannot cancel out in the sum.
double weightOf(int64_t i) { return 0.1 * (i % 7) - 0.25; }

int64_t sizeOf(const Axes &axes) {
  int64_t n = 1;
  for (char c : axes)
    n *= lengthOf(c);
  return n;
}

std::string literalOf(const Axes &axes) {
  if (axes.empty())
    return std::to_string(weightOf(0));
  int64_t flat = 0;
  std::function<std::string(size_t)> level = [&](size_t d) -> std::string {
    if (d == axes.size())
      return std::to_string(weightOf(flat++));
    std::string r = "[";
    for (int64_t i = 0; i < lengthOf(axes[d]); ++i)
      r += (i ? ", " : "") + level(d + 1);
    return r + "]";
  };
  return level(0);
}

std::string makeGraph(Bytes &in, std::vector<Axes> &inputAxes, Graph &g) {
  const char pool[] = {'A', 'B', 'C'};
  unsigned nInputs = 1 + in.next(3);
  for (unsigned k = 0; k < nInputs; ++k) {
    Axes axes;
    for (char c : pool)
      if (in.next(2))
        axes.push_back(c);
    if (in.next(2))
      std::reverse(axes.begin(), axes.end());
    std::string name = "%in" + std::to_string(k);
    g.body += "  " + name + " = ng.placeholder \"in" + std::to_string(k) + "\" : " + typeOf(axes) + "\n";
    g.values.push_back({name, axes});
    inputAxes.push_back(axes);
  }
  unsigned nOps = 1 + in.next(6);
  for (unsigned k = 0; k < nOps; ++k) {
    size_t ia = in.next(g.values.size()), ib = in.next(g.values.size());
    auto [a, at] = g.values[ia];
    auto [b, bt] = g.values[ib];
    std::string r = g.fresh();
    Axes rt;
    OpRecord rec;
    switch (in.next(9)) {
    case 0: case 1: {
      const char *ops[] = {"tanh", "sigmoid", "square", "negative"};
      std::string op = ops[in.next(4)];
      g.body += "  " + r + " = ng." + op + " " + a + " : " + typeOf(at) + "\n";
      rt = at;
      rec = {op, ia, ib, 0, rt};
      break;
    }
    case 2: case 3: {
      const char *ops[] = {"add", "subtract", "multiply"};
      std::string op = ops[in.next(3)];
      g.body += "  " + r + " = ng." + op + " " + a + ", " + b + " : " +
                typeOf(at) + ", " + typeOf(bt) + "\n";
      rt = broadcastAxes(at, bt);
      rec = {op, ia, ib, 0, rt};
      break;
    }
    case 4: {
      g.body += "  " + r + " = ng.dot " + a + ", " + b + " : " + typeOf(at) + ", " + typeOf(bt) + "\n";
      rt = dotAxes(at, bt);
      rec = {"dot", ia, ib, 0, rt};
      break;
    }
    case 5: {
      if (at.empty()) { rt = at; g.body += "  " + r + " = ng.negative " + a + " : " + typeOf(at) + "\n"; rec = {"negative", ia, ib, 0, rt}; break; }
      char red = at[in.next(at.size())];
      const char *ops[] = {"sum", "mean"};
      std::string op = ops[in.next(2)];
      g.body += "  " + r + " = ng." + op + " " + a + " reduce [" + std::string(1, red) + "] : " + typeOf(at) + "\n";
      for (char c : at)
        if (c != red)
          rt.push_back(c);
      rec = {op, ia, ib, red, rt};
      break;
    }
    case 6: {
      rt = at;
      for (char c : pool)
        if (!has(rt, c) && in.next(2))
          rt.insert(rt.begin() + in.next(rt.size() + 1), c);
      g.body += "  " + r + " = ng.broadcast " + a + " : " + typeOf(at) + " -> " + typeOf(rt) + "\n";
      rec = {"gather", ia, ib, 0, rt};
      break;
    }
    case 7: {
      rt = at;
      if (rt.size() > 1)
        std::rotate(rt.begin(), rt.begin() + 1, rt.end());
      g.body += "  " + r + " = ng.reorder " + a + " : " + typeOf(at) + " -> " + typeOf(rt) + "\n";
      rec = {"gather", ia, ib, 0, rt};
      break;
    }
    default: {
      if (at.empty()) { rt = at; g.body += "  " + r + " = ng.tanh " + a + " : " + typeOf(at) + "\n"; rec = {"tanh", ia, ib, 0, rt}; break; }
      g.body += "  " + r + " = ng.softmax " + a + " over [" + std::string(1, at[0]) + "] : " + typeOf(at) + "\n";
      rt = at;
      rec = {"softmax", ia, ib, at[0], rt};
      break;
    }
    }
    g.values.push_back({r, rt});
    g.ops.push_back(rec);
  }
  auto [last, lt] = g.values.back();
  std::string sq = g.fresh(), w = g.fresh(), p = g.fresh(), loss = "%loss";
  g.body += "  " + sq + " = ng.tanh " + last + " : " + typeOf(lt) + "\n";
  g.body += "  " + w + " = ng.constant " + literalOf(lt) + " : " + typeOf(lt) + "\n";
  g.body += "  " + p + " = ng.multiply " + sq + ", " + w + " : " + typeOf(lt) + ", " + typeOf(lt) + "\n";
  g.body += "  " + loss + " = ng.sum " + p + " out [] : " + typeOf(lt) + "\n";
  std::string outs = loss, outTypes = "!ng.tensor<[], f64>", ins, inTypes;
  for (unsigned k = 0; k < nInputs; ++k) {
    std::string d = "%d" + std::to_string(k), x = "%in" + std::to_string(k);
    std::string t = typeOf(inputAxes[k]);
    g.body += "  " + d + " = ng.deriv %loss wrt " + x + " : !ng.tensor<[], f64>, " + t + "\n";
    outs += ", " + d;
    outTypes += ", " + t;
    ins += (k ? ", " : "") + x;
    inTypes += (k ? ", " : "") + t;
  }
  g.body += "  ng.computation @f outputs(" + outs + " : " + outTypes + ") inputs(" + ins + " : " + inTypes + ")\n";
  return "ng.graph @g {\n" + g.body + "}\n";
}

/// A dense row-major value over named axes.
struct Val {
  Axes axes;
  std::vector<double> data;
  /// Element at coordinates given per axis name (extra names ignored).
  double at(const std::map<char, int64_t> &coord) const {
    int64_t flat = 0;
    for (char c : axes)
      flat = flat * lengthOf(c) + coord.at(c);
    return data[flat];
  }
};

/// Calls fn(coord, flat) for every element of `axes`, row-major.
void forEach(const Axes &axes, const std::function<void(std::map<char, int64_t> &, int64_t)> &fn) {
  std::map<char, int64_t> coord;
  for (char c : axes)
    coord[c] = 0;
  int64_t n = sizeOf(axes);
  for (int64_t flat = 0; flat < n; ++flat) {
    fn(coord, flat);
    for (size_t d = axes.size(); d-- > 0;) {
      if (++coord[axes[d]] < lengthOf(axes[d]))
        break;
      coord[axes[d]] = 0;
    }
  }
}

/// The ng semantics of the generated ops, written directly: the loss.
double reference(const Graph &g, const std::vector<Tensor> &inputs) {
  std::vector<Val> vals;
  for (size_t k = 0; k < inputs.size(); ++k) {
    Val v{g.values[k].second, {}};
    for (int64_t i = 0; i < inputs[k].numElements(); ++i)
      v.data.push_back(inputs[k].get(i));
    vals.push_back(v);
  }
  for (const OpRecord &op : g.ops) {
    const Val &a = vals[op.a], &b = vals[op.b];
    Val r{op.axes, std::vector<double>(sizeOf(op.axes))};
    forEach(op.axes, [&](std::map<char, int64_t> &c, int64_t flat) {
      double &out = r.data[flat];
      if (op.kind == "tanh") out = std::tanh(a.at(c));
      else if (op.kind == "sigmoid") out = 1 / (1 + std::exp(-a.at(c)));
      else if (op.kind == "square") out = a.at(c) * a.at(c);
      else if (op.kind == "negative") out = -a.at(c);
      else if (op.kind == "add") out = a.at(c) + b.at(c);
      else if (op.kind == "subtract") out = a.at(c) - b.at(c);
      else if (op.kind == "multiply") out = a.at(c) * b.at(c);
      else if (op.kind == "gather") out = a.at(c);
      else if (op.kind == "dot") {
        Axes shared;
        for (char x : a.axes)
          if (has(b.axes, x))
            shared.push_back(x);
        double s = 0;
        std::map<char, int64_t> full = c;
        forEach(shared, [&](std::map<char, int64_t> &k, int64_t) {
          for (auto [x, i] : k)
            full[x] = i;
          s += a.at(full) * b.at(full);
        });
        out = s;
      } else if (op.kind == "sum" || op.kind == "mean") {
        std::map<char, int64_t> full = c;
        double s = 0;
        for (int64_t i = 0; i < lengthOf(op.axis); ++i) {
          full[op.axis] = i;
          s += a.at(full);
        }
        out = op.kind == "sum" ? s : s / lengthOf(op.axis);
      } else if (op.kind == "softmax") {
        std::map<char, int64_t> full = c;
        double m = -INFINITY, s = 0;
        for (int64_t i = 0; i < lengthOf(op.axis); ++i) {
          full[op.axis] = i;
          m = std::max(m, a.at(full));
        }
        for (int64_t i = 0; i < lengthOf(op.axis); ++i) {
          full[op.axis] = i;
          s += std::exp(a.at(full) - m);
        }
        out = std::exp(a.at(c) - m) / s;
      }
    });
    vals.push_back(r);
  }
  const Val &last = vals.back();
  double loss = 0;
  for (size_t i = 0; i < last.data.size(); ++i)
    loss += std::tanh(last.data[i]) * weightOf(i);
  return loss;
}

[[noreturn]] void bug(const std::string &what, const std::string &graph) {
  llvm::errs() << "graph_fuzzer: " << what << "\n" << graph;
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Bytes in{data, size};
  std::vector<Axes> inputAxes;
  Graph g;
  std::string graph = makeGraph(in, inputAxes, g);

  CompileOptions fast, naive;
  fast.target = naive.target = ngraph::tools::hostTarget();
  // The fuzzer also checks the compiler's passes one by one.
  fast.verifyEachPass = naive.verifyEachPass = true;
  naive.fuse = false;
  naive.optLevel = 0;
  auto a = Transformer::loadFromString(graph, fast);
  if (!a)
    bug("the optimized pipeline rejected a valid graph: " + llvm::toString(a.takeError()), graph);
  auto b = Transformer::loadFromString(graph, naive);
  if (!b)
    bug("the naive pipeline rejected a valid graph: " + llvm::toString(b.takeError()), graph);

  std::vector<Tensor> inputs;
  for (const Axes &axes : inputAxes) {
    std::vector<int64_t> shape;
    for (char c : axes)
      shape.push_back(lengthOf(c));
    Tensor t(DType::F64, shape);
    for (int64_t i = 0; i < t.numElements(); ++i)
      t.set(i, ((int)in.next(200) - 100) / 60.0);
    inputs.push_back(std::move(t));
  }
  auto call = [&](Transformer &t, std::vector<Tensor> &outs) {
    if (llvm::Error e = t.call("f", inputs, outs))
      bug("call failed: " + llvm::toString(std::move(e)), graph);
  };
  std::vector<Tensor> fo, no;
  call(**a, fo);
  call(**b, no);
  for (size_t k = 0; k < fo.size(); ++k)
    for (int64_t i = 0; i < fo[k].numElements(); ++i) {
      double x = fo[k].get(i), y = no[k].get(i);
      if (!(std::fabs(x - y) <= 1e-9 * std::max(1.0, std::fabs(y))))
        bug("optimized and naive pipelines disagree on output " +
                std::to_string(k) + "[" + std::to_string(i) + "]: " +
                std::to_string(x) + " vs " + std::to_string(y), graph);
    }
  // The loss against the reference interpreter.
  double ref = reference(g, inputs), got = no[0].get(0);
  if (!(std::fabs(ref - got) <= 1e-9 * std::max(1.0, std::fabs(ref))))
    bug("the loss is " + std::to_string(got) + " but the reference gives " +
            std::to_string(ref), graph);
  // Gradients against central finite differences of the loss.
  const double h = 1e-6;
  for (size_t k = 0; k < inputs.size(); ++k)
    for (int64_t i = 0; i < inputs[k].numElements(); ++i) {
      double x0 = inputs[k].get(i);
      std::vector<Tensor> o;
      inputs[k].set(i, x0 + h);
      call(**b, o);
      double up = o[0].get(0);
      inputs[k].set(i, x0 - h);
      call(**b, o);
      double down = o[0].get(0);
      inputs[k].set(i, x0);
      double fd = (up - down) / (2 * h), g = no[k + 1].get(i);
      if (std::fabs(fd - g) > 1e-5 * std::max({1.0, std::fabs(fd), std::fabs(g)}))
        bug("gradient of input " + std::to_string(k) + "[" + std::to_string(i) +
                "] is " + std::to_string(g) + " but finite differences give " +
                std::to_string(fd), graph);
    }
  return 0;
}
