// Nervana Graph's own test: x = [[1,0,1],[2,0,3]] over (C:2, N:3),
// y = [-1, 1] over (C); s = sum(dot(x, y)) = 3,
// ds/dx = [[-1,-1,-1],[1,1,1]], ds/dy = [2, 5].
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[C:2, N:3], f32>
  %y = ng.placeholder "y" : !ng.tensor<[C:2], f32>
  %d = ng.dot %x, %y : !ng.tensor<[C:2, N:3], f32>, !ng.tensor<[C:2], f32>
  %s = ng.sum %d out [] : !ng.tensor<[N:3], f32>
  %dx = ng.deriv %s wrt %x : !ng.tensor<[], f32>, !ng.tensor<[C:2, N:3], f32>
  %dy = ng.deriv %s wrt %y : !ng.tensor<[], f32>, !ng.tensor<[C:2], f32>
  ng.computation @f outputs(%s, %dx, %dy : !ng.tensor<[], f32>, !ng.tensor<[C:2, N:3], f32>, !ng.tensor<[C:2], f32>)
                    inputs(%x, %y : !ng.tensor<[C:2, N:3], f32>, !ng.tensor<[C:2], f32>)
}
