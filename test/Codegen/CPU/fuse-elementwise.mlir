// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts --ng-fuse-elementwise | FileCheck %s

// Elementwise producers fuse as upstream's pass fuses them (the relu and the
// bias add become one generic), but nothing is fused into the convolution,
// not even the square of the filter it alone reads: its generic keeps its
// two inputs, so ng-cpu-lower-convolutions can still rewrite it.
// CHECK-LABEL: func @step
// CHECK: %[[W2:.*]] = linalg.generic
// CHECK: arith.mulf
// CHECK: linalg.generic {{.*}} ins(%{{[a-z_0-9]+}}, %[[W2]] : tensor<2x8x5x4xf32>, tensor<2x3x2x3xf32>) {{.*}} attrs = {ng.convolution}
// CHECK: linalg.generic
// CHECK: arith.addf
// CHECK: arith.maximumf
// CHECK-NOT: linalg.generic
func.func @step(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>, %b: !ng.tensor<[K:3], f32>) -> !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32> {
  %w2 = ng.square %w : !ng.tensor<[C:2, R:3, S:2, K:3], f32>
  %0 = ng.convolution %x, %w2 windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>
  %1 = ng.add %0, %b : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>, !ng.tensor<[K:3], f32>
  %2 = ng.relu %1 : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>
  return %2 : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>
}
