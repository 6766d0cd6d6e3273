//===- NGOps.td - ng dialect operations ---------------------*- tablegen -*-===//
#ifndef NGRAPH_NG_OPS
#define NGRAPH_NG_OPS

include "NGraph/Dialect/NG/IR/NGTypes.td"
include "NGraph/Dialect/NG/IR/NGInterfaces.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"

defvar ADRule = DeclareOpInterfaceMethods<NG_ReverseADOpInterface>;

//===----------------------------------------------------------------------===//
// Graph, computations, leaves
//===----------------------------------------------------------------------===//

def NG_GraphOp : NG_Op<"graph", [IsolatedFromAbove, SymbolTable, Symbol,
                                 SingleBlock, NoTerminator, NoRegionArguments]> {
  let summary = "a graph: placeholders, variables, ops and computations";
  let description = [{
    Built once; several computations are defined on it. Axis names are
    checked for consistency across the whole graph.
    ```mlir
    ng.graph @plus_one {
      %x = ng.placeholder "x" : !ng.tensor<[], f32>
      %one = ng.constant 1.0 : !ng.tensor<[], f32>
      %y = ng.add %x, %one : !ng.tensor<[], f32>, !ng.tensor<[], f32>
      ng.computation @plus_one outputs(%y : !ng.tensor<[], f32>)
                                inputs(%x : !ng.tensor<[], f32>)
    }
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = "$sym_name attr-dict-with-keyword $body";
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [OpBuilder<(ins "::llvm::StringRef":$name)>];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

def NG_ComputationOp : NG_Op<"computation", [HasParent<"GraphOp">, Symbol,
                                             AttrSizedOperandSegments]> {
  let summary = "a named entry point: ordered outputs and ordered inputs";
  let description = [{
    The seed's `transformer.computation([L, W, update], alpha, X, Y)`.
    Inputs must be placeholders; every placeholder an output depends on must
    be an input. An output may be an effect (assign or doall): it yields no
    value. A variable listed as an output yields its value after the call.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       Variadic<AnyType>:$outputs,
                       Variadic<NG_AnyTensor>:$inputs);
  let assemblyFormat = [{
    $sym_name `outputs` `(` ($outputs^ `:` qualified(type($outputs)))? `)`
    `inputs` `(` ($inputs^ `:` qualified(type($inputs)))? `)` attr-dict
  }];
  let hasVerifier = 1;
}

def NG_PlaceholderOp : NG_Op<"placeholder", [HasParent<"GraphOp">, ADRule]> {
  let summary = "a named input port, fed by each call";
  let arguments = (ins StrAttr:$name);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$name attr-dict `:` qualified(type($result))";
}

def NG_VariableOp : NG_Op<"variable", [HasParent<"GraphOp">, ADRule]> {
  let summary = "named state that persists across calls";
  let description = [{
    The value is the variable's value at entry to a call; `ng.assign` takes
    effect when the call returns. The initial value is a scalar broadcast,
    a dense array, or a seeded random initializer:
    ```mlir
    %W = ng.variable "W" init 0.0 : !ng.tensor<[C:4], f32>
    %V = ng.variable "V" init [1.0, 2.0] : !ng.tensor<[K:2], f32>
    %U = ng.variable "U" init #ng.uniform<-0.1, 0.1, seed = 0> : !ng.tensor<[C:4, H:8], f32>
    %Z = ng.variable "Z" init #ng.normal<0.0, 0.05, seed = 1> : !ng.tensor<[H:8], f32>
    ```
  }];
  let arguments = (ins StrAttr:$name, AnyAttr:$init);
  let results = (outs NG_AnyTensor:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The initial value as a dense array in row-major order (random
    /// initializers drawn as NumPy's RandomState would).
    ::mlir::DenseElementsAttr getInitialValue();
  }];
}

def NG_ConstantOp : NG_Op<"constant", [ConstantLike, Pure, ADRule]> {
  let summary = "a constant: a scalar splat or a dense array";
  let description = [{
    `ng.constant 1.0 : !ng.tensor<[], f32>`,
    `ng.constant [[1.0, 0.0], [0.0, 1.0]] : !ng.tensor<[A:2, B:2], f32>`.
    A scalar literal fills every element of a non-scalar type.
  }];
  let arguments = (ins ElementsAttr:$value);
  let results = (outs NG_AnyTensor:$result);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasFolder = 1;
  let builders = [
    OpBuilder<(ins "::mlir::ng::NGTensorType":$type, "double":$splat)>,
  ];
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class NG_UnaryOp<string mnemonic, Type ty = NG_FloatTensor,
                 list<Trait> traits = []>
    : NG_Op<mnemonic, traits # [Pure, SameOperandsAndResultType, ADRule]> {
  let arguments = (ins ty:$operand);
  let results = (outs ty:$result);
  let assemblyFormat = "$operand attr-dict `:` qualified(type($result))";
  let hasFolder = 1;
}

def NG_NegativeOp : NG_UnaryOp<"negative", NG_AnyTensor> { let summary = "-x"; }
def NG_AbsOp : NG_UnaryOp<"abs", NG_AnyTensor> { let summary = "|x|"; }
def NG_SignOp : NG_UnaryOp<"sign", NG_AnyTensor> {
  let summary = "-1, 0 or 1 (passes no gradient)";
}
def NG_ExpOp : NG_UnaryOp<"exp"> { let summary = "e^x"; }
def NG_LogOp : NG_UnaryOp<"log"> { let summary = "natural logarithm"; }
def NG_SafeLogOp : NG_UnaryOp<"safelog"> {
  let summary = "max(log(x + e^-50), -50), Nervana Graph's clamped log";
}
def NG_SqrtOp : NG_UnaryOp<"sqrt"> { let summary = "square root"; }
def NG_SquareOp : NG_UnaryOp<"square", NG_AnyTensor> { let summary = "x*x"; }
def NG_ReciprocalOp : NG_UnaryOp<"reciprocal"> { let summary = "1/x"; }
def NG_TanhOp : NG_UnaryOp<"tanh"> { let summary = "hyperbolic tangent"; }
def NG_SigmoidOp : NG_UnaryOp<"sigmoid"> { let summary = "1/(1+e^-x)"; }
def NG_ReluOp : NG_UnaryOp<"relu", NG_AnyTensor> { let summary = "max(x, 0)"; }

class NG_BinaryOp<string mnemonic, list<Trait> traits = []>
    : NG_Op<mnemonic, traits # [Pure, InferTypeOpAdaptor, ADRule]> {
  let description = [{
    Broadcasts by axis identity: if the right operand's axes include all of
    the left's, the result takes the right's order; otherwise the left's
    axes come first, then the right's extra axes. Scalars broadcast.
  }];
  let arguments = (ins NG_AnyTensor:$lhs, NG_AnyTensor:$rhs);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` qualified(type($lhs)) `,` qualified(type($rhs))";
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return inferElementwiseBinaryType(loc, adaptor.getLhs().getType(),
                                        adaptor.getRhs().getType(), results);
    }
  }];
}

