// RUN: ngraph-opt %s --ng-accumulate-contractions --split-input-file | FileCheck %s

#id = affine_map<(i, j) -> (i, j)>

// An SGD step w - lr * (A B): the product accumulates into w, the scale
// -lr goes into a copy of B (the smaller operand), and the zero fill, the
// product and the elementwise op are gone.
// CHECK-LABEL: func @sgd
// CHECK-SAME: (%[[W:.*]]: tensor<64x32xf32>, %[[A:.*]]: tensor<64x128xf32>, %[[B:.*]]: tensor<128x32xf32>)
// CHECK: %[[LR:.*]] = arith.constant 0.00999
// CHECK: %[[SB:.*]] = linalg.generic {{.*}} ins(%[[B]] : tensor<128x32xf32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[LR]]
// CHECK-NEXT: %[[N:.*]] = arith.negf %[[M]]
// CHECK-NEXT: linalg.yield %[[N]]
// CHECK: %[[R:.*]] = linalg.matmul ins(%[[A]], %[[SB]] : {{.*}}) outs(%[[W]] : tensor<64x32xf32>)
// CHECK-NOT: linalg.fill
// CHECK-NOT: linalg.generic
// CHECK: return %[[R]]
func.func @sgd(%w: tensor<64x32xf32>, %a: tensor<64x128xf32>, %b: tensor<128x32xf32>) -> tensor<64x32xf32> {
  %zero = arith.constant 0.0 : f32
  %lr = arith.constant 0.01 : f32
  %e = tensor.empty() : tensor<64x32xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<64x32xf32>) -> tensor<64x32xf32>
  %d = linalg.matmul ins(%a, %b : tensor<64x128xf32>, tensor<128x32xf32>) outs(%f : tensor<64x32xf32>) -> tensor<64x32xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%w, %d : tensor<64x32xf32>, tensor<64x32xf32>) outs(%e : tensor<64x32xf32>) {
  ^bb0(%x: f32, %g: f32, %o: f32):
    %m = arith.mulf %g, %lr : f32
    %s = arith.subf %x, %m : f32
    linalg.yield %s : f32
  } -> tensor<64x32xf32>
  return %r : tensor<64x32xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// A residual add d + x (either order): no scaling, no copy. The
// contraction keeps its own indexing maps (A read transposed).
// CHECK-LABEL: func @residual
// CHECK-SAME: (%[[X:.*]]: tensor<16x8xf32>, %[[A:.*]]: tensor<4x16xf32>, %[[B:.*]]: tensor<4x8xf32>)
// CHECK-NOT: linalg.generic
// CHECK: %[[R:.*]] = linalg.matmul indexing_maps = {{.*}} ins(%[[A]], %[[B]] : {{.*}}) outs(%[[X]] : tensor<16x8xf32>)
// CHECK: return %[[R]]
func.func @residual(%x: tensor<16x8xf32>, %a: tensor<4x16xf32>, %b: tensor<4x8xf32>) -> tensor<16x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<16x8xf32>) -> tensor<16x8xf32>
  %d = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%a, %b : tensor<4x16xf32>, tensor<4x8xf32>) outs(%f : tensor<16x8xf32>) -> tensor<16x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%d, %x : tensor<16x8xf32>, tensor<16x8xf32>) outs(%e : tensor<16x8xf32>) {
  ^bb0(%g: f32, %v: f32, %o: f32):
    %s = arith.addf %g, %v : f32
    linalg.yield %s : f32
  } -> tensor<16x8xf32>
  return %r : tensor<16x8xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// The learning rate as a scalar input (a placeholder), multiplied on the
