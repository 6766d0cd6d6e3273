

// expected-error@+1 {{expected valid keyword or string}}
func.func private @f(!ng.tensor<[4], f32>)

