

ng.graph @g {
  // expected-error@+1 {{normal initializer needs stddev >= 0}}
  %v = ng.variable "v" init normal(0.0, -1.0, seed 0) : !ng.tensor<[K:2], f32>
}

