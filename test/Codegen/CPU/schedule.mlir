// RUN: ngraph-opt %s --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-schedule --canonicalize --split-input-file | FileCheck %s
// RUN: ngraph-opt %s --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-schedule="threads=2" --canonicalize --split-input-file | FileCheck %s --check-prefix=THREADS
// RUN: ngraph-opt %s --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-schedule="unroll-k=1" --canonicalize --split-input-file | FileCheck %s --check-prefix=NOUNROLL

// A large contraction reads packed copies of A [K/cK, M/6, cK, 6] and B
// [K/cK, N/16, cK, 16] and runs a 6x16 register tile of outer products along
// K, its accumulator carried in registers through the K loop, which is
// unrolled by 4. The accumulators start at zero; after the loop the tile of
// C, read and written in place as [M/6, 6, N/16, 16], gets them added. The 4
// rows left below the 96 of full tiles (M = 100) take the same path with a
// 4x16 register tile; nothing is padded.
// CHECK-LABEL: func @packed
// CHECK-NOT: tensor.pad
// CHECK-DAG: tensor.empty() : tensor<1x8x128x16xf32>
// CHECK-DAG: tensor.empty() : tensor<1x16x128x6xf32>
// CHECK: %[[C4:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0, 1], [2, 3]] output_shape [16, 6, 8, 16] : tensor<96x128xf32> into tensor<16x6x8x16xf32>
// CHECK: scf.for {{.*}} iter_args(%{{.*}} = %[[C4]])
// CHECK: %[[SUMS:.*]] = scf.for {{.*}} step %c4 iter_args(%{{.*}} = %[[ZERO:.*]]) -> (vector<6x1x16xf32>)
// CHECK-COUNT-4: vector.contract {{.*}} : vector<1x6xf32>, vector<1x1x16xf32> into vector<6x1x16xf32>
// CHECK-NOT: vector.contract
// CHECK: scf.yield
// CHECK: %[[OLD:.*]] = vector.transfer_read {{.*}} vector<6x1x16xf32>
// CHECK: %[[NEW:.*]] = arith.addf %[[OLD]], %[[SUMS]] : vector<6x1x16xf32>
// CHECK: vector.transfer_write %[[NEW]]
// CHECK: tensor.collapse_shape {{.*}} into tensor<96x128xf32>
// CHECK: tensor.empty() : tensor<1x1x128x4xf32>
// CHECK: tensor.expand_shape {{.*}} output_shape [1, 4, 8, 16] : tensor<4x128xf32> into tensor<1x4x8x16xf32>
// CHECK: vector.contract {{.*}} : vector<1x4xf32>, vector<1x1x16xf32> into vector<4x1x16xf32>
// NOUNROLL-LABEL: func @packed
// NOUNROLL: scf.for {{.*}} step %c1 iter_args(%{{.*}}) -> (vector<6x1x16xf32>)
// NOUNROLL: vector.contract
// NOUNROLL-NOT: vector.contract
// NOUNROLL: scf.yield
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

// Accumulating into a tensor (ng-accumulate-contractions: w += A B) takes
// the packed path too: C's tiles are that tensor's, read and written in
// place; no fill.
// CHECK-LABEL: func @packed_accumulate
// CHECK-SAME: tensor<128x128xf32>, %[[W:[^:]*]]: tensor<96x128xf32>)
// CHECK-NOT: linalg.fill
// CHECK-DAG: tensor.empty() : tensor<1x8x128x16xf32>
// CHECK-DAG: tensor.empty() : tensor<1x16x128x6xf32>
// CHECK: tensor.expand_shape %[[W]] {{\[\[}}0, 1], [2, 3]] output_shape [16, 6, 8, 16]
// CHECK: vector.contract
func.func @packed_accumulate(%a: tensor<96x128xf32>, %b: tensor<128x128xf32>, %w: tensor<96x128xf32>) -> tensor<96x128xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<96x128xf32>, tensor<128x128xf32>) outs(%w : tensor<96x128xf32>) -> tensor<96x128xf32>
  return %r : tensor<96x128xf32>
}

// -----

