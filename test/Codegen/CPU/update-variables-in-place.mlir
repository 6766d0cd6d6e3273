// RUN: ngraph-opt %s --ng-update-variables-in-place --split-input-file | FileCheck %s

// The SGD update of a weight writes the weight's own (now writable) view,
// reading the old value through its output, and moves down to the store,
// after the other reads of the weight: bufferization then updates the
// global in place.
// CHECK-LABEL: func @sgd
// CHECK: %[[M:.*]] = memref.get_global @w
// CHECK: %[[W:.*]] = bufferization.to_tensor %[[M]] restrict writable
// CHECK: %[[READ:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<64xf32>)
// CHECK: %[[NEW:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<64xf32>) outs(%[[W]] : tensor<64xf32>)
// CHECK-NEXT: ^bb0(%[[DW:.*]]: f32, %[[OLD:.*]]: f32):
// CHECK: arith.subf %[[OLD]], %{{.*}} : f32
// CHECK: bufferization.materialize_in_destination %[[NEW]] in restrict writable
memref.global "private" @w : memref<64xf32> = dense<1.0>
func.func @sgd(%dw: tensor<64xf32>) -> tensor<64xf32> {
  %m = memref.get_global @w : memref<64xf32>
  %w = bufferization.to_tensor %m restrict : memref<64xf32> to tensor<64xf32>
  %lr = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<64xf32>
  %new = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%w, %dw : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %g: f32, %o: f32):
    %s = arith.mulf %g, %lr : f32
    %d = arith.subf %a, %s : f32
    linalg.yield %d : f32
  } -> tensor<64xf32>
  // Written after the update: a read of the old weight (an earlier
  // layer's gradient).
  %e2 = tensor.empty() : tensor<64xf32>
  %read = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%w : tensor<64xf32>) outs(%e2 : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.mulf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %m2 = memref.get_global @w : memref<64xf32>
  bufferization.materialize_in_destination %new in restrict writable %m2 : (tensor<64xf32>, memref<64xf32>) -> ()
  return %read : tensor<64xf32>
}

// -----

// A new value used before the store (here by another computation on it)
// stays where it is, computed into its own tensor.
// CHECK-LABEL: func @used_before_store
// CHECK: bufferization.to_tensor %{{.*}} restrict :
// CHECK: outs(%{{.*}} : tensor<64xf32>)
// CHECK-NOT: writable :
memref.global "private" @v : memref<64xf32> = dense<1.0>
func.func @used_before_store(%dv: tensor<64xf32>) -> tensor<64xf32> {
  %m = memref.get_global @v : memref<64xf32>
  %v = bufferization.to_tensor %m restrict : memref<64xf32> to tensor<64xf32>
  %e = tensor.empty() : tensor<64xf32>
  %new = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%v, %dv : tensor<64xf32>, tensor<64xf32>) outs(%e : tensor<64xf32>) {
  ^bb0(%a: f32, %g: f32, %o: f32):
    %d = arith.subf %a, %g : f32
    linalg.yield %d : f32
  } -> tensor<64xf32>
  %e2 = tensor.empty() : tensor<64xf32>
  %twice = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>], iterator_types = ["parallel"]} ins(%new : tensor<64xf32>) outs(%e2 : tensor<64xf32>) {
  ^bb0(%a: f32, %o: f32):
    %s = arith.addf %a, %a : f32
    linalg.yield %s : f32
  } -> tensor<64xf32>
  %m2 = memref.get_global @v : memref<64xf32>
  bufferization.materialize_in_destination %new in restrict writable %m2 : (tensor<64xf32>, memref<64xf32>) -> ()
  return %twice : tensor<64xf32>
}

// -----

// A contraction that accumulates into the weight itself (after
// ng-accumulate-contractions, w += A (-lr B)): its output already is the
// weight's view, which becomes writable, and it moves down to the store,
// after the read of the old weight written below it.
// CHECK-LABEL: func @accumulated
// CHECK: %[[W:.*]] = bufferization.to_tensor %{{.*}} restrict writable
// CHECK: %[[READ:.*]] = linalg.generic {{.*}} ins(%[[W]] : tensor<8x16xf32>)
// CHECK: %[[NEW:.*]] = linalg.matmul ins(%{{.*}}, %{{.*}} : tensor<8x4xf32>, tensor<4x16xf32>) outs(%[[W]] : tensor<8x16xf32>)
// CHECK-NEXT: bufferization.materialize_in_destination %[[NEW]] in restrict writable
memref.global "private" @u : memref<8x16xf32> = dense<1.0>
func.func @accumulated(%a: tensor<8x4xf32>, %b: tensor<4x16xf32>) -> tensor<8x16xf32> {
  %m = memref.get_global @u : memref<8x16xf32>
  %w = bufferization.to_tensor %m restrict : memref<8x16xf32> to tensor<8x16xf32>
  %new = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x16xf32>) outs(%w : tensor<8x16xf32>) -> tensor<8x16xf32>
  %e = tensor.empty() : tensor<8x16xf32>
  %read = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%w : tensor<8x16xf32>) outs(%e : tensor<8x16xf32>) {
  ^bb0(%x: f32, %o: f32):
    %s = arith.mulf %x, %x : f32
    linalg.yield %s : f32
  } -> tensor<8x16xf32>
  %m2 = memref.get_global @u : memref<8x16xf32>
  bufferization.materialize_in_destination %new in restrict writable %m2 : (tensor<8x16xf32>, memref<8x16xf32>) -> ()
  return %read : tensor<8x16xf32>
}
