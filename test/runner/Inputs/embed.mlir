// An embedding: rows of a [V:10, E:4] table for [T:3, N:2] ids.
ng.graph @embed {
  %table = ng.variable "table" init uniform(-1.0, 1.0, seed 3) : !ng.tensor<[V:10, E:4], f32>
  %ids = ng.placeholder "ids" : !ng.tensor<[T:3, N:2 batch], i32>
  %e = ng.lookup %table[%ids] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[T:3, N:2 batch], i32>
  ng.computation @embed outputs(%e : !ng.tensor<[T:3, N:2 batch, E:4], f32>) inputs(%ids : !ng.tensor<[T:3, N:2 batch], i32>)
}
