// dw contraction of an MLP layer 1024 -> 1024, batch 256.
ng.graph @large_dw2 {
  %A = ng.placeholder "A" : !ng.tensor<[I:1024, N:256 batch], f32>
  %B = ng.placeholder "B" : !ng.tensor<[O:1024, N:256 batch], f32>
  %C = ng.dot %A, %B : !ng.tensor<[I:1024, N:256 batch], f32>, !ng.tensor<[O:1024, N:256 batch], f32>
  ng.computation @dot outputs(%C : !ng.tensor<[I:1024, O:1024], f32>) inputs(%A, %B : !ng.tensor<[I:1024, N:256 batch], f32>, !ng.tensor<[O:1024, N:256 batch], f32>)
}
