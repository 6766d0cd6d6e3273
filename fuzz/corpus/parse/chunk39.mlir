

ng.graph @g {
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  // expected-error@+1 {{value axes [C:4, N:8 batch] are not a subset of variable 'w' axes [C:4]}}
  %e = ng.assign %w, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
}

