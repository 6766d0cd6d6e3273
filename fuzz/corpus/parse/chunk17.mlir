

func.func @f(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:4], f64>) {
  // expected-error@+1 {{operands have different element types: 'f32' and 'f64'}}
  %0 = ng.add %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f64>
  return
}

