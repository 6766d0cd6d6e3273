//===- AheadOfTime.h - a graph file to a C library -------------------*- C++ -*-===//
//
// ngraph-compile's work: a graph file becomes an object file and a C header
// that a C program links without LLVM, MLIR or this project (docs/deploy.md
// describes the ABI). For prefix P, the object defines only P_* symbols:
//
//   int  P_<computation>(const T *input..., T *output...);  0, or 1 on error
//   void P_read_<variable>(T *dst);  void P_write_<variable>(const T *src);
//   const P_error *P_last_error(void);   the failed call's details
//
// Everything else in it (the computations' bodies, the variables' storage)
// is internal, so several models link into one program.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_AHEADOFTIME_H
#define NGRAPH_RUNTIME_AHEADOFTIME_H

#include "NGraph/Runtime/Runtime.h"
#include "NGraph/Support/Tensor.h"

#include "llvm/Support/Error.h"
#include <map>
#include <string>

namespace ngraph {

struct AheadOfTimeOptions {
  /// Target, optimization level, threads, schedule and fusion. Data-
  /// parallel ranks and the cache do not apply.
  CompileOptions compile;
  /// Prefix of every symbol and macro (a C identifier).
  std::string prefix;
  /// Values the variables start with instead of the graph's initializers
  /// (a checkpoint's arrays, by variable name; every variable must have
  /// one, with its shape).
  std::map<std::string, Tensor> weights;
  bool useWeights = false;
  /// The length the graph's `?` batch axes get (a library's functions
  /// have fixed shapes); required when it has them.
  int64_t batchSize = 0;
};

struct CompiledLibrary {
  std::string object; ///< ELF relocatable object
  std::string header; ///< the C header declaring its functions
};

/// Compiles a graph file's text (`name` for diagnostics and the header's
/// comment).
llvm::Expected<CompiledLibrary>
compileAheadOfTime(const std::string &source, const std::string &name,
                   const AheadOfTimeOptions &options);

/// Links the object into a shared library at `path` with the system's C
/// compiler (`cc` on PATH), adding libomp for a multi-threaded graph.
/// Atomic: `path` is replaced only by a complete library.
llvm::Error writeSharedLibrary(const CompiledLibrary &library,
                               const std::string &path, bool openmp);

/// `name` made a C identifier (letters, digits, '_'; no leading digit).
std::string cIdentifier(llvm::StringRef name);

} // namespace ngraph

#endif
