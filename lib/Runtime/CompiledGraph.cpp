//===- CompiledGraph.cpp - a compile cache entry's contents ----------------===//
#include "NGraph/Runtime/CompiledGraph.h"

#include <cstring>

using namespace ngraph;
using llvm::createStringError;

static constexpr llvm::StringLiteral kMagic = "ngraph-compiled-graph 1\n";

void InitialValue::writeTo(void *dst, int64_t elements, size_t width) const {
  char *out = static_cast<char *>(dst);
  if (!splat) {
    std::memcpy(out, bytes.data(), bytes.size());
    return;
  }
  for (int64_t i = 0; i < elements; ++i)
    std::memcpy(out + i * width, bytes.data(), width);
}

namespace {
struct Writer {
  std::string out;
  template <typename T> void raw(T v) {
    out.append(reinterpret_cast<const char *>(&v), sizeof(T));
  }
  void str(llvm::StringRef s) {
    raw<uint64_t>(s.size());
    out += s;
  }
  void axis(const AxisInfo &a) {
    str(a.name);
    raw<int64_t>(a.length);
    raw<uint8_t>(a.batch);
    raw<uint8_t>(a.recurrent);
  }
  void value(const ValueInfo &v) {
    str(v.name);
    raw<uint8_t>(uint8_t(v.dtype));
    raw<uint8_t>(v.isEffect);
    axis(v.classAxis);
    raw<uint64_t>(v.axes.size());
    for (const AxisInfo &a : v.axes)
      axis(a);
  }
};

/// Reads fields in order; the first failure sticks and names the field.
struct Reader {
  llvm::StringRef in;
  std::string problem;
  bool ok() const { return problem.empty(); }
  bool fail(const std::string &what) {
    if (problem.empty())
      problem = what;
    return false;
  }
  template <typename T> bool raw(T &v, const char *what) {
    if (!ok())
      return false;
    if (in.size() < sizeof(T))
      return fail(std::string("truncated at ") + what);
    std::memcpy(&v, in.data(), sizeof(T));
    in = in.drop_front(sizeof(T));
    return true;
  }
  bool bytes(llvm::StringRef &s, const char *what) {
    uint64_t n = 0;
    if (!raw(n, what))
      return false;
    if (n > in.size())
      return fail(std::string("truncated at ") + what);
    s = in.take_front(n);
    in = in.drop_front(n);
    return true;
  }
  bool str(std::string &s, const char *what) {
    llvm::StringRef r;
    if (!bytes(r, what))
      return false;
    s = r.str();
    return true;
  }
  /// A count of items of at least `minBytes` each: never more than the
  /// bytes left could hold, so a damaged count cannot allocate much.
  bool count(uint64_t &n, size_t minBytes, const char *what) {
    if (!raw(n, what))
      return false;
    if (n > in.size() / minBytes)
      return fail(std::string("impossible count of ") + what);
    return true;
  }
  bool flag(bool &b, const char *what) {
    uint8_t v = 0;
    if (!raw(v, what))
      return false;
    if (v > 1)
      return fail(std::string("bad flag in ") + what);
    b = v;
    return true;
  }
  bool axis(AxisInfo &a) {
    return str(a.name, "an axis name") && raw(a.length, "an axis length") &&
           (a.length >= AxisInfo::kDynamic || fail("a negative axis length")) &&
           flag(a.batch, "an axis") && flag(a.recurrent, "an axis");
  }
  bool value(ValueInfo &v) {
    uint8_t dtype = 0;
    uint64_t n = 0;
    if (!str(v.name, "a value name") || !raw(dtype, "a dtype"))
      return false;
    if (dtype > uint8_t(DType::I64))
      return fail("unknown dtype " + std::to_string(dtype));
    v.dtype = DType(dtype);
    if (!flag(v.isEffect, "a value") || !axis(v.classAxis) ||
        !count(n, 18, "axes"))
      return false;
    v.axes.resize(n);
    for (AxisInfo &a : v.axes)
      if (!axis(a))
        return false;
    return true;
  }
  bool values(std::vector<ValueInfo> &vs, const char *what) {
    uint64_t n = 0;
    if (!count(n, 20, what))
      return false;
    vs.resize(n);
    for (ValueInfo &v : vs)
      if (!value(v))
        return false;
    return true;
  }
};
} // namespace

std::string ngraph::encodeCompiledGraph(const CompiledGraph &g) {
  Writer w;
  w.out = kMagic.str();
  w.raw<uint64_t>(g.computations.size());
  for (const ComputationInfo &c : g.computations) {
    w.str(c.name);
    w.raw<uint64_t>(c.inputs.size());
    for (const ValueInfo &v : c.inputs)
      w.value(v);
    w.raw<uint64_t>(c.outputs.size());
    for (const ValueInfo &v : c.outputs)
      w.value(v);
  }
  w.raw<uint64_t>(g.variables.size());
  for (const ValueInfo &v : g.variables)
    w.value(v);
  w.raw<uint64_t>(g.dynamicAxes.size());
  for (const std::string &a : g.dynamicAxes)
    w.str(a);
  for (const InitialValue &v : g.initialValues) {
    w.raw<uint8_t>(v.splat);
    w.str(v.bytes);
  }
  w.str(g.object);
  return std::move(w.out);
}

llvm::Expected<CompiledGraph> ngraph::decodeCompiledGraph(llvm::StringRef bytes) {
  if (!bytes.consume_front(kMagic))
    return createStringError("not a compiled graph of this compiler");
  Reader r{bytes};
  CompiledGraph g;
  uint64_t n = 0;
  if (r.count(n, 24, "computations")) {
    g.computations.resize(n);
    for (ComputationInfo &c : g.computations)
      if (!r.str(c.name, "a computation name") ||
          !r.values(c.inputs, "inputs") || !r.values(c.outputs, "outputs"))
        break;
  }
  r.values(g.variables, "variables");
  if (r.count(n, 8, "dynamic axes")) {
    g.dynamicAxes.resize(n);
    for (std::string &a : g.dynamicAxes)
      if (!r.str(a, "a dynamic axis"))
        break;
  }
  if (r.ok())
    g.initialValues.resize(g.variables.size());
  for (size_t i = 0; r.ok() && i < g.variables.size(); ++i) {
    const ValueInfo &v = g.variables[i];
    InitialValue &init = g.initialValues[i];
    if (!r.flag(init.splat, "an initial value") ||
        !r.bytes(init.bytes, "an initial value"))
      break;
    // The value must fill the variable exactly.
    uint64_t elements = 1;
    for (const AxisInfo &a : v.axes) {
      if (a.length < 0 || (a.length && elements > (uint64_t(1) << 40) / a.length)) {
        r.fail("variable '" + v.name + "' has a bad shape");
        break;
      }
      elements *= a.length;
    }
    uint64_t width = dtypeSize(v.dtype);
    uint64_t want = init.splat ? width : elements * width;
    if (r.ok() && init.bytes.size() != want)
      r.fail("variable '" + v.name + "' has " +
             std::to_string(init.bytes.size()) + " bytes of initial value, "
             "not " + std::to_string(want));
  }
  r.bytes(g.object, "the object");
  if (r.ok() && !r.in.empty())
    r.fail(std::to_string(r.in.size()) + " bytes after the object");
  if (!r.ok())
    return createStringError("damaged compiled graph: %s", r.problem.c_str());
  return g;
}
