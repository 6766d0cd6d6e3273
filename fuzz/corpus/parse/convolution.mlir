// RUN: ngraph-opt %s | ngraph-opt | FileCheck %s
// RUN: ngraph-opt %s --mlir-print-op-generic | ngraph-opt | FileCheck %s

// Convolution, its gradient ops and pooling, printed and reparsed. Default
// strides, padding and dilations are not printed; pooling's strides
// default to the window.

// CHECK-LABEL: ng.graph @lenet
ng.graph @lenet {
  %x = ng.placeholder "x" : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %w = ng.variable "w" init 0.1 : !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // CHECK: ng.convolution %{{.*}}, %{{.*}} windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  %y = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [1, 1] padding [2, 2] dilations [1, 1]
      : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32>
     -> !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  // CHECK: ng.convolution_backprop_data %{{.*}}, %{{.*}} windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32> -> !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  %dx = ng.convolution_backprop_data %y, %w windows [H:R -> P, W:S -> Q] padding [2, 2]
      : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>, !ng.tensor<[C:1, R:5, S:5, K:4], f32>
     -> !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>
  // CHECK: ng.convolution_backprop_filter %{{.*}}, %{{.*}} windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  %dw = ng.convolution_backprop_filter %x, %y windows [H:R -> P, W:S -> Q] padding [2, 2]
      : !ng.tensor<[C:1, H:28, W:28, N:8 batch], f32>, !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
     -> !ng.tensor<[C:1, R:5, S:5, K:4], f32>
  // CHECK: ng.pool max %{{.*}} windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
  %p = ng.pool max %y windows [P:2 -> P2, Q:2 -> Q2] strides [2, 2]
      : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
  // CHECK: ng.pool avg %{{.*}} windows [P:3 -> P3, Q:3 -> Q3] strides [2, 2] padding [1, 1]
  %a = ng.pool avg %y windows [P:3 -> P3, Q:3 -> Q3] strides [2, 2] padding [1, 1]
      : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32> -> !ng.tensor<[K:4, P3:14, Q3:14, N:8 batch], f32>
  // CHECK: ng.pool_backprop max %{{.*}}, %{{.*}} windows [P:2 -> P2, Q:2 -> Q2] : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>, !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32> -> !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
  %pb = ng.pool_backprop max %y, %p windows [P:2 -> P2, Q:2 -> Q2]
      : !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>, !ng.tensor<[K:4, P2:14, Q2:14, N:8 batch], f32>
     -> !ng.tensor<[K:4, P:28, Q:28, N:8 batch], f32>
}

// A 1-D convolution over a sequence, strided and dilated; the output axes
// in another order than [features, spatial, batch].
// CHECK-LABEL: ng.graph @sequence
ng.graph @sequence {
  %x = ng.placeholder "x" : !ng.tensor<[E:3, T:20, B:2 batch], f64>
  %w = ng.variable "w" init 0.5 : !ng.tensor<[E:3, RT:3, F:4], f64>
  // CHECK: ng.convolution %{{.*}}, %{{.*}} windows [T:RT -> U] strides [2] padding [1] dilations [2] : !ng.tensor<[E:3, T:20, B:2 batch], f64>, !ng.tensor<[E:3, RT:3, F:4], f64> -> !ng.tensor<[U:9, F:4, B:2 batch], f64>
  %y = ng.convolution %x, %w windows [T:RT -> U] strides [2] padding [1] dilations [2]
      : !ng.tensor<[E:3, T:20, B:2 batch], f64>, !ng.tensor<[E:3, RT:3, F:4], f64>
     -> !ng.tensor<[U:9, F:4, B:2 batch], f64>
}
