//===- NGraphModule.cpp - the C++ side of the Python package (_ngraph) ----===//
//
// A thin binding of GraphBuilder (build and verify ops as Python creates
// them) and Transformer (compile once, call with NumPy arrays). Everything
// with a rule in it lives in the C++ libraries; the Python package
// (python/ngraph) gives it Nervana Graph's spelling.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Runtime/GraphBuilder.h"
#include "NGraph/Runtime/Runtime.h"
#include "ToolSupport.h"

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstring>
#include <optional>
#include <stdexcept>

namespace py = pybind11;
using namespace ngraph;

namespace {

/// Raised in Python as _ngraph.Error (a ValueError).
struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void check(llvm::Error e) {
  if (e)
    throw Failure(llvm::toString(std::move(e)));
}
template <typename T> T check(llvm::Expected<T> v) {
  if (!v)
    throw Failure(llvm::toString(v.takeError()));
  return std::move(*v);
}

const char *numpyName(DType t) {
  switch (t) {
  case DType::F32:
    return "float32";
  case DType::F64:
    return "float64";
  case DType::I32:
    return "int32";
  case DType::I64:
    return "int64";
  }
  return "float32";
}

/// The runtime's element type for a NumPy dtype, if it has one.
std::optional<DType> dtypeOf(const py::dtype &dt) {
  char kind = dt.kind();
  ssize_t size = dt.itemsize();
  if (kind == 'f' && (size == 4 || size == 8))
    return size == 4 ? DType::F32 : DType::F64;
  if (kind == 'i' && (size == 4 || size == 8))
    return size == 4 ? DType::I32 : DType::I64;
  return std::nullopt;
}

/// Copies a C-contiguous array of float32/64 or int32/64 into `t`
/// (reusing its buffer).
void toTensor(const py::array &a, const std::string &what, Tensor &t) {
  std::optional<DType> dtype = dtypeOf(a.dtype());
  if (!dtype)
    throw Failure(what + ": arrays of " + std::string(py::str(a.dtype())) +
                  " are not supported (float32, float64, int32, int64)");
  if (!(a.flags() & py::array::c_style))
    throw Failure(what + ": the array is not C-contiguous");
  t.dtype = *dtype;
  t.shape.assign(a.shape(), a.shape() + a.ndim());
  const auto *p = static_cast<const uint8_t *>(a.data());
  t.bytes.assign(p, p + a.nbytes());
}

py::array toArray(const Tensor &t) {
  py::array out(py::dtype(numpyName(t.dtype)),
                std::vector<ssize_t>(t.shape.begin(), t.shape.end()));
  if (!t.bytes.empty())
    std::memcpy(out.mutable_data(), t.bytes.data(), t.bytes.size());
  return out;
}

py::tuple describeValue(const ValueInfo &v) {
  py::list axes;
  for (const AxisInfo &a : v.axes)
    axes.append(py::make_tuple(a.name, a.length, a.batch, a.recurrent));
  return py::make_tuple(v.name, axes, numpyName(v.dtype), v.isEffect);
}

SourceLocation where(const std::string &file, unsigned line, unsigned column) {
  return {file, line, column};
}

/// Reads a call argument into `t`: Python numbers directly as the
/// placeholder's element type, arrays of a supported type as they are
/// (the runtime converts), anything else through NumPy to the
/// placeholder's type.
void readArgument(const py::handle &arg, const ValueInfo &placeholder,
                  Tensor &t) {
  if ((PyFloat_Check(arg.ptr()) || PyLong_Check(arg.ptr())) &&
      placeholder.axes.empty()) {
    double v = PyFloat_Check(arg.ptr()) ? PyFloat_AS_DOUBLE(arg.ptr())
                                        : arg.cast<double>();
    t = Tensor::scalar(placeholder.dtype, v);
    if (!isFloat(placeholder.dtype) && (double)(int64_t)v != v)
      t = Tensor::scalar(DType::F64, v); // the runtime refuses it by name
    return;
  }
  if (py::isinstance<py::array>(arg)) {
    auto a = py::reinterpret_borrow<py::array>(arg);
    std::optional<DType> dtype = dtypeOf(a.dtype());
    if (dtype && (a.flags() & py::array::c_style)) {
      // float64 data for a float32 placeholder (NumPy's default type): one
      // converting copy instead of a copy and the runtime's conversion.
      if (*dtype == DType::F64 && placeholder.dtype == DType::F32) {
        t.dtype = DType::F32;
        t.shape.assign(a.shape(), a.shape() + a.ndim());
        t.bytes.resize(a.size() * sizeof(float));
        const double *from = static_cast<const double *>(a.data());
        float *to = t.data<float>();
        for (ssize_t i = 0, n = a.size(); i < n; ++i)
          to[i] = (float)from[i];
        return;
      }
      toTensor(a, placeholder.name, t);
      return;
    }
  }
  py::module_ np = py::module_::import("numpy");
  py::array a = np.attr("asarray")(arg);
  if (!dtypeOf(a.dtype()))
    a = a.attr("astype")(numpyName(placeholder.dtype));
  toTensor(np.attr("ascontiguousarray")(a), placeholder.name, t);
}

/// A compiled graph and the calls into it.
struct PyTransformer {
  std::unique_ptr<Transformer> t;
  // Per computation, reused between calls.
  std::vector<std::vector<Tensor>> inputs, outputs;

