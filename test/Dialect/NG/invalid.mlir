// RUN: ngraph-opt %s -split-input-file -verify-diagnostics --allow-unregistered-dialect
// Without -verify-diagnostics the same input is an error exit, not a crash.
// RUN: not ngraph-opt %s -split-input-file --allow-unregistered-dialect 2>&1 | FileCheck %s --check-prefix=EXIT
// EXIT: error:

// An axis name denotes one axis in a module: error at the second use,
// note at the first.
ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[N:128 batch], f32>
  // expected-error@+1 {{axis 'N' is [N:64 batch] here but [N:128 batch] at its first use}}
  %y = ng.placeholder "y" : !ng.tensor<[N:64 batch], f32>
}

// -----

ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[N:128 batch], f32>
  // expected-error@+1 {{axis 'N' is [N:128] here but [N:128 batch] at its first use}}
  %y = ng.placeholder "y" : !ng.tensor<[N:128], f32>
}

// -----

ng.graph @a {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[C:4], f32>
}
ng.graph @b {
  // expected-error@+1 {{axis 'C' is [C:5] here but [C:4] at its first use}}
  %x = ng.placeholder "x" : !ng.tensor<[C:5], f32>
}

// -----

// expected-error@+1 {{axis 'C' appears twice in [C:4, C:4]}}
func.func private @f(!ng.tensor<[C:4, C:4], f32>)

// -----

// expected-error@+1 {{axis 'C' must have a positive length, got 0}}
func.func private @f(!ng.tensor<[C:0], f32>)

// -----

// expected-error@+1 {{ng tensor element type must be f32, f64 or i32, got 'i8'}}
func.func private @f(!ng.tensor<[C:4], i8>)

// -----

ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-error@+1 {{name 'x' is already used in graph @g}}
  %y = ng.placeholder "x" : !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %c = ng.constant 1.0 : !ng.tensor<[], f32>
  // expected-error@+1 {{input #0 of computation @f is not a placeholder}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%c : !ng.tensor<[], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-error@+1 {{placeholder 'x' is listed twice among the inputs of @f}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x, %x : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-note@+1 {{placeholder defined here}}
  %y = ng.placeholder "y" : !ng.tensor<[], f32>
  %s = ng.add %x, %y : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  // expected-error@+1 {{output #0 of computation @f depends on placeholder 'y', which is not among its inputs}}
  ng.computation @f outputs(%s : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
  // expected-error@+2 {{redefinition of symbol named 'f'}}
  // expected-note@-2 {{see existing symbol definition here}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
}

// -----

func.func @f() {
  // expected-error@+1 {{'ng.placeholder' op expects parent op 'ng.graph'}}
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  return
}

// -----

ng.graph @g {
  // expected-error@+1 {{literal of shape [3] does not match the type's shape [2]}}
  %v = ng.variable "v" init [1.0, 2.0, 3.0] : !ng.tensor<[K:2], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{uniform initializer needs low < high}}
  %v = ng.variable "v" init uniform(1.0, -1.0, seed 0) : !ng.tensor<[K:2], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{normal initializer needs stddev >= 0}}
  %v = ng.variable "v" init normal(0.0, -1.0, seed 0) : !ng.tensor<[K:2], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{random initializers need a float element type}}
  %v = ng.variable "v" init uniform(0.0, 1.0, seed 0) : !ng.tensor<[K:2], i32>
}

// -----

// expected-error@+1 {{ragged literal}}
%c = ng.constant [[1.0, 2.0], [3.0]] : !ng.tensor<[A:2, B:2], f32>

// -----

// expected-error@+1 {{1.5 is not a value of the integer type 'i32'}}
%c = ng.constant [1.0, 1.5] : !ng.tensor<[K:2], i32>

// -----

// expected-error@+1 {{inf is not a value of the integer type 'i32'}}
%c = ng.constant inf : !ng.tensor<[K:2], i32>

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:4], f64>) {
  // expected-error@+1 {{operands have different element types: 'f32' and 'f64'}}
  %0 = ng.add %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f64>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:5], f32>) {
  // expected-error@+1 {{axis 'C' is used with different lengths or roles: [C:4] and [C:5]}}
  %0 = ng.multiply %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:5], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:5], f32>) {
  // expected-error@+1 {{axis 'C' is used with different lengths or roles: [C:4] and [C:5]}}
  %0 = ng.dot %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:5], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'H' is not an axis of the operand [C:4, N:8 batch]}}
  %0 = ng.sum %a reduce [H] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{give either 'reduce' or 'out' axes, not both}}
  %0 = ng.max %a reduce [C] out [N] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'C' is listed twice}}
  %0 = ng.mean %a out [C, C] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'K' is not an axis of the operand}}
  %0 = ng.softmax %a over [K] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'K' is not an axis of the operand}}
  %0 = ng.normalize %a over [K] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{eps must be positive, got 0}}
  %0 = ng.normalize %a eps 0.0 : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8 batch], f32>) {
  // expected-error@+1 {{axis 'K' is not an axis of the operand}}
  %0 = ng.variance %a reduce [K] : !ng.tensor<[C:4, N:8 batch], f32>
  return
}

