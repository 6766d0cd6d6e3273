// RUN: ngraph-opt %s --pass-pipeline="builtin.module(func.func(ng-stack-temporaries))" | FileCheck %s
// RUN: ngraph-opt %s --pass-pipeline="builtin.module(func.func(ng-stack-temporaries{max-total-bytes=515}))" | FileCheck %s --check-prefix=CAP

// CHECK-LABEL: func.func @small
// CHECK: memref.alloca() {alignment = 64 : i64} : memref<128xf32>
// CHECK: memref.alloca() : memref<f64>
// Over 4 KiB stays on the heap.
// CHECK: memref.alloc() : memref<2048xf32>
// In a loop it stays too (an alloca would grow the stack every iteration).
// CHECK: scf.for
// CHECK-NEXT: memref.alloc() : memref<4xf32>
// CAP-LABEL: func.func @small
// CAP: memref.alloca() {alignment = 64 : i64} : memref<128xf32>
// CAP: memref.alloc() : memref<f64>
// CHECK-NOT: memref.dealloc %alloca
func.func @small(%out: memref<128xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc() {alignment = 64 : i64} : memref<128xf32>
  %s = memref.alloc() : memref<f64>
  %big = memref.alloc() : memref<2048xf32>
  memref.copy %a, %out : memref<128xf32> to memref<128xf32>
  scf.for %i = %c0 to %n step %c1 {
    %t = memref.alloc() : memref<4xf32>
    memref.dealloc %t : memref<4xf32>
  }
  memref.dealloc %a : memref<128xf32>
  memref.dealloc %s : memref<f64>
  memref.dealloc %big : memref<2048xf32>
  return
}

// A returned buffer outlives the frame.
// CHECK-LABEL: func.func @returned
// CHECK: memref.alloc() : memref<4xf32>
func.func @returned() -> memref<4xf32> {
  %a = memref.alloc() : memref<4xf32>
  return %a : memref<4xf32>
}
