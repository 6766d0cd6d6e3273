//===- Pipelines.cpp - named pass pipelines -------------------------------===//
#include "NGraph/Pipelines/Pipelines.h"
#include "NGraph/Conversion/Passes.h"
#include "NGraph/Codegen/CPU/Passes.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void ngraph::buildLowerToLinalgPipeline(OpPassManager &pm,
                                        const LowerToLLVMOptions &options) {
  if (options.batchSize > 0) {
    ng::NGSpecializeAxesOptions specialize;
    specialize.batchSize = options.batchSize;
    pm.addPass(ng::createNGSpecializeAxes(specialize));
  }
  pm.addPass(ng::createNGExpandOptimizers());
  pm.addPass(ng::createNGAutodiff());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(ng::createNGDecompose());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  if (options.ranks > 1) {
    ng::NGDataParallelOptions dpOpts;
    dpOpts.ranks = options.ranks;
    dpOpts.rank = options.rank;
    pm.addPass(ng::createNGDataParallel(dpOpts));
    pm.addPass(createCanonicalizerPass());
  }
  ng::NGOutlineComputationsOptions outlineOpts;
  outlineOpts.embedInitialValues = options.embedInitialValues;
  pm.addPass(ng::createNGOutlineComputations(outlineOpts));
  ng::ConvertNGToLinalgOptions convertOpts;
  convertOpts.overlapCollectives = options.overlap;
  pm.addPass(ng::createConvertNGToLinalg(convertOpts));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  if (options.fuse)
    pm.addPass(ng::createNGFuseElementwise());
  pm.addPass(createCSEPass());
}

void ngraph::buildTensorCodegenPipeline(OpPassManager &pm,
                                        const LowerToLLVMOptions &options) {
  // Weight updates and residual adds accumulated by their contraction (the
  // reference lowering keeps them apart, which the tests compare against).
  if (options.schedule)
    pm.addNestedPass<func::FuncOp>(ng::createNGAccumulateContractions());
  // New weights computed into the weights' globals, not into temporaries
  // copied there.
  pm.addNestedPass<func::FuncOp>(ng::createNGUpdateVariablesInPlace());
  if (!options.schedule)
    return;
  ScheduleOptions schedule;
  schedule.threads = options.threads;
  buildSchedulePipeline(pm.nest<func::FuncOp>(), schedule);
}

void ngraph::buildSchedulePipeline(OpPassManager &fn,
                                   const ScheduleOptions &options) {
  // Convolutions first: they become register-tiled loops, or column copies
  // and matmuls which the passes below then schedule like any others.
  ng::NGCPULowerConvolutionsOptions conv;
  conv.strategy = options.convStrategy;
  conv.threads = options.threads;
  fn.addPass(ng::createNGCPULowerConvolutions(conv));
  // Decide (per op, for the module's ng.target), then apply.
  ng::NGCPUSelectLoweringOptions select;
  select.threads = options.threads;
  select.registerM = options.registerM;
  select.registerN = options.registerN;
  fn.addPass(ng::createNGCPUSelectLowering(select));
  fn.addPass(ng::createNGCPUTileContractions());
  ng::NGCPUSplitLargeOpsOptions split;
  split.threads = options.threads;
  fn.addPass(ng::createNGCPUSplitLargeOps(split));
  fn.addPass(ng::createNGCPUVectorizeTransposes());
  fn.addPass(ng::createNGCPUVectorizeElementwise());
  fn.addPass(ng::createNGCPUFoldRegisterTiles());
  fn.addPass(createCanonicalizerPass());
  ng::NGCPUHoistAccumulatorsOptions hoist;
  hoist.unrollK = options.unrollK;
  fn.addPass(ng::createNGCPUHoistAccumulators(hoist));
  // No CSE here: it would merge the zero-filled accumulators of different
  // contractions, which bufferization then has to copy.
  fn.addPass(createCanonicalizerPass());
}

void ngraph::buildBufferizationPipeline(OpPassManager &pm,
                                        const LowerToLLVMOptions &options) {
  bufferization::OneShotBufferizePassOptions bufOpts;
  bufOpts.bufferizeFunctionBoundaries = true;
  // A recurrence's carries are new tensors every step.
  bufOpts.allowReturnAllocsFromLoops = true;
  bufOpts.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // A value made into an empty tensor and then inserted into a larger one
  // (a recurrence's stacked outputs, a concatenation's parts) is computed
  // in place in the larger one instead of copied there.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  pm.addPass(bufferization::createOneShotBufferizePass(bufOpts));
  // Bufferized insert_slice(extract_slice) leaves copies of a buffer onto
  // itself through two identical subviews, and loops that carry a buffer
  // they never replace: CSE makes the subviews one value, the canonicalizer
  // drops the self-copies (a whole packed operand's memmove) and forwards
  // the loop-carried buffers, so a returned buffer is seen to be an alloc.
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(ng::createNGDistinctResults());
  bufferization::BufferResultsToOutParamsPassOptions outOpts;
  outOpts.modifyPublicFunctions = true;
  // A result computed into its own static buffer is computed straight into
  // the caller's output buffer instead of copied there at the end.
  outOpts.hoistStaticAllocs = true;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outOpts));
  pm.addPass(createCanonicalizerPass());
  // Each register tile's C block fetched while its K loop runs.
  if (options.schedule)
    pm.addNestedPass<func::FuncOp>(ng::createNGPrefetchAccumulators());
  if (options.openmp())
    pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
  // A temporary a loop allocates on every trip with the same size (a
  // convolution's column block, a recurrence step's product) is allocated
  // once before it: 28 mallocs of 2.9 MB a call become 2 for a LeNet
  // layer, and a C program calling the compiled library stops paying page
  // faults for each.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  // Small temporaries (a training step's per-sample vectors and scalars)
  // live on the stack: no malloc and free on every call.
  pm.addNestedPass<func::FuncOp>(ng::createNGStackTemporaries());
  bufferization::BufferDeallocationPipelineOptions deallocOpts;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOpts);
  pm.addPass(createConvertBufferizationToMemRefPass());
  // Large loop nests become functions of their own: LLVM's loop passes then
  // work per nest, and the function passes below run on several threads.
  if (options.schedule)
    pm.addPass(ng::createNGOutlineLoopNests());
}

