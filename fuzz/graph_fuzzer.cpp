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

#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
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

struct Graph {
  std::string body;
  std::vector<std::pair<std::string, Axes>> values;
  int counter = 0;
  std::string fresh() { return "%v" + std::to_string(counter++); }
};

std::string makeGraph(Bytes &in, std::vector<Axes> &inputAxes) {
  Graph g;
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
    auto [a, at] = g.values[in.next(g.values.size())];
    auto [b, bt] = g.values[in.next(g.values.size())];
    std::string r = g.fresh();
    Axes rt;
    switch (in.next(9)) {
    case 0: case 1: {
      const char *ops[] = {"tanh", "sigmoid", "square", "negative"};
      std::string op = ops[in.next(4)];
      g.body += "  " + r + " = ng." + op + " " + a + " : " + typeOf(at) + "\n";
      rt = at;
      break;
    }
    case 2: case 3: {
      const char *ops[] = {"add", "subtract", "multiply"};
      g.body += "  " + r + " = ng." + ops[in.next(3)] + " " + a + ", " + b + " : " +
                typeOf(at) + ", " + typeOf(bt) + "\n";
      rt = broadcastAxes(at, bt);
      break;
    }
    case 4: {
      g.body += "  " + r + " = ng.dot " + a + ", " + b + " : " + typeOf(at) + ", " + typeOf(bt) + "\n";
      rt = dotAxes(at, bt);
      break;
    }
    case 5: {
      if (at.empty()) { rt = at; g.body += "  " + r + " = ng.negative " + a + " : " + typeOf(at) + "\n"; break; }
      char red = at[in.next(at.size())];
      const char *ops[] = {"sum", "mean"};
      g.body += "  " + r + " = ng." + ops[in.next(2)] + " " + a + " reduce [" + std::string(1, red) + "] : " + typeOf(at) + "\n";
      for (char c : at)
        if (c != red)
          rt.push_back(c);
      break;
    }
    case 6: {
      rt = at;
      for (char c : pool)
        if (!has(rt, c) && in.next(2))
          rt.insert(rt.begin() + in.next(rt.size() + 1), c);
      g.body += "  " + r + " = ng.broadcast " + a + " : " + typeOf(at) + " -> " + typeOf(rt) + "\n";
      break;
    }
    case 7: {
      rt = at;
      if (rt.size() > 1)
        std::rotate(rt.begin(), rt.begin() + 1, rt.end());
      g.body += "  " + r + " = ng.reorder " + a + " : " + typeOf(at) + " -> " + typeOf(rt) + "\n";
      break;
    }
    default: {
      if (at.empty()) { rt = at; g.body += "  " + r + " = ng.tanh " + a + " : " + typeOf(at) + "\n"; break; }
      g.body += "  " + r + " = ng.softmax " + a + " over [" + std::string(1, at[0]) + "] : " + typeOf(at) + "\n";
      rt = at;
      break;
    }
    }
    g.values.push_back({r, rt});
  }
  auto [last, lt] = g.values.back();
  std::string sq = g.fresh(), loss = "%loss";
  g.body += "  " + sq + " = ng.tanh " + last + " : " + typeOf(lt) + "\n";
  g.body += "  " + loss + " = ng.sum " + sq + " out [] : " + typeOf(lt) + "\n";
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

[[noreturn]] void bug(const std::string &what, const std::string &graph) {
  llvm::errs() << "graph_fuzzer: " << what << "\n" << graph;
  std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  Bytes in{data, size};
  std::vector<Axes> inputAxes;
  std::string graph = makeGraph(in, inputAxes);

  CompileOptions fast, naive;
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
    std::vector<const Tensor *> ptrs;
    for (Tensor &x : inputs)
      ptrs.push_back(&x);
    if (llvm::Error e = t.call("f", ptrs, outs))
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
