

func.func @f(%a: !ng.tensor<[C:4, H:3, N:8], f32>) {
  // expected-error@+1 {{axis 'N' is out of place: flatten keeps axis order}}
  %0 = ng.flatten %a : !ng.tensor<[C:4, H:3, N:8], f32> -> !ng.tensor<[N:8, CH:12], f32>
  return
}

