

ng.graph @g {
  // expected-error@+1 {{random initializers need a float element type}}
  %v = ng.variable "v" init uniform(0.0, 1.0, seed 0) : !ng.tensor<[K:2], i32>
}

