

// A broadcast operand's adjoint is summed over the broadcast axes; a
// reduction's adjoint is broadcast back; reorder's is reordered back.
// CHECK-LABEL: func @axes_adjoints
// CHECK-SAME: (%[[B:.*]]: !ng.tensor<[H:3], f32>, %[[X:.*]]: !ng.tensor<[H:3, N:8 batch], f32>)
func.func @axes_adjoints(%b: !ng.tensor<[H:3], f32>, %x: !ng.tensor<[H:3, N:8 batch], f32>) -> (!ng.tensor<[H:3], f32>, !ng.tensor<[H:3, N:8 batch], f32>) {
  %r = ng.reorder %x : !ng.tensor<[H:3, N:8 batch], f32> -> !ng.tensor<[N:8 batch, H:3], f32>
  %s = ng.add %r, %b : !ng.tensor<[N:8 batch, H:3], f32>, !ng.tensor<[H:3], f32>
  %q = ng.square %s : !ng.tensor<[N:8 batch, H:3], f32>
  %L = ng.sum %q out [] : !ng.tensor<[N:8 batch, H:3], f32>
  // CHECK: %[[Q:.*]] = ng.multiply %{{.*}}, %{{.*}} : !ng.tensor<[N:8 batch, H:3], f32>, !ng.tensor<[], f32>
  // CHECK-DAG: %[[GB:.*]] = ng.sum %[[Q]] reduce [N] : !ng.tensor<[N:8 batch, H:3], f32>
  // CHECK-DAG: %[[GX:.*]] = ng.reorder %[[Q]] : !ng.tensor<[N:8 batch, H:3], f32> -> !ng.tensor<[H:3, N:8 batch], f32>
  // CHECK: return %[[GB]], %[[GX]]
  %gb = ng.deriv %L wrt %b : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  %gx = ng.deriv %L wrt %x : !ng.tensor<[], f32>, !ng.tensor<[H:3, N:8 batch], f32>
  return %gb, %gx : !ng.tensor<[H:3], f32>, !ng.tensor<[H:3, N:8 batch], f32>
}

