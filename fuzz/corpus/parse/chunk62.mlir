

// CHECK-LABEL: func @one_hot
// CHECK: linalg.index 0
// CHECK: arith.cmpi eq
// CHECK: arith.select
func.func @one_hot(%l: !ng.tensor<[N:8 batch], i32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[K:3, N:8 batch], f32>
  return %0 : !ng.tensor<[K:3, N:8 batch], f32>
}
