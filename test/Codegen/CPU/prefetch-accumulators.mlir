// RUN: ngraph-opt %s --ng-prefetch-accumulators --split-input-file | FileCheck %s

// A register tile's sums are added to the C block after the K loop: both
// ends of each of its 3 rows (64 bytes, 2 lines at most) are prefetched,
// for writing, before the loop starts.
// CHECK-LABEL: func @tile
// CHECK-SAME: (%[[C:.*]]: memref<64x64xf32>, %[[I:[^:]*]]: index, %[[J:[^:]*]]: index
// CHECK: memref.prefetch %[[C]][%[[I]], %[[J]]], write, locality<3>, data
// CHECK: %[[E:.*]] = arith.addi %[[J]], %{{.*}} : index
// CHECK: memref.prefetch %[[C]][%[[I]], %[[E]]], write, locality<3>, data
// CHECK: %[[R1:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK: memref.prefetch %[[C]][%[[R1]], %[[J]]], write
// CHECK-NEXT: memref.prefetch %[[C]][%[[R1]], %[[E]]], write
// CHECK: %[[R2:.*]] = arith.addi %[[I]], %{{.*}} : index
// CHECK: memref.prefetch %[[C]][%[[R2]], %[[J]]], write
// CHECK-NEXT: memref.prefetch %[[C]][%[[R2]], %[[E]]], write
// CHECK-NEXT: scf.for
// CHECK-NOT: memref.prefetch
func.func @tile(%c: memref<64x64xf32>, %i: index, %j: index, %b: vector<3x16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant dense<0.0> : vector<3x16xf32>
  %pad = arith.constant 0.0 : f32
  %sums = scf.for %k = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (vector<3x16xf32>) {
    %next = arith.addf %acc, %b : vector<3x16xf32>
    scf.yield %next : vector<3x16xf32>
  }
  %old = vector.transfer_read %c[%i, %j], %pad {in_bounds = [true, true]} : memref<64x64xf32>, vector<3x16xf32>
  %new = arith.addf %old, %sums : vector<3x16xf32>
  vector.transfer_write %new, %c[%i, %j] {in_bounds = [true, true]} : vector<3x16xf32>, memref<64x64xf32>
  return
}

// -----

// A read whose indices are computed inside the loop's region cannot be
// prefetched before it; a loop result not added to a read is left alone.
// CHECK-LABEL: func @untouched
// CHECK-NOT: memref.prefetch
func.func @untouched(%c: memref<64x64xf32>, %b: vector<16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant dense<0.0> : vector<16xf32>
  %pad = arith.constant 0.0 : f32
  %sums = scf.for %k = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (vector<16xf32>) {
    %next = arith.addf %acc, %b : vector<16xf32>
    scf.yield %next : vector<16xf32>
  }
  %other = scf.for %k = %c0 to %c8 step %c1 iter_args(%acc = %zero) -> (vector<16xf32>) {
    %next = arith.mulf %acc, %b : vector<16xf32>
    scf.yield %next : vector<16xf32>
  }
  %r = arith.addi %c0, %c1 : index
  %old = vector.transfer_read %c[%r, %c0], %pad {in_bounds = [true]} : memref<64x64xf32>, vector<16xf32>
  %new = arith.addf %old, %sums : vector<16xf32>
  %both = arith.mulf %new, %other : vector<16xf32>
  return %both : vector<16xf32>
}
