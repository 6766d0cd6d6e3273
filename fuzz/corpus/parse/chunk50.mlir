// RUN: ngraph-opt %s --ng-autodiff --canonicalize --cse --split-input-file | FileCheck %s

// Logistic regression: d/dz of CE(sigmoid(z), t) is sigmoid(z) - t, and the
// adjoint of dot(W, X) with respect to W is a dot with X over N.
// CHECK-LABEL: func @logreg
// CHECK-SAME: (%[[W:.*]]: !ng.tensor<[C:4], f32>, %[[X:.*]]: !ng.tensor<[C:4, N:8 batch], f32>, %[[T:.*]]: !ng.tensor<[N:8 batch], f32>)
func.func @logreg(%W: !ng.tensor<[C:4], f32>, %X: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) -> !ng.tensor<[C:4], f32> {
  // CHECK: %[[Z:.*]] = ng.dot %[[W]], %[[X]]
  // CHECK: %[[Y:.*]] = ng.sigmoid %[[Z]]
  // CHECK: %[[D:.*]] = ng.subtract %[[Y]], %[[T]]
  // CHECK: %[[G:.*]] = ng.dot %[[D]], %[[X]] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // CHECK-NOT: ng.deriv
  // CHECK: return %[[G]]
  %z = ng.dot %W, %X : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %y = ng.sigmoid %z : !ng.tensor<[N:8 batch], f32>
  %L = ng.cross_entropy_binary %y, %t out [] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  %g = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  return %g : !ng.tensor<[C:4], f32>
}