def NG_AddOp : NG_BinaryOp<"add", [Commutative]> {
  let summary = "a + b";
  let hasCanonicalizer = 1;
}
def NG_SubtractOp : NG_BinaryOp<"subtract"> { let summary = "a - b"; }
def NG_MultiplyOp : NG_BinaryOp<"multiply", [Commutative]> { let summary = "a * b"; }
def NG_DivideOp : NG_BinaryOp<"divide"> { let summary = "a / b"; }
def NG_MaximumOp : NG_BinaryOp<"maximum", [Commutative]> { let summary = "max(a, b)"; }
def NG_MinimumOp : NG_BinaryOp<"minimum", [Commutative]> { let summary = "min(a, b)"; }
def NG_PowerOp : NG_BinaryOp<"power"> { let summary = "a ^ b"; }
def NG_LessOp : NG_BinaryOp<"less"> { let summary = "1 where a < b, else 0"; }
def NG_LessEqualOp : NG_BinaryOp<"less_equal"> { let summary = "1 where a <= b, else 0"; }
def NG_GreaterOp : NG_BinaryOp<"greater"> { let summary = "1 where a > b, else 0"; }
def NG_GreaterEqualOp : NG_BinaryOp<"greater_equal"> { let summary = "1 where a >= b, else 0"; }
def NG_EqualOp : NG_BinaryOp<"equal", [Commutative]> { let summary = "1 where a == b, else 0"; }
def NG_NotEqualOp : NG_BinaryOp<"not_equal", [Commutative]> { let summary = "1 where a != b, else 0"; }

//===----------------------------------------------------------------------===//
// Reductions
//===----------------------------------------------------------------------===//

class NG_ReductionOp<string mnemonic, list<Trait> traits = []>
    : NG_Op<mnemonic, traits # [Pure, InferTypeOpAdaptor]> {
  let description = [{
    Reduces `reduce` axes, or keeps `out` axes (the other is the
    complement); by default every axis is reduced except batch and
    recurrent axes. The result keeps the operand's order of the kept axes,
    or the order given by `out`.
  }];
  let arguments = (ins NG_AnyTensor:$operand,
                       OptionalAttr<StrArrayAttr>:$reduce,
                       OptionalAttr<StrArrayAttr>:$out);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = [{
    $operand (`reduce` custom<AxisNames>($reduce)^)?
             (`out` custom<AxisNames>($out)^)? attr-dict `:` qualified(type($operand))
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return inferReductionType(loc, adaptor.getOperand().getType(),
                                adaptor.getReduceAttr(), adaptor.getOutAttr(),
                                resultElementType(adaptor.getOperand().getType()),
                                results);
    }
  }];
  code resultElementTypeDecl = [{
    static ::mlir::Type resultElementType(::mlir::Type in) {
      return ::llvm::cast<::mlir::ng::NGTensorType>(in).getElementType();
    }
  }];
  let extraClassDeclaration = resultElementTypeDecl # [{
    /// The axes this op reduces, in operand order.
    ::llvm::SmallVector<::mlir::ng::AxisAttr> getReducedAxes();
  }];
}

def NG_SumOp : NG_ReductionOp<"sum", [ADRule]> {
  let summary = "sum";
  let hasFolder = 1;
  let hasCanonicalizer = 1;
}
def NG_MeanOp : NG_ReductionOp<"mean", [ADRule]> { let summary = "arithmetic mean"; }
def NG_VarianceOp : NG_ReductionOp<"variance", [ADRule]> {
  let summary = "mean of the squared deviations from the mean (population variance)";
}
def NG_MaxOp : NG_ReductionOp<"max", [ADRule]> { let summary = "maximum"; }
def NG_MinOp : NG_ReductionOp<"min", [ADRule]> { let summary = "minimum"; }
def NG_ProdOp : NG_ReductionOp<"prod", [ADRule]> { let summary = "product"; }

class NG_ArgReductionOp<string mnemonic> : NG_ReductionOp<mnemonic, [ADRule]> {
  let summary = "index along the reduced axes (row-major over them), as i32";
  let extraClassDeclaration = [{
    static ::mlir::Type resultElementType(::mlir::Type in) {
      return ::mlir::IntegerType::get(in.getContext(), 32);
    }
    ::llvm::SmallVector<::mlir::ng::AxisAttr> getReducedAxes();
  }];
}
def NG_ArgMaxOp : NG_ArgReductionOp<"argmax">;
def NG_ArgMinOp : NG_ArgReductionOp<"argmin">;

def NG_TensorSizeOp : NG_ReductionOp<"tensor_size", [ADRule]> {
  let summary = "number of elements over the reduced axes, as a scalar";
  let hasFolder = 1;
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return inferTensorSizeType(loc, adaptor.getOperand().getType(),
                                 adaptor.getReduceAttr(), adaptor.getOutAttr(),
                                 results);
    }
  }];
}

def NG_BatchSizeOp : NG_Op<"batch_size", [Pure, InferTypeOpAdaptor, ADRule]> {
  let summary = "product of the batch axes' lengths, as a scalar";
  let arguments = (ins NG_AnyTensor:$operand);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` qualified(type($operand))";
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Contraction, normalization, losses
//===----------------------------------------------------------------------===//

def NG_DotOp : NG_Op<"dot", [Pure, InferTypeOpAdaptor, ADRule]> {
  let summary = "contracts every axis the operands share";
  let description = [{
    The result has the left operand's remaining axes, then the right's. No
    shared axis gives the outer product; all shared gives a scalar.
  }];
  let arguments = (ins NG_AnyTensor:$lhs, NG_AnyTensor:$rhs);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` qualified(type($lhs)) `,` qualified(type($rhs))";
}

