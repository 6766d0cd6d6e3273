

func.func @f(%a: !ng.tensor<[C:4, N:8], f32>) {
  // expected-error@+1 {{reorder must keep the same axes: [C:4, N:8] vs [N:8, H:4]}}
  %0 = ng.reorder %a : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[N:8, H:4], f32>
  return
}

