// dw contraction of an MLP layer 64 -> 256, batch 64.
ng.graph @small_dw1 {
  %A = ng.placeholder "A" : !ng.tensor<[I:64, N:64 batch], f32>
  %B = ng.placeholder "B" : !ng.tensor<[O:256, N:64 batch], f32>
  %C = ng.dot %A, %B : !ng.tensor<[I:64, N:64 batch], f32>, !ng.tensor<[O:256, N:64 batch], f32>
  ng.computation @dot outputs(%C : !ng.tensor<[I:64, O:256], f32>) inputs(%A, %B : !ng.tensor<[I:64, N:64 batch], f32>, !ng.tensor<[O:256, N:64 batch], f32>)
}
