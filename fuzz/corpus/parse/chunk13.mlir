

ng.graph @g {
  // expected-error@+1 {{uniform initializer needs low < high}}
  %v = ng.variable "v" init uniform(1.0, -1.0, seed 0) : !ng.tensor<[K:2], f32>
}

