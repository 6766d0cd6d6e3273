// The lowered module names its target, so LLVM's own tools compile it for
// that CPU without further flags.
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v3 | FileCheck %s --check-prefix=MLIR3
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v3 | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR3
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v3 | mlir-translate --mlir-to-llvmir | llc -O2 | FileCheck %s --check-prefix=ASM3
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v4 | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR4
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v4 | mlir-translate --mlir-to-llvmir | llc -O2 | FileCheck %s --check-prefix=ASM4
// RUN: ngraph-opt %s --ng-lower-to-llvm=target=x86-64 | mlir-translate --mlir-to-llvmir | llc -O2 | FileCheck %s --check-prefix=ASM1
// An unknown target is refused with the names of the known ones.
// RUN: not ngraph-opt %s --ng-lower-to-llvm=target=x86-64-v9 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// MLIR3: module attributes {llvm.data_layout = "{{.*}}", llvm.target_triple = "x86_64-unknown-linux-gnu"}
// MLIR3: llvm.func @ng_fn_step(
// MLIR3-SAME: prefer_vector_width = "256"
// MLIR3-SAME: target_cpu = "x86-64-v3"

// IR3: target triple = "x86_64-unknown-linux-gnu"
// IR3: attributes #{{[0-9]+}} = { {{.*}}"min-legal-vector-width"="256" "prefer-vector-width"="256" "target-cpu"="x86-64-v3" }

// IR4: attributes #{{[0-9]+}} = { {{.*}}"min-legal-vector-width"="512" "prefer-vector-width"="512" "target-cpu"="x86-64-v4" }

// The contraction's FMAs on whole registers of the target.
// ASM3-LABEL: ng_fn_step:
// ASM3: vfmadd{{[0-9]+}}ps {{.*}}%ymm
// ASM3-NOT: %zmm
// ASM4-LABEL: ng_fn_step:
// ASM4: vfmadd{{[0-9]+}}ps {{.*}}%zmm
// Baseline x86-64 has no FMA: SSE multiplies and adds.
// ASM1-LABEL: ng_fn_step:
// ASM1-NOT: vfmadd
// ASM1: mulps

// UNKNOWN: error: unknown target 'x86-64-v9'; known targets: x86-64, x86-64-v3, x86-64-v4, host

// A layer's training step: a packed contraction, transposes (with AVX2, an
// 8 x 8 in-register transpose written as inline assembly, which llc only
// compiles with the target's features), elementwise math.
ng.graph @layer {
  %X = ng.placeholder "X" : !ng.tensor<[I:64, N:64 batch], f32>
  %T = ng.placeholder "T" : !ng.tensor<[O:32, N:64 batch], f32>
  %lr = ng.constant 0.01 : !ng.tensor<[], f32>
  %W = ng.variable "W" init normal(0.0, 0.1, seed 1) : !ng.tensor<[I:64, O:32], f32>
  %Y = ng.dot %W, %X : !ng.tensor<[I:64, O:32], f32>, !ng.tensor<[I:64, N:64 batch], f32>
  %H = ng.tanh %Y : !ng.tensor<[O:32, N:64 batch], f32>
  %E = ng.subtract %H, %T : !ng.tensor<[O:32, N:64 batch], f32>, !ng.tensor<[O:32, N:64 batch], f32>
  %S = ng.square %E : !ng.tensor<[O:32, N:64 batch], f32>
  %L = ng.sum %S reduce [O, N] : !ng.tensor<[O:32, N:64 batch], f32>
  %G = ng.deriv %L wrt %W : !ng.tensor<[], f32>, !ng.tensor<[I:64, O:32], f32>
  %D = ng.multiply %lr, %G : !ng.tensor<[], f32>, !ng.tensor<[I:64, O:32], f32>
  %W2 = ng.subtract %W, %D : !ng.tensor<[I:64, O:32], f32>, !ng.tensor<[I:64, O:32], f32>
  %U = ng.assign %W, %W2 : !ng.tensor<[I:64, O:32], f32>, !ng.tensor<[I:64, O:32], f32>
  ng.computation @step outputs(%L, %U : !ng.tensor<[], f32>, !ng.effect)
                       inputs(%X, %T : !ng.tensor<[I:64, N:64 batch], f32>, !ng.tensor<[O:32, N:64 batch], f32>)
}
