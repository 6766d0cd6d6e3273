//===- Passes.td - CPU code generation passes ---------------*- tablegen -*-===//
//
// The passes between linalg on tensors and the LLVM dialect. Decisions are
// taken once (ng-cpu-select-lowering, from KernelConfig.h and the module's
// ng.target); each other pass applies one kind of mechanics.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_CODEGEN_CPU_PASSES
#define NGRAPH_CODEGEN_CPU_PASSES

include "mlir/Pass/PassBase.td"

def NGCPUSetTarget : Pass<"ng-cpu-set-target", "::mlir::ModuleOp"> {
  let summary = "Record the CPU that code is generated for on the module";
  let description = [{
    Sets the module attribute `ng.target = #ng.cpu<...>` that every later
    code generation pass reads. `target` names one of the x86-64 levels
    (`x86-64`, `x86-64-v3`: AVX2 and 16 vector registers, `x86-64-v4`:
    AVX-512 and 32) or `host`, which only a tool defines (ngraph-opt,
    ngraph-runner and ngraph-bench measure the machine they run on). An
    empty `target` keeps the module's own `ng.target` and falls back to
    `host`.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"\"",
           "x86-64, x86-64-v3, x86-64-v4 or host (empty: the module's own "
           "ng.target, else host)">,
  ];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

def NGCPUSelectLowering
    : Pass<"ng-cpu-select-lowering", "::mlir::func::FuncOp"> {
  let summary = "Decide how each contraction is tiled for the module's target";
  let description = [{
    Stamps every static float contraction with one M, N and K loop (what
    the ng.dot lowering makes) with `ng.lowering_config =
    #ng.contraction<...>`: the strategy (`unpacked`: tiles that divide the
    shape; `packed`: GotoBLAS-style packed operands for large shapes;
    `transposed_output`: C^T = B^T A^T for outputs whose rows cannot fill
    vectors), register and cache tiles, and the thread split. The rules
    and their thresholds are in NGraph/Codegen/CPU/KernelConfig.h;
    ng-cpu-tile-contractions applies them. Lit tests check the decisions
    per target with this pass alone.
  }];
  let options = [
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Threads large contractions are split between">,
    Option<"registerM", "register-m", "int64_t", /*default=*/"0",
           "Force the register tile's rows (0: from the target)">,
    Option<"registerN", "register-n", "int64_t", /*default=*/"0",
           "Force the register tile's columns in elements (0: two vectors "
           "of the target)">,
  ];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

def NGFuseElementwise : Pass<"ng-fuse-elementwise"> {
  let summary = "Fuse elementwise linalg ops, leaving convolutions whole";
  let description = [{
    Upstream's linalg elementwise fusion (producers with one use fused into
    their consumers, reshapes propagated by expansion, constants folded),
    except that nothing is fused into or out of a generic marked
    `ng.convolution`: fused, it would no longer be a convolution that
    ng-cpu-lower-convolutions can rewrite into its fast form.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect"];
}

def NGCPULowerConvolutions
    : Pass<"ng-cpu-lower-convolutions", "::mlir::func::FuncOp"> {
  let summary = "Rewrite convolutions as register-blocked loops or column copies and one matmul";
  let description = [{
    For each generic marked `ng.convolution` (forward, data or filter
    gradient), `selectConvolutionConfig` (KernelConfig.h) decides from
    the shape and the module's target between `direct`, `im2col` and
    `loops`.

    `direct` (an output laid out [features, outputs...] whose innermost
    axis is read contiguously from the windowed operand, as Nervana's
    batch is): the filter is packed as [features / rM, window x channels,
    rM] and each rM x rN register tile of the output is accumulated in
    one loop nest over the channels and the window, one outer product of
    a packed filter row and a run of the windowed operand per step,
    read in place. No column matrix is built.

    `im2col`: the operand read through windows is copied into a column
    matrix, one strided slice per window position (each copy an
    elementwise op that vectorizes along the innermost axis), and the
    product becomes a `linalg.matmul` over [features, window x channels] x
    [window x channels, outputs] (operands read transposed in place where
    that is their layout), which ng-cpu-select-lowering then tiles as any
    contraction. A column matrix larger than `kIm2colBlockL2s` L2 caches
    is built and multiplied in blocks of output rows (an `scf.for`), so it
    stays in cache.

    `loops` leaves the generic (plain loops).
  }];
  let options = [
    Option<"strategy", "strategy", "std::string", /*default=*/"\"auto\"",
           "auto (decide per shape), or direct, im2col or loops wherever "
           "that strategy applies (for tests and experiments)">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Threads the direct form's tiles are shared between">,
  ];
  let dependentDialects = ["::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

def NGCPUTileContractions
    : Pass<"ng-cpu-tile-contractions", "::mlir::func::FuncOp"> {
  let summary = "Tile, pack and vectorize contractions as their lowering config says";
  let description = [{
    Runs on linalg on tensors. Each contraction carrying
    `ng.lowering_config` is rewritten by its strategy: `unpacked` tiles it
    for cache, then for registers; `packed` copies A and B into per-K-block
    panels ([K/cK, M/rM, cK, rM] and [K/cK, N/rN, cK, rN]) and accumulates
    into C through a [M/rM, rM, N/rN, rN] view of it (rows left over take a
    shorter register tile, columns left over a small contraction of their
    own), split between threads under an `scf.forall`; `transposed_output`
    computes C^T = B^T A^T and transposes it back (or adds it transposed).
    Each register tile becomes a `vector.contract`. Contractions this pass
    creates are configured by the same rules (KernelConfig.h).
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect"];
}

def NGCPUSplitLargeOps : Pass<"ng-cpu-split-large-ops", "::mlir::func::FuncOp"> {
  let summary = "Share large elementwise ops between threads";
  let description = [{
    With `threads` > 1, every all-parallel linalg op at the top of the
    function with at least 2^15 elements (elementwise math, fills, packing
    copies) whose first loop the threads divide becomes an `scf.forall` of
    one part per thread: left on one thread they would bound a training
    step's speed-up.
  }];
  let options = [
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Threads to share the ops between (1: no change)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect"];
}

def NGCPUVectorizeTransposes
    : Pass<"ng-cpu-vectorize-transposes", "::mlir::func::FuncOp"> {
  let summary = "Tile static transposes into vector-sized blocks and vectorize them";
  let description = [{
    The output's innermost dimension goes by up to two target vectors and
    the dimension that is the input's innermost by up to 8 rows (one 8 x 8
    in-register transpose); a block move walks 8 source rows at a time so
    reads are 8 sequential streams.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NGCPUVectorizeElementwise
    : Pass<"ng-cpu-vectorize-elementwise", "::mlir::func::FuncOp"> {
  let summary = "Vectorize elementwise ops, fills and reductions along their innermost loop";
  let description = [{
    Each static linalg op outside a loop that is not a contraction or a
    transpose is tiled along its innermost loop and vectorized: a parallel
    innermost loop one target vector at a time (an operand read across it
    in blocks of 8 of its rows), a reduced one in chunks of up to four
    vectors, each ending in one horizontal reduction. Ops whose body does
    not vectorize stay scalar loops.
  }];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NGCPUFoldRegisterTiles
    : Pass<"ng-cpu-fold-register-tiles", "::mlir::func::FuncOp"> {
  let summary = "Fold slices into vector transfers and drop register tiles' unit dimensions";
  let description = [{
    After tiling and vectorization: `tensor.extract_slice` /
    `insert_slice` around transfers fold into them, leading unit vector
    dimensions are cast away, and a `vector.contract` whose extra
    reduction loops have one trip (a packed tile's K block loop) becomes
    the one-reduction contraction the outer-product lowering takes. Run
    `canonicalize` after it.
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def NGCPUHoistAccumulators
    : Pass<"ng-cpu-hoist-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Keep register tiles' accumulators in registers through their K loops";
  let description = [{
    Moves each register tile's C block read and write out of its K loop
    (loop-invariant subset hoisting, innermost loops first), starts the K
    loop from zero accumulators with the C block added once after it, and
    unrolls the K loop by up to `unroll-k` (the largest divisor of its trip
    count).
  }];
  let options = [
    Option<"unrollK", "unroll-k", "int64_t",
           /*default=*/"::ngraph::cpu::kUnrollK",
           "Unroll each register tile's K loop by up to this factor (1: none)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def NGCPUSetLLVMTarget : Pass<"ng-cpu-set-llvm-target", "::mlir::ModuleOp"> {
  let summary = "Give the LLVM module the triple, data layout, CPU and features of ng.target";
  let description = [{
    Runs on the LLVM dialect. Sets `llvm.target_triple` and
    `llvm.data_layout` on the module and `target_cpu`, `target_features`
    and `prefer_vector_width` (the target's vector width, so LLVM does not
    split 512-bit vectors on CPUs it tunes for 256) on every defined
    function, so `mlir-translate --mlir-to-llvmir | llc` (or the JIT)
    generates code for the target. The module's `ng.target` is removed:
    what remains is plain LLVM dialect.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def NGLowerVectorOps : Pass<"ng-lower-vector-ops", "::mlir::func::FuncOp"> {
  let summary = "Lower the vector ops the scheduler made to FMAs on 1-D vectors";
  let description = [{
    Runs after bufferization: `vector.contract` becomes outer products and
    then FMAs, transfers become 1-D loads and stores, broadcasts and
    transposes become element moves (8x8 and 4x8 f32 ones, with AVX2, the
    x86vector dialect's shuffle and blend sequence), shape casts are
    lowered last (with their own rewrite driver: mixed with the others
    they loop).
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::LLVM::LLVMDialect"];
}

def NGDistinctResults : Pass<"ng-distinct-results", "::mlir::func::FuncOp"> {
  let summary = "Give every returned buffer its own allocation";
  let description = [{
    Runs after bufferization, before `buffer-results-to-out-params`: a
    function returning the same memref more than once (a computation that
    lists one value as two outputs) returns a copy for each repeat, so every
    result can be computed straight into its own output buffer
    (`hoist-static-allocs`).
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def NGUpdateVariablesInPlace
    : Pass<"ng-update-variables-in-place", "::mlir::func::FuncOp"> {
  let summary = "Compute assigned values straight into their variables";
  let description = [{
    Runs on linalg on tensors, before bufferization. A variable's new value
    stored at the end of a computation (`materialize_in_destination` into
    its global) whose last op writes a `tensor.empty` (an elementwise
    update such as `w - lr * dw`) writes the variable's own read view
    instead, made writable; one that accumulates into that view already
    (`ng-accumulate-contractions`) gets it made writable: One-Shot Bufferize then updates the global in
    place, or copies the old value first if it is still read afterwards.
    Without it, every step computes each new weight into a temporary and
    copies it into the global.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect"];
}

def NGAccumulateContractions
    : Pass<"ng-accumulate-contractions", "::mlir::func::FuncOp"> {
  let summary = "Add a contraction's product straight into the tensor it is added to";
  let description = [{
    Runs on linalg on tensors, after elementwise fusion. A contraction
    computed from zero whose only use is an elementwise `x + s * (A B)`
    (an SGD step `w - lr * dw`, a residual add; `s` a constant or a scalar
    input, `-` and `s = 1` included) becomes one contraction that
    accumulates into `x`: `x += A (s B)`, like BLAS's `gemm` with beta = 1.
    The scale goes into a copy of the smaller operand. The product's zero
    fill, the product itself and the elementwise pass over both are gone;
    for a weight update, `ng-update-variables-in-place` then has the
    contraction add into the weight's own storage.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NGOutlineLoopNests : Pass<"ng-outline-loop-nests", "::mlir::ModuleOp"> {
  let summary = "Give every large top-level loop nest a function of its own";
  let description = [{
    Runs on memrefs, after bufferization. In a function with at least two
    top-level loop nests that execute `min-ops` operations or more (each op
    of a loop body counted once per iteration), each such nest becomes a private function marked `noinline`, called in
    its place; the constants it uses are copied in. A training step is
    otherwise one function of a few hundred loops, on which LLVM's loop
    optimizations (ScalarEvolution's guard and range queries) take time
    that grows faster than the code; per nest it stays linear, and the
    function passes that follow run on several threads. Smaller nests (a
    logistic regression step's) stay in place: their call would cost more
    than it saves.
  }];
  let options = [
    Option<"minOps", "min-ops", "int64_t", "16384",
           "Operations a nest must execute to be outlined">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect"];
}

def NGPrefetchAccumulators
    : Pass<"ng-prefetch-accumulators", "::mlir::func::FuncOp"> {
  let summary = "Prefetch the block of C a register tile adds its sums to";
  let description = [{
    Runs after bufferization. A loop whose vector result is added to a
    `vector.transfer_read` from memory right after it (a register tile of
    `ng-cpu-tile-contractions`: zero accumulators through the K loop, then the C
    block added) gets a `memref.prefetch` of every row of that read before
    the loop starts, so the rows (a row of C apart, a cache miss each)
    arrive while the loop runs instead of stalling the tile's stores.
  }];
  let options = [
    Option<"maxRows", "max-rows", "int64_t", /*default=*/"16",
           "Skip reads of more rows than this">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def NGLowerStridedCopies : Pass<"ng-lower-strided-copies",
                                 "::mlir::func::FuncOp"> {
  let summary = "Copy between non-contiguous buffers with loops, not a call";
  let description = [{
    `finalize-memref-to-llvm` turns a `memref.copy` between contiguous
    buffers into a `memcpy` and any other copy into a call to `memrefCopy`
    from MLIR's C runner utilities: a library that compiled code would then
    need wherever it runs (an ahead-of-time compiled model too), and a
    generic element-by-element loop through descriptors. This pass rewrites
    every copy that is not contiguous on both sides into `linalg.copy`, which
    the loop lowering after it turns into a loop nest of loads and stores.
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def NGStackTemporaries : Pass<"ng-stack-temporaries", "::mlir::func::FuncOp"> {
  let summary = "Put small, statically shaped temporary buffers on the stack";
  let description = [{
    Runs after bufferization and buffer-results-to-out-params, before the
    deallocation pipeline: every `memref.alloc` directly in the function's
    body (not in a loop or branch) with a static shape of at most
    `max-bytes` bytes that is not returned becomes a `memref.alloca`, up to
    `max-total-bytes` per function, so a small training step makes no heap
    calls. (Upstream
    `promote-buffers-to-stack` does not promote these allocations in MLIR 22.)
  }];
  let options = [
    Option<"maxBytes", "max-bytes", "int64_t", /*default=*/"4096",
           "Largest buffer, in bytes, to put on the stack">,
    Option<"maxTotalBytes", "max-total-bytes", "int64_t", /*default=*/"65536",
           "Stack bytes one function may use for such buffers (the rest "
           "stay on the heap)">,
  ];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def NGApproximateMath : Pass<"ng-approximate-math", "::mlir::func::FuncOp"> {
  let summary = "Polynomial approximations of f32 exp, log and tanh";
  let description = [{
    Replaces `math.exp`, `math.log`, `math.log1p`, `math.log2`, `math.expm1`
    and `math.tanh` on f32 scalars and vectors with upstream MLIR's
    polynomial approximations (a few ulp; inf, nan and 0 handled): they
    vectorize, where the libm calls they replace run one element at a time.
    f64 math is left to libm.
  }];
  let dependentDialects = ["::mlir::math::MathDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::vector::VectorDialect"];
}

#endif
