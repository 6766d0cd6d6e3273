//===- HostCPU.h - what the JIT targets ---------------------------*- C++ -*-===//
//
// The scheduler sizes register tiles from the host's vector width and the
// JIT generates code for the host CPU; both read it here so they agree.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_SUPPORT_HOSTCPU_H
#define NGRAPH_SUPPORT_HOSTCPU_H

#include <string>

namespace ngraph {

/// Widest vector register the host can use: 512 (AVX-512F), 256 (AVX2 with
/// FMA) or 128. The environment variable NGRAPH_VECTOR_BITS overrides it
/// (e.g. 256 to try AVX2 code on an AVX-512 machine).
unsigned hostVectorBits();
/// Number of vector registers at that width (32 with AVX-512, else 16).
unsigned hostVectorRegisters();
/// LLVM's name for the host CPU and its "+feature,-feature" string.
std::string hostCPUName();
std::string hostCPUFeatures();

} // namespace ngraph

#endif