  PyTransformer(const std::string &source, const std::string &target,
                unsigned optLevel, unsigned threads, bool schedule, bool fuse,
                std::optional<std::string> cacheDir) {
    CompileOptions options;
    options.target = check(tools::runnableTarget(target));
    options.optLevel = optLevel;
    options.threads = threads;
    options.schedule = schedule;
    options.fuse = fuse;
    options.cacheDirectory =
        cacheDir ? *cacheDir : tools::defaultCacheDirectory();
    {
      py::gil_scoped_release release;
      auto loaded = Transformer::loadFromString(source, options);
      if (!loaded) {
        py::gil_scoped_acquire acquire;
        throw Failure(llvm::toString(loaded.takeError()));
      }
      t = std::move(*loaded);
    }
    inputs.resize(t->computations().size());
    outputs.resize(t->computations().size());
  }

  /// Calls computation `index` (in definition order): the outputs as a
  /// tuple, or the one output when `single`; effects give None.
  py::object call(size_t index, const py::tuple &args, bool single) {
    const auto &comps = t->computations();
    if (index >= comps.size())
      throw Failure("no computation #" + std::to_string(index));
    const ComputationInfo &c = comps[index];
    if (args.size() != c.inputs.size()) {
      std::string names;
      for (const ValueInfo &v : c.inputs)
        names += (names.empty() ? "" : ", ") + v.name;
      throw py::type_error(c.name + " takes " + std::to_string(c.inputs.size()) +
                           (c.inputs.size() == 1 ? " argument (" : " arguments (") +
                           names + "), got " + std::to_string(args.size()));
    }
    std::vector<Tensor> &ins = inputs[index];
    ins.resize(args.size());
    for (size_t i = 0; i < args.size(); ++i)
      readArgument(args[i], c.inputs[i], ins[i]);
    std::vector<Tensor> &outs = outputs[index];
    llvm::Error err = llvm::Error::success();
    {
      py::gil_scoped_release release;
      err = t->call(c.name, ins, outs);
    }
    check(std::move(err));
    auto result = [&](size_t i) -> py::object {
      if (c.outputs[i].isEffect)
        return py::none();
      return toArray(outs[i]);
    };
    if (single)
      return result(0);
    py::tuple tuple(outs.size());
    for (size_t i = 0; i < outs.size(); ++i)
      tuple[i] = result(i);
    return tuple;
  }
};

} // namespace

