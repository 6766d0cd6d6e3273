// ng-cpu-lower-convolutions alone, with im2col forced: column copies and
// one matmul (lower-convolutions-direct.mlir: the direct form).
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-lower-convolutions=strategy=im2col --canonicalize | FileCheck %s
// The decision does not depend on the target's vector width.
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-lower-convolutions=strategy=im2col --canonicalize | FileCheck %s

// Forward: one strided slice of the padded input per filter position
// (3 x 2 = 6) into Col[C, R, S, P, Q, N]; then K x (P Q N) = filter^T
// (read transposed in place: it is laid out [C R S, K]) times Col.
// CHECK-DAG: #[[AT:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-LABEL: func @conv
// CHECK: tensor.empty() : tensor<2x3x2x3x4x4xf32>
// CHECK: tensor.extract_slice %{{.*}}[0, 0, 0, 0] [2, 3, 4, 4] [1, 2, 1, 1] : tensor<2x8x5x4xf32> to tensor<2x3x4x4xf32>
// CHECK-COUNT-6: tensor.insert_slice %{{.*}} into %{{.*}} [2, 1, 1, 3, 4, 4] [1, 1, 1, 1, 1, 1] : tensor<2x1x1x3x4x4xf32> into tensor<2x3x2x3x4x4xf32>
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : tensor<2x3x2x3xf32> into tensor<12x3xf32>
// CHECK: linalg.matmul indexing_maps = [#[[AT]], #[[B]], {{.*}}] ins(%{{.*}}, %{{.*}} : tensor<12x3xf32>, tensor<12x48xf32>) outs(%{{.*}} : tensor<3x48xf32>)
// CHECK-NOT: ng.convolution
func.func @conv(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>) -> !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>
  return %0 : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>
}

// -----

// Filter gradient: the same column matrix, now [C R S, P Q N], times the
// output gradient read transposed ([K, P Q N] in place): C[C R S, K].
// CHECK-DAG: #[[BT:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func @filter_gradient
// CHECK-COUNT-6: tensor.insert_slice
// CHECK: linalg.matmul indexing_maps = [{{.*}}, #[[BT]], {{.*}}] ins(%{{.*}}, %{{.*}} : tensor<12x48xf32>, tensor<3x48xf32>) outs(%{{.*}} : tensor<12x3xf32>)
func.func @filter_gradient(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %dy: !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>) -> !ng.tensor<[C:2, R:3, S:2, K:3], f32> {
  %0 = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32> -> !ng.tensor<[C:2, R:3, S:2, K:3], f32>
  return %0 : !ng.tensor<[C:2, R:3, S:2, K:3], f32>
}

// -----

// Data gradient: the stride-spread output gradient's slices, Col[R, S, K,
// H, W, N], and the filter read as [C, R S K] in place.
// CHECK-LABEL: func @data_gradient
// CHECK-COUNT-6: tensor.insert_slice %{{.*}} into %{{.*}} [1, 1, 3, 6, 5, 4]
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x18xf32>, tensor<18x120xf32>) outs(%{{.*}} : tensor<2x120xf32>)
func.func @data_gradient(%dy: !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>) -> !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32> {
  %0 = ng.convolution_backprop_data %dy, %w windows [H:R -> P, W:S -> Q] strides [2, 1] padding [1, 0] : !ng.tensor<[K:3, P:3, Q:4, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>
  return %0 : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>
}

// -----

// More slices than kMaxIm2colSlices: the copy takes the shorter of the
// filter (17) and the output (24) position by position, 17 x 17 = 289 >
// 256 slices: the plain loops stay.
// CHECK-LABEL: func @large_window
// CHECK: linalg.generic {{.*}} attrs = {ng.convolution}
// CHECK-NOT: linalg.matmul
func.func @large_window(%x: !ng.tensor<[C:1, H:40, W:40, N:2 batch], f32>, %w: !ng.tensor<[C:1, R:17, S:17, K:2], f32>) -> !ng.tensor<[K:2, P:24, Q:24, N:2 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:1, H:40, W:40, N:2 batch], f32>, !ng.tensor<[C:1, R:17, S:17, K:2], f32> -> !ng.tensor<[K:2, P:24, Q:24, N:2 batch], f32>
  return %0 : !ng.tensor<[K:2, P:24, Q:24, N:2 batch], f32>
}

// -----

// The output in [P, Q, K, N] order is neither [features, outputs] nor
// [outputs, features]: the plain loops stay.
// CHECK-LABEL: func @other_order
// CHECK: linalg.generic {{.*}} attrs = {ng.convolution}
// CHECK-NOT: linalg.matmul
func.func @other_order(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:3], f32>) -> !ng.tensor<[P:4, Q:4, K:3, N:4 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:3], f32> -> !ng.tensor<[P:4, Q:4, K:3, N:4 batch], f32>
  return %0 : !ng.tensor<[P:4, Q:4, K:3, N:4 batch], f32>
}

// -----

// A column matrix larger than two L2 caches (400 x 12544 f32, 20 MB; rows
// of 14 x 64 outputs, 1.4 MB each) is built and multiplied one block of
// output rows at a time: a loop over P, each step copying that row's 25
// slices (read at p + r: the loop index plus the window position) and
// multiplying them into its slice of the output.
// CHECK-LABEL: func @blocked
// CHECK: scf.for %[[P:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args
// CHECK: tensor.empty() : tensor<16x5x5x1x14x64xf32>
// CHECK-COUNT-25: linalg.generic {{.*}} attrs = {ng.column_copy}
// CHECK: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<400x32xf32>, tensor<400x896xf32>) outs(%{{.*}} : tensor<32x896xf32>)
// CHECK: tensor.insert_slice %{{.*}} into %{{.*}}[0, %[[P]], 0, 0] [32, 1, 14, 64] [1, 1, 1, 1]
// CHECK: scf.yield
func.func @blocked(%x: !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, %w: !ng.tensor<[C:16, R:5, S:5, K:32], f32>) -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  return %0 : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
}

// -----

// A filter gradient blocks its sum: each block of output-gradient rows
// adds its product into the whole filter gradient.
// CHECK-LABEL: func @blocked_filter_gradient
// CHECK: scf.for %[[P:.*]] = {{.*}} iter_args(%[[ACC:.*]] =
// CHECK: tensor.extract_slice %{{.*}}[0, %[[P]], 0, 0] [32, 1, 14, 64] [1, 1, 1, 1] : tensor<32x14x14x64xf32> to tensor<32x1x14x64xf32>
// CHECK: linalg.matmul {{.*}} ins(%{{.*}}, %{{.*}} : tensor<400x896xf32>, tensor<32x896xf32>) outs(%{{.*}} : tensor<400x32xf32>)
func.func @blocked_filter_gradient(%x: !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, %dy: !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>) -> !ng.tensor<[C:16, R:5, S:5, K:32], f32> {
  %0 = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> -> !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  return %0 : !ng.tensor<[C:16, R:5, S:5, K:32], f32>
}
