// L = sum(x^2) but the "gradient" given is x, not 2x.
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3], f64>
  %sq = ng.square %x : !ng.tensor<[K:3], f64>
  %L = ng.sum %sq out [] : !ng.tensor<[K:3], f64>
  ng.computation @wrong outputs(%L, %x : !ng.tensor<[], f64>, !ng.tensor<[K:3], f64>) inputs(%x : !ng.tensor<[K:3], f64>)
}