PYBIND11_MODULE(_ngraph, m) {
  m.doc() = "ngraph-mlir's C++ graph builder and JIT (use the ngraph package)";
  py::register_exception<Failure>(m, "Error", PyExc_ValueError);
  tools::registerHostTarget();

  // The dialect's rules the package needs to spell ops (one place: here
  // they are the dialect's own functions).
  m.def("window_output_length", &mlir::ng::axes::windowOutputLength,
        py::arg("input"), py::arg("length"), py::arg("stride"),
        py::arg("padding"), py::arg("dilation"));
  m.def("range_length", &mlir::ng::axes::rangeLength, py::arg("start"),
        py::arg("stop"), py::arg("step"));
  m.def("enum_value", [](const std::string &e, const std::string &c) {
    std::optional<uint32_t> v;
    if (e == "OptimizerKind") {
      if (auto k = mlir::ng::symbolizeOptimizerKind(c))
        v = (uint32_t)*k;
    } else if (e == "PoolKind") {
      if (auto k = mlir::ng::symbolizePoolKind(c))
        v = (uint32_t)*k;
    } else {
      throw Failure("no enumeration " + e);
    }
    if (!v)
      throw Failure("'" + c + "' is not a " + e);
    return *v;
  });

  py::class_<GraphBuilder>(m, "Builder")
      .def(py::init<>())
      .def(
          "create",
          [](GraphBuilder &b, const std::string &op,
             const std::vector<int64_t> &operands, const std::string &attrs,
             const std::vector<std::string> &types, const std::string &file,
             unsigned line, unsigned column) {
            return check(
                b.create(op, operands, attrs, types, where(file, line, column)));
          },
          py::arg("op"), py::arg("operands"), py::arg("attributes"),
          py::arg("result_types"), py::arg("file"), py::arg("line"),
          py::arg("column"))
      .def("begin_body",
           [](GraphBuilder &b, const std::vector<std::string> &types) {
             return check(b.beginBody(types));
           })
      .def("abandon_body", &GraphBuilder::abandonBody)
      .def(
          "finish_body",
          [](GraphBuilder &b, const std::string &op,
             const std::vector<int64_t> &operands, const std::string &attrs,
             const std::vector<std::string> &types,
             const std::string &terminator, const std::vector<int64_t> &yielded,
             const std::string &file, unsigned line, unsigned column) {
            return check(b.finishBody(op, operands, attrs, types, terminator,
                                      yielded, where(file, line, column)));
          },
          py::arg("op"), py::arg("operands"), py::arg("attributes"),
          py::arg("result_types"), py::arg("terminator"), py::arg("yielded"),
          py::arg("file"), py::arg("line"), py::arg("column"))
      .def("describe",
           [](const GraphBuilder &b, int64_t h) {
             return describeValue(check(b.describe(h)));
           })
      .def("type_text",
           [](const GraphBuilder &b, int64_t h) { return check(b.typeText(h)); })
      .def("rename", [](GraphBuilder &b, int64_t h,
                        const std::string &name) { check(b.rename(h, name)); })
      .def("variables_of",
           [](const GraphBuilder &b, int64_t h) {
             return check(b.variablesOf(h));
           })
      .def(
          "graph_source",
          [](const GraphBuilder &b, const std::string &name,
             const std::vector<py::tuple> &comps, bool locations) {
            std::vector<ComputationSpec> specs;
            for (const py::tuple &c : comps)
              specs.push_back({c[0].cast<std::string>(),
                               c[1].cast<std::vector<int64_t>>(),
                               c[2].cast<std::vector<int64_t>>(),
                               where(c[3].cast<std::string>(),
                                     c[4].cast<unsigned>(),
                                     c[5].cast<unsigned>())});
            return check(b.graphSource(name, specs, locations));
          },
          py::arg("name"), py::arg("computations"), py::arg("locations"));

  py::class_<PyTransformer>(m, "Transformer")
      .def(py::init<const std::string &, const std::string &, unsigned,
                    unsigned, bool, bool, std::optional<std::string>>(),
           py::arg("source"), py::arg("target") = "host",
           py::arg("opt_level") = 2, py::arg("threads") = 1,
           py::arg("schedule") = true, py::arg("fuse") = true,
           py::arg("cache_dir") = py::none())
      .def("call", &PyTransformer::call)
      .def("computations",
           [](const PyTransformer &p) {
             py::list out;
             for (const ComputationInfo &c : p.t->computations()) {
               py::list ins, outs;
               for (const ValueInfo &v : c.inputs)
                 ins.append(describeValue(v));
               for (const ValueInfo &v : c.outputs)
                 outs.append(describeValue(v));
               out.append(py::make_tuple(c.name, ins, outs));
             }
             return out;
           })
      .def("variables",
           [](const PyTransformer &p) {
             py::list out;
             for (const ValueInfo &v : p.t->variables())
               out.append(describeValue(v));
             return out;
           })
      .def("read_variable",
           [](const PyTransformer &p, const std::string &name) {
             return toArray(check(p.t->readVariable(name)));
           })
      .def("write_variable",
           [](PyTransformer &p, const std::string &name, const py::array &a) {
             Tensor t;
             toTensor(a, name, t);
             check(p.t->writeVariable(name, t));
           })
      .def_property_readonly("compile_seconds",
                             [](const PyTransformer &p) {
                               return p.t->compileTimes().total();
                             })
      .def_property_readonly("cache", [](const PyTransformer &p) {
        return p.t->cacheReport().describe();
      });
}
