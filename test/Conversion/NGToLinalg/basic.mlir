// RUN: ngraph-opt %s --convert-ng-to-linalg --reconcile-unrealized-casts --split-input-file | FileCheck %s

// Broadcasting by axis identity: each operand reads through its projection.
// CHECK-DAG: #[[ID:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG: #[[D1:.*]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func @broadcast_add
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8xf32>) -> tensor<4x8xf32>
// CHECK: %[[E:.*]] = tensor.empty() : tensor<4x8xf32>
// CHECK: linalg.generic {indexing_maps = [#[[ID]], #[[D1]], #[[ID]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[B]] : tensor<4x8xf32>, tensor<8xf32>) outs(%[[E]] : tensor<4x8xf32>)
// CHECK: arith.addf
func.func @broadcast_add(%x: !ng.tensor<[C:4, N:8], f32>, %b: !ng.tensor<[N:8], f32>) -> !ng.tensor<[C:4, N:8], f32> {
  %0 = ng.add %x, %b : !ng.tensor<[C:4, N:8], f32>, !ng.tensor<[N:8], f32>
  return %0 : !ng.tensor<[C:4, N:8], f32>
}

// -----

// A dot is one 2-D matmul C[M, N] = A[M, K] B[K, N] over flattened axes.
// W is laid out [K, M]: the matmul reads it transposed, without a copy.
// CHECK-DAG: #[[A:.*]] = affine_map<(d0, d1, d2) -> (d2, d0)>
// CHECK-DAG: #[[B:.*]] = affine_map<(d0, d1, d2) -> (d2, d1)>
// CHECK-DAG: #[[O:.*]] = affine_map<(d0, d1, d2) -> (d0, d1)>
// CHECK-LABEL: func @dot
// CHECK: %[[F:.*]] = linalg.fill
// CHECK: linalg.matmul indexing_maps = [#[[A]], #[[B]], #[[O]]] ins(%{{.*}}, %{{.*}} : tensor<4x3xf32>, tensor<4x8xf32>) outs(%[[F]] : tensor<3x8xf32>)
func.func @dot(%w: !ng.tensor<[C:4, H:3], f32>, %x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[H:3, N:8 batch], f32> {
  %0 = ng.dot %w, %x : !ng.tensor<[C:4, H:3], f32>, !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[H:3, N:8 batch], f32>
}

// -----

// B laid out [N, K] is read in place through the matmul's maps.
// CHECK-DAG: #[[TB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func @dot_transpose_b
// CHECK-NOT: linalg.generic
// CHECK: linalg.matmul indexing_maps = [#{{.*}}, #[[TB]], #{{.*}}] ins(%{{.*}}, %{{.*}} : tensor<3x4xf32>, tensor<8x4xf32>)
func.func @dot_transpose_b(%w: !ng.tensor<[H:3, C:4], f32>, %x: !ng.tensor<[N:8 batch, C:4], f32>) -> !ng.tensor<[H:3, N:8 batch], f32> {
  %0 = ng.dot %w, %x : !ng.tensor<[H:3, C:4], f32>, !ng.tensor<[N:8 batch, C:4], f32>
  return %0 : !ng.tensor<[H:3, N:8 batch], f32>
}

// -----

// Contracted axes between free ones cannot be flattened in place: that
// operand is permuted to [K..., N...] in compiled code.
// CHECK-LABEL: func @dot_permute
// CHECK: %[[T:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2x4x5xf32>) outs(%{{.*}} : tensor<4x2x5xf32>)
// CHECK: %[[F:.*]] = tensor.collapse_shape %[[T]]
// CHECK: %[[B:.*]] = tensor.expand_shape %[[F]] {{.*}} into tensor<4x10xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %[[B]] : tensor<3x4xf32>, tensor<4x10xf32>)
func.func @dot_permute(%w: !ng.tensor<[H:3, C:4], f32>, %x: !ng.tensor<[A:2, C:4, D:5], f32>) -> !ng.tensor<[H:3, A:2, D:5], f32> {
  %0 = ng.dot %w, %x : !ng.tensor<[H:3, C:4], f32>, !ng.tensor<[A:2, C:4, D:5], f32>
  return %0 : !ng.tensor<[H:3, A:2, D:5], f32>
}

// -----
// Contracting over axes that are not together (an LSTM's stacked gate
// gradients [T, Z, N] against its stacked states [T, H, N], over T and N):
// each operand is permuted to the 2-D order that keeps its innermost axis
// innermost, so the copy moves whole rows. The states become [H, T, N]
// (A as [M, K]), the gradients [Z, T, N] (B read as [N, K]), not [T, N, Z].
// CHECK-DAG: #[[TB:.*]] = affine_map<(d0, d1, d2) -> (d1, d2)>
// CHECK-LABEL: func @dot_keeps_rows
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x3x2xf32>) outs(%{{.*}} : tensor<3x4x2xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}} : tensor<4x5x2xf32>) outs(%{{.*}} : tensor<5x4x2xf32>)
// CHECK: linalg.matmul indexing_maps = [#{{.*}}, #[[TB]], #{{.*}}] ins(%{{.*}}, %{{.*}} : tensor<3x8xf32>, tensor<5x8xf32>)
func.func @dot_keeps_rows(%h: !ng.tensor<[T:4, H:3, N:2], f32>, %dz: !ng.tensor<[T:4, Z:5, N:2], f32>) -> !ng.tensor<[H:3, Z:5], f32> {
  %0 = ng.dot %h, %dz : !ng.tensor<[T:4, H:3, N:2], f32>, !ng.tensor<[T:4, Z:5, N:2], f32>
  return %0 : !ng.tensor<[H:3, Z:5], f32>
}

