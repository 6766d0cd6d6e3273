//===- CompileCache.cpp - compiled objects kept on disk --------------------===//
#include "NGraph/Runtime/CompileCache.h"
#include "NGraph/Support/FileIO.h"
#include "NGraph/Runtime/CompilerId.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <utime.h>
#include <vector>

using namespace ngraph;

static constexpr llvm::StringLiteral kMagic = "ngraph-compile-cache 1\n";

static std::string digest(llvm::ArrayRef<llvm::StringRef> parts) {
  llvm::BLAKE3 hash;
  for (llvm::StringRef p : parts) {
    // Lengths first: ("ab","c") and ("a","bc") differ.
    uint64_t n = p.size();
    hash.update(llvm::ArrayRef<uint8_t>(reinterpret_cast<uint8_t *>(&n), 8));
    hash.update(p);
  }
  auto result = hash.final();
  return llvm::toHex(result, /*LowerCase=*/true);
}

CompileCache::CompileCache(std::string directory, uint64_t maxBytes)
    : dir(std::move(directory)), maxBytes(maxBytes) {}

llvm::StringRef CompileCache::compilerId() { return NGRAPH_COMPILER_ID; }

std::string CompileCache::key(llvm::StringRef source, llvm::StringRef options) {
  return digest({compilerId(), LLVM_VERSION_STRING, source, options});
}

std::string CompileCache::pathOf(const std::string &key) const {
  return dir + "/" + key + ".o";
}

std::string CompileCache::encode(const std::string &key,
                                 llvm::StringRef object) {
  std::string e(kMagic);
  e += "key " + key + "\n";
  e += "size " + std::to_string(object.size()) + "\n";
  e += "blake3 " + digest({object}) + "\n\n";
  e += object;
  return e;
}

std::optional<llvm::StringRef> CompileCache::decode(llvm::StringRef entry,
                                                const std::string &key,
                                                std::string &problem) {
  if (!entry.consume_front(kMagic)) {
    problem = "not a cache entry of this compiler (unknown header)";
    return std::nullopt;
  }
  auto field = [&](llvm::StringRef name, llvm::StringRef &value) {
    auto [line, rest] = entry.split('\n');
    if (!line.consume_front(name) || !line.consume_front(" ") ||
        rest.data() == nullptr)
      return false;
    value = line;
    entry = rest;
    return true;
  };
  llvm::StringRef k, size, sum;
  uint64_t n = 0;
  if (!field("key", k) || !field("size", size) || !field("blake3", sum) ||
      !entry.consume_front("\n") || size.getAsInteger(10, n)) {
    problem = "truncated or damaged header";
    return std::nullopt;
  }
  if (k != key) {
    problem = "it belongs to another key (" + k.str() + ")";
    return std::nullopt;
  }
  if (entry.size() != n) {
    problem = "truncated: " + std::to_string(entry.size()) + " of " +
              std::to_string(n) + " bytes";
    return std::nullopt;
  }
  if (digest({entry}) != sum) {
    problem = "corrupt: its checksum does not match";
    return std::nullopt;
  }
  return entry;
}

CompileCache::Lookup CompileCache::lookup(const std::string &key,
                                          bool keepDamaged) const {
  Lookup r;
  std::string path = pathOf(key);
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return r; // a miss
  r.object = decode((*buffer)->getBuffer(), key, r.problem);
  if (r.object) {
    r.buffer = std::move(*buffer);
    // Used now: trim() removes the least recently used entries first.
    (void)::utime(path.c_str(), nullptr);
  } else if (!keepDamaged) {
    // Rebuilt and replaced by the caller's store.
    llvm::sys::fs::remove(path);
  }
  return r;
}

llvm::Error CompileCache::store(const std::string &key,
                                llvm::StringRef object) const {
  if (std::error_code ec = llvm::sys::fs::create_directories(dir))
    return llvm::createStringError("cannot create the compile cache directory "
                                   "'%s': %s",
                                   dir.c_str(), ec.message().c_str());
  if (llvm::Error e = writeFileAtomic(pathOf(key), encode(key, object)))
    return e;
  trim();
  return llvm::Error::success();
}

void CompileCache::trim() const {
  struct Entry {
    std::string path;
    llvm::sys::TimePoint<> used;
    uint64_t size;
  };
  std::vector<Entry> entries;
  uint64_t total = 0;
  std::error_code ec;
  for (llvm::sys::fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    if (llvm::sys::path::extension(it->path()) != ".o")
      continue;
    llvm::sys::fs::file_status st;
    if (llvm::sys::fs::status(it->path(), st))
      continue;
    entries.push_back({it->path(), st.getLastModificationTime(), st.getSize()});
    total += st.getSize();
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry &a, const Entry &b) { return a.used < b.used; });
  // The newest entry stays even when it alone is over the bound.
  for (size_t i = 0; total > maxBytes && i + 1 < entries.size(); ++i) {
    llvm::sys::fs::remove(entries[i].path);
    total -= entries[i].size;
  }
}
