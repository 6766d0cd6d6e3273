// RUN: ngraph-opt %s --ng-outline-loop-nests=min-ops=4096 --split-input-file | FileCheck %s
// RUN: ngraph-opt %s --ng-outline-loop-nests=min-ops=100000 --split-input-file | FileCheck %s --check-prefix=HIGH

// Two large nests (64 x 128 iterations of one or two ops) become private, never inlined
// functions called in their place; the constants they use are copied in
// (the float constant is not an argument), the buffers they touch are
// arguments. The small nest (16 iterations) stays.
// CHECK-LABEL: func.func private @step_nest0
// CHECK-SAME: (%{{.*}}: memref<64x128xf32>) attributes {passthrough = ["noinline"]}
// CHECK: arith.constant 2.0
// CHECK: scf.for
// CHECK: scf.for
// CHECK: memref.store
// CHECK-LABEL: func.func private @step_nest1
// CHECK-SAME: (%{{.*}}: memref<64x128xf32>, %{{.*}}: memref<64x128xf32>) attributes {passthrough = ["noinline"]}
// CHECK-LABEL: func.func @step
// CHECK-SAME: (%[[A:.*]]: memref<64x128xf32>, %[[B:.*]]: memref<64x128xf32>, %[[S:.*]]: memref<16xf32>)
// CHECK: call @step_nest0(%[[A]])
// CHECK-NEXT: call @step_nest1(%[[A]], %[[B]])
// CHECK-NEXT: scf.for
// CHECK-NOT: call
// CHECK: return

// With a threshold above both nests, nothing is outlined.
// HIGH-LABEL: func.func @step
// HIGH-NOT: call
// HIGH: return
func.func @step(%a: memref<64x128xf32>, %b: memref<64x128xf32>, %s: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %c128 = arith.constant 128 : index
  %two = arith.constant 2.0 : f32
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c128 step %c1 {
      memref.store %two, %a[%i, %j] : memref<64x128xf32>
    }
  }
  scf.for %i = %c0 to %c64 step %c1 {
    scf.for %j = %c0 to %c128 step %c1 {
      %v = memref.load %a[%i, %j] : memref<64x128xf32>
      memref.store %v, %b[%i, %j] : memref<64x128xf32>
    }
  }
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %two, %s[%i] : memref<16xf32>
  }
  return
}

// -----

// A nest that returns a value (a sum): the function returns it and the
// caller uses the call's result.
// CHECK-LABEL: func.func private @sum_nest1
// CHECK-SAME: -> f32
// CHECK: scf.for {{.*}} iter_args
// CHECK: return %{{.*}} : f32
// CHECK-LABEL: func.func @sum
// CHECK: call @sum_nest0
// CHECK: %[[T:.*]] = call @sum_nest1({{.*}}) : ({{.*}}) -> f32
// CHECK: return %[[T]] : f32
func.func @sum(%a: memref<8192xf32>) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 8192 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    memref.store %zero, %a[%i] : memref<8192xf32>
  }
  %t = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> f32 {
    %v = memref.load %a[%i] : memref<8192xf32>
    %r = arith.addf %acc, %v : f32
    scf.yield %r : f32
  }
  return %t : f32
}

// -----

// One large nest is the function already: nothing to outline.
// CHECK-LABEL: func.func @single
// CHECK-NOT: call
// CHECK: scf.for
// CHECK-NOT: func.func
func.func @single(%a: memref<8192xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = arith.constant 8192 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %n step %c1 {
    memref.store %zero, %a[%i] : memref<8192xf32>
  }
  return
}
