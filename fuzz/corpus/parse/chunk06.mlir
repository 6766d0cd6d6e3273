

ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[], f32>
  // expected-error@+1 {{name 'x' is already used in graph @g}}
  %y = ng.placeholder "x" : !ng.tensor<[], f32>
}

