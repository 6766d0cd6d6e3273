// RUN: ngraph-opt %s | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --mlir-print-op-generic | ngraph-opt | FileCheck %s

// Embedding lookup, its transpose, random numbers and dropout, printed and
// reparsed; the lookup's result type is inferred.

// CHECK-LABEL: ng.graph @indexing
ng.graph @indexing {
  %table = ng.variable "table" init 0.0 : !ng.tensor<[V:98, E:32], f32>
  %ids = ng.placeholder "ids" : !ng.tensor<[T:64 recurrent, N:32 batch], i32>
  // CHECK: %[[E:.*]] = ng.lookup %{{.*}}[%{{.*}}] : !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[T:64 recurrent, N:32 batch], i32>
  %e = ng.lookup %table[%ids] : !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[T:64 recurrent, N:32 batch], i32>
  // CHECK: ng.lookup_backprop %[[E]][%{{.*}}] : !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>, !ng.tensor<[T:64 recurrent, N:32 batch], i32> -> !ng.tensor<[V:98, E:32], f32>
  %d = ng.lookup_backprop %e[%ids] : !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>, !ng.tensor<[T:64 recurrent, N:32 batch], i32> -> !ng.tensor<[V:98, E:32], f32>
  // A scalar index drops nothing but the table's first axis.
  %one = ng.constant 3 : !ng.tensor<[], i32>
  // CHECK: ng.lookup %{{.*}}[%{{.*}}] : !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[], i32>
  %row = ng.lookup %table[%one] : !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[], i32>
  %step = ng.variable "step" init 0.0 : !ng.tensor<[], f32>
  // CHECK: ng.random_uniform seed 7 counter %{{.*}} : !ng.tensor<[], f32> -> !ng.tensor<[H:4, N:32 batch], f64>
  %u = ng.random_uniform seed 7 counter %step : !ng.tensor<[], f32> -> !ng.tensor<[H:4, N:32 batch], f64>
  // CHECK: ng.random_uniform seed 7 counter %{{.*}} {stream_lengths = array<i64: 4, 64>, stream_offsets = array<i64: 0, 32>}
  %v = ng.random_uniform seed 7 counter %step {stream_lengths = array<i64: 4, 64>, stream_offsets = array<i64: 0, 32>} : !ng.tensor<[], f32> -> !ng.tensor<[H:4, N:32 batch], f64>
  %keep = ng.placeholder "keep" : !ng.tensor<[], f32>
  // CHECK: ng.dropout %[[E]] keep %{{.*}} seed 11 counter %{{.*}} : !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
  %y = ng.dropout %e keep %keep seed 11 counter %step : !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>, !ng.tensor<[], f32>, !ng.tensor<[], f32>
  ng.computation @f outputs(%y, %d, %row, %u, %v : !ng.tensor<[T:64 recurrent, N:32 batch, E:32], f32>, !ng.tensor<[V:98, E:32], f32>, !ng.tensor<[E:32], f32>, !ng.tensor<[H:4, N:32 batch], f64>, !ng.tensor<[H:4, N:32 batch], f64>) inputs(%ids, %keep : !ng.tensor<[T:64 recurrent, N:32 batch], i32>, !ng.tensor<[], f32>)
}