// -----


// Several free and contracted axes are flattened (metadata only), and a
// full contraction gives a 1x1 matmul collapsed to a scalar.
// CHECK-LABEL: func @dot_flatten
// CHECK: tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2]] : tensor<2x3x4xf32> into tensor<24xf32>
// CHECK: tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [2, 12] : tensor<24xf32> into tensor<2x12xf32>
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<2x12xf32>, tensor<12x5xf32>) outs(%{{.*}} : tensor<2x5xf32>)
// CHECK-LABEL: func @dot_scalar
// CHECK: linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<1x4xf32>, tensor<4x1xf32>) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK: tensor.collapse_shape %{{.*}} [] : tensor<1xf32> into tensor<f32>
func.func @dot_flatten(%a: !ng.tensor<[A:2, B:3, C:4], f32>, %b: !ng.tensor<[B:3, C:4, D:5], f32>) -> !ng.tensor<[A:2, D:5], f32> {
  %0 = ng.dot %a, %b : !ng.tensor<[A:2, B:3, C:4], f32>, !ng.tensor<[B:3, C:4, D:5], f32>
  return %0 : !ng.tensor<[A:2, D:5], f32>
}
func.func @dot_scalar(%a: !ng.tensor<[C:4], f32>, %b: !ng.tensor<[C:4], f32>) -> !ng.tensor<[], f32> {
  %0 = ng.dot %a, %b : !ng.tensor<[C:4], f32>, !ng.tensor<[C:4], f32>
  return %0 : !ng.tensor<[], f32>
}

// -----

// Default reduction keeps the batch axis; max starts from -inf.
// CHECK-LABEL: func @max
// CHECK: arith.constant 0xFF800000 : f32
// CHECK: linalg.generic {{.*}} iterator_types = ["reduction", "parallel"]
// CHECK: arith.maximumf
func.func @max(%x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[N:8 batch], f32> {
  %0 = ng.max %x : !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[N:8 batch], f32>
}

// -----

// CHECK-LABEL: func @argmax
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<8xf32>, tensor<8xi32>)
// CHECK: linalg.index 0
// CHECK: arith.cmpf ogt
func.func @argmax(%x: !ng.tensor<[C:4, N:8 batch], f32>) -> !ng.tensor<[N:8 batch], i32> {
  %0 = ng.argmax %x : !ng.tensor<[C:4, N:8 batch], f32>
  return %0 : !ng.tensor<[N:8 batch], i32>
}

