// C[M, N] = A[M, K] . B[K, N], 1024x1024x1024 f32.
ng.graph @matmul1024 {
  %A = ng.placeholder "A" : !ng.tensor<[M:1024, K:1024], f32>
  %B = ng.placeholder "B" : !ng.tensor<[K:1024, N:1024], f32>
  %C = ng.dot %A, %B : !ng.tensor<[M:1024, K:1024], f32>, !ng.tensor<[K:1024, N:1024], f32>
  ng.computation @mm outputs(%C : !ng.tensor<[M:1024, N:1024], f32>) inputs(%A, %B : !ng.tensor<[M:1024, K:1024], f32>, !ng.tensor<[K:1024, N:1024], f32>)
}
