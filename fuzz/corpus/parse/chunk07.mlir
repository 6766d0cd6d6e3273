

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %c = ng.constant 1.0 : !ng.tensor<[], f32>
  // expected-error@+1 {{input #0 of computation @f is not a placeholder}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%c : !ng.tensor<[], f32>)
}