def NG_SoftmaxOp : NG_Op<"softmax", [Pure, SameOperandsAndResultType, ADRule]> {
  let summary = "softmax over normalization axes (default: the non-batch axes)";
  let arguments = (ins NG_FloatTensor:$operand, OptionalAttr<StrArrayAttr>:$over);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $operand (`over` custom<AxisNames>($over)^)? attr-dict `:` qualified(type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::ng::AxisAttr> getNormalizationAxes();
  }];
}

def NG_NormalizeOp : NG_Op<"normalize", [Pure, SameOperandsAndResultType, ADRule]> {
  let summary = "(x - mean) / sqrt(variance + eps) over normalization axes";
  let description = [{
    Standardizes over the `over` axes (default: the non-batch axes, as for
    softmax): layer normalization over a layer's features, batch
    normalization over the batch (`over [N]`, or `over [N, H, W]` for
    images). Scale and shift are ordinary ops after it.
    ```mlir
    %y = ng.normalize %x over [N] eps 1.0e-3 : !ng.tensor<[F:64, N:32 batch], f32>
    ```
    `eps` defaults to 1e-5.
  }];
  let arguments = (ins NG_FloatTensor:$operand, OptionalAttr<StrArrayAttr>:$over,
                       DefaultValuedAttr<F64Attr, "1.0e-5">:$eps);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $operand (`over` custom<AxisNames>($over)^)? (`eps` $eps^)? attr-dict `:` qualified(type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::llvm::SmallVector<::mlir::ng::AxisAttr> getNormalizationAxes();
  }];
}

class NG_LossOp<string mnemonic> : NG_Op<mnemonic, [Pure, InferTypeOpAdaptor, ADRule]> {
  let arguments = (ins NG_FloatTensor:$y, NG_FloatTensor:$t,
                       OptionalAttr<StrArrayAttr>:$out);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $y `,` $t (`out` custom<AxisNames>($out)^)? attr-dict `:` qualified(type($y)) `,` qualified(type($t))
  }];
  let extraClassDefinition = [{
    ::llvm::LogicalResult $cppClass::inferReturnTypes(::mlir::MLIRContext *,
        std::optional<::mlir::Location> loc, Adaptor adaptor,
        ::llvm::SmallVectorImpl<::mlir::Type> &results) {
      return inferLossType(loc, adaptor.getY().getType(), adaptor.getT().getType(),
                           adaptor.getOutAttr(), results);
    }
  }];
  let extraClassDeclaration = [{
    /// The axes the loss sums over, in `y` order.
    ::llvm::SmallVector<::mlir::ng::AxisAttr> getReducedAxes();
  }];
}

def NG_CrossEntropyBinaryOp : NG_LossOp<"cross_entropy_binary"> {
  let summary = "-sum(t*safelog(y) + (1-t)*safelog(1-y)) over the non-out axes";
}
def NG_CrossEntropyMultiOp : NG_LossOp<"cross_entropy_multi"> {
  let summary = "-sum(t*safelog(y)) over the non-out axes";
}

def NG_OneHotOp : NG_Op<"one_hot", [Pure, ADRule]> {
  let summary = "labels to one-hot along a new first axis";
  let description = [{
    `ng.one_hot %labels : !ng.tensor<[N:128 batch], i32> -> !ng.tensor<[K:10, N:128 batch], f32>`:
    the result is the new axis followed by the labels' axes. A label outside
    [0, length) gives an all-zero column.
  }];
  let arguments = (ins NG_IntTensor:$labels);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = "$labels attr-dict `:` qualified(type($labels)) `->` qualified(type($result))";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

defvar WindowAttrs = (ins StrArrayAttr:$input_axes, StrArrayAttr:$filter_axes,
                          StrArrayAttr:$output_axes,
                          DenseI64ArrayAttr:$strides,
                          DenseI64ArrayAttr:$padding,
                          DenseI64ArrayAttr:$dilations);

/// The three ops of a convolution (forward, and the two products its
/// gradients need) share one description of the windows and one verifier:
/// each names which of its types is the input `x`, the filter `w` and the
/// output `y` of the forward convolution.
class NG_ConvolutionFamilyOp<string mnemonic, string lhsName, string rhsName>
    : NG_Op<mnemonic, [Pure, ADRule]> {
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = "$" # lhsName # " `,` $" # rhsName # [{
    `windows` custom<ConvWindows>($input_axes, $filter_axes, $output_axes,
                                  $strides, $padding, $dilations)
    attr-dict `:` qualified(type($}] # lhsName # [{)) `,` qualified(type($}] #
    rhsName # [{)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
  code commonDecl = [{
    ::mlir::ng::axes::WindowSpec getWindowSpec() {
      return {getInputAxesAttr(), getFilterAxesAttr(), getOutputAxesAttr(),
              {}, getStrides(), getPadding(), getDilations()};
    }
    /// The axes resolved against the forward convolution's types.
    ::mlir::FailureOr<::mlir::ng::axes::ConvolutionAxes> getConvolutionAxes() {
      return ::mlir::ng::axes::resolveConvolution(
          getInputType().getAxes(), getFilterType().getAxes(),
          getOutputType().getAxes(), getWindowSpec(),
          [&] { return emitOpError(); });
    }
  }];
}

def NG_ConvolutionOp : NG_ConvolutionFamilyOp<"convolution", "input", "filter"> {
  let summary = "convolution over named spatial axes";
  let description = [{
    ```mlir
    %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2]
        : !ng.tensor<[C:1, H:28, W:28, N:64 batch], f32>,
          !ng.tensor<[C:1, R:5, S:5, K:8], f32>
       -> !ng.tensor<[K:8, P:28, Q:28, N:64 batch], f32>
    ```
    Each `H:R -> P` pairs an input spatial axis with the filter axis that
    slides along it and the output axis it gives:
    `y[k, p, q, n] = sum_{c, r, s} x[c, p*stride + r*dilation - padding,
    q*stride + s*dilation - padding, n] * w[c, r, s, k]` (zero outside the
    input). Axes shared by input and filter by name (`C`) are contracted,
    as `ng.dot` does; the filter's other axes (`K`) are output features;
    the input's other axes (`N`) pass through. The output's length along
    each spatial axis is `floor((H + 2*padding - dilation*(R - 1) - 1) /
    stride) + 1`. `strides`, `padding` (both sides) and `dilations` default
    to 1, 0 and 1. One spatial axis gives a 1-D (sequence) convolution.
  }];
  let arguments = !con((ins NG_FloatTensor:$input, NG_FloatTensor:$filter),
                       WindowAttrs);
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getInputType() { return getInput().getType(); }
    ::mlir::ng::NGTensorType getFilterType() { return getFilter().getType(); }
    ::mlir::ng::NGTensorType getOutputType() { return getType(); }
  }];
}

