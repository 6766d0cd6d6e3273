//===- Pipelines.h - named pass pipelines -------------------------*- C++ -*-===//
#ifndef NGRAPH_PIPELINES_PIPELINES_H
#define NGRAPH_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace ngraph {

struct LowerToLLVMOptions
    : public mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<bool> fuse{*this, "fuse",
                    llvm::cl::desc("Fuse elementwise linalg ops"),
                    llvm::cl::init(true)};
  Option<bool> schedule{
      *this, "schedule",
      llvm::cl::desc("Tile and vectorize contractions for the host CPU "
                     "(off: plain loops, the reference lowering)"),
      llvm::cl::init(true)};
  Option<int64_t> threads{
      *this, "threads",
      llvm::cl::desc("Threads for large contractions (OpenMP; 1: none)"),
      llvm::cl::init(1)};
  Option<int64_t> ranks{
      *this, "ranks",
      llvm::cl::desc("Data-parallel ranks the batch is split over "
                     "(ng-data-parallel; 1: none)"),
      llvm::cl::init(1)};
  Option<int64_t> rank{*this, "rank",
                       llvm::cl::desc("This process's data-parallel rank"),
                       llvm::cl::init(0)};
  Option<bool> overlap{
      *this, "overlap",
      llvm::cl::desc("Overlap data-parallel allreduces with the ops after "
                     "them (convert-ng-to-linalg's overlap-collectives)"),
      llvm::cl::init(false)};
  Option<bool> embedInitialValues{
      *this, "embed-initial-values",
      llvm::cl::desc("Put variables' initial values into the module (off: "
                     "globals are uninitialized; ngraph::Transformer fills "
                     "them after compiling)"),
      llvm::cl::init(true)};
};

/// ng graphs to linalg on tensors: autodiff, canonicalize, outline
/// computations, convert ng to linalg.
void buildLowerToLinalgPipeline(mlir::OpPassManager &pm,
                                const LowerToLLVMOptions &options);
/// The whole way to the LLVM dialect; the functions take their outputs as
/// trailing memref arguments (C interface) so a caller owns all buffers.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);
void registerPipelines();

} // namespace ngraph

#endif
