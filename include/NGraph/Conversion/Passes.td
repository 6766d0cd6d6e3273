//===- Passes.td - ng conversions ---------------------------*- tablegen -*-===//
#ifndef NGRAPH_CONVERSION_PASSES
#define NGRAPH_CONVERSION_PASSES

include "mlir/Pass/PassBase.td"

def ConvertNGToLinalg : Pass<"convert-ng-to-linalg", "::mlir::ModuleOp"> {
  let summary = "Lower ng tensor ops to linalg, tensor, arith and math on builtin tensors";
  let description = [{
    A TypeConverter maps `!ng.tensor<[A:a, B:b], T>` to `tensor<axbxT>`
    (axis order is dimension order). Elementwise ops and reductions become
    `linalg.generic` with axis-derived indexing maps, `ng.dot` a contraction.
    Function signatures are converted too. Run after ng-decompose and
    ng-outline-computations. `ng.allreduce` becomes calls into the runtime
    (NGraph/Runtime/ABI.h).
  }];
  let options = [
    Option<"overlapCollectives", "overlap-collectives", "bool",
           /*default=*/"false",
           "Start each allreduce (MPI_Iallreduce) where its operand is ready "
           "and wait for it before its first use, so the ops in between can "
           "overlap the communication (off: one blocking MPI_Allreduce, "
           "faster over shared memory, where MPI progresses only inside MPI "
           "calls)">,
  ];
  let dependentDialects = [
    "::mlir::linalg::LinalgDialect", "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::func::FuncDialect", "::mlir::scf::SCFDialect",
    "::mlir::memref::MemRefDialect"];
}

#endif
