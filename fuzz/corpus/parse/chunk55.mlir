

// No dead adjoints: nothing is built for values wrt does not reach.
// CHECK-LABEL: func @pruned
func.func @pruned(%w: !ng.tensor<[H:3], f32>, %x: !ng.tensor<[H:3], f32>) -> !ng.tensor<[H:3], f32> {
  // CHECK-NOT: ng.cos
  // CHECK: %[[E:.*]] = ng.exp
  // CHECK: %[[T:.*]] = ng.tanh
  // CHECK-NOT: ng.multiply %[[E]]
  // CHECK: return
  %e = ng.exp %x : !ng.tensor<[H:3], f32>
  %t = ng.tanh %e : !ng.tensor<[H:3], f32>
  %p = ng.multiply %w, %t : !ng.tensor<[H:3], f32>, !ng.tensor<[H:3], f32>
  %L = ng.sum %p out [] : !ng.tensor<[H:3], f32>
  %g = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  return %g : !ng.tensor<[H:3], f32>
}
