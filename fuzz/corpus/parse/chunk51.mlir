

// Two derivatives of one loss share one sweep: sigmoid - t is built once.
// CHECK-LABEL: func @shared_sweep
func.func @shared_sweep(%W: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[], f32>, %X: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) -> (!ng.tensor<[C:4], f32>, !ng.tensor<[], f32>) {
  // CHECK-COUNT-1: ng.subtract
  // CHECK-NOT: ng.subtract
  // CHECK: ng.sum %{{.*}} reduce [N] : !ng.tensor<[N:8 batch], f32>
  %z = ng.dot %W, %X : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  %zb = ng.add %z, %b : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[], f32>
  %y = ng.sigmoid %zb : !ng.tensor<[N:8 batch], f32>
  %L = ng.cross_entropy_binary %y, %t out [] : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  %gW = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[C:4], f32>
  %gb = ng.deriv %L wrt %b : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  return %gW, %gb : !ng.tensor<[C:4], f32>, !ng.tensor<[], f32>
}

