//===- Target.cpp - the CPU that code is generated for --------------------===//
//
// No MLIR here (TargetAttr.cpp converts to and from the attribute): a
// tool that only runs cached code uses the target table without libMLIR.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Codegen/CPU/Target.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <mutex>

using llvm::ArrayRef;
using llvm::StringRef;
using llvm::SmallVector;
using llvm::function_ref;
using namespace ngraph::cpu;

static constexpr const char *kLinuxTriple = "x86_64-unknown-linux-gnu";

// The x86-64 microarchitecture levels (the psABI's x86-64-v2/v3/v4, as
// LLVM's -mcpu names them). Cache sizes are those of the smallest common
// parts of each level (Haswell/Zen 2 for v3, Skylake-SP/Zen 4 for v4): the
// schedule only uses them to bound blocks, so underestimating is safe.
static const CPUTarget kNamed[] = {
    {"x86-64", kLinuxTriple, "x86-64", "", 128, 16, 32 * 1024, 256 * 1024,
     8 << 20, 1},
    {"x86-64-v3", kLinuxTriple, "x86-64-v3", "", 256, 16, 32 * 1024,
     512 * 1024, 16 << 20, 1},
    {"x86-64-v4", kLinuxTriple, "x86-64-v4", "", 512, 32, 32 * 1024,
     1024 * 1024, 32 << 20, 1},
};

// What each level adds over baseline x86-64 (LLVM feature names).
static const char *const kV2[] = {"cx16", "popcnt", "sse3", "sse4.1", "sse4.2",
                                  "ssse3"};
static const char *const kV3[] = {"avx",  "avx2",  "bmi",  "bmi2",
                                  "f16c", "fma",   "lzcnt", "movbe"};
static const char *const kV4[] = {"avx512f", "avx512bw", "avx512cd",
                                  "avx512dq", "avx512vl"};

static std::mutex hostMutex;
static std::optional<CPUTarget> host;

ArrayRef<CPUTarget> ngraph::cpu::namedTargets() { return kNamed; }

void ngraph::cpu::registerHostTarget(const CPUTarget &h) {
  std::lock_guard<std::mutex> lock(hostMutex);
  host = h;
  host->name = "host";
}

std::optional<CPUTarget> ngraph::cpu::lookupTarget(StringRef name) {
  for (const CPUTarget &t : kNamed)
    if (t.name == name)
      return t;
  std::lock_guard<std::mutex> lock(hostMutex);
  if (name == "host" && host)
    return host;
  return std::nullopt;
}

std::string ngraph::cpu::knownTargetNames() {
  std::string s;
  for (const CPUTarget &t : kNamed)
    s += (s.empty() ? "" : ", ") + t.name;
  std::lock_guard<std::mutex> lock(hostMutex);
  if (host)
    s += ", host";
  return s;
}

std::vector<std::string> CPUTarget::requiredFeatures() const {
  std::vector<std::string> out;
  auto add = [&](ArrayRef<const char *> list) {
    for (const char *f : list)
      out.push_back(f);
  };
  StringRef level(cpu);
  if (level == "x86-64-v2" || level == "x86-64-v3" || level == "x86-64-v4")
    add(kV2);
  if (level == "x86-64-v3" || level == "x86-64-v4")
    add(kV3);
  if (level == "x86-64-v4")
    add(kV4);
  SmallVector<StringRef> parts;
  StringRef(features).split(parts, ',', -1, /*KeepEmpty=*/false);
  for (StringRef p : parts)
    if (p.consume_front("+") && !llvm::is_contained(out, p.str()))
      out.push_back(p.str());
  return out;
}

std::vector<std::string> ngraph::cpu::missingFeatures(
    const CPUTarget &target, function_ref<bool(StringRef)> available) {
  std::vector<std::string> missing;
  for (const std::string &f : target.requiredFeatures())
    if (!available(f))
      missing.push_back(f);
  return missing;
}
