

ng.graph @a {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[C:4], f32>
}
ng.graph @b {
  // expected-error@+1 {{axis 'C' is [C:5] here but [C:4] at its first use}}
  %x = ng.placeholder "x" : !ng.tensor<[C:5], f32>
}

