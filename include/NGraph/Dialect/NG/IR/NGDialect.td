//===- NGDialect.td - the ng dialect ------------------------*- tablegen -*-===//
#ifndef NGRAPH_NG_DIALECT
#define NGRAPH_NG_DIALECT

include "mlir/IR/OpBase.td"
include "mlir/IR/AttrTypeBase.td"

def NG_Dialect : Dialect {
  let name = "ng";
  let cppNamespace = "::mlir::ng";
  let summary = "Tensor graphs whose dimensions are named axes";
  let description = [{
    The `ng` dialect expresses Nervana Graph programs: tensors whose
    dimensions are named axes, placeholders, variables, elementwise math,
    reductions, `dot` over shared axes, losses, `deriv`, and computations
    (named entry points listing outputs and inputs) grouped in a graph.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 1;
  let dependentDialects = ["::mlir::func::FuncDialect"];
  let extraClassDeclaration = [{
    void registerTypes();
    void registerAttributes();
  }];
}

class NG_Op<string mnemonic, list<Trait> traits = []>
    : Op<NG_Dialect, mnemonic, traits>;

#endif // NGRAPH_NG_DIALECT
