// ng-cpu-lower-convolutions' direct form: register tiles of the output
// accumulated from the padded input read in place and a packed filter.
// The tile is the contraction schedule's (KernelConfig.h): 8 rows x 2
// vectors on AVX-512 (8 x 32), 6 rows x 2 vectors on AVX2, trimmed to
// divide the features (32 -> 4 x 16).
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-lower-convolutions --canonicalize | FileCheck %s --check-prefixes=CHECK,V4
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-lower-convolutions --canonicalize | FileCheck %s --check-prefixes=CHECK,V3
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-lower-convolutions=threads=2 --canonicalize | FileCheck %s --check-prefix=THREADS
// Forced strategies.
// RUN: ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-lower-convolutions=strategy=loops | FileCheck %s --check-prefix=LOOPS
// RUN: not ngraph-opt %s --split-input-file --convert-ng-to-linalg --reconcile-unrealized-casts --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-lower-convolutions=strategy=fast 2>&1 | FileCheck %s --check-prefix=BAD

// BAD: error: ng-cpu-lower-convolutions: unknown strategy 'fast' (expected auto, im2col, direct or loops)

// LeNet's second layer. The filter [C, R, S, K] is packed as [K / rM, C,
// R, S, rM]; each tile (k block, p, q, n block) sums C x R x S outer
// products of a packed row and a run of the batch read at (c, p + r,
// q + s), from zero accumulators, and is written once: the output is not
// filled first.
// CHECK-LABEL: func @forward
// V4: %[[PACK:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<16x5x5x32xf32>) outs(%{{.*}} : tensor<4x16x5x5x8xf32>)
// V3: %[[PACK:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<16x5x5x32xf32>) outs(%{{.*}} : tensor<8x16x5x5x4xf32>)
// CHECK: %[[OUT:.*]] = tensor.empty() : tensor<32x14x14x64xf32>
// CHECK: scf.for %[[K1:.*]] = {{.*}} iter_args(%{{.*}} = %[[OUT]])
// CHECK: scf.for %[[P:.*]] = %c0 to %c14
// CHECK: scf.for %[[Q:.*]] = %c0 to %c14
// V4: scf.for %[[N:.*]] = %c0 to %c64 step %c32
// V3: scf.for %[[N:.*]] = %c0 to %c64 step %c16
// CHECK: scf.for %[[C:.*]] = %c0 to %c16
// CHECK: scf.for %[[R:.*]] = %c0 to %c5
// CHECK: scf.for %[[S:.*]] = %c0 to %c5
// CHECK: vector.transfer_read %[[PACK]][%[[K1]], %[[C]], %[[R]], %[[S]], %c0]
// CHECK-DAG: %[[H:.*]] = arith.addi %[[P]], %[[R]]
// CHECK-DAG: %[[W:.*]] = arith.addi %[[Q]], %[[S]]
// V4: vector.transfer_read %{{.*}}[%[[C]], %[[H]], %[[W]], %[[N]]], %{{.*}} {in_bounds = [true]} : tensor<16x18x18x64xf32>, vector<32xf32>
// V4: vector.contract {{.*}} : vector<1x8xf32>, vector<1x32xf32> into vector<8x32xf32>
// V3: vector.contract {{.*}} : vector<1x4xf32>, vector<1x16xf32> into vector<4x16xf32>
// CHECK-NOT: vector.transfer_read
// CHECK: vector.transfer_write %{{.*}}, %{{.*}}[%{{.*}}, %[[P]], %[[Q]], %[[N]]] {in_bounds = [true, true], permutation_map = #{{.*}}}
// CHECK-NOT: linalg.matmul
// Two threads: each computes half of the feature tiles (2 of 4) into its
// half of the output.
// THREADS-LABEL: func @forward
// THREADS: scf.forall (%[[T:.*]]) in (2) shared_outs(%[[C:.*]] = %{{.*}})
// THREADS: %[[ROW:.*]] = arith.muli %[[T]], %c16
// THREADS: %[[PART:.*]] = tensor.extract_slice %[[C]][%[[ROW]], 0, 0, 0] [16, 14, 14, 64]
// THREADS: scf.for %{{.*}} = %c0 to %c2 step %c1 iter_args(%{{.*}} = %[[PART]])
// THREADS: tensor.parallel_insert_slice %{{.*}} into %[[C]][%[[ROW]], 0, 0, 0] [16, 14, 14, 64]
// LOOPS-LABEL: func @forward
// LOOPS: linalg.generic {{.*}} attrs = {ng.convolution}
// LOOPS-NOT: scf.for
func.func @forward(%x: !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, %w: !ng.tensor<[C:16, R:5, S:5, K:32], f32>) -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  return %0 : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
}