// -----

func.func @f(%y: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) {
  // expected-error@+1 {{prediction axes [C:4, N:8 batch] and target axes [N:8 batch] must be the same set}}
  %0 = ng.cross_entropy_multi %y, %t : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  return
}

// -----

func.func @f(%y: !ng.tensor<[N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f64>) {
  // expected-error@+1 {{prediction and target have different element types}}
  %0 = ng.cross_entropy_binary %y, %t : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f64>
  return
}

// -----

func.func @f(%y: !ng.tensor<[N:8 batch], i32>) {
  // expected-error@+1 {{operand #0 must be ng tensor of floats}}
  %0 = ng.exp %y : !ng.tensor<[N:8 batch], i32>
  return
}

// -----

func.func @f(%l: !ng.tensor<[N:8 batch], i32>) {
  // expected-error@+1 {{result axes [N:8 batch, K:10] must be one new axis followed by the labels' axes [N:8 batch]}}
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[N:8 batch, K:10], f32>
  return
}

// -----

func.func @f(%l: !ng.tensor<[N:8 batch], f32>) {
  // expected-error@+1 {{operand #0 must be ng tensor of integers}}
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], f32> -> !ng.tensor<[K:10, N:8 batch], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8], f32>) {
  // expected-error@+1 {{cannot broadcast [C:4, N:8] to [C:4, H:2]: the result must contain every operand axis}}
  %0 = ng.broadcast %a : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[C:4, H:2], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{element type changes from 'f32' to 'f64'; use ng.convert}}
  %0 = ng.broadcast %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[C:4, H:2], f64>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{cannot cast axis [C:4] to [D:5]: lengths differ}}
  %0 = ng.cast_axes %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:5], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], f32>) {
  // expected-error@+1 {{cannot cast 1 axes to 2}}
  %0 = ng.cast_axes %a : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:2, E:2], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, N:8], f32>) {
  // expected-error@+1 {{reorder must keep the same axes: [C:4, N:8] vs [N:8, H:4]}}
  %0 = ng.reorder %a : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[N:8, H:4], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axis [CH:10] does not match the product of a run of adjacent axes of [C:4, H:3, N:8]}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[CH:10, N:8], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axes [N:8] are not accounted for by [CH:12]}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[CH:12], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[CH:12, N:8], f32>) {
  // expected-error@+1 {{axis [CH:12] does not match the product of a run of adjacent axes of [N:8, C:4, H:3]}}
  %0 = ng.unflatten %a : !ng.tensor<[CH:12, N:8], f32> -> !ng.tensor<[N:8, C:4, H:3], f32>
  return
}

// -----

func.func @f(%a: !ng.tensor<[C:4], i32>) {
  // expected-error@+1 {{convert keeps the axes: [C:4] vs [D:4]}}
  %0 = ng.convert %a : !ng.tensor<[C:4], i32> -> !ng.tensor<[D:4], f32>
  return
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4], f32>
  // expected-error@+1 {{the first operand must be an ng.variable}}
  %e = ng.assign %x, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
}

// -----

ng.graph @g {
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  // expected-error@+1 {{value axes [C:4, N:8 batch] are not a subset of variable 'w' axes [C:4]}}
  %e = ng.assign %w, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
}

// -----

ng.graph @g {
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %d = ng.dot %w, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // expected-error@+1 {{loss must be a scalar, got axes [N:8 batch]; reduce it first}}
  %g = ng.deriv %d wrt %w : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[C:4], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %i = arith.constant 1 : i32
  // expected-error@+1 {{output #0 must be an ng tensor or an effect, got 'i32'}}
  ng.computation @f outputs(%i : i32) inputs(%x : !ng.tensor<[], f32>)
}

// -----

func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axis 'N' is out of place: flatten keeps axis order}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[N:8, CH:12], f32>
  return
}

// -----

// expected-error@+1 {{expected valid keyword or string}}
func.func private @f(!ng.tensor<[4], f32>)

// -----

// The generic form can carry a value that does not match the type.
// expected-error@+1 {{'ng.constant' op value of type 'tensor<3xf32>' does not match '!ng.tensor<[K:2], f32>'}}
%c = "ng.constant"() <{value = dense<1.0> : tensor<3xf32>}> : () -> !ng.tensor<[K:2], f32>

// -----

ng.graph @g {
  // expected-error@+1 {{initial value must be a number, a dense array, uniform(...) or normal(...)}}
  %v = "ng.variable"() <{name = "v", init = "zero"}> : () -> !ng.tensor<[K:2], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{initial value of type 'tensor<3xf32>' does not match '!ng.tensor<[K:2], f32>'}}
  %v = "ng.variable"() <{name = "v", init = dense<0.0> : tensor<3xf32>}> : () -> !ng.tensor<[K:2], f32>
}

// -----

