// fwd contraction of an MLP layer 256 -> 10, batch 64.
ng.graph @small_fwd3 {
  %A = ng.placeholder "A" : !ng.tensor<[I:256, O:10], f32>
  %B = ng.placeholder "B" : !ng.tensor<[I:256, N:64 batch], f32>
  %C = ng.dot %A, %B : !ng.tensor<[I:256, O:10], f32>, !ng.tensor<[I:256, N:64 batch], f32>
  ng.computation @dot outputs(%C : !ng.tensor<[O:10, N:64 batch], f32>) inputs(%A, %B : !ng.tensor<[I:256, O:10], f32>, !ng.tensor<[I:256, N:64 batch], f32>)
}
