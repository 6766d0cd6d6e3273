// RUN: ngraph-opt %s --ng-autodiff --split-input-file --verify-diagnostics | FileCheck %s

// A value the loss does not depend on gets a zero gradient and a warning.
// CHECK-LABEL: func @unrelated
// CHECK: %[[Z:.*]] = ng.constant 0.000000e+00 : !ng.tensor<[H:3], f32>
// CHECK: return %[[Z]]
func.func @unrelated(%w: !ng.tensor<[H:3], f32>, %x: !ng.tensor<[H:3], f32>) -> !ng.tensor<[H:3], f32> {
  %L = ng.sum %x out [] : !ng.tensor<[H:3], f32>
  // expected-warning@+1 {{the loss does not depend on this value; its gradient is zero}}
  %g = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  return %g : !ng.tensor<[H:3], f32>
}

// -----

// argmax passes no gradient, so the loss does not depend on w through it.
// CHECK-LABEL: func @through_argmax
func.func @through_argmax(%w: !ng.tensor<[H:3, N:2 batch], f32>) -> !ng.tensor<[H:3, N:2 batch], f32> {
  %a = ng.argmax %w : !ng.tensor<[H:3, N:2 batch], f32>
  %f = ng.convert %a : !ng.tensor<[N:2 batch], i32> -> !ng.tensor<[N:2 batch], f32>
  %L = ng.sum %f out [] : !ng.tensor<[N:2 batch], f32>
  // expected-warning@+1 {{the loss does not depend on this value; its gradient is zero}}
  %g = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[H:3, N:2 batch], f32>
  return %g : !ng.tensor<[H:3, N:2 batch], f32>
}

// -----

// Found by graph_fuzzer: two zero gradients of one loss (the second used to
// be built at the erased first deriv).
// CHECK-LABEL: func @two_unrelated
// CHECK-COUNT-2: ng.constant 0.000000e+00
func.func @two_unrelated(%w: !ng.tensor<[H:3], f32>, %v: !ng.tensor<[], f32>, %x: !ng.tensor<[H:3], f32>) -> (!ng.tensor<[H:3], f32>, !ng.tensor<[], f32>) {
  %L = ng.sum %x out [] : !ng.tensor<[H:3], f32>
  // expected-warning@+1 {{the loss does not depend on this value; its gradient is zero}}
  %g = ng.deriv %L wrt %w : !ng.tensor<[], f32>, !ng.tensor<[H:3], f32>
  // expected-warning@+1 {{the loss does not depend on this value; its gradient is zero}}
  %h = ng.deriv %L wrt %v : !ng.tensor<[], f32>, !ng.tensor<[], f32>
  return %g, %h : !ng.tensor<[H:3], f32>, !ng.tensor<[], f32>
}
