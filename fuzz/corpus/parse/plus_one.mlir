// The seed's first program: x + 1 for several values of x.
//   x = ng.placeholder(axes=())
//   x_plus_one = x + 1
//   plus_one = transformer.computation(x_plus_one, x)
ng.graph @plus_one_graph {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %one = ng.constant 1.0 : !ng.tensor<[], f32>
  %x_plus_one = ng.add %x, %one : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @plus_one outputs(%x_plus_one : !ng.tensor<[], f32>)
                           inputs(%x : !ng.tensor<[], f32>)
}
