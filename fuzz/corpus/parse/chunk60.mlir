

// Axis ops: reorder is a permutation, cast_axes is free, flatten collapses.
// CHECK-DAG: #[[T:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[I:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @axis_ops
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[T]], #[[I]]]
// CHECK: tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<4x8xf32> into tensor<32xf32>
// CHECK: return %{{.*}}, %[[X]], %{{.*}}
func.func @axis_ops(%x: !ng.tensor<[C:4, N:8], f32>) -> (!ng.tensor<[N:8, C:4], f32>, !ng.tensor<[D:4, M:8], f32>, !ng.tensor<[CN:32], f32>) {
  %0 = ng.reorder %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[N:8, C:4], f32>
  %1 = ng.cast_axes %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[D:4, M:8], f32>
  %2 = ng.flatten %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[CN:32], f32>
  return %0, %1, %2 : !ng.tensor<[N:8, C:4], f32>, !ng.tensor<[D:4, M:8], f32>, !ng.tensor<[CN:32], f32>
}

