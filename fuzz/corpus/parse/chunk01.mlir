

ng.graph @g {
  // expected-note@+1 {{first used here}}
  %x = ng.placeholder "x" : !ng.tensor<[N:128 batch], f32>
  // expected-error@+1 {{axis 'N' is [N:128] here but [N:128 batch] at its first use}}
  %y = ng.placeholder "y" : !ng.tensor<[N:128], f32>
}

