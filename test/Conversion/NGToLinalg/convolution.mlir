// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts --split-input-file | FileCheck %s

// A convolution is one generic over the output's axes, then the contracted
// channel and filter axes, reading the zero-padded input through
// `p * stride + r * dilation`; it is marked for ng-cpu-lower-convolutions.
// CHECK-DAG: #[[X:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1 * 2 + d5, d2 + d6 * 2, d3)>
// CHECK-DAG: #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d0)>
// CHECK-DAG: #[[Y:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
// CHECK-LABEL: func @conv
// CHECK: %[[P:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 0, 0] [2, 6, 5, 4] [1, 1, 1, 1] : tensor<2x6x5x4xf32> into tensor<2x8x5x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[X]], #[[W]], #[[Y]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[P]], %{{.*}} : tensor<2x8x5x4xf32>, tensor<2x3x2x3xf32>) outs(%{{.*}} : tensor<3x3x3x4xf32>) attrs = {ng.convolution}
// CHECK: arith.mulf
// CHECK: arith.addf
func.func @conv(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>) -> !ng.tensor<[K:3, P:3, Q:3, N:4 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] dilations [1, 2] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[K:3, P:3, Q:3, N:4 batch], f32>
  return %0 : !ng.tensor<[K:3, P:3, Q:3, N:4 batch], f32>
}

// -----

// The data gradient never scatters: the output gradient is spread by the
// stride into a zero tensor (padded by dilation*(R-1) - padding = 1 before
// and H + padding - (P-1)*stride - 1 = 2 after) and read at
// `h + dilation*(R-1) - r*dilation`.
// CHECK-DAG: #[[DY:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d1 - d5 + 2, d2 - d6 + 1, d3)>
// CHECK-LABEL: func @data_gradient
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, 1, 1, 0] [3, 3, 4, 4] [1, 2, 1, 1] : tensor<3x3x4x4xf32> into tensor<3x8x6x4xf32>
// CHECK: linalg.generic {indexing_maps = [#[[DY]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}{{.*}}outs(%{{.*}} : tensor<2x6x5x4xf32>) attrs = {ng.convolution}
func.func @data_gradient(%dy: !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>) -> !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32> {
  %0 = ng.convolution_backprop_data %dy, %w windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>
  return %0 : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>
}

// -----

// The filter gradient reduces over the output positions and the batch.
// CHECK-DAG: #[[FX:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4 * 2 + d1, d2 + d5, d6)>
// CHECK-DAG: #[[FDY:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d3, d4, d5, d6)>
// CHECK-LABEL: func @filter_gradient
// CHECK: linalg.generic {indexing_maps = [#[[FX]], #[[FDY]], {{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]}{{.*}}outs(%{{.*}} : tensor<2x3x2x3xf32>) attrs = {ng.convolution}
func.func @filter_gradient(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %dy: !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>) -> !ng.tensor<[C:2, R:3, S:2, K:3], f32> {
  %0 = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32> -> !ng.tensor<[C:2, R:3, S:2, K:3], f32>
  return %0 : !ng.tensor<[C:2, R:3, S:2, K:3], f32>
}

// -----

// Max pooling: one strided slice of the -inf-padded input per window
// position, combined elementwise (so it vectorizes like any elementwise op).
// CHECK-LABEL: func @max_pool
// CHECK: %[[F:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<2x4x4x3xf32>)
// CHECK: %[[XP:.*]] = tensor.insert_slice %{{.*}} into %[[F]][0, 1, 1, 0] [2, 2, 2, 3] [1, 1, 1, 1]
// CHECK: %[[S0:.*]] = tensor.extract_slice %[[XP]][0, 0, 0, 0] [2, 2, 2, 3] [1, 2, 2, 1]
// CHECK: %[[S1:.*]] = tensor.extract_slice %[[XP]][0, 0, 1, 0] [2, 2, 2, 3] [1, 2, 2, 1]
// CHECK: %[[S2:.*]] = tensor.extract_slice %[[XP]][0, 1, 0, 0] [2, 2, 2, 3] [1, 2, 2, 1]
// CHECK: %[[S3:.*]] = tensor.extract_slice %[[XP]][0, 1, 1, 0] [2, 2, 2, 3] [1, 2, 2, 1]
// CHECK: linalg.generic {{.*}} ins(%[[S0]], %[[S1]], %[[S2]], %[[S3]] :
// CHECK-COUNT-3: arith.maximumf
func.func @max_pool(%x: !ng.tensor<[C:2, H:2, W:2, N:3 batch], f32>) -> !ng.tensor<[C:2, P:2, Q:2, N:3 batch], f32> {
  %0 = ng.pool max %x windows [H:2 -> P, W:2 -> Q] padding [1, 1] : !ng.tensor<[C:2, H:2, W:2, N:3 batch], f32> -> !ng.tensor<[C:2, P:2, Q:2, N:3 batch], f32>
  return %0 : !ng.tensor<[C:2, P:2, Q:2, N:3 batch], f32>
}

// -----

// The max-pooling gradient: the first maximum's window position (strictly
// greater replaces), then each position adds the gradient where it won
// into a strided slice of a zero tensor.
// CHECK-LABEL: func @max_pool_gradient
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<2x2x2x3xi32>)
// CHECK: arith.cmpf ogt
// CHECK-COUNT-4: tensor.insert_slice %{{.*}} into %{{.*}}[0, {{[01]}}, {{[01]}}, 0] [2, 2, 2, 3] [1, 2, 2, 1]
func.func @max_pool_gradient(%x: !ng.tensor<[C:2, H:4, W:4, N:3 batch], f32>, %dy: !ng.tensor<[C:2, P:2, Q:2, N:3 batch], f32>) -> !ng.tensor<[C:2, H:4, W:4, N:3 batch], f32> {
  %0 = ng.pool_backprop max %x, %dy windows [H:2 -> P, W:2 -> Q] : !ng.tensor<[C:2, H:4, W:4, N:3 batch], f32>, !ng.tensor<[C:2, P:2, Q:2, N:3 batch], f32> -> !ng.tensor<[C:2, H:4, W:4, N:3 batch], f32>
  return %0 : !ng.tensor<[C:2, H:4, W:4, N:3 batch], f32>
}
