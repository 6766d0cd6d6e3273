// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts | FileCheck %s

// A recurrence is one scf.for over the axis (counting down for `reverse`):
// the body once, reading one position of each sequence and writing its
// output into the stacked result, both carried with the state.

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>
  %h0 = ng.placeholder "h0" : !ng.tensor<[C:3, N:2 batch], f32>
  %hT, %hs = ng.recurrence over T reverse sequences(%x : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>)
      carries(%h0 : !ng.tensor<[C:3, N:2 batch], f32>)
      -> (!ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[C:3, T:6 recurrent, N:2 batch], f32>) {
  ^bb0(%xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[C:3, N:2 batch], f32>):
    %s = ng.add %xt, %h : !ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[C:3, N:2 batch], f32>
    ng.yield %s, %s : !ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[C:3, N:2 batch], f32>
  }
  ng.computation @f outputs(%hT, %hs : !ng.tensor<[C:3, N:2 batch], f32>, !ng.tensor<[C:3, T:6 recurrent, N:2 batch], f32>) inputs(%x, %h0 : !ng.tensor<[T:6 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[C:3, N:2 batch], f32>)
}
// CHECK-LABEL: ng.graph @g
// CHECK: %[[X:.*]] = builtin.unrealized_conversion_cast %{{.*}} to tensor<6x3x2xf32>
// CHECK: %[[H0:.*]] = builtin.unrealized_conversion_cast %{{.*}} to tensor<3x2xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x6x2xf32>
// CHECK: %[[R:.*]]:2 = scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[H:.*]] = %[[H0]], %[[S:.*]] = %[[E]]) -> (tensor<3x2xf32>, tensor<3x6x2xf32>) {
// CHECK:   %[[AT:.*]] = arith.subi %{{.*}}, %[[I]] : index
// CHECK:   %[[XT:.*]] = tensor.extract_slice %[[X]][%[[AT]], 0, 0] [1, 3, 2] [1, 1, 1] : tensor<6x3x2xf32> to tensor<3x2xf32>
// CHECK:   %[[N:.*]] = linalg.generic {{.*}} ins(%[[XT]], %[[H]] :
// CHECK:   %[[ST:.*]] = tensor.insert_slice %[[N]] into %[[S]][0, %[[AT]], 0] [3, 1, 2] [1, 1, 1]
// CHECK:   scf.yield %[[N]], %[[ST]] : tensor<3x2xf32>, tensor<3x6x2xf32>
// The loop is marked as a recurrence's, for the CPU schedule.
// CHECK: } {ng.recurrence_loop}
// CHECK-NOT: ng.recurrence
