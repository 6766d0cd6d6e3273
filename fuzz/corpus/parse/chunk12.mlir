

ng.graph @g {
  // expected-error@+1 {{literal of shape [3] does not match the type's shape [2]}}
  %v = ng.variable "v" init [1.0, 2.0, 3.0] : !ng.tensor<[K:2], f32>
}

