// RUN: ngraph-opt %s --ng-cpu-set-target=target=x86-64-v3 --ng-lower-vector-ops | FileCheck %s --check-prefixes=CHECK,AVX2
// RUN: ngraph-opt %s --ng-cpu-set-target=target=x86-64 --ng-lower-vector-ops | FileCheck %s --check-prefixes=CHECK,SSE

// A one-row reduction becomes one vector.reduction of the flattened row
// (LLVM reduces it as a tree), not 32 scalar adds.
// CHECK-LABEL: func @row
// CHECK: %[[FLAT:.*]] = vector.extract %{{.*}}[0] : vector<32xf32> from vector<1x32xf32>
// CHECK: vector.reduction <add>, %[[FLAT]], %{{.*}} : vector<32xf32> into f32
// CHECK-NOT: vector.multi_reduction
func.func @row(%v: vector<1x32xf32>, %acc: f32) -> f32 {
  %r = vector.multi_reduction <add>, %v, %acc [0, 1] : vector<1x32xf32> to f32
  return %r : f32
}

// A kept unit dimension: the accumulator's one element goes in and out.
// CHECK-LABEL: func @row_kept
// CHECK: %[[A:.*]] = vector.extract %{{.*}}[0] : f32 from vector<1xf32>
// CHECK: %[[R:.*]] = vector.reduction <maxnumf>, %{{.*}}, %[[A]] : vector<16xf32> into f32
// CHECK: vector.broadcast %[[R]] : f32 to vector<1xf32>
func.func @row_kept(%v: vector<1x16xf32>, %acc: vector<1xf32>) -> vector<1xf32> {
  %r = vector.multi_reduction <maxnumf>, %v, %acc [1] : vector<1x16xf32> to vector<1xf32>
  return %r : vector<1xf32>
}

// Reductions over outer axes (several rows kept) stay elementwise vector
// adds across the rows.
// CHECK-LABEL: func @columns
// CHECK-NOT: vector.reduction
// CHECK: arith.addf {{.*}} : vector<8xf32>
func.func @columns(%v: vector<4x8xf32>, %acc: vector<8xf32>) -> vector<8xf32> {
  %r = vector.multi_reduction <add>, %v, %acc [0] : vector<4x8xf32> to vector<8xf32>
  return %r : vector<8xf32>
}

// An 8x8 f32 transpose (a block of a transposed operand) takes AVX2's
// unpack/shuffle/blend sequence: 8 rows in, 8 rows out, 24 instructions;
// without AVX2 it moves the 64 elements one by one.
// CHECK-LABEL: func @transpose8x8
// AVX2-COUNT-8: llvm.inline_asm
// AVX2-NOT: vector.extract {{.*}} : f32 from
// SSE-COUNT-64: vector.extract {{.*}} : f32 from vector<8x8xf32>
func.func @transpose8x8(%v: vector<8x8xf32>) -> vector<8x8xf32> {
  %t = vector.transpose %v, [1, 0] : vector<8x8xf32> to vector<8x8xf32>
  return %t : vector<8x8xf32>
}

// A 6x8 block (packing A for a 6-row register tile) is padded to 8x8 with
// zero rows and takes the same AVX2 sequence; the first 6 lanes of each of
// the 8 result rows are kept. No element is moved on its own.
// CHECK-LABEL: func @transpose6x8
// AVX2-COUNT-8: llvm.inline_asm
// AVX2: vector.extract_strided_slice {{.*}} {offsets = [0, 0], sizes = [8, 6], strides = [1, 1]} : vector<8x8xf32> to vector<8x6xf32>
// AVX2-NOT: vector.extract {{.*}} : f32 from
// SSE-COUNT-48: vector.extract {{.*}} : f32 from vector<6x8xf32>
func.func @transpose6x8(%v: vector<6x8xf32>) -> vector<8x6xf32> {
  %t = vector.transpose %v, [1, 0] : vector<6x8xf32> to vector<8x6xf32>
  return %t : vector<8x6xf32>
}

// A block read transposed from a memref whose rows run along its innermost
// dimension (packed A: [M/6, 6, K/cK, cK] read as k x m) is read as 6
// rows along that dimension and transposed in registers, not element by
// element.
// CHECK-LABEL: func @transposed_read
// CHECK: %[[ROWS:.*]] = vector.transfer_read %{{.*}} {in_bounds = [true, true], permutation_map = #{{.*}}} : memref<2x6x4x256xf32>, vector<6x8xf32>
// CHECK-NOT: vector.transfer_read
func.func @transposed_read(%m: memref<2x6x4x256xf32>, %i: index, %k: index) -> vector<8x6xf32> {
  %c0 = arith.constant 0 : index
  %p = ub.poison : f32
  %v = vector.transfer_read %m[%i, %c0, %c0, %k], %p {in_bounds = [true, true], permutation_map = affine_map<(d0, d1, d2, d3) -> (d3, d1)>} : memref<2x6x4x256xf32>, vector<8x6xf32>
  return %v : vector<8x6xf32>
}

// A 16x8 block (a transposed copy tiled 8 x 16) is two 8x8 blocks, each
// taking the AVX2 sequence.
// CHECK-LABEL: func @transpose16x8
// AVX2-COUNT-16: llvm.inline_asm
// AVX2-NOT: vector.extract {{.*}} : f32 from
// SSE-COUNT-128: vector.extract {{.*}} : f32 from vector<16x8xf32>
func.func @transpose16x8(%v: vector<16x8xf32>) -> vector<8x16xf32> {
  %t = vector.transpose %v, [1, 0] : vector<16x8xf32> to vector<8x16xf32>
  return %t : vector<8x16xf32>
}

// Both at once: 6x16 is padded to 8x16, taken as two 8x8 blocks, and the
// 6 real columns of the 16x8 result kept.
// CHECK-LABEL: func @transpose6x16
// AVX2-COUNT-16: llvm.inline_asm
// AVX2: vector.extract_strided_slice {{.*}} {offsets = [0, 0], sizes = [16, 6], strides = [1, 1]} : vector<16x8xf32> to vector<16x6xf32>
// AVX2-NOT: vector.extract {{.*}} : f32 from
// SSE-COUNT-96: vector.extract {{.*}} : f32 from vector<6x16xf32>
func.func @transpose6x16(%v: vector<6x16xf32>) -> vector<16x6xf32> {
  %t = vector.transpose %v, [1, 0] : vector<6x16xf32> to vector<16x6xf32>
  return %t : vector<16x6xf32>
}
