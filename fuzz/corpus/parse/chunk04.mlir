

// expected-error@+1 {{axis 'C' must have a positive length, got 0}}
func.func private @f(!ng.tensor<[C:0], f32>)