// C[256, 10] = A[256, 64] B[10, 64]^T: rows of 10 would be vectors of 8 +
// 2 lanes, so C^T[10, 256] = B A^T is computed (5 x 16 register tiles,
// full vectors along 256, A read from a [64, 256] copy), then transposed
// into C.
// CHECK-LABEL: func @transposed(
// CHECK-DAG: tensor.empty() : tensor<10x256xf32>
// CHECK-DAG: tensor.empty() : tensor<64x256xf32>
// CHECK: scf.for {{.*}} -> (vector<5x16xf32>)
// CHECK: vector.contract {{.*}} into vector<5x16xf32>
// CHECK: %[[C:.*]] = tensor.empty() : tensor<256x10xf32>
// CHECK: %[[T:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[C]]) -> (tensor<256x10xf32>)
// CHECK: vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<10x256xf32>, vector<8x10xf32>
// CHECK: return %[[T]]
func.func @transposed(%a: tensor<256x64xf32>, %b: tensor<10x64xf32>) -> tensor<256x10xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<256x10xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<256x10xf32>) -> tensor<256x10xf32>
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%a, %b : tensor<256x64xf32>, tensor<10x64xf32>) outs(%c : tensor<256x10xf32>) -> tensor<256x10xf32>
  return %r : tensor<256x10xf32>
}

// -----

// The same accumulated into W (an SGD step on an output layer's weight):
// C^T from zero, then added to W read and written in place.
// CHECK-LABEL: func @transposed_accumulate(
// CHECK-SAME: %[[W:[^:]*]]: tensor<256x10xf32>)
// CHECK: vector.contract {{.*}} into vector<5x16xf32>
// CHECK: %[[R:.*]] = scf.for {{.*}} iter_args(%{{.*}} = %[[W]]) -> (tensor<256x10xf32>)
// CHECK: arith.addf
// CHECK: return %[[R]]
func.func @transposed_accumulate(%a: tensor<256x64xf32>, %b: tensor<10x64xf32>, %w: tensor<256x10xf32>) -> tensor<256x10xf32> {
  %r = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
         ins(%a, %b : tensor<256x64xf32>, tensor<10x64xf32>) outs(%w : tensor<256x10xf32>) -> tensor<256x10xf32>
  return %r : tensor<256x10xf32>
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

// A recurrence's step (its loop marked by convert-ng-to-linalg) is
// vectorized like the function's own ops; an op in any other loop is left
// alone.
// CHECK-LABEL: func @recurrence_step
// CHECK: scf.for
// CHECK: math.exp %{{.*}} : vector<8xf32>
// CHECK: } {ng.recurrence_loop}
// CHECK: scf.for
// CHECK: linalg.generic
// CHECK-NOT: vector<8xf32>
// CHECK: return
func.func @recurrence_step(%x: tensor<4x64xf32>) -> (tensor<4x64xf32>, tensor<4x64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %r = scf.for %i = %c0 to %c3 step %c1 iter_args(%h = %x) -> (tensor<4x64xf32>) {
    %e = tensor.empty() : tensor<4x64xf32>
    %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %y = math.exp %in : f32
      linalg.yield %y : f32
    } -> tensor<4x64xf32>
    scf.yield %n : tensor<4x64xf32>
  } {ng.recurrence_loop}
  %s = scf.for %i = %c0 to %c3 step %c1 iter_args(%h = %x) -> (tensor<4x64xf32>) {
    %e = tensor.empty() : tensor<4x64xf32>
    %n = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%h : tensor<4x64xf32>) outs(%e : tensor<4x64xf32>) {
    ^bb0(%in: f32, %out: f32):
      %y = math.exp %in : f32
      linalg.yield %y : f32
    } -> tensor<4x64xf32>
    scf.yield %n : tensor<4x64xf32>
  }
  return %r, %s : tensor<4x64xf32>, tensor<4x64xf32>
}

// -----

