// RUN: ngraph-opt %s --ng-data-parallel="ranks=2 rank=1" | FileCheck %s

// Rank 1 of 2 holds samples 3 and 4 of N:5. Its random numbers are those
// rows of the whole batch's (the stream keeps the whole shape and this
// rank's offset); a table gradient scatter-added over its samples is a
// partial sum, combined across ranks.
// CHECK-LABEL: ng.graph @g
// CHECK: ng.random_uniform seed 3 counter %{{.*}} {stream_lengths = array<i64: 4, 5>, stream_offsets = array<i64: 0, 3>} : !ng.tensor<[], f32> -> !ng.tensor<[H:4, N:2 batch], f32>
// CHECK: %[[D:.*]] = ng.lookup_backprop %{{.*}}[%{{.*}}] : !ng.tensor<[N:2 batch, H:4], f32>, !ng.tensor<[N:2 batch], i32> -> !ng.tensor<[V:10, H:4], f32>
// CHECK: ng.allreduce sum %[[D]] : !ng.tensor<[V:10, H:4], f32>
ng.graph @g {
  %i = ng.placeholder "i" : !ng.tensor<[N:5 batch], i32>
  %step = ng.variable "step" init 0.0 : !ng.tensor<[], f32>
  %u = ng.random_uniform seed 3 counter %step : !ng.tensor<[], f32> -> !ng.tensor<[H:4, N:5 batch], f32>
  %r = ng.reorder %u : !ng.tensor<[H:4, N:5 batch], f32> -> !ng.tensor<[N:5 batch, H:4], f32>
  %d = ng.lookup_backprop %r[%i] : !ng.tensor<[N:5 batch, H:4], f32>, !ng.tensor<[N:5 batch], i32> -> !ng.tensor<[V:10, H:4], f32>
  ng.computation @f outputs(%d : !ng.tensor<[V:10, H:4], f32>) inputs(%i : !ng.tensor<[N:5 batch], i32>)
}
