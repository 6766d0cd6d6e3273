//===- Distributed.cpp - data-parallel runs over MPI ----------------------===//
#include "NGraph/Runtime/Distributed.h"
#include "NGraph/Support/Sharding.h"

#include "llvm/Support/raw_ostream.h"

// The C API only: OpenMPI's header would pull in its C++ bindings.
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

using namespace ngraph;
using llvm::createStringError;

namespace {
struct State {
  bool initialized = false;
  int rank = 0, size = 1;
  std::string tool = "ngraph";
  double timeoutSeconds = 120;
  /// Steady-clock nanoseconds by which the current collective must finish;
  /// 0 outside collectives. The watchdog thread reads it.
  std::atomic<int64_t> deadline{0};
  std::atomic<const char *> waitingIn{""};
  int64_t nanos = 0;
  /// Started allreduces, by handle; finished ones are MPI_REQUEST_NULL.
  std::vector<MPI_Request> pending;
};
State state;

int64_t nowNanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// Marks the calling thread as inside a collective for its lifetime.
struct Guard {
  int64_t start = nowNanos();
  explicit Guard(const char *what) {
    state.waitingIn = what;
    state.deadline = start + (int64_t)(state.timeoutSeconds * 1e9);
  }
  ~Guard() {
    state.deadline = 0;
    state.nanos += nowNanos() - start;
  }
};

/// async-signal-safe write of a whole string.
void writeAll(const char *s, size_t n) {
  while (n > 0) {
    ssize_t w = write(2, s, n);
    if (w <= 0)
      return;
    s += w;
    n -= w;
  }
}

// Message for the SIGTERM mpirun sends when another rank failed; built once
// so the handler only writes it.
char termMessage[256];

extern "C" void onTerminate(int) {
  writeAll(termMessage, strlen(termMessage));
  _exit(128 + SIGTERM);
}

void watchdog() {
  for (;;) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    int64_t d = state.deadline.load();
    if (d == 0 || nowNanos() < d)
      continue;
    std::string msg = state.tool + ": error: rank " +
                      std::to_string(state.rank) + " of " +
                      std::to_string(state.size) + ": no answer from the other "
                      "ranks for " + std::to_string((int)state.timeoutSeconds) +
                      " s in " + state.waitingIn.load() +
                      " (a rank died or hangs); exiting\n";
    writeAll(msg.data(), msg.size());
    // mpirun sees a rank exit without finalizing and ends the others.
    _exit(3);
  }
}

MPI_Datatype mpiType(abi::ElementCode t) {
  switch (t) {
  case abi::ElementCode::F32: return MPI_FLOAT;
  case abi::ElementCode::F64: return MPI_DOUBLE;
  case abi::ElementCode::I32: return MPI_INT32_T;
  case abi::ElementCode::I64: return MPI_INT64_T;
  }
  return MPI_DATATYPE_NULL;
}

MPI_Op mpiOp(abi::ReduceCode k) {
  switch (k) {
  case abi::ReduceCode::Sum: return MPI_SUM;
  case abi::ReduceCode::Max: return MPI_MAX;
  case abi::ReduceCode::Min: return MPI_MIN;
  case abi::ReduceCode::Prod: return MPI_PROD;
  }
  return MPI_OP_NULL;
}

llvm::Error mpiError(int code, const char *call) {
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(code, text, &len);
  return createStringError("rank %d: %s failed: %.*s", state.rank, call, len,
                           text);
}
} // namespace

llvm::Error dist::init(int *argc, char ***argv, const char *tool,
                       double timeoutSeconds) {
  if (state.initialized)
    return llvm::Error::success();
  if (!(timeoutSeconds > 0))
    return createStringError("the collective timeout must be positive");
  int provided = 0;
  if (int rc = MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided))
    return mpiError(rc, "MPI_Init_thread");
  // Errors come back as codes, reported with the call that failed.
  MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
  MPI_Comm_rank(MPI_COMM_WORLD, &state.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &state.size);
  state.initialized = true;
  state.tool = tool;
  state.timeoutSeconds = timeoutSeconds;
  snprintf(termMessage, sizeof(termMessage),
           "%s: rank %d of %d: terminated by the MPI launcher (another rank "
           "failed or the job was cancelled)\n",
           tool, state.rank, state.size);
  std::signal(SIGTERM, onTerminate);
  std::thread(watchdog).detach();
  return llvm::Error::success();
}