void ngraph::buildLLVMLoweringPipeline(OpPassManager &pm,
                                       const LowerToLLVMOptions &options) {
  bool openmp = options.openmp();
  if (openmp) {
    // The scheduler's per-thread blocks (scf.forall, now scf.parallel)
    // become an OpenMP parallel loop; the runtime links libomp.
    ConvertSCFToOpenMPPassOptions ompOpts;
    ompOpts.numThreads = options.threads;
    pm.addPass(createConvertSCFToOpenMPPass(ompOpts));
  }
  // Lowering inside each function, one function per thread.
  OpPassManager &fn = pm.nest<func::FuncOp>();
  // Compiled code needs no library beyond libc and libm (and libomp).
  fn.addPass(ng::createNGLowerStridedCopies());
  fn.addPass(createConvertLinalgToAffineLoopsPass());
  if (options.schedule) {
    fn.addPass(ng::createNGApproximateMath());
    fn.addPass(ng::createNGLowerVectorOps());
    fn.addPass(createCanonicalizerPass());
    // Fully unrolled: per-element loops would alloca inside the K loop.
    VectorTransferToSCFOptions toSCF;
    toSCF.enableFullUnroll(true);
    fn.addPass(createConvertVectorToSCFPass(toSCF));
  }
  fn.addPass(createLowerAffinePass());
  fn.addPass(createSCFToControlFlowPass());
  fn.addPass(memref::createExpandStridedMetadataPass());
  // expand-strided-metadata computes subview offsets with affine.apply.
  fn.addPass(createLowerAffinePass());
  // Horizontal float reductions as trees, not one add after another.
  ConvertVectorToLLVMPassOptions vectorToLLVM;
  vectorToLLVM.reassociateFPReductions = true;
  fn.addPass(createConvertVectorToLLVMPass(vectorToLLVM));
  fn.addPass(createConvertMathToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  // These two add functions (math the LLVM dialect has no op for).
  pm.addPass(createConvertMathToFuncs());
  pm.addPass(createConvertMathToLibmPass());
  OpPassManager &scalars = pm.nest<func::FuncOp>();
  scalars.addPass(createArithToLLVMConversionPass());
  scalars.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  if (openmp)
    pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addNestedPass<LLVM::LLVMFuncOp>(createCanonicalizerPass());
  // Triple, data layout, CPU and features, for the JIT or llc.
  pm.addPass(ng::createNGCPUSetLLVMTarget());
}

void ngraph::buildLowerToLLVMPipeline(OpPassManager &pm,
                                      const LowerToLLVMOptions &options) {
  ng::NGCPUSetTargetOptions target;
  target.target = options.target;
  pm.addPass(ng::createNGCPUSetTarget(target));
  buildLowerToLinalgPipeline(pm, options);
  buildTensorCodegenPipeline(pm, options);
  buildBufferizationPipeline(pm, options);
  buildLLVMLoweringPipeline(pm, options);
}

void ngraph::registerPipelines() {
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ng-lower-to-linalg",
      "Lower ng graphs to linalg on tensors (autodiff, outlining, conversion)",
      buildLowerToLinalgPipeline);
  PassPipelineRegistration<ScheduleOptions>(
      "ng-cpu-schedule",
      "Decide and apply the tiling and vectorization of every linalg op "
      "(on functions; the module needs ng.target)",
      [](OpPassManager &pm, const ScheduleOptions &options) {
        buildSchedulePipeline(pm.nest<func::FuncOp>(), options);
      });
  // The phases one by one (each after the previous one's output; the
  // codegen phases read the module's ng.target: run ng-cpu-set-target).
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ng-cpu-tensor-codegen",
      "Phase 2: accumulate contractions, select and apply tilings, vectorize "
      "(linalg on tensors)",
      buildTensorCodegenPipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ng-cpu-bufferize",
      "Phase 3: bufferize, results into out-parameters, deallocation, "
      "outline loop nests",
      buildBufferizationPipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ng-cpu-lower-to-llvm",
      "Phase 4: lower vector ops, loops and memrefs to the LLVM dialect with "
      "the target's triple and features",
      buildLLVMLoweringPipeline);
  PassPipelineRegistration<LowerToLLVMOptions>(
      "ng-lower-to-llvm",
      "Lower ng graphs to the LLVM dialect, ready for mlir-translate or the JIT",
      buildLowerToLLVMPipeline);
}