// A reduction along the innermost axis (a loss summed over the batch) runs
// over each row in chunks of four host vectors (32 floats with AVX2); the
// fused math works on vectors and each chunk ends in one reduction into the
// accumulator, which stays in a register across the chunks.
// The weights a recurrence step multiplies by do not change between steps:
// their packs (1020 rows in 6-row panels, then the 4 left over) are built
// once before the loop, which packs only the step's state.
// CHECK-LABEL: func @step_weights
// CHECK-SAME: (%[[W:[^:]*]]: tensor<1024x256xf32>
// CHECK: tensor.extract_slice %[[W]][0, 0] [1020, 256]
// CHECK: tensor.extract_slice %[[W]][1020, 0] [4, 256]
// CHECK: scf.for %{{.*}} = %c0 to %c64
// CHECK-NOT: %[[W]]
// CHECK: return
func.func @step_weights(%w: tensor<1024x256xf32>, %h0: tensor<256x32xf32>, %c: tensor<1024x32xf32>) -> tensor<256x32xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %r = scf.for %i = %c0 to %c64 step %c1 iter_args(%h = %h0) -> (tensor<256x32xf32>) {
    %p = linalg.matmul ins(%w, %h : tensor<1024x256xf32>, tensor<256x32xf32>) outs(%c : tensor<1024x32xf32>) -> tensor<1024x32xf32>
    %n = tensor.extract_slice %p[0, 0] [256, 32] [1, 1] : tensor<1024x32xf32> to tensor<256x32xf32>
    scf.yield %n : tensor<256x32xf32>
  }
  return %r : tensor<256x32xf32>
}

// -----

// Two products that read one operand the same way (an LSTM's two weight
// gradients and its stacked gate gradients) share its pack.
// CHECK-LABEL: func @shared_b
// CHECK-SAME: %[[B:[^:]*]]: tensor<2048x1024xf32>
// CHECK: tensor.expand_shape %[[B]]
// CHECK-NOT: tensor.expand_shape %[[B]]
// CHECK: return
func.func @shared_b(%a1: tensor<256x2048xf32>, %a2: tensor<256x2048xf32>, %b: tensor<2048x1024xf32>, %c1: tensor<256x1024xf32>, %c2: tensor<256x1024xf32>) -> (tensor<256x1024xf32>, tensor<256x1024xf32>) {
  %p = linalg.matmul ins(%a1, %b : tensor<256x2048xf32>, tensor<2048x1024xf32>) outs(%c1 : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  %q = linalg.matmul ins(%a2, %b : tensor<256x2048xf32>, tensor<2048x1024xf32>) outs(%c2 : tensor<256x1024xf32>) -> tensor<256x1024xf32>
  return %p, %q : tensor<256x1024xf32>, tensor<256x1024xf32>
}

// -----

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

// -----

// An elementwise op reading an operand transposed goes in 8x8 blocks: the
// transposed operand is read 8 whole vectors along its own rows (a
// transfer_read with a permutation map, lowered to a register transpose),
// not one element per row.
// CHECK-LABEL: func @transposed_input
// CHECK: scf.for %{{.*}} = %c0 to %c32 step %c8
// CHECK: scf.for %{{.*}} = %c0 to %c64 step %c8
// CHECK: vector.transfer_read %arg0{{.*}} permutation_map = #{{.*}}} : tensor<64x32xf32>, vector<8x8xf32>
// CHECK: arith.addf {{.*}} : vector<8x8xf32>
func.func @transposed_input(%x: tensor<64x32xf32>, %y: tensor<32x64xf32>) -> tensor<32x64xf32> {
  %e = tensor.empty() : tensor<32x64xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x, %y : tensor<64x32xf32>, tensor<32x64xf32>) outs(%e : tensor<32x64xf32>) {
  ^bb0(%a: f32, %b: f32, %out: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<32x64xf32>
  return %r : tensor<32x64xf32>
}

// -----

// A block move (rows of 16 keep their place; as when B is packed) walks the
// input's outer dimension 8 rows at a time outside the output's: reads are
// 8 sequential streams, not one 64-byte run per input row.
// CHECK-LABEL: func @block_move
// CHECK: scf.for %[[K:.*]] = %c0 to %c256 step %c8
// CHECK: scf.for %[[N:.*]] = %c0 to %c8 step %c1
// CHECK: scf.for %[[K0:.*]] = %c0 to %c8 step %c1
// CHECK: %[[ROW:.*]] = affine.apply #{{.*}}()[%[[K]], %[[K0]]]
// CHECK: vector.transfer_read %arg0[%[[ROW]], %[[N]], %c0]{{.*}} vector<16xf32>
func.func @block_move(%x: tensor<256x8x16xf32>) -> tensor<8x256x16xf32> {
  %e = tensor.empty() : tensor<8x256x16xf32>
  %r = linalg.transpose ins(%x : tensor<256x8x16xf32>) outs(%e : tensor<8x256x16xf32>) permutation = [1, 0, 2]
  return %r : tensor<8x256x16xf32>
}
