

// softmax + cross_entropy_multi: y * sum_K(t) - t (y - t for one-hot t).
// CHECK-LABEL: func @softmax_ce
// CHECK-SAME: (%[[Z:.*]]: !ng.tensor<[K:3, N:8 batch], f32>, %[[T:.*]]: !ng.tensor<[K:3, N:8 batch], f32>)
func.func @softmax_ce(%z: !ng.tensor<[K:3, N:8 batch], f32>, %t: !ng.tensor<[K:3, N:8 batch], f32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  // CHECK: %[[Y:.*]] = ng.softmax %[[Z]]
  // CHECK: %[[S:.*]] = ng.sum %[[T]] reduce [K]
  // CHECK: %[[YS:.*]] = ng.multiply %[[Y]], %[[S]]
  // CHECK: %[[G:.*]] = ng.subtract %[[YS]], %[[T]]
  // CHECK: return %[[G]]
  %y = ng.softmax %z : !ng.tensor<[K:3, N:8 batch], f32>
  %L = ng.cross_entropy_multi %y, %t out [] : !ng.tensor<[K:3, N:8 batch], f32>, !ng.tensor<[K:3, N:8 batch], f32>
  %g = ng.deriv %L wrt %z : !ng.tensor<[], f32>, !ng.tensor<[K:3, N:8 batch], f32>
  return %g : !ng.tensor<[K:3, N:8 batch], f32>
}