// left, and added: the copy of A (the smaller operand here) reads it.
// CHECK-LABEL: func @scalar_input
// CHECK-SAME: (%[[W:.*]]: tensor<32x64xf32>, %[[A:.*]]: tensor<32x8xf32>, %[[B:.*]]: tensor<8x64xf32>, %[[LR:.*]]: tensor<f32>)
// CHECK: %[[SA:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #[[SCALAR:.*]], #{{.*}}]{{.*}} ins(%[[A]], %[[LR]] : tensor<32x8xf32>, tensor<f32>)
// CHECK-NEXT: ^bb0(%[[X:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT: %[[M:.*]] = arith.mulf %[[X]], %[[S]]
// CHECK-NEXT: linalg.yield %[[M]]
// CHECK: linalg.matmul ins(%[[SA]], %[[B]] : {{.*}}) outs(%[[W]] : tensor<32x64xf32>)
func.func @scalar_input(%w: tensor<32x64xf32>, %a: tensor<32x8xf32>, %b: tensor<8x64xf32>, %lr: tensor<f32>) -> tensor<32x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x64xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<32x64xf32>) -> tensor<32x64xf32>
  %d = linalg.matmul ins(%a, %b : tensor<32x8xf32>, tensor<8x64xf32>) outs(%f : tensor<32x64xf32>) -> tensor<32x64xf32>
  %r = linalg.generic {indexing_maps = [#id, affine_map<(i, j) -> ()>, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%w, %lr, %d : tensor<32x64xf32>, tensor<f32>, tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) {
  ^bb0(%x: f32, %s: f32, %g: f32, %o: f32):
    %m = arith.mulf %s, %g : f32
    %a2 = arith.addf %x, %m : f32
    linalg.yield %a2 : f32
  } -> tensor<32x64xf32>
  return %r : tensor<32x64xf32>
}

// -----

#id = affine_map<(i, j) -> (i, j)>

// Left alone: the product is also returned (accumulating would lose it),
// d - x subtracts x, not the product, a body that computes more than
// x + s d, a contraction that starts from 1, and a scale that varies per
// element.
// CHECK-LABEL: func @left_alone
// CHECK-SAME: (%[[X:.*]]: tensor<8x8xf32>,
// CHECK: %[[F0:.*]] = linalg.fill ins(%cst :
// CHECK: %[[F1:.*]] = linalg.fill ins(%cst_0 :
// CHECK: linalg.matmul {{.*}} outs(%[[F0]] :
// CHECK-NEXT: linalg.generic {{.*}} ins(%[[X]], %{{.*}} :
// CHECK: linalg.matmul {{.*}} outs(%[[F0]] :
// CHECK-NEXT: linalg.generic
// CHECK: arith.subf
// CHECK: linalg.matmul {{.*}} outs(%[[F0]] :
// CHECK-NEXT: linalg.generic
// CHECK: math.tanh
// CHECK: linalg.matmul {{.*}} outs(%[[F1]] :
// CHECK-NEXT: linalg.generic
// CHECK: linalg.matmul {{.*}} outs(%[[F0]] :
// CHECK-NEXT: linalg.generic
// CHECK-NOT: linalg.matmul
func.func @left_alone(%x: tensor<8x8xf32>, %a: tensor<8x4xf32>, %b: tensor<4x8xf32>) -> (tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %f1 = linalg.fill ins(%one : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %d0 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r0 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %d0 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%v: f32, %g: f32, %o: f32):
    %s = arith.addf %v, %g : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  %d1 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r1 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%d1, %x : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%g: f32, %v: f32, %o: f32):
    %s = arith.subf %g, %v : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  %d2 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r2 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %d2 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%v: f32, %g: f32, %o: f32):
    %s = arith.addf %v, %g : f32
    %t = math.tanh %s : f32
    linalg.yield %t : f32
  } -> tensor<8x8xf32>
  %d3 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f1 : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r3 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %d3 : tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%v: f32, %g: f32, %o: f32):
    %s = arith.addf %v, %g : f32
    linalg.yield %s : f32
  } -> tensor<8x8xf32>
  %d4 = linalg.matmul ins(%a, %b : tensor<8x4xf32>, tensor<4x8xf32>) outs(%f : tensor<8x8xf32>) -> tensor<8x8xf32>
  %r4 = linalg.generic {indexing_maps = [#id, #id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %x, %d4 : tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%v: f32, %s: f32, %g: f32, %o: f32):
    %m = arith.mulf %g, %s : f32
    %a2 = arith.addf %v, %m : f32
    linalg.yield %a2 : f32
  } -> tensor<8x8xf32>
  return %d0, %r0, %r1, %r2, %r3, %r4 : tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>
}
