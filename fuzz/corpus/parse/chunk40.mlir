

ng.graph @g {
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %d = ng.dot %w, %x : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  // expected-error@+1 {{loss must be a scalar, got axes [N:8 batch]; reduce it first}}
  %g = ng.deriv %d wrt %w : !ng.tensor<[N:8 batch], f32>, !ng.tensor<[C:4], f32>
}

