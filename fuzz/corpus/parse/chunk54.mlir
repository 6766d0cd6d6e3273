

// Comparisons pass no gradient; relu's is a mask.
// CHECK-LABEL: func @relu
func.func @relu(%x: !ng.tensor<[H:3], f32>) -> !ng.tensor<[H:3], f32> {
  // CHECK: %[[M:.*]] = ng.greater %{{.*}}, %{{.*}} : !ng.tensor<[H:3], f32>, !ng.tensor<[], f32>
  // CHECK: return %[[M]]
  %r = ng.relu %x : !ng.tensor<[H:3], f32>
  %L = ng.sum %r out [] : !ng.tensor<[H:3], f32>
  %g = ng.deriv %L wrt %x : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  return %g : !ng.tensor<[H:3], f32>
}

