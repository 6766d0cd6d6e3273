//===- Passes.td - graph-level ng transforms --------------------*- tablegen -*-===//
#ifndef NGRAPH_NG_PASSES
#define NGRAPH_NG_PASSES

include "mlir/Pass/PassBase.td"

def NGSpecializeAxes : Pass<"ng-specialize-axes", "::mlir::ModuleOp"> {
  let summary = "Give the batch axes written `N:?` their lengths";
  let description = [{
    A graph may leave a batch axis's length to call time (`N:? batch`): one
    graph file then trains on batches of 128 and evaluates a whole test
    split in one call. Every other transform needs fixed lengths, so this
    pass runs first and rewrites every type and attribute that holds such
    an axis, e.g. `ng-specialize-axes{lengths=N=128}` (or `batch-size=128`
    for every `?` axis). Each `?` axis must
    be given a length, and only `?` axes may be; the result is verified.
    The runtime does the same per call (docs/runner.md).
  }];
  let options = [
    ListOption<"lengths", "lengths", "std::string",
               "NAME=LENGTH for each axis whose length is `?`">,
    Option<"batchSize", "batch-size", "int64_t", /*default=*/"0",
           "The length of every `?` axis `lengths` does not name">,
  ];
}

def NGExpandOptimizers : Pass<"ng-expand-optimizers"> {
  let summary = "Expand every ng.optimize into derivatives, state variables and assigns";
  let description = [{
    Writes what a user would write by hand: per trainable variable an
    `ng.deriv` of the loss, the optimizer's rule in ng ops (clipping, weight
    decay, momentum or moments), zero-initialized state variables named
    after their parameter (`W.adam_m`), and `ng.assign`s grouped by an
    `ng.doall` that replaces the op. Runs before `ng-autodiff`, and on
    graphs with `N:?` axes too (the parameters' lengths are fixed).
  }];
  let dependentDialects = ["::mlir::ng::NGDialect"];
}

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

def NGReduceGraph : Pass<"ng-reduce-graph", "::mlir::ModuleOp"> {
  let summary = "Shrink graphs while a test script still finds them interesting (for ngraph-reduce)";
  let description = [{
    A test-case reducer for graph files: it repeatedly tries to drop a
    computation, or to replace a computed tensor by a zero constant of its
    type, erasing whatever that leaves unused, and keeps each change only
    when the module still verifies and the `test` script still finds it
    interesting (MLIR's reducer convention: the script exits non-zero for
    an interesting file, which is its last argument). Rounds repeat until
    nothing more can go. Runs in `ngraph-reduce`; see docs/tools.md.
  }];
  let options = [
    Option<"testerName", "test", "std::string", /*default=*/"",
           "The interestingness test script">,
    ListOption<"testerArgs", "test-arg", "std::string",
               "Arguments given to the script before the file">,
  ];
}

#endif
