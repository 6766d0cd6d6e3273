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
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::bufferization::BufferizationDialect"];
}

#endif