// -----

// Data gradient with strides: the output gradient spread by the stride
// and padded, read at (k, h - r + 2, w - s + 2); the filter [C, R, S, K]
// packed as [C / 3, R, S, K, 3] (3 channels: one tile of 3 rows).
// CHECK-LABEL: func @data_gradient
// CHECK: linalg.generic {{.*}} outs(%{{.*}} : tensor<1x3x3x6x3xf32>)
// CHECK: scf.for %[[H:.*]] = %c0 to %c9
// CHECK: scf.for %[[W:.*]] = %c0 to %c11
// CHECK: scf.for %[[R:.*]] = %c0 to %c3
// CHECK: scf.for %[[S:.*]] = %c0 to %c3
// CHECK: scf.for %[[K:.*]] = %c0 to %c6
// CHECK: %[[HR:.*]] = arith.subi %[[H]], %[[R]]
// CHECK: arith.addi %[[HR]], %c2
// CHECK: vector.transfer_read {{.*}} : tensor<6x11x13x16xf32>, vector<16xf32>
// CHECK: vector.contract {{.*}} : vector<1x3xf32>, vector<1x16xf32> into vector<3x16xf32>
// Two threads: one tile of features, 9 rows: neither divides, one thread.
// THREADS-LABEL: func @data_gradient
// THREADS-NOT: scf.forall
// THREADS: return
func.func @data_gradient(%dy: !ng.tensor<[K:6, P:4, Q:6, N:16 batch], f32>, %w: !ng.tensor<[C:3, R:3, S:3, K:6], f32>) -> !ng.tensor<[C:3, H:9, W:11, N:16 batch], f32> {
  %0 = ng.convolution_backprop_data %dy, %w windows [H:R -> P, W:S -> Q] strides [2, 2] padding [0, 1] : !ng.tensor<[K:6, P:4, Q:6, N:16 batch], f32>, !ng.tensor<[C:3, R:3, S:3, K:6], f32> -> !ng.tensor<[C:3, H:9, W:11, N:16 batch], f32>
  return %0 : !ng.tensor<[C:3, H:9, W:11, N:16 batch], f32>
}

// -----

// A batch that is not a whole vector (4 < 8 lanes): im2col.
// CHECK-LABEL: func @short_batch
// CHECK: linalg.matmul
// A filter gradient (output [C, R, S, K]: features last), on AVX-512: the
// dot-product form. For each output-gradient row p, feature block (4) and
// channel and window row (c, r): 5 window columns x 4 features
// accumulators, vectors along the batch, summed over q and the batch, then
// across lanes, and added to the filter gradient's 5 x 4 tile. On AVX2 two
// rows would fit, which do not divide 5: im2col.
// V4-LABEL: func @filter_gradient
// V4: scf.for %[[P:.*]] = %c0 to %c14
// V4: scf.for %[[K:.*]] = %c0 to %c32 step %c4
// V4: scf.for %[[C:.*]] = %c0 to %c16
// V4: scf.for %[[R:.*]] = %c0 to %c5
// V4: scf.for %[[Q:.*]] = %c0 to %c14
// V4: scf.for %[[N:.*]] = %c0 to %c64 step %c16
// V4-COUNT-20: vector.fma {{.*}} : vector<16xf32>
// V4-COUNT-20: vector.reduction <add>
// V4: vector.from_elements {{.*}} : vector<5x4xf32>
// V4: vector.transfer_read %{{.*}}[%[[C]], %[[R]], %c0, %[[K]]]{{.*}} : tensor<16x5x5x32xf32>, vector<5x4xf32>
// V4-NOT: linalg.matmul
// V3-LABEL: func @filter_gradient
// V3: linalg.matmul
// Two threads: each half of the features (16 of 32, 4 blocks each).
// THREADS-LABEL: func @filter_gradient
// THREADS: scf.forall (%{{.*}}) in (2) shared_outs(%[[DW:.*]] = %{{.*}})
// THREADS: tensor.extract_slice %[[DW]][0, 0, 0, %[[OFF:.*]]] [16, 5, 5, 16]
// THREADS: tensor.parallel_insert_slice %{{.*}} into %[[DW]][0, 0, 0, %[[OFF]]] [16, 5, 5, 16]
func.func @short_batch(%x: !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, %w: !ng.tensor<[C:2, R:3, S:2, K:8], f32>) -> !ng.tensor<[K:8, P:4, Q:4, N:4 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] : !ng.tensor<[C:2, H:6, W:5, N:4 batch], f32>, !ng.tensor<[C:2, R:3, S:2, K:8], f32> -> !ng.tensor<[K:8, P:4, Q:4, N:4 batch], f32>
  return %0 : !ng.tensor<[K:8, P:4, Q:4, N:4 batch], f32>
}
func.func @filter_gradient(%x: !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, %dy: !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>) -> !ng.tensor<[C:16, R:5, S:5, K:32], f32> {
  %0 = ng.convolution_backprop_filter %x, %dy windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> -> !ng.tensor<[C:16, R:5, S:5, K:32], f32>
  return %0 : !ng.tensor<[C:16, R:5, S:5, K:32], f32>
}

