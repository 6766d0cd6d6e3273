

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4], f32>
  // expected-error@+1 {{the first operand must be an ng.variable}}
  %e = ng.assign %x, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
}

