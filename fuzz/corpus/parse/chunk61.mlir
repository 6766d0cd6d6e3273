

// Composite ops are expanded on the way: softmax subtracts the max.
// CHECK-LABEL: func @softmax
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK-NOT: ng.
func.func @softmax(%x: !ng.tensor<[K:3, N:8 batch], f32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  %0 = ng.softmax %x : !ng.tensor<[K:3, N:8 batch], f32>
  return %0 : !ng.tensor<[K:3, N:8 batch], f32>
}

