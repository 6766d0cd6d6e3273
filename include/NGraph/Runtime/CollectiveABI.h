//===- CollectiveABI.h - compiled code's calls into the MPI runtime -*- C++ -*-===//
//
// The ng.allreduce lowering emits calls that the runtime (lib/Runtime/
// Distributed.cpp) answers, declared at the end; both include this header
// so they agree.
//
// `data` is the address of `count` contiguous elements, combined in place
// across all ranks: at once, or started (MPI_Iallreduce) and finished by the
// wait on the handle start returned, so computation can go on in between.
// A failure (a dead or stuck peer) ends the process with a message:
// compiled code has no way to return it.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_COLLECTIVEABI_H
#define NGRAPH_RUNTIME_COLLECTIVEABI_H

#include <cstdint>

namespace ngraph::abi {

inline constexpr const char *kAllReduceSymbol = "ngraph_rt_allreduce";
inline constexpr const char *kAllReduceStartSymbol = "ngraph_rt_allreduce_start";
inline constexpr const char *kAllReduceWaitSymbol = "ngraph_rt_allreduce_wait";

/// Element types, in ngraph::DType order.
enum class ElementCode : int32_t { F32 = 0, F64 = 1, I32 = 2, I64 = 3 };
/// Combiners, in mlir::ng::ReduceKind order.
enum class ReduceCode : int32_t { Sum = 0, Max = 1, Min = 2, Prod = 3 };

} // namespace ngraph::abi

// Defined in Distributed.cpp; the JIT resolves compiled code's calls to them.
extern "C" {
void ngraph_rt_allreduce(int64_t data, int64_t count, int32_t dtype,
                         int32_t kind);
int64_t ngraph_rt_allreduce_start(int64_t data, int64_t count, int32_t dtype,
                                  int32_t kind);
void ngraph_rt_allreduce_wait(int64_t handle);
}

#endif