def NG_ConvolutionBackpropDataOp
    : NG_ConvolutionFamilyOp<"convolution_backprop_data", "output_grad", "filter"> {
  let summary = "the transpose of a convolution in its input (the data gradient)";
  let description = [{
    `dx[c, h, w, n] = sum over the windows that read x[c, h, w, n] of
    dy[k, p, q, n] * w[c, r, s, k]`: the adjoint of `ng.convolution` with
    respect to its input. Written with the forward op's windows; the result
    has the forward input's type. `ng-autodiff` creates it.
  }];
  let arguments = !con((ins NG_FloatTensor:$output_grad, NG_FloatTensor:$filter),
                       WindowAttrs);
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getInputType() { return getType(); }
    ::mlir::ng::NGTensorType getFilterType() { return getFilter().getType(); }
    ::mlir::ng::NGTensorType getOutputType() { return getOutputGrad().getType(); }
  }];
}

def NG_ConvolutionBackpropFilterOp
    : NG_ConvolutionFamilyOp<"convolution_backprop_filter", "input", "output_grad"> {
  let summary = "the correlation of input and output gradient (the filter gradient)";
  let description = [{
    `dw[c, r, s, k] = sum_{p, q, n} x[c, p*stride + r*dilation - padding,
    q*stride + s*dilation - padding, n] * dy[k, p, q, n]`: the adjoint of
    `ng.convolution` with respect to its filter; it sums over the batch.
    The result has the forward filter's type. `ng-autodiff` creates it.
  }];
  let arguments = !con((ins NG_FloatTensor:$input, NG_FloatTensor:$output_grad),
                       WindowAttrs);
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getInputType() { return getInput().getType(); }
    ::mlir::ng::NGTensorType getFilterType() { return getType(); }
    ::mlir::ng::NGTensorType getOutputType() { return getOutputGrad().getType(); }
  }];
}

def NG_PoolKind : I32EnumAttr<"PoolKind", "how pooling combines a window", [
    I32EnumAttrCase<"max", 0>,
    I32EnumAttrCase<"avg", 1>]> {
  let cppNamespace = "::mlir::ng";
}

defvar PoolAttrs = (ins StrArrayAttr:$input_axes, DenseI64ArrayAttr:$window,
                        StrArrayAttr:$output_axes,
                        DenseI64ArrayAttr:$strides, DenseI64ArrayAttr:$padding);

class NG_PoolFamilyOp<string mnemonic> : NG_Op<mnemonic, [Pure, ADRule]> {
  let results = (outs NG_FloatTensor:$result);
  let hasVerifier = 1;
  code commonDecl = [{
    ::mlir::ng::axes::WindowSpec getWindowSpec() {
      static const int64_t ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
      return {getInputAxesAttr(), nullptr, getOutputAxesAttr(), getWindow(),
              getStrides(), getPadding(),
              ::llvm::ArrayRef<int64_t>(ones, std::min<size_t>(8, getWindow().size()))};
    }
    ::mlir::FailureOr<::mlir::ng::axes::ConvolutionAxes> getPoolingAxes() {
      return ::mlir::ng::axes::resolveConvolution(
          getInputType().getAxes(), {}, getOutputType().getAxes(),
          getWindowSpec(), [&] { return emitOpError(); });
    }
  }];
}

def NG_PoolOp : NG_PoolFamilyOp<"pool"> {
  let summary = "max or average over windows of named spatial axes";
  let description = [{
    ```mlir
    %p = ng.pool max %y windows [P:2 -> P2, Q:2 -> Q2] strides [2, 2]
        : !ng.tensor<[K:8, P:28, Q:28, N:64 batch], f32>
       -> !ng.tensor<[K:8, P2:14, Q2:14, N:64 batch], f32>
    ```
    `P:2 -> P2` slides a window of 2 along `P`, giving axis `P2` (lengths
    as for `ng.convolution`, without dilation); other axes pass through.
    `max` ignores padding; `avg` divides the window's sum by the window
    size, padding counted as zeros. At most 8 spatial axes.
  }];
  let arguments = !con((ins NG_PoolKind:$kind, NG_FloatTensor:$input), PoolAttrs);
  let assemblyFormat = [{
    $kind $input `windows` custom<PoolWindows>($input_axes, $window,
                                               $output_axes, $strides, $padding)
    attr-dict `:` qualified(type($input)) `->` qualified(type($result))
  }];
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getInputType() { return getInput().getType(); }
    ::mlir::ng::NGTensorType getOutputType() { return getType(); }
  }];
}

def NG_PoolBackpropOp : NG_PoolFamilyOp<"pool_backprop"> {
  let summary = "the gradient of ng.pool with respect to its input";
  let description = [{
    For `max`, each window's gradient goes to the first position (in the
    window's row-major order) that holds the window's maximum; for `avg`
    it is spread evenly over the window. `input` is the forward input.
    `ng-autodiff` creates it.
  }];
  let arguments = !con((ins NG_PoolKind:$kind, NG_FloatTensor:$input,
                            NG_FloatTensor:$output_grad), PoolAttrs);
  let assemblyFormat = [{
    $kind $input `,` $output_grad `windows` custom<PoolWindows>($input_axes,
        $window, $output_axes, $strides, $padding)
    attr-dict `:` qualified(type($input)) `,` qualified(type($output_grad))
    `->` qualified(type($result))
  }];
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getInputType() { return getInput().getType(); }
    ::mlir::ng::NGTensorType getOutputType() { return getOutputGrad().getType(); }
  }];
}

