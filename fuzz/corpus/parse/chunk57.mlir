

// A dot is a contraction: result axes parallel, shared axes reduced.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @dot
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[A]], #[[B]], #[[O]]], iterator_types = ["parallel", "parallel", "reduction"]}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @dot(%w: !ng.tensor<[C:4, H:3], f32>, %x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[H:3, N:8 batch], f32> {
  %0 = ng.dot %w, %x : !ng.tensor<[C:4, H:3], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[H:3, N:8 batch], f32>
}

