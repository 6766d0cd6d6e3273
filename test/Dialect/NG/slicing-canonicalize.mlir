// RUN: ngraph-opt %s --canonicalize | FileCheck %s

// A slice that keeps everything is its operand; a slice of a splat is a
// splat; slicing back what slice_backprop placed gives the placed value;
// a concat of one operand is that operand.

// CHECK-LABEL: ng.graph @folds
ng.graph @folds {
  %x = ng.placeholder "x" : !ng.tensor<[T:4, C:3], f32>
  %full = ng.slice %x [T[0:4] -> T] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  %one = ng.constant 1.5 : !ng.tensor<[T:4, C:3], f32>
  %part = ng.slice %one [T[1:3] -> T2] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T2:2, C:3], f32>
  %v = ng.placeholder "v" : !ng.tensor<[T2:2, C:3], f32>
  %placed = ng.slice_backprop %v [T[1:3] -> T2] : !ng.tensor<[T2:2, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  %back = ng.slice %placed [T[1:3] -> T2] : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T2:2, C:3], f32>
  %same = ng.concat %x along [T] -> T : !ng.tensor<[T:4, C:3], f32> -> !ng.tensor<[T:4, C:3], f32>
  // CHECK-DAG: %[[X:.*]] = ng.placeholder "x"
  // CHECK-DAG: %[[SPLAT:.*]] = ng.constant 1.5{{.*}} : !ng.tensor<[T2:2, C:3], f32>
  // CHECK-DAG: %[[V:.*]] = ng.placeholder "v"
  // CHECK-NOT: ng.slice
  // CHECK-NOT: ng.concat
  // CHECK: ng.computation @f outputs(%[[X]], %[[SPLAT]], %[[V]], %[[X]] :
  ng.computation @f outputs(%full, %part, %back, %same : !ng.tensor<[T:4, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>, !ng.tensor<[T:4, C:3], f32>) inputs(%x, %v : !ng.tensor<[T:4, C:3], f32>, !ng.tensor<[T2:2, C:3], f32>)
}
