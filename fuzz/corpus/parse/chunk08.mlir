

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-error@+1 {{placeholder 'x' is listed twice among the inputs of @f}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x, %x : !ng.tensor<[], f32>, !ng.tensor<[], f32>)
}

