//===- Target.h - the CPU that code is generated for --------------*- C++ -*-===//
//
// Code generation reads every machine property (vector width, register
// count, caches) from a CPUTarget carried by the module as `ng.target`; it
// never asks the machine it runs on. The named targets below describe the
// x86-64 microarchitecture levels; "host" exists only when a tool registers
// it (tools/common/ToolSupport.h measures the machine the tool runs on).
// No MLIR here: TargetAttr.h converts to and from the module attribute.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_CODEGEN_CPU_TARGET_H
#define NGRAPH_CODEGEN_CPU_TARGET_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <algorithm>
#include <cstdint>

#include <optional>
#include <string>
#include <vector>

namespace ngraph::cpu {

/// The module attribute that carries the target.
inline constexpr llvm::StringLiteral kTargetAttrName = "ng.target";

struct CPUTarget {
  std::string name;     // as selected: "x86-64-v3", "host", ...
  std::string triple;   // LLVM target triple
  std::string cpu;      // LLVM CPU name (-mcpu)
  std::string features; // LLVM "+a,-b" list beyond what `cpu` implies
  unsigned vectorBits = 128;     // widest vector register code may use
  unsigned vectorRegisters = 16; // architectural vector registers at that width
  int64_t l1Bytes = 32 * 1024;   // per-core L1 data cache
  int64_t l2Bytes = 512 * 1024;  // per-core L2
  int64_t l3Bytes = 0;           // shared L3 (0: unknown)
  unsigned cores = 1;

  /// Elements of `eltBits` bits in one vector register.
  int64_t lanes(unsigned eltBits) const {
    return eltBits ? std::max<int64_t>(1, vectorBits / eltBits) : 1;
  }
  /// AVX2's 256-bit integer shuffles and FMA (every x86-64 level from v3,
  /// and a host with them).
  bool hasAVX2() const { return vectorBits >= 256; }
  /// The CPU features (LLVM names, without '+') this target's code may use
  /// beyond baseline x86-64: what a machine must have to run it.
  std::vector<std::string> requiredFeatures() const;
};

/// The targets users can name, in the order `--help` lists them.
llvm::ArrayRef<CPUTarget> namedTargets();
/// `name` among the named targets or the registered host; nullopt if unknown.
std::optional<CPUTarget> lookupTarget(llvm::StringRef name);
/// Makes "host" a known name (tools call this with the machine they run on).
void registerHostTarget(const CPUTarget &host);
/// "x86-64, x86-64-v3, x86-64-v4" (and "host" once registered): for messages.
std::string knownTargetNames();

/// The features `target` needs that a machine with `available` (LLVM
/// feature names, e.g. from the host) lacks; empty when it can run the code.
std::vector<std::string>
missingFeatures(const CPUTarget &target,
                llvm::function_ref<bool(llvm::StringRef)> available);

} // namespace ngraph::cpu

#endif