bool dist::initialized() { return state.initialized; }
double dist::collectiveSeconds() { return state.nanos * 1e-9; }
int dist::rank() { return state.rank; }
int dist::size() { return state.size; }

void dist::finalize() {
  if (state.initialized)
    MPI_Finalize();
  state.initialized = false;
}

void dist::abortAll(int code) {
  llvm::errs().flush();
  if (state.initialized && state.size > 1)
    MPI_Abort(MPI_COMM_WORLD, code);
  std::exit(code);
}

llvm::Error dist::allreduce(void *data, int64_t count, abi::ElementCode type,
                            abi::ReduceCode kind) {
  if (!state.initialized)
    return createStringError(
        "this program was compiled for a data-parallel run but MPI is not "
        "initialized; start it with mpirun");
  Guard guard("MPI_Allreduce");
  char *p = static_cast<char *>(data);
  // MPI counts are int: long buffers go in pieces.
  for (int64_t done = 0; done < count;) {
    int n = (int)std::min<int64_t>(count - done, INT_MAX / 8);
    if (int rc = MPI_Allreduce(MPI_IN_PLACE, p + done * dtypeSize((DType)type), n,
                               mpiType(type), mpiOp(kind), MPI_COMM_WORLD))
      return mpiError(rc, "MPI_Allreduce");
    done += n;
  }
  return llvm::Error::success();
}

llvm::Expected<int64_t> dist::allreduceStart(void *data, int64_t count,
                                             abi::ElementCode type,
                                             abi::ReduceCode kind) {
  if (!state.initialized || count > INT_MAX) {
    // Not startable in one request: done now, and the wait is a no-op.
    if (llvm::Error e = allreduce(data, count, type, kind))
      return std::move(e);
    return -1;
  }
  MPI_Request request;
  {
    Guard guard("MPI_Iallreduce");
    if (int rc = MPI_Iallreduce(MPI_IN_PLACE, data, (int)count, mpiType(type),
                                mpiOp(kind), MPI_COMM_WORLD, &request))
      return mpiError(rc, "MPI_Iallreduce");
  }
  state.pending.push_back(request);
  return (int64_t)state.pending.size() - 1;
}

llvm::Error dist::allreduceWait(int64_t handle) {
  if (handle < 0)
    return llvm::Error::success();
  if (handle >= (int64_t)state.pending.size())
    return createStringError("allreduce handle %lld was never started",
                             (long long)handle);
  {
    Guard guard("MPI_Iallreduce");
    if (int rc = MPI_Wait(&state.pending[handle], MPI_STATUS_IGNORE))
      return mpiError(rc, "MPI_Wait");
  }
  // Handles restart from 0 once every started allreduce has finished.
  if (llvm::all_of(state.pending,
                   [](MPI_Request r) { return r == MPI_REQUEST_NULL; }))
    state.pending.clear();
  return llvm::Error::success();
}

llvm::Error dist::broadcast(void *data, size_t bytes, int root) {
  if (!state.initialized || state.size == 1)
    return llvm::Error::success();
  Guard guard("MPI_Bcast");
  char *p = static_cast<char *>(data);
  for (size_t done = 0; done < bytes;) {
    int n = (int)std::min<size_t>(bytes - done, INT_MAX);
    if (int rc = MPI_Bcast(p + done, n, MPI_BYTE, root, MPI_COMM_WORLD))
      return mpiError(rc, "MPI_Bcast");
    done += n;
  }
  return llvm::Error::success();
}

Tensor dist::localPart(const Tensor &whole, int64_t batchDim) {
  if (state.size == 1 || batchDim < 0)
    return whole;
  Shard mine = shardOf(whole.shape[batchDim], state.size, state.rank);
  std::vector<int64_t> shape = whole.shape;
  shape[batchDim] = mine.length;
  Tensor part(whole.dtype, shape);
  auto [outer, inner] = aroundDim(shape, batchDim);
  size_t row = inner * dtypeSize(whole.dtype);
  for (int64_t o = 0; o < outer; ++o)
    std::memcpy(part.bytes.data() + o * mine.length * row,
                whole.bytes.data() +
                    (o * whole.shape[batchDim] + mine.offset) * row,
                mine.length * row);
  return part;
}

