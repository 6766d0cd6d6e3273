//===- Passes.td - ng dialect transforms --------------------*- tablegen -*-===//
#ifndef NGRAPH_NG_PASSES
#define NGRAPH_NG_PASSES

include "mlir/Pass/PassBase.td"

def NGAutodiff : Pass<"ng-autodiff"> {
  let summary = "Replace every ng.deriv with its reverse-mode gradient graph";
  let description = [{
    Derivatives of one loss share one backward sweep. Adjoint rules come
    from each op's ReverseADOpInterface; contributions are summed and brought
    to the primal's axes. A value the loss does not depend on gets a zero
    gradient and a warning. Run `canonicalize` afterwards to tidy the result.
  }];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

def NGDecompose : Pass<"ng-decompose"> {
  let summary = "Expand composite ng ops (softmax, cross-entropies, mean) into primitive ones";
  let description = [{
    Runs after autodiff, which needs the composite ops for its fused,
    stable rules. Leaves only ops the linalg lowering handles directly.
  }];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

def NGDataParallel : Pass<"ng-data-parallel", "::mlir::ModuleOp"> {
  let summary = "Split batch axes across ranks; combine partial results with ng.allreduce";
  let description = [{
    Turns a graph written for one process into the graph one rank of a
    data-parallel run executes, with the same results. Every batch axis
    keeps only this rank's samples (a contiguous run; see
    NGraph/Support/Sharding.h). Values without a batch axis are replicated:
    every rank computes them whole. Where an op reduces a batch axis away
    (a `sum` or `dot` over it, `max`, `min`, `prod`), its result on one
    rank is a partial result, so an `ng.allreduce` right after combines the
    ranks' partials. After autodiff these ops are exactly the loss, the
    weight and bias gradients and any batch statistic, so every rank
    applies the same, globally averaged update and variables stay
    identical. `tensor_size` and `batch_size` become constants of the whole
    batch, and composite ops are decomposed first (a mean divides by the
    global count).

    Rejected with a diagnostic: variables with batch axes, values with two
    batch axes, argmax/argmin over a batch axis, and axis ops that rename,
    merge or split a batch axis. Runs after `ng-autodiff`.
  }];
  let options = [
    Option<"ranks", "ranks", "int64_t", /*default=*/"1",
           "Number of ranks the batch is split over (1: no change)">,
    Option<"rank", "rank", "int64_t", /*default=*/"0",
           "This process's rank, from 0 to ranks - 1">,
  ];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

def NGOutlineComputations : Pass<"ng-outline-computations", "::mlir::ModuleOp"> {
  let summary = "Turn each ng.computation into a function and each variable into a global";
  let description = [{
    Each computation `@name` becomes `func.func @ng_fn_name(inputs...) ->
    (outputs...)` (the prefix keeps JIT-linked names clear of the C library;
    `ng.computation` keeps the original name); effects yield nothing. Variables become `memref.global` buffers that
    persist across calls and computations: every read inside a call sees the
    value at entry, assigns are stored when the call returns, and a variable
    listed as an output returns its value after the call. Random initializers
    are evaluated here (NumPy's RandomState, so seeds match NumPy).
  }];
  let options = [
    Option<"embedInitialValues", "embed-initial-values", "bool",
           /*default=*/"true",
           "Give each global its variable's initial value (off: leave it "
           "uninitialized for a runtime to fill)">,
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::bufferization::BufferizationDialect"];
}

def NGScheduleLinalg : Pass<"ng-schedule-linalg", "::mlir::func::FuncOp"> {
  let summary = "Tile and vectorize linalg contractions for the host CPU";
  let description = [{
    Runs on linalg on tensors, before bufferization. Every static f32/f64
    contraction (a linalg op with one M, one N and one K loop, as the ng.dot
    lowering produces) is tiled twice: for cache, then for registers (an
    M x N block of accumulators updated by outer products along K); the
    register tile is vectorized to `vector.contract`, the accumulator
    reads and writes are hoisted out of the K loop so it stays in registers,
    and the K loop is unrolled (`unroll-k`) so its counter and branch cost
    less against the FMAs.
    The K loop starts from zero accumulators; the C block is read and the
    sums added after it.
    Small contractions use tile sizes that divide the shape (no remainder
    loops or masks). Large ones read packed copies of A and B, laid out per
    K block so that consecutive register tiles read one contiguous stream,
    in GotoBLAS loop order, and accumulate straight into C (its full tiles
    as a [M/rM, rM, N/rN, rN] view; the rows left below them take a shorter
    register tile, the columns left to the right are a small contraction of
    their own). With `threads` > 1 the full tiles are first split into that
    many blocks under an `scf.forall`. Transposes (packing, user transposes,
    elementwise ops reading an operand transposed) are tiled into 8-row
    blocks and vectorized; other elementwise ops go one host vector at a
    time along their innermost dimension.
  }];
  let options = [
    Option<"registerM", "register-m", "int64_t", /*default=*/"0",
           "Largest register-tile extent along M (0: from the host, 8 rows "
           "with 32 vector registers, 6 with 16)">,
    Option<"registerN", "register-n", "int64_t", /*default=*/"0",
           "Largest register-tile extent along N in elements (0: two host "
           "vectors)">,
    Option<"cacheM", "cache-m", "int64_t", /*default=*/"64",
           "Largest cache-tile extent along M">,
    Option<"cacheN", "cache-n", "int64_t", /*default=*/"512",
           "Largest cache-tile extent along N">,
    Option<"cacheK", "cache-k", "int64_t", /*default=*/"64",
           "Largest cache-tile extent along K">,
    Option<"unrollK", "unroll-k", "int64_t", /*default=*/"4",
           "Unroll each register tile's K loop by up to this factor (the "
           "largest divisor of its trip count; 1: no unrolling)">,
    Option<"threads", "threads", "int64_t", /*default=*/"1",
           "Split large (packed) contractions into this many blocks of C "
           "computed in parallel (an scf.forall)">,
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::vector::VectorDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect"];
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
    `ng-schedule-linalg`: zero accumulators through the K loop, then the C
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
