//===- NGTypes.td - axes, tensor types, attributes ----------*- tablegen -*-===//
#ifndef NGRAPH_NG_TYPES
#define NGRAPH_NG_TYPES

include "NGraph/Dialect/NG/IR/NGDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/BuiltinTypeInterfaces.td"

def NG_AxisRole : I32EnumAttr<"AxisRole", "role of an axis", [
    I32EnumAttrCase<"plain", 0>,
    I32EnumAttrCase<"batch", 1>,
    I32EnumAttrCase<"recurrent", 2>]> {
  let cppNamespace = "::mlir::ng";
  let genSpecializedAttr = 0;
}

class NG_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<NG_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def NG_AxisAttr : NG_Attr<"Axis", "axis"> {
  let summary = "a named axis: name, static length and role";
  let description = [{
    Written `#ng.axis<N:128 batch>`; inside a tensor type only `N:128 batch`.
    Within a module one name denotes one axis.
  }];
  let parameters = (ins "::mlir::StringAttr":$name, "int64_t":$length,
                        "::mlir::ng::AxisRole":$role);
  let assemblyFormat = "`<` custom<Axis>($name, $length, $role) `>`";
  let genVerifyDecl = 1;
  let extraClassDeclaration = [{
    bool isBatch() const { return getRole() == AxisRole::batch; }
    bool isRecurrent() const { return getRole() == AxisRole::recurrent; }
    /// Held out of default reductions, softmax and loss sums.
    bool isHeldOut() const { return getRole() != AxisRole::plain; }
  }];
}

def NG_UniformInitAttr : NG_Attr<"UniformInit", "uniform"> {
  let summary = "seeded uniform random initial value in [low, high)";
  let parameters = (ins "::mlir::FloatAttr":$low, "::mlir::FloatAttr":$high,
                        "uint64_t":$seed);
  let assemblyFormat = "`<` $low `,` $high `,` `seed` `=` $seed `>`";
}

def NG_NormalInitAttr : NG_Attr<"NormalInit", "normal"> {
  let summary = "seeded normal random initial value";
  let parameters = (ins "::mlir::FloatAttr":$mean, "::mlir::FloatAttr":$stddev,
                        "uint64_t":$seed);
  let assemblyFormat = "`<` $mean `,` $stddev `,` `seed` `=` $seed `>`";
  let genVerifyDecl = 1;
}

class NG_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<NG_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def NG_TensorType : NG_Type<"NGTensor", "tensor"> {
  let summary = "a tensor whose dimensions are named axes";
  let description = [{
    `!ng.tensor<[C:4, N:128 batch], f32>`: ordered axes and an element type
    (f32, f64, or i32 for labels). `!ng.tensor<[], f32>` is a scalar.
  }];
  let parameters = (ins ArrayRefParameter<"::mlir::ng::AxisAttr">:$axes,
                        "::mlir::Type":$elementType);
  let assemblyFormat = "`<` custom<AxisList>($axes) `,` $elementType `>`";
  let genVerifyDecl = 1;
  let builders = [
    TypeBuilderWithInferredContext<(ins "::llvm::ArrayRef<::mlir::ng::AxisAttr>":$axes,
                                        "::mlir::Type":$elementType), [{
      return $_get(elementType.getContext(), axes, elementType);
    }]>
  ];
  let extraClassDeclaration = [{
    bool isScalar() const { return getAxes().empty(); }
    int64_t getRank() const { return getAxes().size(); }
    int64_t getNumElements() const;
    /// Position of the axis named `name`, or -1.
    int64_t indexOf(::mlir::StringAttr name) const;
    bool hasAxis(::mlir::StringAttr name) const { return indexOf(name) >= 0; }
    /// The same element type with other axes.
    NGTensorType withAxes(::llvm::ArrayRef<AxisAttr> axes) const {
      return NGTensorType::get(getContext(), axes, getElementType());
    }
    /// The builtin tensor this type lowers to: axis order is dimension order.
    ::mlir::RankedTensorType toBuiltin() const;
  }];
}

def NG_EffectType : NG_Type<"Effect", "effect"> {
  let summary = "the value of an assign or doall: an effect, no data";
}

def NG_AnyTensor : Type<CPred<"::llvm::isa<::mlir::ng::NGTensorType>($_self)">,
                        "ng tensor", "::mlir::ng::NGTensorType">;
def NG_FloatTensor : Type<And<[NG_AnyTensor.predicate,
    CPred<"::llvm::isa<::mlir::FloatType>(::llvm::cast<::mlir::ng::NGTensorType>($_self).getElementType())">]>,
    "ng tensor of floats", "::mlir::ng::NGTensorType">;
def NG_IntTensor : Type<And<[NG_AnyTensor.predicate,
    CPred<"::llvm::cast<::mlir::ng::NGTensorType>($_self).getElementType().isSignlessInteger()">]>,
    "ng tensor of integers", "::mlir::ng::NGTensorType">;
def NG_Effect : Type<CPred<"::llvm::isa<::mlir::ng::EffectType>($_self)">,
                     "ng effect", "::mlir::ng::EffectType"> {
  let builderCall = "::mlir::ng::EffectType::get($_builder.getContext())";
}

#endif // NGRAPH_NG_TYPES
