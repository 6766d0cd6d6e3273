//===- CompiledGraph.h - a compile cache entry's contents -----*- C++ -*-===//
//
// What the compile cache keeps for one compiled graph: the object and the
// graph's interface (computations, variables and the variables' initial
// values). With both, a process runs cached code without parsing the
// graph, so it needs neither libMLIR nor libLLVM (docs/deploy.md).
//
// The encoding is binary, little-endian, versioned, and checked field by
// field when decoded: a damaged entry is an error, never a crash.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_COMPILEDGRAPH_H
#define NGRAPH_RUNTIME_COMPILEDGRAPH_H

#include "NGraph/Runtime/Runtime.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace ngraph {

/// A variable's value in the graph: row-major bytes, or one element for a
/// splat (every element equal).
struct InitialValue {
  bool splat = false;
  llvm::StringRef bytes;
  /// Writes the value (`elements` of `width` bytes) to `dst`.
  void writeTo(void *dst, int64_t elements, size_t width) const;
};

/// A graph's interface and its object; the StringRefs point into the
/// buffer it was decoded from.
struct CompiledGraph {
  std::vector<ComputationInfo> computations;
  std::vector<ValueInfo> variables;
  /// The graph's `?` axes (entries are compiled at fixed lengths; this
  /// says whether the graph itself has any).
  std::vector<std::string> dynamicAxes;
  std::vector<InitialValue> initialValues; ///< per variable
  llvm::StringRef object;
};

std::string encodeCompiledGraph(const CompiledGraph &graph);
llvm::Expected<CompiledGraph> decodeCompiledGraph(llvm::StringRef bytes);

} // namespace ngraph

#endif
