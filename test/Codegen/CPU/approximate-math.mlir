// RUN: ngraph-opt %s --ng-approximate-math | FileCheck %s

// f32 exp and log become polynomials (no libm call); f64 keeps math.exp.
// CHECK-LABEL: func @approx
// CHECK-NOT: math.exp %{{.*}} : vector<8xf32>
// CHECK-NOT: math.log
// CHECK: math.exp %{{.*}} : f64
func.func @approx(%x: vector<8xf32>, %d: f64) -> (vector<8xf32>, f64) {
  %e = math.exp %x : vector<8xf32>
  %l = math.log %e : vector<8xf32>
  %de = math.exp %d : f64
  return %l, %de : vector<8xf32>, f64
}
