// RUN: ngraph-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func @identities
// CHECK-SAME: (%[[X:.*]]: !ng.tensor<[C:4], f32>)
func.func @identities(%x: !ng.tensor<[C:4], f32>) -> (!ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>) {
  %zero = ng.constant 0.0 : !ng.tensor<[], f32>
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  %a = ng.add %x, %zero : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
  %m = ng.multiply %one, %a : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %n = ng.negative %m : !ng.tensor<[C:4], f32>
  %nn = ng.negative %n : !ng.tensor<[C:4], f32>
  %d = ng.divide %x, %one : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
  %s = ng.subtract %x, %zero : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
  // CHECK-NOT: ng.add
  // CHECK-NOT: ng.multiply
  // CHECK-NOT: ng.negative
  // CHECK: return %[[X]], %[[X]], %[[X]], %[[X]]
  return %nn, %d, %s, %m : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
}

// -----

// Adding zero that broadcasts is not an identity: the axes change.
// CHECK-LABEL: func @broadcasting_zero
func.func @broadcasting_zero(%x: !ng.tensor<[], f32>) -> !ng.tensor<[C:4], f32> {
  %zero = ng.constant 0.0 : !ng.tensor<[C:4], f32>
  // CHECK: ng.add
  %a = ng.add %x, %zero : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  return %a : !ng.tensor<[C:4], f32>
}

// -----

// CHECK-LABEL: func @scalar_constant_folding
func.func @scalar_constant_folding() -> !ng.tensor<[], f32> {
  %a = ng.constant 2.0 : !ng.tensor<[], f32>
  %b = ng.constant 3.0 : !ng.tensor<[], f32>
  %c = ng.multiply %a, %b : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %d = ng.add %c, %a : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %e = ng.exp %d : !ng.tensor<[], f32>
  %f = ng.log %e : !ng.tensor<[], f32>
  // CHECK: %[[C:.*]] = ng.constant 8.000000e+00 : !ng.tensor<[], f32>
  // CHECK-NEXT: return %[[C]]
  return %f : !ng.tensor<[], f32>
}

// -----

// CHECK-LABEL: func @axis_ops
// CHECK-SAME: (%[[X:.*]]: !ng.tensor<[C:4], f32>, %[[Y:.*]]: !ng.tensor<[C:4, N:8], f32>)
func.func @axis_ops(%x: !ng.tensor<[C:4], f32>, %y: !ng.tensor<[C:4, N:8], f32>)
    -> (!ng.tensor<[H:2, N:8, C:4], f32>, !ng.tensor<[C:4, N:8], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8], f32>) {
  // CHECK: %[[B:.*]] = ng.broadcast %[[X]] : !ng.tensor<[C:4], f32> -> !ng.tensor<[H:2, N:8, C:4], f32>
  %b1 = ng.broadcast %x : !ng.tensor<[C:4], f32> -> !ng.tensor<[N:8, C:4], f32>
  %b2 = ng.broadcast %b1 : !ng.tensor<[N:8, C:4], f32> -> !ng.tensor<[H:2, N:8, C:4], f32>
  // Reorder there and back, cast there and back, flatten and unflatten.
  %r1 = ng.reorder %y : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[N:8, C:4], f32>
  %r2 = ng.reorder %r1 : !ng.tensor<[N:8, C:4], f32> -> !ng.tensor<[C:4, N:8], f32>
  %c1 = ng.cast_axes %x : !ng.tensor<[C:4], f32> -> !ng.tensor<[D:4], f32>
  %c2 = ng.cast_axes %c1 : !ng.tensor<[D:4], f32> -> !ng.tensor<[C:4], f32>
  %f = ng.flatten %y : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[CN:32], f32>
  %u = ng.unflatten %f : !ng.tensor<[CN:32], f32> -> !ng.tensor<[C:4, N:8], f32>
  // CHECK-NOT: ng.reorder
  // CHECK-NOT: ng.cast_axes
  // CHECK: return %[[B]], %[[Y]], %[[X]], %[[Y]]
  return %b2, %r2, %c2, %u : !ng.tensor<[H:2, N:8, C:4], f32>, !ng.tensor<[C:4, N:8], f32>, !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8], f32>
}

// -----

// tensor_size and batch_size are known from the type.
// CHECK-LABEL: func @sizes
func.func @sizes(%x: !ng.tensor<[C:4, H:3, N:8 batch], f32>) -> (!ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>) {
  // CHECK-DAG: ng.constant 1.200000e+01 : !ng.tensor<[], f32>
  // CHECK-DAG: ng.constant 8.000000e+00 : !ng.tensor<[], f32>
  // CHECK-DAG: ng.constant 3.000000e+00 : !ng.tensor<[], f32>
  %a = ng.tensor_size %x : !ng.tensor<[C:4, H:3, N:8 batch], f32>
  %b = ng.batch_size %x : !ng.tensor<[C:4, H:3, N:8 batch], f32>
  %c = ng.tensor_size %x reduce [H] : !ng.tensor<[C:4, H:3, N:8 batch], f32>
  return %a, %b, %c : !ng.tensor<[], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
}

// -----

// A sum over the axes a broadcast added is a multiplication.
// CHECK-LABEL: func @sum_of_broadcast
// CHECK-SAME: (%[[X:.*]]: !ng.tensor<[C:4], f32>)
func.func @sum_of_broadcast(%x: !ng.tensor<[C:4], f32>) -> !ng.tensor<[C:4], f32> {
  %b = ng.broadcast %x : !ng.tensor<[C:4], f32> -> !ng.tensor<[C:4, N:8], f32>
  %s = ng.sum %b reduce [N] : !ng.tensor<[C:4, N:8], f32>
  // CHECK-NOT: ng.broadcast
  // CHECK: %[[K:.*]] = ng.constant 8.000000e+00 : !ng.tensor<[], f32>
  // CHECK: %[[M:.*]] = ng.multiply %[[X]], %[[K]]
  // CHECK: return %[[M]]
  return %s : !ng.tensor<[C:4], f32>
}
