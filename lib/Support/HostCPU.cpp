//===- HostCPU.cpp - what the JIT targets ---------------------------------===//
#include "NGraph/Support/HostCPU.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/TargetParser/Host.h"

#include <cstdlib>

using namespace ngraph;

static bool hasFeature(const char *name) {
  static const llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  auto it = features.find(name);
  return it != features.end() && it->second;
}

unsigned ngraph::hostVectorBits() {
  if (const char *v = std::getenv("NGRAPH_VECTOR_BITS")) {
    unsigned bits = std::atoi(v);
    if (bits == 128 || bits == 256 || bits == 512)
      return bits;
  }
  if (hasFeature("avx512f"))
    return 512;
  if (hasFeature("avx2") && hasFeature("fma"))
    return 256;
  return 128;
}

unsigned ngraph::hostVectorRegisters() {
  return hasFeature("avx512f") ? 32 : 16;
}

std::string ngraph::hostCPUName() { return llvm::sys::getHostCPUName().str(); }

std::string ngraph::hostCPUFeatures() {
  std::string s;
  // Honour a narrower NGRAPH_VECTOR_BITS by not generating AVX-512.
  bool avx512 = hostVectorBits() == 512;
  for (const auto &f : llvm::sys::getHostCPUFeatures()) {
    bool on = f.second && (avx512 || !f.first().starts_with("avx512"));
    s += (s.empty() ? "" : ",") + std::string(on ? "+" : "-") + f.first().str();
  }
  return s;
}
