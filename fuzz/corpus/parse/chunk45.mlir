

ng.graph @g {
  // expected-error@+1 {{initial value must be a number, a dense array, uniform(...) or normal(...)}}
  %v = "ng.variable"() <{name = "v", init = "zero"}> : () -> !ng.tensor<[K:2], f32>
}

