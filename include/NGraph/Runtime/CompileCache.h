//===- CompileCache.h - compiled objects kept on disk ---------------*- C++ -*-===//
//
// A directory of object files, one per key. The key digests everything
// that decides the machine code: the compiler's version (a digest of its
// sources), LLVM's version, the graph's text and every compile option
// including the full target. An entry is a short text header (format
// version, key, length and BLAKE3 of the object) followed by the object, so
// a truncated, corrupt or foreign file is recognized, reported and
// replaced. Entries are written to a temporary file and renamed into place:
// two processes filling the cache at once each see a complete entry.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_COMPILECACHE_H
#define NGRAPH_RUNTIME_COMPILECACHE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <memory>
#include <cstdint>
#include <optional>
#include <string>

namespace ngraph {

class CompileCache {
public:
  /// `directory` is created (with its parents) on the first store.
  /// `maxBytes` bounds the entries kept: a store removes the least
  /// recently used ones beyond it.
  explicit CompileCache(std::string directory,
                        uint64_t maxBytes = uint64_t(1) << 30);

  /// Hex digest of the compiler's version, LLVM's, `source` and `options`
  /// (a text naming every option that changes the code).
  static std::string key(llvm::StringRef source, llvm::StringRef options);
  /// The compiler version that keys include (a digest of its sources).
  static llvm::StringRef compilerId();

  struct Lookup {
    /// The entry file (mapped, not copied: a large model's entry holds
    /// its weights) on a hit.
    std::unique_ptr<llvm::MemoryBuffer> buffer;
    std::optional<llvm::StringRef> object; ///< set on a hit, into `buffer`
    /// Why an existing entry was not used ("truncated: ..."); it has been
    /// removed. Empty on a hit or a plain miss.
    std::string problem;
  };
  /// An unusable entry is removed unless `keepDamaged` (a reader that
  /// leaves the rebuild, and its report, to another process).
  Lookup lookup(const std::string &key, bool keepDamaged = false) const;
  /// Stores `object` under `key` atomically and trims the cache.
  llvm::Error store(const std::string &key, llvm::StringRef object) const;

  std::string pathOf(const std::string &key) const;
  const std::string &directory() const { return dir; }

  /// The entry file's bytes for `object` (exposed for tests).
  static std::string encode(const std::string &key, llvm::StringRef object);
  /// The object in `entry` if it is a complete entry for `key`; otherwise
  /// the reason in `problem`.
  static std::optional<llvm::StringRef> decode(llvm::StringRef entry,
                                           const std::string &key,
                                           std::string &problem);

private:
  void trim() const;
  std::string dir;
  uint64_t maxBytes;
};

} // namespace ngraph

#endif
