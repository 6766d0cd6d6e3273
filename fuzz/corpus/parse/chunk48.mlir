

ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:4, N:8 batch], f32>
  %w = ng.variable "w" init 0.0 : !ng.tensor<[C:4], f32>
  %s = ng.multiply %x, %w : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[C:4], f32>
  // expected-error@+1 {{'ng.computation' op output #0 of computation @f depends on placeholder 'x', which is not among its inputs}}
  ng.computation @f outputs(%s : !ng.tensor<[C:4, N:8 batch], f32>) inputs()
  // expected-note@-5 {{placeholder defined here}}
}
