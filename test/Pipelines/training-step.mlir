// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v3 --mlir-print-ir-after=ng-outline-loop-nests -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,V3
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v4 --mlir-print-ir-after=ng-outline-loop-nests -o /dev/null 2>&1 | FileCheck %s --check-prefixes=CHECK,V4
// RUN: ngraph-opt %s --ng-lower-to-llvm="target=x86-64-v3 schedule=false" -o - | FileCheck %s --check-prefix=REFERENCE

// One SGD step of a linear layer, W[I, O] -= lr * dL/dW with
// L = sum((W.X - T)^2). The weight gradient is accumulated straight into
// the weight's global (ng-accumulate-contractions, then
// ng-update-variables-in-place): no gradient buffer, no copy of the weight.
// The step's large loop nests are functions of their own, never inlined.
// CHECK-LABEL: func.func private @ng_fn_step_nest0(
// CHECK-SAME: attributes {passthrough = ["noinline"]}
// CHECK-LABEL: func.func @ng_fn_step(
// CHECK: %[[W:.*]] = memref.get_global @ng_var_W : memref<128x64xf32>
// CHECK-NOT: memref.copy {{.*}}%[[W]]
// With AVX2 (6 x 16 register tiles, packed: 64 columns are 4 tiles) the
// weight's full 6-row tiles (126 of its 128 rows), as the register tiles'
// view, are the accumulator of an outlined kernel. With AVX-512 (8 x 32)
// the 64 columns are 2 tiles, too few to pack: the unpacked kernel adds
// into the weight itself.
// V3: %[[TILES:.*]] = memref.subview %[[W]][0, 0] [126, 64]
// V3: %[[C4:.*]] = memref.expand_shape %[[TILES]] {{.*}} into memref<21x6x4x16xf32
// V3: call @ng_fn_step_nest{{[0-9]+}}(%[[C4]],
// V4: call @ng_fn_step_nest{{[0-9]+}}(%[[W]],
// CHECK-NOT: memref.copy {{.*}}%[[W]]
// CHECK: return

// The reference lowering keeps one function.
// REFERENCE-NOT: noinline
// REFERENCE: llvm.func @ng_fn_step(
// REFERENCE-NOT: noinline
ng.graph @linear {
  %X = ng.placeholder "X" : !ng.tensor<[I:128, N:128 batch], f32>
  %T = ng.placeholder "T" : !ng.tensor<[O:64, N:128 batch], f32>
  %lr = ng.constant 0.01 : !ng.tensor<[], f32>
  %W = ng.variable "W" init normal(0.0, 0.1, seed 1) : !ng.tensor<[I:128, O:64], f32>
  %Y = ng.dot %W, %X : !ng.tensor<[I:128, O:64], f32>, !ng.tensor<[I:128, N:128 batch], f32>
  %E = ng.subtract %Y, %T : !ng.tensor<[O:64, N:128 batch], f32>, !ng.tensor<[O:64, N:128 batch], f32>
  %S = ng.square %E : !ng.tensor<[O:64, N:128 batch], f32>
  %L = ng.sum %S reduce [O, N] : !ng.tensor<[O:64, N:128 batch], f32>
  %G = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[I:128, O:64], f32>
  %D = ng.multiply %lr, %G : !ng.tensor<[], f32>, !ng.tensor<[I:128, O:64], f32>
  %W2 = ng.subtract %W, %D : !ng.tensor<[I:128, O:64], f32>, !ng.tensor<[I:128, O:64], f32>
  %U = ng.assign %W, %W2 : !ng.tensor<[I:128, O:64], f32>, !ng.tensor<[I:128, O:64], f32>
  ng.computation @step outputs(%L, %U : !ng.tensor<[], f32>, !ng.effect)
                       inputs(%X, %T : !ng.tensor<[I:128, N:128 batch], f32>, !ng.tensor<[O:64, N:128 batch], f32>)
}
