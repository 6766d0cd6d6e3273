// C[M, N] = A[M, K] . B[K, N], 2048x2048x2048 f32.
ng.graph @matmul2048 {
  %A = ng.placeholder "A" : !ng.tensor<[M:2048, K:2048], f32>
  %B = ng.placeholder "B" : !ng.tensor<[K:2048, N:2048], f32>
  %C = ng.dot %A, %B : !ng.tensor<[M:2048, K:2048], f32>, !ng.tensor<[K:2048, N:2048], f32>
  ng.computation @mm outputs(%C : !ng.tensor<[M:2048, N:2048], f32>) inputs(%A, %B : !ng.tensor<[M:2048, K:2048], f32>, !ng.tensor<[K:2048, N:2048], f32>)
}