//===----------------------------------------------------------------------===//
// Axis manipulation
//===----------------------------------------------------------------------===//

class NG_AxisOp<string mnemonic, list<Trait> traits = []>
    : NG_Op<mnemonic, traits # [Pure, ADRule]> {
  let arguments = (ins NG_AnyTensor:$operand);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` qualified(type($operand)) `->` qualified(type($result))";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def NG_BroadcastOp : NG_AxisOp<"broadcast"> {
  let summary = "broadcast to a superset of axes, in any order";
}
def NG_CastAxesOp : NG_AxisOp<"cast_axes"> {
  let summary = "rename axes position by position to axes of equal lengths";
}
def NG_ReorderOp : NG_AxisOp<"reorder"> {
  let summary = "the same axes in a new order";
  let hasCanonicalizer = 1;
}
def NG_FlattenOp : NG_AxisOp<"flatten"> {
  let summary = "merge adjacent axes into one whose length is their product";
  let description = [{
    Each result axis is either an operand axis or a new axis that stands for
    a run of adjacent operand axes whose lengths multiply to its length.
  }];
}
def NG_UnflattenOp : NG_AxisOp<"unflatten"> {
  let summary = "split axes back into runs of axes (inverse of flatten)";
}
def NG_ConvertOp : NG_Op<"convert", [Pure, ADRule]> {
  let summary = "change the element type, keeping the axes";
  let arguments = (ins NG_AnyTensor:$operand);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$operand attr-dict `:` qualified(type($operand)) `->` qualified(type($result))";
  let hasVerifier = 1;
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Slicing and joining along axes
//===----------------------------------------------------------------------===//

defvar SliceAttrs = (ins StrArrayAttr:$axes, StrArrayAttr:$output_axes,
                         DenseI64ArrayAttr:$starts, DenseI64ArrayAttr:$stops,
                         DenseI64ArrayAttr:$steps);

/// A slice and its transpose share the ranges and one verifier: each names
/// which of its types is the sliced tensor (`getWholeType`) and which the
/// slice (`getPartType`).
class NG_SliceFamilyOp<string mnemonic> : NG_Op<mnemonic, [Pure, ADRule]> {
  let arguments = !con((ins NG_AnyTensor:$operand), SliceAttrs);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = [{
    $operand custom<AxisSlices>($axes, $starts, $stops, $steps, $output_axes)
    attr-dict `:` qualified(type($operand)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  code commonDecl = [{
    ::mlir::ng::axes::SliceSpec getSliceSpec() {
      return {getAxesAttr(), getOutputAxesAttr(), getStarts(), getStops(),
              getSteps()};
    }
    /// The sliced axes' ranges, in the sliced tensor's axis order.
    ::mlir::FailureOr<::llvm::SmallVector<::mlir::ng::axes::AxisRange>>
    getRanges() {
      return ::mlir::ng::axes::resolveSlice(getWholeType().getAxes(),
                                            getPartType().getAxes(),
                                            getSliceSpec(),
                                            [&] { return emitOpError(); });
    }
  }];
}

def NG_SliceOp : NG_SliceFamilyOp<"slice"> {
  let summary = "a range (with a step) or a single position along named axes";
  let description = [{
    ```mlir
    %y = ng.slice %x [T[2:10:2] -> T4, N[0]]
        : !ng.tensor<[T:12 recurrent, C:3, N:2], f32>
       -> !ng.tensor<[T4:4 recurrent, C:3], f32>
    ```
    `T[start:stop:step] -> U` keeps positions `start, start + step, ...`
    below `stop` of `T` as the new axis `U` (length `ceil((stop - start) /
    step)`, `T`'s role); `T[start:stop]` has step 1. `N[i]` keeps position
    `i` and the axis disappears (Nervana Graph's integer index). Other axes
    are untouched and the order is kept. Bounds are checked:
    `0 <= start < stop <= length`.
  }];
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getWholeType() {
      return ::llvm::cast<::mlir::ng::NGTensorType>(getOperand().getType());
    }
    ::mlir::ng::NGTensorType getPartType() { return getType(); }
  }];
}

def NG_SliceBackpropOp : NG_SliceFamilyOp<"slice_backprop"> {
  let summary = "the transpose of ng.slice: the slice placed into zeros";
  let description = [{
    `ng.slice_backprop %dy [T[2:10:2] -> T4, N[0]] : Y -> X` has the sliced
    tensor's type `X`: `%dy` at the positions the slice read, zero
    elsewhere. The gradient of `ng.slice`; `ng-autodiff` creates it.
  }];
  let extraClassDeclaration = commonDecl # [{
    ::mlir::ng::NGTensorType getWholeType() { return getType(); }
    ::mlir::ng::NGTensorType getPartType() {
      return ::llvm::cast<::mlir::ng::NGTensorType>(getOperand().getType());
    }
  }];
}

def NG_PadOp : NG_Op<"pad", [Pure, ADRule]> {
  let summary = "zeros before and after named axes";
  let description = [{
    ```mlir
    %y = ng.pad %x [H(2, 2) -> H2, W(0, 1) -> W2]
        : !ng.tensor<[C:1, H:28, W:28], f32> -> !ng.tensor<[C:1, H2:32, W2:29], f32>
    ```
    `H(low, high) -> H2`: `low` zeros before and `high` after `H`, giving
    the axis `H2` of length `low + H + high` (`H`'s role). Order is kept.
  }];
  let arguments = (ins NG_AnyTensor:$operand, StrArrayAttr:$axes,
                       StrArrayAttr:$output_axes, DenseI64ArrayAttr:$low,
                       DenseI64ArrayAttr:$high);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = [{
    $operand custom<AxisPads>($axes, $low, $high, $output_axes)
    attr-dict `:` qualified(type($operand)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Where each padded operand axis sits in its result axis.
    ::mlir::FailureOr<::llvm::SmallVector<::mlir::ng::axes::AxisRange>>
    getRanges() {
      return ::mlir::ng::axes::resolvePad(
          ::llvm::cast<::mlir::ng::NGTensorType>(getOperand().getType()).getAxes(),
          getType().getAxes(), getAxesAttr(), getOutputAxesAttr(), getLow(),
          getHigh(), [&] { return emitOpError(); });
    }
  }];
}

def NG_ConcatOp : NG_Op<"concat", [Pure, ADRule]> {
  let summary = "join tensors end to end along named axes";
  let description = [{
    ```mlir
    %y = ng.concat %a, %b along [T1, T2] -> T
        : !ng.tensor<[T1:3, N:2], f32>, !ng.tensor<[T2:5, N:2], f32>
       -> !ng.tensor<[T:8, N:2], f32>
    ```
    Each operand is joined along its own axis (one name per operand, since
    a name has one length); the other axes must be the same, in the same
    order. The result has them with the joined axis `T`, as long as the
    operands' joined axes together.
  }];
  let arguments = (ins Variadic<NG_AnyTensor>:$inputs, StrArrayAttr:$axes,
                       StrAttr:$output_axis);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = [{
    $inputs `along` custom<AxisNames>($axes) `->` custom<AxisName>($output_axis)
    attr-dict `:` qualified(type($inputs)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
  let extraClassDeclaration = [{
    ::mlir::FailureOr<::mlir::ng::axes::Concatenation> getConcatenation();
  }];
}

def NG_StackOp : NG_Op<"stack", [Pure, ADRule]> {
  let summary = "stack tensors of one type along a new axis";
  let description = [{
    ```mlir
    %y = ng.stack %a, %b, %c along S
        : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
       -> !ng.tensor<[S:3, C:4], f32>
    ```
    Operand `i` is position `i` of the new axis `S`, which may stand at any
    place among the operands' axes.
  }];
  let arguments = (ins Variadic<NG_AnyTensor>:$inputs, StrAttr:$axis);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = [{
    $inputs `along` custom<AxisName>($axis)
    attr-dict `:` qualified(type($inputs)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// Position of the new axis in the result.
    ::mlir::FailureOr<int64_t> getStackPosition();
  }];
}

//===----------------------------------------------------------------------===//
// Embeddings and random numbers
//===----------------------------------------------------------------------===//

def NG_LookupOp : NG_Op<"lookup", [Pure, InferTypeOpAdaptor, ADRule]> {
  let summary = "rows of a table selected by integer indices (an embedding)";
  let description = [{
    ```mlir
    %e = ng.lookup %table[%ids]
        : !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[T:64 recurrent, N:32 batch], i32>
    // -> !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>
    ```
    The table's first axis (`V`) is indexed; the result has the indices'
    axes followed by the table's other axes (Nervana Graph's
    `lookuptable`). An index outside `[0, length of V)` is an error
    reported when the computation returns, naming the op and the index's
    position; compiled code never reads outside the table.
  }];
  let arguments = (ins NG_FloatTensor:$table, NG_IntTensor:$indices);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $table `[` $indices `]` attr-dict `:` qualified(type($table)) `,` qualified(type($indices))
  }];
}

def NG_LookupBackpropOp : NG_Op<"lookup_backprop", [Pure, ADRule]> {
  let summary = "the transpose of ng.lookup: rows scatter-added into zeros";
  let description = [{
    `ng.lookup_backprop %dy[%ids] : DY, I -> TABLE` has the table's type:
    row `v` is the sum of the rows of `%dy` whose index is `v` (an index
    used twice adds twice; indices out of range add nothing). The gradient
    of `ng.lookup` with respect to its table; `ng-autodiff` creates it.
  }];
  let arguments = (ins NG_FloatTensor:$operand, NG_IntTensor:$indices);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $operand `[` $indices `]` attr-dict `:` qualified(type($operand)) `,`
    qualified(type($indices)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
}

def NG_RandomUniformOp : NG_Op<"random_uniform", [Pure, ADRule]> {
  let summary = "counter-based uniform random numbers in [0, 1)";
  let description = [{
    ```mlir
    %u = ng.random_uniform seed 7 counter %step
        : !ng.tensor<[], f32> -> !ng.tensor<[H:256, N:32 batch], f32>
    ```
    Element `i` (row-major position in the result) is Philox-4x32-10 of
    the 128-bit counter `(i, counter)` under the 64-bit key `seed`, scaled
    to `[0, 1)` (24 random bits for f32, 53 for f64). The values depend on
    nothing else, so a run, a resumed run (the counter is a variable saved
    with the checkpoint) and a data-parallel run (each rank computes its
    rows of the whole batch: `ng-data-parallel` records the whole shape in
    `stream_lengths` and this rank's place in `stream_offsets`) draw the
    same numbers. The op has no side effects: two with the same seed,
    counter and type are one value.
  }];
  let arguments = (ins NG_AnyTensor:$counter, I64Attr:$seed,
                       OptionalAttr<DenseI64ArrayAttr>:$stream_lengths,
                       OptionalAttr<DenseI64ArrayAttr>:$stream_offsets);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    `seed` $seed `counter` $counter attr-dict `:` qualified(type($counter)) `->` qualified(type($result))
  }];
  let hasVerifier = 1;
}

def NG_DropoutOp : NG_Op<"dropout", [Pure, ADRule,
                                     AllTypesMatch<["operand", "result"]>]> {
  let summary = "inverted dropout: x * (u < keep) / keep";
  let description = [{
    ```mlir
    %y = ng.dropout %x keep %keep seed 7 counter %step
        : !ng.tensor<[H:256, N:32 batch], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
    ```
    Keeps each element with probability `keep` (a scalar, `0 < keep <= 1`)
    and scales the kept ones by `1/keep`, so the expectation is `x`; `u` is
    `ng.random_uniform seed S counter C` of `x`'s type. `keep = 1` is the
    identity: a computation for evaluation feeds 1 to the same graph. The
    gradient is the same dropout of the result's adjoint (the same mask:
    the random numbers are a function of seed, counter and position).
  }];
  let arguments = (ins NG_FloatTensor:$operand, NG_FloatTensor:$keep,
                       NG_AnyTensor:$counter, I64Attr:$seed);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = [{
    $operand `keep` $keep `seed` $seed `counter` $counter attr-dict `:`
    qualified(type($operand)) `,` qualified(type($keep)) `,` qualified(type($counter))
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Recurrence
//===----------------------------------------------------------------------===//

def NG_RecurrenceOp : NG_Op<"recurrence", [IsolatedFromAbove,
    AttrSizedOperandSegments, RecursiveMemoryEffects,
    DeclareOpInterfaceMethods<NG_ReverseADOpInterface, ["buildAdjointsOfResults"]>]> {
  let summary = "a cell written once, run at every position of an axis";
  let description = [{
    ```mlir
    %hT, %hs = ng.recurrence over T params(%W, %U : !ng.tensor<[C:3, H:8], f32>, !ng.tensor<[H:8, H2:8], f32>)
        sequences(%xs : !ng.tensor<[T:20 recurrent, C:3, N:4 batch], f32>)
        carries(%h0 : !ng.tensor<[H:8, N:4 batch], f32>)
        -> (!ng.tensor<[H:8, N:4 batch], f32>, !ng.tensor<[T:20 recurrent, H:8, N:4 batch], f32>) {
    ^bb0(%w: !ng.tensor<[C:3, H:8], f32>, %u: !ng.tensor<[H:8, H2:8], f32>,
         %x: !ng.tensor<[C:3, N:4 batch], f32>, %h: !ng.tensor<[H:8, N:4 batch], f32>):
      ...
      ng.yield %h2, %h2 : !ng.tensor<[H:8, N:4 batch], f32>, !ng.tensor<[H:8, N:4 batch], f32>
    }
    ```
    The body runs once per position of the axis `T` (last to first with
    `reverse`). Its arguments are the `params` (the same at every step),
    one position of each of the `sequences` (which have `T`; the argument
    lacks it) and the `carries` (their initial values, then what the
    previous step yielded). `ng.yield` gives the next carries, then the
    step's outputs. The results are the final carries, then each output
    stacked along `T` (at any place among its axes). The body sees nothing
    but its arguments: the weights a cell uses are `params`. It lowers to a
    loop, so compile time does not grow with the sequence length, and
    `ng-autodiff` differentiates it through time.
  }];
  let arguments = (ins StrAttr:$axis, UnitAttr:$reverse,
                       Variadic<NG_AnyTensor>:$params,
                       Variadic<NG_AnyTensor>:$sequences,
                       Variadic<NG_AnyTensor>:$carries);
  let results = (outs Variadic<NG_AnyTensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    `over` custom<AxisName>($axis) (`reverse` $reverse^)?
    (`params` `(` $params^ `:` qualified(type($params)) `)`)?
    (`sequences` `(` $sequences^ `:` qualified(type($sequences)) `)`)?
    (`carries` `(` $carries^ `:` qualified(type($carries)) `)`)?
    `->` `(` qualified(type($results)) `)` custom<IsolatedRegion>($body) attr-dict
  }];
  let hasRegionVerifier = 1;
  let hasCanonicalizer = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The final carries and the stacked outputs.
    ::mlir::ResultRange getFinalCarries() {
      return getResults().take_front(getCarries().size());
    }
    ::mlir::ResultRange getStackedOutputs() {
      return getResults().drop_front(getCarries().size());
    }
    /// The recurrent axis and where it stands in each sequence and stacked
    /// output.
    ::mlir::FailureOr<::mlir::ng::axes::Recurrence> getRecurrence();
  }];
}

def NG_YieldOp : NG_Op<"yield", [Pure, Terminator, ReturnLike,
                                 HasParent<"RecurrenceOp">]> {
  let summary = "a recurrence step's next carries, then its outputs";
  let arguments = (ins Variadic<NG_AnyTensor>:$values);
  let assemblyFormat = "($values^ `:` qualified(type($values)))? attr-dict";
}

//===----------------------------------------------------------------------===//
// Data parallelism
//===----------------------------------------------------------------------===//

def NG_ReduceKind : I32EnumAttr<"ReduceKind", "how an allreduce combines ranks", [
    I32EnumAttrCase<"sum", 0>,
    I32EnumAttrCase<"max", 1>,
    I32EnumAttrCase<"min", 2>,
    I32EnumAttrCase<"prod", 3>]> {
  let cppNamespace = "::mlir::ng";
}

def NG_AllReduceOp : NG_Op<"allreduce", [SameOperandsAndResultType,
                                         MemoryEffects<[MemRead, MemWrite]>]> {
  let summary = "combine every rank's partial value into the global one";
  let description = [{
    `%g = ng.allreduce sum %partial : !ng.tensor<[C:4], f32>`: each rank of
    a data-parallel run holds a partial result (a sum, max, min or product
    over its shard of the batch); every rank gets the combination over all
    ranks. `ng-data-parallel` inserts it after each op that reduces a batch
    axis: the loss, the weight and bias gradients, batch statistics. The
    operand has no batch axis (its value is the same shape on every rank).
    It communicates, so it is never removed, merged or reordered with other
    allreduces: every rank must make the same calls in the same order.
  }];
  let arguments = (ins NG_ReduceKind:$kind, NG_AnyTensor:$operand);
  let results = (outs NG_AnyTensor:$result);
  let assemblyFormat = "$kind $operand attr-dict `:` qualified(type($result))";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// State and derivatives
//===----------------------------------------------------------------------===//

def NG_AssignOp : NG_Op<"assign", [ADRule]> {
  let summary = "set a variable when the call returns";
  let description = [{
    The value's axes must be a subset of the variable's; it is broadcast.
  }];
  let arguments = (ins NG_AnyTensor:$variable, NG_AnyTensor:$value);
  let results = (outs NG_Effect:$result);
  let assemblyFormat = "$variable `,` $value attr-dict `:` qualified(type($variable)) `,` qualified(type($value))";
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The variable assigned to (verified to be an ng.variable).
    VariableOp getVariableOp();
  }];
}

def NG_DoAllOp : NG_Op<"doall"> {
  let summary = "group effects into one";
  let arguments = (ins Variadic<NG_Effect>:$effects);
  let results = (outs NG_Effect:$result);
  let assemblyFormat = "($effects^)? attr-dict";
}

def NG_OptimizerKind : I32EnumAttr<"OptimizerKind", "an optimizer's update rule", [
    I32EnumAttrCase<"sgd", 0>,
    I32EnumAttrCase<"momentum", 1>,
    I32EnumAttrCase<"adam", 2>,
    I32EnumAttrCase<"adamw", 3>,
    I32EnumAttrCase<"rmsprop", 4>,
    I32EnumAttrCase<"adagrad", 5>]> {
  let cppNamespace = "::mlir::ng";
}

def NG_OptimizeOp : NG_Op<"optimize", [HasParent<"GraphOp">,
                                       AttrSizedOperandSegments]> {
  let summary = "update every trainable variable a loss depends on";
  let description = [{
    Nervana Graph's `[ng.assign(v, v - lr * ng.deriv(L, v)) for v in
    L.variables()]` as one op, for the usual optimizers:
    ```mlir
    %u = ng.optimize adam %loss lr %lr : !ng.tensor<[], f32>, !ng.tensor<[], f32>
    %u = ng.optimize momentum %loss lr %lr {momentum = 0.9, nesterov, weight_decay = 1.0e-4}
        : !ng.tensor<[], f32>, !ng.tensor<[], f32>
    %u = ng.optimize sgd %loss lr %lr exclude [%mean, %var : !ng.tensor<[H:64], f32>, !ng.tensor<[H:64], f32>]
        : !ng.tensor<[], f32>, !ng.tensor<[], f32>
    ```
    The result is the effect of all the updates (for a computation's
    outputs or an `ng.doall`). The variables updated are those the loss
    depends on, in graph order, with a float element type; `only [...]`
    names them instead, `exclude [...]` leaves some out. Optimizer state
    (momentum, moments, accumulators, Adam's step) becomes variables named
    after their parameter (`W.adam_m`; with `name = "opt"`, `W.opt_m` and
    `opt_step`), so checkpoints save and restore it. `ng-expand-optimizers`
    expands the op into the `ng.deriv`s and assigns a user would write.

    Rules, for gradient `g` and learning rate `lr` (a scalar operand, so a
    schedule can feed it), after clipping (`clip_value = c`: each element
    to [-c, c]; `clip_norm = c`: all gradients scaled by
    `min(1, c / global L2 norm)`) and, except for adamw, L2 weight decay
    (`g += weight_decay * W`):
    - `sgd`: `W -= lr * g`
    - `momentum` (`momentum` default 0.9): `v = momentum * v + g`;
      `W -= lr * v`, or with `nesterov`, `W -= lr * (g + momentum * v)`
    - `adam`, `adamw` (`beta1` 0.9, `beta2` 0.999, `eps` 1e-8):
      `m = beta1 m + (1 - beta1) g`, `v = beta2 v + (1 - beta2) g^2`,
      `W -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)`;
      adamw also `W -= lr * weight_decay * W` (default 0.01)
    - `rmsprop` (`rho` 0.9, `eps` 1e-8): `s = rho s + (1 - rho) g^2`,
      `W -= lr * g / (sqrt(s) + eps)`
    - `adagrad` (`eps` 1e-10): `s += g^2`, `W -= lr * g / (sqrt(s) + eps)`
  }];
  let arguments = (ins NG_OptimizerKind:$kind, NG_FloatTensor:$loss,
                       NG_FloatTensor:$learning_rate,
                       Variadic<NG_AnyTensor>:$only,
                       Variadic<NG_AnyTensor>:$exclude,
                       OptionalAttr<F64Attr>:$momentum,
                       UnitAttr:$nesterov,
                       OptionalAttr<F64Attr>:$beta1,
                       OptionalAttr<F64Attr>:$beta2,
                       OptionalAttr<F64Attr>:$rho,
                       OptionalAttr<F64Attr>:$eps,
                       OptionalAttr<F64Attr>:$weight_decay,
                       OptionalAttr<F64Attr>:$clip_value,
                       OptionalAttr<F64Attr>:$clip_norm,
                       OptionalAttr<StrAttr>:$name);
  let results = (outs NG_Effect:$result);
  let assemblyFormat = [{
    $kind $loss `lr` $learning_rate
    (`only` ` ` `[` $only^ `:` qualified(type($only)) `]`)?
    (`exclude` ` ` `[` $exclude^ `:` qualified(type($exclude)) `]`)?
    attr-dict `:` qualified(type($loss)) `,` qualified(type($learning_rate))
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// A hyper-parameter's value, if given.
    static std::optional<double> valueOf(::mlir::FloatAttr a) {
      return a ? std::optional<double>(a.getValueAsDouble()) : std::nullopt;
    }
    /// The hyper-parameters with their defaults filled in.
    double getMomentumOrDefault() { return valueOf(getMomentumAttr()).value_or(0.9); }
    double getBeta1OrDefault() { return valueOf(getBeta1Attr()).value_or(0.9); }
    double getBeta2OrDefault() { return valueOf(getBeta2Attr()).value_or(0.999); }
    double getRhoOrDefault() { return valueOf(getRhoAttr()).value_or(0.9); }
    double getEpsOrDefault() {
      return valueOf(getEpsAttr()).value_or(getKind() == OptimizerKind::adagrad ? 1e-10 : 1e-8);
    }
    double getWeightDecayOrDefault() {
      return valueOf(getWeightDecayAttr()).value_or(getKind() == OptimizerKind::adamw ? 0.01 : 0.0);
    }
  }];
}

def NG_DerivOp : NG_Op<"deriv", [Pure, AllTypesMatch<["wrt", "result"]>]> {
  let summary = "derivative of a scalar loss with respect to a value";
  let description = [{
    `%g = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>`.
    The result has `wrt`'s type. The `ng-autodiff` pass expands it.
  }];
  let arguments = (ins NG_FloatTensor:$loss, NG_FloatTensor:$wrt);
  let results = (outs NG_FloatTensor:$result);
  let assemblyFormat = "$loss `wrt` $wrt attr-dict `:` qualified(type($loss)) `,` qualified(type($wrt))";
  let hasVerifier = 1;
}

#endif // NGRAPH_NG_OPS
