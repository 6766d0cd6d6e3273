//===- ABI.h - the names compiled code and the runtime share -------*- C++ -*-===//
//
// Every symbol name and code that the lowering writes into compiled code and
// the runtime looks up or answers: the outlining pass (ng-outline-
// computations), the collective lowering and the runtime libraries include
// this header, so they cannot disagree.
//
// Computation `f` becomes `ng_fn_f` with a C-interface wrapper
// `_mlir_ciface_ng_fn_f` (memref descriptors by pointer); variable `v` is the
// global `ng_var_v` holding its row-major data.
//
// Collectives: `data` is the address of `count` contiguous elements,
// combined in place across all ranks: at once, or started (MPI_Iallreduce)
// and finished by the wait on the handle start returned, so computation can
// go on in between. A failure (a dead or stuck peer) ends the process with a
// message: compiled code has no way to return it. The entry points are
// defined by the distributed runtime (lib/Runtime/Distributed.cpp), which
// hands them to the JIT (dist::runtimeSymbols()).
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_ABI_H
#define NGRAPH_RUNTIME_ABI_H

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ngraph::abi {

/// Prefix of a computation's function.
inline constexpr const char *kFunctionPrefix = "ng_fn_";
/// Prefix of a variable's global.
inline constexpr const char *kVariablePrefix = "ng_var_";
/// Prefix MLIR gives the C-interface wrapper of a function
/// (llvm.emit_c_interface).
inline constexpr const char *kCInterfacePrefix = "_mlir_ciface_";

inline std::string functionSymbol(const std::string &computation) {
  return kFunctionPrefix + computation;
}
inline std::string cInterfaceSymbol(const std::string &computation) {
  return kCInterfacePrefix + functionSymbol(computation);
}
inline std::string variableSymbol(const std::string &variable) {
  return kVariablePrefix + variable;
}
/// Prefix of the packed entry point `void(void **args)` the JIT calls for a
/// C-interface function: args[i] points at its argument i (a descriptor
/// pointer). Written into the object by ngraph::addPackedEntryPoints.
inline constexpr const char *kPackedPrefix = "ng_packed_";
inline std::string packedSymbol(const std::string &computation) {
  return kPackedPrefix + computation;
}

/// void (int64_t data, int64_t count, int32_t dtype, int32_t kind)
inline constexpr const char *kAllReduceSymbol = "ngraph_rt_allreduce";
/// int64_t (int64_t data, int64_t count, int32_t dtype, int32_t kind)
inline constexpr const char *kAllReduceStartSymbol = "ngraph_rt_allreduce_start";
/// void (int64_t handle)
inline constexpr const char *kAllReduceWaitSymbol = "ngraph_rt_allreduce_wait";

/// Element types, in ngraph::DType order.
enum class ElementCode : int32_t { F32 = 0, F64 = 1, I32 = 2, I64 = 3 };
/// Combiners, in mlir::ng::ReduceKind order.
enum class ReduceCode : int32_t { Sum = 0, Max = 1, Min = 2, Prod = 3 };

/// void (int64_t site, int64_t position, int64_t value): a lookup found
/// index `value` at row-major `position` of its indices outside its table
/// (the compiled code reads zeros instead). `site` is the address of the
/// NUL-terminated description encodeIndexSite() wrote into the module. The
/// runtime keeps the first report of a call and fails the call with it.
inline constexpr const char *kIndexErrorSymbol = "ngraph_rt_index_error";

/// What a report of kIndexErrorSymbol names: the op and where it is in the
/// graph file, the table's indexed axis and the indices' axes.
struct IndexSite {
  std::string location; ///< "file:line:col"
  std::string op;       ///< "ng.lookup"
  std::string tableAxis;
  int64_t tableLength = 0;
  std::vector<std::pair<std::string, int64_t>> indexAxes;
};

/// Lines "location", "op", "V:98", "T:64,N:32" (axis names are
/// identifiers, so ':' ',' and newlines only separate).
inline std::string encodeIndexSite(const IndexSite &s) {
  std::string r = s.location + "\n" + s.op + "\n" + s.tableAxis + ":" +
                  std::to_string(s.tableLength) + "\n";
  for (size_t i = 0; i < s.indexAxes.size(); ++i)
    r += (i ? "," : "") + s.indexAxes[i].first + ":" +
         std::to_string(s.indexAxes[i].second);
  return r;
}
/// The inverse of encodeIndexSite (std::nullopt for anything else).
std::optional<IndexSite> decodeIndexSite(const std::string &text);
/// "file:3:9: ng.lookup: index 120 at [T=3, N=17] is outside [0, 98), the
/// length of the table's axis V".
std::string describeIndexError(const IndexSite &site, int64_t position,
                               int64_t value);

} // namespace ngraph::abi

#endif