// expected-error@+1 {{normal initializer needs stddev >= 0}}
"test.attr"() {a = #ng.normal<0.0 : f64, -1.0 : f64, seed = 0>} : () -> ()

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %s = ng.multiply %x, %w : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[C:4], f32>
  // expected-error@+1 {{'ng.computation' op output #0 of computation @f depends on placeholder 'x', which is not among its inputs}}
  ng.computation @f outputs(%s : !ng.tensor<[C:4, N:8 batch], f32>) inputs()
  // expected-note@-5 {{placeholder defined here}}
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  // expected-error@+1 {{'ng.allreduce' op operand has batch axis "N": only values without batch axes (partial results every rank holds whole) can be combined across ranks}}
  %r = ng.allreduce sum %x : !ng.tensor<[C:4, N:8 batch], f32>
}

// -----

ng.graph @g {
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  // expected-error@+1 {{expected string or keyword containing one of the following enum values for attribute 'kind' [sum, max, min, prod]}}
  %r = ng.allreduce mean %w : !ng.tensor<[C:4], f32>
}

// -----

// expected-error@+1 {{target 'odd': vector_bits must be 128, 256 or 512, got 384}}
module attributes {ng.target = #ng.cpu<name = "odd", triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3", features = "", vector_bits = 384, vector_registers = 16, l1_bytes = 32768, l2_bytes = 524288, l3_bytes = 0, cores = 1>} {
}

// -----

// expected-error@+1 {{target 'few': vector_registers must be at least 8, got 4}}
module attributes {ng.target = #ng.cpu<name = "few", triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3", features = "", vector_bits = 256, vector_registers = 4, l1_bytes = 32768, l2_bytes = 524288, l3_bytes = 0, cores = 1>} {
}

// -----

// expected-error@+1 {{target 'nocache': cache sizes must be positive (l3_bytes may be 0)}}
module attributes {ng.target = #ng.cpu<name = "nocache", triple = "x86_64-unknown-linux-gnu", cpu = "x86-64-v3", features = "", vector_bits = 256, vector_registers = 16, l1_bytes = 0, l2_bytes = 524288, l3_bytes = 0, cores = 1>} {
}

// -----

// expected-error@+2 {{expected one of [unpacked, packed, transposed_output] for how a contraction is tiled, got: blocked}}
// expected-error@+1 {{failed to parse NG_ContractionConfigAttr parameter 'strategy'}}
"test.op"() {ng.lowering_config = #ng.contraction<strategy = blocked, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 256, threads = 1, split = none>} : () -> ()

// -----

// expected-error@+1 {{contraction tile sizes must be positive}}
"test.op"() {ng.lowering_config = #ng.contraction<strategy = packed, register_m = 0, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 256, threads = 1, split = none>} : () -> ()

// -----

// expected-error@+1 {{a contraction split between threads needs threads > 1 and split = m or n}}
"test.op"() {ng.lowering_config = #ng.contraction<strategy = packed, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 256, threads = 2, split = none>} : () -> ()

// -----

// Parsing infers a dot's type before verifying, from the types the text
// gives forward references.
ng.graph @g {
  // expected-error@+1 {{operands must be ng tensors, got 'f64' and 'f64'}}
  %r = ng.dot %a, %b : f64, f64
  %a = ng.constant 1.0 : !ng.tensor<[], f32>
  %b = ng.constant 1.0 : !ng.tensor<[], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{operand must be an ng tensor, got 'f32'}}
  %n = ng.batch_size %a : f32
  %a = ng.constant 1.0 : !ng.tensor<[], f32>
}

// -----

// Only a batch axis may leave its length to call time.
ng.graph @g {
  // expected-error@+1 {{axis 'C' has length ?, which only a batch axis may have}}
  %x = ng.placeholder "x" : !ng.tensor<[C:?], f32>
}

// -----

// A variable keeps its value between calls of any batch length.
ng.graph @g {
  // expected-error@+1 {{axis [N:? batch] has no fixed length, so it cannot be the axis of a value given in the graph}}
  %v = ng.variable "v" init 0.0 : !ng.tensor<[N:? batch], f32>
}

// -----

ng.graph @g {
  // expected-error@+1 {{axis [N:? batch] has no fixed length, so it cannot be the axis of a value given in the graph}}
  %c = ng.constant [1.0, 2.0] : !ng.tensor<[N:? batch], f32>
}

// -----

// `N:?` and `N:8` are different axes under one name.
ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[N:? batch], f32>
  // expected-error@+1 {{axis 'N' is [N:8 batch] here but [N:? batch] at its first use}}
  %y = ng.placeholder "y" : !ng.tensor<[N:8 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:3, N:? batch], f32>
  // expected-error@+1 {{axis [N:? batch] has no fixed length, so it cannot be sliced (specialize the graph first: ng-specialize-axes)}}
  %y = ng.slice %x [N[0:2] -> M] : !ng.tensor<[C:3, N:? batch], f32> -> !ng.tensor<[C:3, M:2 batch], f32>
}

// -----

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3, N:? batch], f32>
  // expected-error@+1 {{axis [N:? batch] has no fixed length, so it cannot be flattened}}
  %f = ng.flatten %x : !ng.tensor<[K:3, N:? batch], f32> -> !ng.tensor<[F:24], f32>
}
