

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-note@+1 {{placeholder defined here}}
  %y = ng.placeholder "y" : !ng.tensor<[], f32>
  %s = ng.add %x, %y : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  // expected-error@+1 {{output #0 of computation @f depends on placeholder 'y', which is not among its inputs}}
  ng.computation @f outputs(%s : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
}

