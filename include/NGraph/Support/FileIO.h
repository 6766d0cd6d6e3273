//===- FileIO.h - files written so that a failure loses nothing ---*- C++ -*-===//
#ifndef NGRAPH_SUPPORT_FILEIO_H
#define NGRAPH_SUPPORT_FILEIO_H

#include "llvm/Support/Error.h"
#include <string>

namespace ngraph {

/// Writes `contents` to `path` atomically (temporary file, fsync, rename).
/// The file gets the mode open() would give it (0666 less the umask).
llvm::Error writeFileAtomic(const std::string &path, const std::string &contents);

/// Fails unless a file could be written at `path` now: its directory exists
/// and is writable, and `path` is not a directory. Run before long work so
/// that a typo in an output path is reported before it, not after.
llvm::Error checkWritable(const std::string &path);

} // namespace ngraph

#endif
