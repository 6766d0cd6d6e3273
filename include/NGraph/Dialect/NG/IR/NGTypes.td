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
  let summary = "a named axis: name, length and role";
  let description = [{
    Written `#ng.axis<N:128 batch>`; inside a tensor type only `N:128 batch`.
    Within a module one name denotes one axis.

    A batch axis may leave its length to call time, `N:? batch`: one graph
    then serves any batch length. `ng-specialize-axes` (or the runtime, per
    call) gives it a length before anything else runs on the graph.
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
    /// `N:?`: the length is given when the graph is specialized.
    bool isDynamic() const { return getLength() == kDynamicLength; }
    static constexpr int64_t kDynamicLength = ::mlir::ShapedType::kDynamic;
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

//===----------------------------------------------------------------------===//
// Code generation: the target and the per-op decisions
//===----------------------------------------------------------------------===//

def NG_CPUTargetAttr : NG_Attr<"CPUTarget", "cpu"> {
  let summary = "the CPU code is generated for";
  let description = [{
    Carried by a module as `ng.target` (ng-cpu-set-target stamps it; the
    pipelines' `target=` option names one). Code generation reads every
    machine property from here, never from the machine it runs on:

    ```mlir
    module attributes {ng.target = #ng.cpu<name = "x86-64-v3",
        triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3",
        features = "+avx2,+fma", vector_bits = 256, vector_registers = 16,
        l1_bytes = 32768, l2_bytes = 524288, l3_bytes = 16777216, cores = 1>}
    ```
    `features` is LLVM's `+a,-b` list (features the CPU name implies need
    not be listed); `cores` is informational (threads are a pipeline
    option).
  }];
  let parameters = (ins StringRefParameter<"target name">:$name,
                        StringRefParameter<"LLVM target triple">:$triple,
                        StringRefParameter<"LLVM CPU name">:$cpu,
                        StringRefParameter<"LLVM feature list">:$features,
                        "unsigned":$vector_bits,
                        "unsigned":$vector_registers,
                        "int64_t":$l1_bytes, "int64_t":$l2_bytes,
                        "int64_t":$l3_bytes, "unsigned":$cores);
  let assemblyFormat = "`<` struct(params) `>`";
  let genVerifyDecl = 1;
}

def NG_ContractionStrategy : I32EnumAttr<"ContractionStrategy",
    "how a contraction is tiled", [
    I32EnumAttrCase<"unpacked", 0>,
    I32EnumAttrCase<"packed", 1>,
    I32EnumAttrCase<"transposed_output", 2>]> {
  let cppNamespace = "::mlir::ng";
  let genSpecializedAttr = 0;
}

def NG_ThreadSplit : I32EnumAttr<"ThreadSplit",
    "which dimension of C the threads share", [
    I32EnumAttrCase<"none", 0>,
    I32EnumAttrCase<"m", 1>,
    I32EnumAttrCase<"n", 2>]> {
  let cppNamespace = "::mlir::ng";
  let genSpecializedAttr = 0;
}

def NG_ContractionConfigAttr : NG_Attr<"ContractionConfig", "contraction"> {
  let summary = "the tiling decided for one contraction";
  let description = [{
    Stamped on a linalg contraction as `ng.lowering_config` by
    `ng-cpu-select-lowering` (the decisions, from the shape and the
    target: lib/Codegen/CPU/KernelConfig.cpp) and applied by
    `ng-cpu-tile-contractions` (the mechanics). Sizes are in elements;
    `register_m` x `register_n` is the block of C kept in registers,
    `cache_*` the cache tile (for `packed`, `cache_m`/`cache_n` bound C's
    block per cache tile and `cache_k` is the K block the operands are
    packed by) and `split` the dimension whose tiles `threads` threads
    share. (Register tiles' K loops are unrolled later, by
    ng-cpu-hoist-accumulators, once this attribute is gone.)
  }];
  let parameters = (ins "::mlir::ng::ContractionStrategy":$strategy,
                        "int64_t":$register_m, "int64_t":$register_n,
                        "int64_t":$cache_m, "int64_t":$cache_n,
                        "int64_t":$cache_k, "int64_t":$threads,
                        "::mlir::ng::ThreadSplit":$split);
  let assemblyFormat = "`<` struct(params) `>`";
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