// -----

// An output that is not zero-filled (a convolution generic accumulating
// into its argument): each tile adds the sum to what the output held.
// CHECK-LABEL: func @accumulate
// CHECK: scf.for
// CHECK: vector.contract
// V4: %[[OLD:.*]] = vector.transfer_read %[[ACC:.*]][%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}], %{{.*}} {in_bounds = [true, true], permutation_map = #{{.*}}} : tensor<16x4x4x32xf32>, vector<8x32xf32>
// V4: %[[SUM:.*]] = arith.addf %[[OLD]], %{{.*}} : vector<8x32xf32>
// V4: vector.transfer_write %[[SUM]], %[[ACC]]
func.func @accumulate(%x: tensor<2x6x6x32xf32>, %w: tensor<2x3x3x16xf32>, %acc: tensor<16x4x4x32xf32>) -> tensor<16x4x4x32xf32> {
  %0 = linalg.generic {indexing_maps = [affine_map<(k, p, q, n, c, r, s) -> (c, p + r, q + s, n)>, affine_map<(k, p, q, n, c, r, s) -> (c, r, s, k)>, affine_map<(k, p, q, n, c, r, s) -> (k, p, q, n)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%x, %w : tensor<2x6x6x32xf32>, tensor<2x3x3x16xf32>) outs(%acc : tensor<16x4x4x32xf32>) attrs = {ng.convolution} {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %m = arith.mulf %a, %b : f32
    %s = arith.addf %o, %m : f32
    linalg.yield %s : f32
  } -> tensor<16x4x4x32xf32>
  return %0 : tensor<16x4x4x32xf32>
}

// -----

// The bias add that is the convolution's only user is computed on each
// register tile before it is written (the bias read once per tile,
// broadcast along the batch); the relu after it, a separate op here, is
// not fused into it (ng-fuse-elementwise would have merged the two first).
// CHECK-LABEL: func @bias_epilogue
// CHECK: vector.contract
// CHECK: %[[BIAS:.*]] = vector.transfer_read %{{.*}}[%{{.*}}], %{{.*}} {in_bounds = [true, true], permutation_map = #{{.*}}} : tensor<32xf32>, vector<{{8x32|4x16}}xf32>
// CHECK: %[[SUM:.*]] = arith.addf %{{.*}}, %[[BIAS]]
// CHECK: vector.transfer_write %[[SUM]]
// CHECK-NOT: ng.convolution
// CHECK: linalg.generic
// CHECK: arith.maximumf
// LOOPS-LABEL: func @bias_epilogue
// LOOPS: ng.convolution
func.func @bias_epilogue(%x: !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, %w: !ng.tensor<[C:16, R:5, S:5, K:32], f32>, %b: !ng.tensor<[K:32], f32>) -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32> {
  %0 = ng.convolution %x, %w windows [H:R -> P, W:S -> Q] padding [2, 2] : !ng.tensor<[C:16, H:14, W:14, N:64 batch], f32>, !ng.tensor<[C:16, R:5, S:5, K:32], f32> -> !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  %1 = ng.add %0, %b : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>, !ng.tensor<[K:32], f32>
  %2 = ng.relu %1 : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
  return %2 : !ng.tensor<[K:32, P:14, Q:14, N:64 batch], f32>
}
