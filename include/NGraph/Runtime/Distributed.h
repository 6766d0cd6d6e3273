//===- Distributed.h - data-parallel runs over MPI -----------------*- C++ -*-===//
//
// A process started by mpirun (or another MPI launcher) is one rank of a
// data-parallel run. Compiled code combines partial results through
// the collectives of ABI.h; the runner uses the rest to share
// variables, gather sharded outputs and check that ranks agree.
//
// Every collective is guarded by a watchdog: if the other ranks do not
// answer within the timeout (a rank died or hangs), this process prints
// which call it was waiting in and exits, and mpirun takes the job down.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_DISTRIBUTED_H
#define NGRAPH_RUNTIME_DISTRIBUTED_H

#include "NGraph/Runtime/ABI.h"
#include "NGraph/Support/Tensor.h"

#include <string>
#include <utility>
#include <vector>

namespace ngraph::dist {

/// Initializes MPI. `tool` prefixes messages; collectives that wait longer
/// than `timeoutSeconds` end the process.
llvm::Error init(int *argc, char ***argv, const char *tool,
                 double timeoutSeconds);
/// True after init() (even with one rank).
bool initialized();
int rank();
int size();
/// Rank 0, which prints and writes files (true in a one-process run).
inline bool isRoot() { return rank() == 0; }
/// Finalizes MPI if init() ran.
void finalize();
/// Ends every rank (MPI_Abort) after this one printed why; a plain exit
/// without MPI.
[[noreturn]] void abortAll(int code);

/// Combines `count` elements at `data` in place across all ranks.
llvm::Error allreduce(void *data, int64_t count, abi::ElementCode type,
                      abi::ReduceCode kind);
/// The same, started: returns a handle for allreduceWait, before which the
/// buffer must not be touched.
llvm::Expected<int64_t> allreduceStart(void *data, int64_t count,
                                       abi::ElementCode type,
                                       abi::ReduceCode kind);
llvm::Error allreduceWait(int64_t handle);
/// Rank `root`'s `bytes` at `data` on every rank.
llvm::Error broadcast(void *data, size_t bytes, int root = 0);
/// This rank's part of a whole value along dimension `batchDim` (all of it
/// with one rank or no batch dimension); gatherBatch is the inverse.
Tensor localPart(const Tensor &whole, int64_t batchDim);
/// The whole of a value sharded along dimension `batchDim` (each rank's
/// part as ngraph::shardOf assigns it), assembled on rank 0. Other ranks
/// get an empty tensor.
llvm::Expected<Tensor> gatherBatch(const Tensor &local, int64_t batchDim,
                                   int64_t globalLength);
/// Seconds this process has spent in collectives (waiting included) since
/// init().
double collectiveSeconds();

/// The entry points compiled data-parallel code calls (ABI.h), for
/// CompileOptions::runtimeSymbols.
std::vector<std::pair<std::string, void *>> runtimeSymbols();

/// Fails unless every rank passes the same `value`.
llvm::Error checkSame(uint64_t value, const char *what);

} // namespace ngraph::dist

#endif
