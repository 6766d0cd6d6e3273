//===- NGInterfaces.td - reverse-mode autodiff interface ----*- tablegen -*-===//
#ifndef NGRAPH_NG_INTERFACES
#define NGRAPH_NG_INTERFACES

include "mlir/IR/OpBase.td"

def NG_ReverseADOpInterface : OpInterface<"ReverseADOpInterface"> {
  let cppNamespace = "::mlir::ng";
  let description = [{
    The reverse-mode rule of an op. Given the adjoint of the op's result,
    the op builds the contributions to the adjoints of its operands (or of
    values further up, for fused rules such as sigmoid + binary
    cross-entropy) and hands each to the accumulator, which sums them and
    brings them to the primal's axes.
  }];
  let methods = [
    InterfaceMethod<
      "Build operand adjoint contributions from `resultAdjoint`.",
      "::llvm::LogicalResult", "buildAdjoints",
      (ins "::mlir::OpBuilder &":$builder, "::mlir::Value":$resultAdjoint,
           "::mlir::ng::AdjointAccumulator &":$acc)>,
    InterfaceMethod<
      "Build operand adjoint contributions from the adjoints of all results "
      "(null where nothing flowed into a result). Ops with one result use "
      "`buildAdjoints`.",
      "::llvm::LogicalResult", "buildAdjointsOfResults",
      (ins "::mlir::OpBuilder &":$builder,
           "::llvm::ArrayRef<::mlir::Value>":$resultAdjoints,
           "::mlir::ng::AdjointAccumulator &":$acc), [{}], [{
        if (resultAdjoints.size() != 1 || !resultAdjoints[0])
          return ::llvm::success();
        return $_op.buildAdjoints(builder, resultAdjoints[0], acc);
      }]>
  ];
}

#endif // NGRAPH_NG_INTERFACES
