

// Default reduction keeps the batch axis; max starts from -inf.
// CHECK-LABEL: func @max
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.maximumf
func.func @max(%x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[N:8 batch], f32> {
  %0 = ng.max %x : !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[N:8 batch], f32>
}

