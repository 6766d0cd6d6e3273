//===- ObjectLoader.h - link one compiled object into the process -*- C++ -*-===//
//
// The JIT's linker: maps the allocated sections of one x86-64 ELF
// relocatable object (what ObjectCode.cpp emits for a graph), applies its
// relocations and hands out the addresses of its global symbols. It is
// deliberately small and needs neither LLVM's JIT nor the C compiler, so
// a process that only runs cached code does not load libLLVM or libMLIR
// (docs/deploy.md). Unwind tables are not registered: no C++ exception
// passes through compiled graph code.
//
// The object is untrusted input (a cache entry can be damaged): every
// offset, index and relocation is checked and reported, never followed
// blindly.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_RUNTIME_OBJECTLOADER_H
#define NGRAPH_RUNTIME_OBJECTLOADER_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace ngraph {

class LoadedObject {
public:
  /// Addresses of the symbols the object uses but does not define; nullptr
  /// for one that does not exist (an error unless the reference is weak).
  using Resolver = std::function<void *(const std::string &name)>;

  /// Checks `object`, maps it and links it against `resolve`. The object's
  /// bytes are not kept.
  static llvm::Expected<std::unique_ptr<LoadedObject>>
  load(llvm::StringRef object, const Resolver &resolve);
  /// Only the checks and the layout of load(), without mapping or
  /// resolving anything (what the fuzzer exercises).
  static llvm::Error check(llvm::StringRef object);

  ~LoadedObject();
  LoadedObject(const LoadedObject &) = delete;
  LoadedObject &operator=(const LoadedObject &) = delete;

  /// The address of a global symbol the object defines, or nullptr.
  void *symbol(const std::string &name) const;
  /// Bytes mapped for code, constants and data.
  size_t mappedBytes() const { return size; }

private:
  LoadedObject() = default;
  void *base = nullptr;
  size_t size = 0;
  std::map<std::string, void *> symbols;
  friend struct ObjectLinker;
};

} // namespace ngraph

#endif
