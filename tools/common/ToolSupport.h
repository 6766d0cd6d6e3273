//===- ToolSupport.h - what the tools share -----------------------*- C++ -*-===//
//
// The tools (ngraph-opt, ngraph-runner, ngraph-bench), the unit tests and the
// fuzzers are the only code that looks at the machine and the environment
// it runs in: the "host" target and the MPI launcher are found here;
// libraries only ever see a CPUTarget and explicit options.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_TOOLS_COMMON_TOOLSUPPORT_H
#define NGRAPH_TOOLS_COMMON_TOOLSUPPORT_H

#include "NGraph/Codegen/CPU/Target.h"

#include "llvm/Support/Error.h"

#include <string>

namespace ngraph::tools {

/// This machine: LLVM's name for its CPU and every feature it has, its
/// widest usable vector (512 with AVX-512F, 256 with AVX2 and FMA, else
/// 128) and register count, caches from sysfs, online cores.
cpu::CPUTarget hostTarget();

/// Registers hostTarget() as the target named "host" (once).
void registerHostTarget();

/// The target `name` (any name lookupTarget knows, "host" included) for
/// code this process will run: an error naming the missing CPU features
/// when this machine cannot run code for it.
llvm::Expected<cpu::CPUTarget> runnableTarget(llvm::StringRef name);

/// True if an MPI launcher started this process (OpenMPI, MPICH/Hydra,
/// PMIx or Slurm's PMI environment variables): the tools then start MPI
/// (ngraph::dist::init) and compile this rank's share.
bool launchedByMPI();

/// The compile cache's default directory: $XDG_CACHE_HOME/ngraph, else
/// $HOME/.cache/ngraph; empty (no cache) when neither is set.
std::string defaultCacheDirectory();

/// Makes `--version` print "TOOL (ngraph-mlir VERSION)" and the LLVM it was
/// built with, instead of LLVM's own version text.
void setVersionPrinter(const char *tool);

} // namespace ngraph::tools

#endif