// -----

// Axis ops: reorder is a permutation, cast_axes is free, flatten collapses.
// CHECK-DAG: #[[T:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[I:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @axis_ops
// CHECK-SAME: (%[[X:.*]]: tensor<4x8xf32>)
// CHECK: linalg.generic {indexing_maps = [#[[T]], #[[I]]]
// CHECK: tensor.collapse_shape %[[X]] {{\[}}[0, 1]] : tensor<4x8xf32> into tensor<32xf32>
// CHECK: return %{{.*}}, %[[X]], %{{.*}}
func.func @axis_ops(%x: !ng.tensor<[C:4, N:8], f32>) -> (!ng.tensor<[N:8, C:4], f32>, !ng.tensor<[D:4, M:8], f32>, !ng.tensor<[CN:32], f32>) {
  %0 = ng.reorder %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[N:8, C:4], f32>
  %1 = ng.cast_axes %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[D:4, M:8], f32>
  %2 = ng.flatten %x : !ng.tensor<[C:4, N:8], f32> -> !ng.tensor<[CN:32], f32>
  return %0, %1, %2 : !ng.tensor<[N:8, C:4], f32>, !ng.tensor<[D:4, M:8], f32>, !ng.tensor<[CN:32], f32>
}

// -----

// Composite ops are expanded on the way: softmax subtracts the max.
// CHECK-LABEL: func @softmax
// CHECK: arith.maximumf
// CHECK: arith.subf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK-NOT: ng.
func.func @softmax(%x: !ng.tensor<[K:3, N:8 batch], f32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  %0 = ng.softmax %x : !ng.tensor<[K:3, N:8 batch], f32>
  return %0 : !ng.tensor<[K:3, N:8 batch], f32>
}

// -----

// CHECK-LABEL: func @one_hot
// CHECK: linalg.index 0
// CHECK: arith.cmpi eq
// CHECK: arith.select
func.func @one_hot(%l: !ng.tensor<[N:8 batch], i32>) -> !ng.tensor<[K:3, N:8 batch], f32> {
  %0 = ng.one_hot %l : !ng.tensor<[N:8 batch], i32> -> !ng.tensor<[K:3, N:8 batch], f32>
  return %0 : !ng.tensor<[K:3, N:8 batch], f32>
}

// -----

// With nothing to contract, dot is a plain product that does not read its
// init (a generic reading its init would be mis-fused by elementwise fusion).
// CHECK-LABEL: func @outer
// CHECK: %[[E:.*]] = tensor.empty() : tensor<3x4xf32>
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {{.*}} outs(%[[E]] : tensor<3x4xf32>)
// CHECK: arith.mulf
// CHECK-NOT: arith.addf
// CHECK: linalg.yield
func.func @outer(%a: !ng.tensor<[A:3], f32>, %b: !ng.tensor<[B:4], f32>) -> !ng.tensor<[A:3, B:4], f32> {
  %0 = ng.dot %a, %b : !ng.tensor<[A:3], f32>, !ng.tensor<[B:4], f32>
  return %0 : !ng.tensor<[A:3, B:4], f32>
}

// -----

// A reduction over no axes is a copy in the result's order.
// CHECK-DAG: #[[T:.*]] = affine_map<(d0, d1) -> (d1, d0)>
// CHECK-DAG: #[[I:.*]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-LABEL: func @reduce_nothing
// CHECK-NOT: linalg.fill
// CHECK: linalg.generic {indexing_maps = [#[[T]], #[[I]]], iterator_types = ["parallel", "parallel"]}
func.func @reduce_nothing(%a: !ng.tensor<[A:3, B:4], f32>) -> !ng.tensor<[B:4, A:3], f32> {
  %0 = ng.sum %a out [B, A] : !ng.tensor<[A:3, B:4], f32>
  return %0 : !ng.tensor<[B:4, A:3], f32>
}
