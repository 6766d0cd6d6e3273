//===- Pipelines.h - named pass pipelines -------------------------*- C++ -*-===//
#ifndef NGRAPH_PIPELINES_PIPELINES_H
#define NGRAPH_PIPELINES_PIPELINES_H

#include "NGraph/Codegen/CPU/KernelConfig.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace ngraph {

struct LowerToLLVMOptions
    : public mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<std::string> target{
      *this, "target",
      llvm::cl::desc("CPU to generate code for: x86-64, x86-64-v3 (AVX2), "
                     "x86-64-v4 (AVX-512) or host (empty: the module's "
                     "ng.target, else host)"),
      llvm::cl::init("")};
  Option<bool> fuse{*this, "fuse",
                    llvm::cl::desc("Fuse elementwise linalg ops"),
                    llvm::cl::init(true)};
  Option<bool> schedule{
      *this, "schedule",
      llvm::cl::desc("Tile and vectorize for the target CPU "
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
  Option<int64_t> batchSize{
      *this, "batch-size",
      llvm::cl::desc("Give the graph's N:? batch axes this length first "
                     "(ng-specialize-axes); 0: the graph has none"),
      llvm::cl::init(0)};
  Option<bool> embedInitialValues{
      *this, "embed-initial-values",
      llvm::cl::desc("Put variables' initial values into the module (off: "
                     "globals are uninitialized; ngraph::Transformer fills "
                     "them after compiling)"),
      llvm::cl::init(true)};

  /// Large ops split into per-thread blocks that run under OpenMP.
  bool openmp() const { return schedule && threads > 1; }
};

/// The schedule alone (part of phase 2), with the knobs for experiments.
struct ScheduleOptions : public mlir::PassPipelineOptions<ScheduleOptions> {
  Option<int64_t> threads{*this, "threads",
                          llvm::cl::desc("Threads large ops are split between"),
                          llvm::cl::init(1)};
  Option<int64_t> registerM{
      *this, "register-m",
      llvm::cl::desc("Force register-tile rows (0: from the target)"),
      llvm::cl::init(0)};
  Option<int64_t> registerN{
      *this, "register-n",
      llvm::cl::desc("Force register-tile columns (0: from the target)"),
      llvm::cl::init(0)};
  Option<int64_t> unrollK{
      *this, "unroll-k",
      llvm::cl::desc("Unroll register tiles' K loops by up to this factor"),
      llvm::cl::init(ngraph::cpu::kUnrollK)};
  Option<std::string> convStrategy{
      *this, "conv-strategy",
      llvm::cl::desc("Convolutions: auto (decide per shape), direct, im2col "
                     "or loops where that applies"),
      llvm::cl::init("auto")};
};

/// ng graphs to linalg on tensors: autodiff, canonicalize, outline
/// computations, convert ng to linalg.
void buildLowerToLinalgPipeline(mlir::OpPassManager &pm,
                                const LowerToLLVMOptions &options);
/// Phase 2, linalg on tensors: fused updates, per-op tiling decisions
/// (ng-cpu-select-lowering) and their application, vectorization.
void buildTensorCodegenPipeline(mlir::OpPassManager &pm,
                                const LowerToLLVMOptions &options);
/// select-lowering, tile-contractions, split-large-ops, the two vectorizers,
/// fold-register-tiles, hoist-accumulators (nested on func.func).
void buildSchedulePipeline(mlir::OpPassManager &fn,
                           const ScheduleOptions &options);
/// Phase 3: one-shot bufferization to memrefs, results as out-parameters,
/// stack temporaries, deallocation, large loop nests outlined.
void buildBufferizationPipeline(mlir::OpPassManager &pm,
                                const LowerToLLVMOptions &options);
/// Phase 4: vector, loops, memrefs and math to the LLVM dialect, with the
/// target's triple, CPU and features.
void buildLLVMLoweringPipeline(mlir::OpPassManager &pm,
                               const LowerToLLVMOptions &options);
/// The whole way to the LLVM dialect: ng-cpu-set-target, then the four
/// phases. The functions take their outputs as trailing memref arguments
/// (C interface) so a caller owns all buffers.
void buildLowerToLLVMPipeline(mlir::OpPassManager &pm,
                              const LowerToLLVMOptions &options);
void registerPipelines();

} // namespace ngraph

#endif