llvm::Expected<Tensor> dist::gatherBatch(const Tensor &local, int64_t batchDim,
                                         int64_t globalLength) {
  if (!state.initialized || state.size == 1)
    return local;
  std::vector<int64_t> shape = local.shape;
  auto [outer, inner] = aroundDim(shape, batchDim);
  size_t es = dtypeSize(local.dtype);
  std::vector<int> counts(state.size), displs(state.size);
  int64_t total = 0;
  for (int r = 0; r < state.size; ++r) {
    int64_t bytes = outer * shardOf(globalLength, state.size, r).length * inner * es;
    if (total + bytes > INT_MAX)
      return createStringError("a sharded output of more than 2 GiB cannot "
                               "be gathered");
    counts[r] = (int)bytes;
    displs[r] = (int)total;
    total += bytes;
  }
  std::vector<uint8_t> all(state.rank == 0 ? total : 0);
  {
    Guard guard("MPI_Gatherv");
    if (int rc = MPI_Gatherv(local.bytes.data(), (int)local.bytes.size(),
                             MPI_BYTE, all.data(), counts.data(), displs.data(),
                             MPI_BYTE, 0, MPI_COMM_WORLD))
      return mpiError(rc, "MPI_Gatherv");
  }
  if (state.rank != 0)
    return Tensor();
  // Rank r sent (outer, n_r, inner); interleave the runs along the batch.
  shape[batchDim] = globalLength;
  Tensor whole(local.dtype, shape);
  for (int r = 0; r < state.size; ++r) {
    Shard s = shardOf(globalLength, state.size, r);
    for (int64_t o = 0; o < outer; ++o)
      std::memcpy(whole.bytes.data() + (o * globalLength + s.offset) * inner * es,
                  all.data() + displs[r] + o * s.length * inner * es,
                  s.length * inner * es);
  }
  return whole;
}

llvm::Error dist::checkSame(uint64_t value, const char *what) {
  if (!state.initialized || state.size == 1)
    return llvm::Error::success();
  uint64_t lo = value, hi = value;
  Guard guard("MPI_Allreduce");
  if (int rc = MPI_Allreduce(MPI_IN_PLACE, &lo, 1, MPI_UINT64_T, MPI_MIN,
                             MPI_COMM_WORLD))
    return mpiError(rc, "MPI_Allreduce");
  if (int rc = MPI_Allreduce(MPI_IN_PLACE, &hi, 1, MPI_UINT64_T, MPI_MAX,
                             MPI_COMM_WORLD))
    return mpiError(rc, "MPI_Allreduce");
  if (lo != hi)
    return createStringError("the ranks disagree on %s", what);
  return llvm::Error::success();
}

/// Compiled code cannot take an error back: report it and end the run.
static void orAbort(llvm::Error e) {
  if (!e)
    return;
  llvm::errs() << state.tool << ": error: " << llvm::toString(std::move(e))
               << "\n";
  dist::abortAll(1);
}

// Compiled code's entry points (ABI.h), handed to the JIT by
// runtimeSymbols().
static void allreduceEntry(int64_t data, int64_t count, int32_t type,
                                    int32_t kind) {
  orAbort(dist::allreduce(reinterpret_cast<void *>(data), count,
                          (abi::ElementCode)type, (abi::ReduceCode)kind));
}

static int64_t allreduceStartEntry(int64_t data, int64_t count,
                                             int32_t type, int32_t kind) {
  llvm::Expected<int64_t> h =
      dist::allreduceStart(reinterpret_cast<void *>(data), count,
                           (abi::ElementCode)type, (abi::ReduceCode)kind);
  if (!h)
    orAbort(h.takeError());
  return *h;
}

static void allreduceWaitEntry(int64_t handle) {
  orAbort(dist::allreduceWait(handle));
}

std::vector<std::pair<std::string, void *>> dist::runtimeSymbols() {
  return {{abi::kAllReduceSymbol, (void *)&allreduceEntry},
          {abi::kAllReduceStartSymbol, (void *)&allreduceStartEntry},
          {abi::kAllReduceWaitSymbol, (void *)&allreduceWaitEntry}};
}
