// RUN: ngraph-opt %s --ng-autodiff | FileCheck %s

// The table's gradient of a lookup is the lookup's transpose (a scatter-add
// of the result's adjoint); dropout's gradient is the same dropout (one
// mask: same seed, counter and shape) of the result's adjoint; the indices,
// the keep probability and the counter get none.
// CHECK-LABEL: ng.graph @g
// CHECK: %[[E:.*]] = ng.lookup %[[T:.*]][%[[I:.*]]] :
// CHECK: %[[Y:.*]] = ng.dropout %[[E]] keep %[[K:.*]] seed 5 counter %[[C:.*]] :
// CHECK: %[[DY:.*]] = ng.dropout %{{.*}} keep %[[K]] seed 5 counter %[[C]] : !ng.tensor<[N:3 batch, E:4], f32>
// CHECK: ng.lookup_backprop %[[DY]][%[[I]]] : !ng.tensor<[N:3 batch, E:4], f32>, !ng.tensor<[N:3 batch], i32> -> !ng.tensor<[V:10, E:4], f32>
ng.graph @g {
  %t = ng.variable "t" init 0.5 : !ng.tensor<[V:10, E:4], f32>
  %i = ng.placeholder "i" : !ng.tensor<[N:3 batch], i32>
  %k = ng.placeholder "k" : !ng.tensor<[], f32>
  %c = ng.variable "c" init 0.0 : !ng.tensor<[], f32>
  %e = ng.lookup %t[%i] : !ng.tensor<[V:10, E:4], f32>, !ng.tensor<[N:3 batch], i32>
  %y = ng.dropout %e keep %k seed 5 counter %c : !ng.tensor<[N:3 batch, E:4], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %sq = ng.square %y : !ng.tensor<[N:3 batch, E:4], f32>
  %L = ng.sum %sq out [] : !ng.tensor<[N:3 batch, E:4], f32>
  %d = ng.deriv %L wrt %t : !ng.tensor<[], f32>, !ng.tensor<[V:10, E:4], f32>
  ng.computation @f outputs(%d : !ng.tensor<[V:10, E:4], f32>) inputs(%i, %k : !ng.tensor<[N:3 batch], i32>, !ng.tensor<[], f32>)
}
