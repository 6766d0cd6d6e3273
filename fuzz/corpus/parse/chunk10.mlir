

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
  // expected-error@+2 {{redefinition of symbol named 'f'}}
  // expected-note@-2 {{see existing symbol definition here}}
  ng.computation @f outputs(%x : !ng.tensor<[], f32>) inputs(%x : !ng.tensor<[], f32>)
}

