

func.func @f(%l: !ng.tensor<[N:8 batch], i32>) {
  // expected-error@+1 {{result axes [N:8 batch, K:10] must be one new axis followed by the labels' axes [N:8 batch]}}
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[N:8 batch, K:10], f32>
  return
}

