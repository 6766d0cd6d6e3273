// RUN: ngraph-opt %s --ng-autodiff --canonicalize --cse | FileCheck %s

// Gradients through time: the forward recurrence is rebuilt to also stack
// the forward values the backward step reads (here tanh's output); the
// backward recurrence runs the other way over the sequence, those values
// and the output adjoints, recomputes nothing and carries the state's
// adjoint; the weight's adjoint, one product per step, is one product of
// the stacked factors after the loop.

// CHECK-LABEL: func @rnn
// CHECK-SAME: (%[[W:.*]]: !ng.tensor<[C:3, H:3], f32>, %[[X:.*]]: !ng.tensor<[T:5 recurrent, C:3, N:2 batch], f32>, %[[H0:.*]]: !ng.tensor<[H:3, N:2 batch], f32>)
func.func @rnn(%w: !ng.tensor<[C:3, H:3], f32>, %x: !ng.tensor<[T:5 recurrent, C:3, N:2 batch], f32>, %h0: !ng.tensor<[H:3, N:2 batch], f32>) -> (!ng.tensor<[C:3, H:3], f32>, !ng.tensor<[H:3, N:2 batch], f32>) {
  // CHECK: %[[F:.*]]:2 = ng.recurrence over T params(%[[W]] : {{.*}}) sequences(%[[X]] : {{.*}}) carries(%[[H0]] : {{.*}}) -> ({{.*}}, !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>) {
  // CHECK: %[[N:.*]] = ng.tanh
  // CHECK: ng.yield %[[N]], %[[N]] :
  // The backward step reads neither W nor x: the weight's product is after
  // the loop and reads x itself, not a copy stacked by the loop.
  // CHECK: %[[B:.*]]:2 = ng.recurrence over T reverse sequences(%{{.*}}, %[[F]]#1 : {{.*}}) carries(%{{.*}} : !ng.tensor<[H:3, N:2 batch], f32>) -> (!ng.tensor<[H:3, N:2 batch], f32>, !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>) {
  // CHECK-NOT: ng.tanh
  // CHECK: ng.yield
  // CHECK: %[[DW:.*]] = ng.dot %[[X]], %[[B]]#1 : !ng.tensor<[T:5 recurrent, C:3, N:2 batch], f32>, !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>
  // CHECK: return %[[DW]], %[[B]]#0
  // CHECK-NOT: ng.recurrence
  %hT, %hs = ng.recurrence over T params(%w : !ng.tensor<[C:3, H:3], f32>)
      sequences(%x : !ng.tensor<[T:5 recurrent, C:3, N:2 batch], f32>)
      carries(%h0 : !ng.tensor<[H:3, N:2 batch], f32>)
      -> (!ng.tensor<[H:3, N:2 batch], f32>, !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>) {
  ^bb0(%a: !ng.tensor<[C:3, H:3], f32>, %xt: !ng.tensor<[C:3, N:2 batch], f32>, %h: !ng.tensor<[H:3, N:2 batch], f32>):
    %p = ng.dot %a, %xt : !ng.tensor<[C:3, H:3], f32>, !ng.tensor<[C:3, N:2 batch], f32>
    %s = ng.add %p, %h : !ng.tensor<[H:3, N:2 batch], f32>, !ng.tensor<[H:3, N:2 batch], f32>
    %n = ng.tanh %s : !ng.tensor<[H:3, N:2 batch], f32>
    ng.yield %n, %n : !ng.tensor<[H:3, N:2 batch], f32>, !ng.tensor<[H:3, N:2 batch], f32>
  }
  %L = ng.sum %hs out [] : !ng.tensor<[T:5 recurrent, H:3, N:2 batch], f32>
  %dw = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[C:3, H:3], f32>
  %dh = ng.deriv %L wrt %h0 : !ng.tensor<[], f32>, !ng.tensor<[H:3, N:2 batch], f32>
  return %dw, %dh : !ng.tensor<[C:3, H:3], f32>, !ng.tensor<[H:3, N:2 batch], f32>
}
