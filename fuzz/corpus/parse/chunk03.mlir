

// expected-error@+1 {{axis 'C' appears twice in [C:4, C:4]}}
func.func private @f(!ng.tensor<[C:4, C:4], f32>)

