// RUN: env NGRAPH_VECTOR_BITS=256 ngraph-opt %s --ng-schedule-linalg="register-m=6 register-n=16" --canonicalize --split-input-file | FileCheck %s
// RUN: env NGRAPH_VECTOR_BITS=256 ngraph-opt %s --ng-schedule-linalg="register-m=6 register-n=16 threads=2" --canonicalize --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: env NGRAPH_VECTOR_BITS=256 ngraph-opt %s --ng-schedule-linalg="register-m=6 register-n=16 unroll-k=1" --canonicalize --split-input-file | FileCheck %s --check-prefix=NOUNROLL

// A large contraction reads packed copies of A [M/6, K, 6] and B [N/16, K, 16]
// (M = 100 is zero-padded to 102) and runs a 6x16 register tile of outer
// products along K, its accumulator carried in registers through the K loop,
// which is unrolled by 4. The packed C is [N/16, M/6, 6, 16]: register tiles
// along M are adjacent.
// CHECK-LABEL: func @packed
// CHECK-DAG: tensor.empty() : tensor<17x128x6xf32>
// CHECK-DAG: tensor.empty() : tensor<8x128x16xf32>
// CHECK-DAG: tensor.empty() : tensor<8x17x6x16xf32>
// CHECK-DAG: tensor.pad
// CHECK: scf.for
// CHECK: %[[ACC:.*]] = vector.transfer_read {{.*}} vector<6x16xf32>
// CHECK: scf.for {{.*}} step %c4 iter_args(%{{.*}} = %[[ACC]]) -> (vector<6x16xf32>)
// CHECK-COUNT-4: vector.contract {{.*}} : vector<1x6xf32>, vector<1x16xf32> into vector<6x16xf32>
// CHECK-NOT: vector.contract
// CHECK: scf.yield
// NOUNROLL-LABEL: func @packed
// NOUNROLL: scf.for {{.*}} step %c1 iter_args(%{{.*}}) -> (vector<6x16xf32>)
// NOUNROLL-NEXT: vector.transfer_read
// NOUNROLL-NEXT: vector.transfer_read
// NOUNROLL-NEXT: vector.broadcast
// NOUNROLL-NEXT: vector.broadcast
// NOUNROLL-NEXT: vector.contract
// NOUNROLL-NEXT: scf.yield
// THREADS-LABEL: func @packed
// THREADS: scf.forall
// THREADS: vector.contract
func.func @packed(%a: tensor<100x128xf32>, %b: tensor<128x128xf32>) -> tensor<100x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<100x128xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<100x128xf32>) -> tensor<100x128xf32>
  %r = linalg.matmul ins(%a, %b : tensor<100x128xf32>, tensor<128x128xf32>) outs(%c : tensor<100x128xf32>) -> tensor<100x128xf32>
  return %r : tensor<100x128xf32>
}

// -----

// A small one is tiled in place with tiles that divide the shape (6 rows of
// 12, 16 columns of 32), one K step each, without packing.
// CHECK-LABEL: func @small
// CHECK-NOT: tensor.pad
// CHECK: vector.contract {{.*}} : vector<6x1xf32>, vector<1x16xf32> into vector<6x16xf32>
func.func @small(%a: tensor<12x8xf32>, %b: tensor<8x32xf32>) -> tensor<12x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<12x32xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<12x32xf32>) -> tensor<12x32xf32>
  %r = linalg.matmul ins(%a, %b : tensor<12x8xf32>, tensor<8x32xf32>) outs(%c : tensor<12x32xf32>) -> tensor<12x32xf32>
  return %r : tensor<12x32xf32>
}

// -----

// Elementwise ops are vectorized one host vector (8 x f32) at a time.
// CHECK-LABEL: func @elementwise
// CHECK: scf.for
// CHECK: math.exp %{{.*}} : vector<8xf32>
func.func @elementwise(%x: tensor<4x64xf32>) -> tensor<4x64xf32> {
  %e = tensor.empty() : tensor<4x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = math.exp %in : f32
    linalg.yield %y : f32
  } -> tensor<4x64xf32>
  return %r : tensor<4x64xf32>
}

// -----

// A reduction along the innermost axis (a loss summed over the batch) runs
// over each row in chunks of four host vectors (32 floats with AVX2); the
// fused math works on vectors and each chunk ends in one reduction into the
// accumulator, which stays in a register across the chunks.
// CHECK-LABEL: func @inner_reduction
// CHECK: scf.for %{{.*}} = %c0 to %c128 step %c32 iter_args(%[[ACC:.*]] = %{{.*}}) -> (vector<f32>)
// CHECK: %[[A:.*]] = vector.extract %[[ACC]][] : f32 from vector<f32>
// CHECK: math.log {{.*}} : vector<32xf32>
// CHECK: vector.multi_reduction <add>, %{{.*}}, %[[A]] [0, 1] : vector<1x32xf32> to f32
// A length that is not a multiple of the vector width stays a scalar loop.
// CHECK-LABEL: func @inner_reduction_odd
// CHECK-NOT: vector.multi_reduction
// CHECK: linalg.generic
func.func @inner_reduction(%x: tensor<1x128xf32>) -> tensor<f32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> ()>],
                       iterator_types = ["reduction", "reduction"]}
      ins(%x : tensor<1x128xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %acc: f32):
    %l = math.log %a : f32
    %s = arith.addf %acc, %l : f32
    linalg.yield %s : f32
  } -> tensor<f32>
  return %r : tensor<f32>
}

func.func @inner_reduction_odd(%x: tensor<3x359xf32>) -> tensor<3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<3xf32>) -> tensor<3xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%x : tensor<3x359xf32>) outs(%init : tensor<3xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %acc, %a : f32
    linalg.yield %s : f32
  } -> tensor<3xf32>
  return %r : tensor<3xf32>
}
