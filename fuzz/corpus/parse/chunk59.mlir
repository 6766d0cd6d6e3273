

// CHECK-LABEL: func @argmax
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8xi32>)
// CHECK: linalg.index 0
// CHECK: arith.cmpf ogt
func.func @argmax(%x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[N:8 batch], i32> {
  %0 = ng.argmax %x : !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[N:8 batch], i32>
}

