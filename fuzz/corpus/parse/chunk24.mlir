

func.func @f(%y: !ng.tensor<[C:4, N:8 batch], f32>, %t: !ng.tensor<[N:8 batch], f32>) {
  // expected-error@+1 {{prediction axes [C:4, N:8 batch] and target axes [N:8 batch] must be the same set}}
  %0 = ng.cross_entropy_multi %y, %t : !ng.tensor<[C:4, N:8 batch], f32>, !ng.tensor<[N:8 batch], f32>
  return
}

