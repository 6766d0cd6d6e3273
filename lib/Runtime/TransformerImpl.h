//===- TransformerImpl.h - the Transformer's state, for its front ends -*- C++ -*-===//
//
// A Transformer is a core that links and calls compiled objects
// (Runtime.cpp, no MLIR) and a front end that supplies the graph's
// interface and compiles it: the MLIR compiler (GraphFrontEnd.cpp, in
// NGraphJIT) or, in a process that only runs cached code, the compile
// cache alone (CachedFrontEnd.cpp, in NGraphCachedRuntime).
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_LIB_RUNTIME_TRANSFORMERIMPL_H
#define NGRAPH_LIB_RUNTIME_TRANSFORMERIMPL_H

#include "NGraph/Runtime/CompileCache.h"
#include "NGraph/Runtime/CompiledGraph.h"
#include "NGraph/Runtime/ObjectLoader.h"
#include "NGraph/Runtime/Runtime.h"

#include <map>
#include <memory>
#include <optional>

namespace ngraph::detail {

/// Compiles the graph a Transformer was loaded from.
class GraphFrontEnd {
public:
  virtual ~GraphFrontEnd();
  /// An object for the graph at `lengths` (its `?` axes given).
  virtual llvm::Expected<std::string> compile(const AxisLengths &lengths,
                                              CompileTimes &times) = 0;
};

/// Every option that changes the machine code, as text for the cache key.
std::string optionsKey(const CompileOptions &options);

} // namespace ngraph::detail

namespace ngraph {

struct Transformer::Impl {
  std::unique_ptr<detail::GraphFrontEnd> frontEnd;
  CompileOptions options;
  std::string source;
  /// The graph's interface and its variables' initial values (which point
  /// into the front end's storage or `entry`).
  CompiledGraph graph;
  /// Per computation (as graph.computations), its own `?` axes.
  std::vector<std::vector<std::string>> computationAxes;
  std::vector<AxisLengths> compiled;
  /// The object of the cache entry the cached front end read the interface
  /// from (inside `entry`): the first specialization links it without
  /// looking the entry up and decoding it again.
  std::optional<llvm::StringRef> preloadedObject;
  /// Per computation: its packed entry point and argument block, set up
  /// once. `words` holds one memref descriptor per non-effect argument at
  /// `offsets`; `descs[i]` points at descriptor i and `args[i]` at
  /// `descs[i]`, the packed calling convention.
  struct CallFrame {
    const ComputationInfo *info = nullptr;
    void (*entry)(void **) = nullptr;
    std::vector<std::vector<int64_t>> shapes;
    std::vector<size_t> offsets;
    std::vector<int64_t> words;
    std::vector<void *> descs, args;
    std::vector<Tensor> converted;
  };
  /// The graph compiled at one set of lengths of its `?` axes (the only
  /// one, with no lengths, for a graph without them).
  struct Specialization {
    AxisLengths lengths;
    std::unique_ptr<LoadedObject> code;
    std::vector<ComputationInfo> computations; ///< with the lengths
    std::map<std::string, void *> variableData;
    std::map<std::string, CallFrame> calls;
    uint64_t lastUse = 0;
  };
  std::vector<std::unique_ptr<Specialization>> specializations;
  /// The specialization whose globals hold the variables' values; the
  /// others' are stale until it is made active again.
  Specialization *active = nullptr;
  /// The variables' values when they are read or written before any
  /// specialization holds them (a graph with `?` axes before its first
  /// call).
  std::map<std::string, Tensor> parked;
  /// Set once the initial values have been copied out: they are no longer
  /// needed, and a cached front end's entry is released.
  bool initialValuesUsed = false;
  std::unique_ptr<llvm::MemoryBuffer> entry;
  uint64_t uses = 0;
  CompileTimes compileTimes;
  CacheReport cache;

  /// Checks the options, then compiles a graph of fixed lengths.
  static llvm::Expected<std::unique_ptr<Transformer>>
  start(std::unique_ptr<Transformer> t);
  /// Links `object` and resolves what it calls.
  llvm::Expected<std::unique_ptr<LoadedObject>> link(llvm::StringRef object);
  /// Compiles (or loads from the cache) the graph at `lengths`.
  llvm::Expected<std::unique_ptr<Specialization>>
  specialize(const AxisLengths &lengths);
  /// Moves the variables' values into `s`'s globals and makes it active.
  void activate(Specialization &s);
  /// The specialization for `lengths`, compiled on first use; drops the
  /// least recently used ones beyond options.maxSpecializations.
  llvm::Expected<Specialization *> lookup(const AxisLengths &lengths);
  /// Writes variable `i`'s initial value to `dst`.
  void writeInitialValue(size_t i, void *dst) const;
  /// Drops the initial values (and a cached front end's entry) once no
  /// specialization or parked value can need them again.
  void releaseInitialValues();
  /// Where variable `v`'s current value is.
  void *variableAddress(const ValueInfo &v);
};

} // namespace ngraph

#endif
