

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  %i = arith.constant 1 : i32
  // expected-error@+1 {{output #0 must be an ng tensor or an effect, got 'i32'}}
  ng.computation @f outputs(%i : i32) inputs(%x : !ng.tensor<[], f32>)
}

