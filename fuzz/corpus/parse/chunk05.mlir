

// expected-error@+1 {{ng tensor element type must be f32, f64 or i32, got 'i8'}}
func.func private @f(!ng.tensor<[C:4], i8>)

