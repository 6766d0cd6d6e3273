

ng.graph @g {
  // expected-error@+1 {{initial value of type 'tensor<3xf32>' does not match '!ng.tensor<[K:2], f32>'}}
  %v = "ng.variable"() <{name = "v", init = dense<0.0> : tensor<3xf32>}> : () -> !ng.tensor<[K:2], f32>
}

