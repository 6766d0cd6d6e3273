// A hand-written lowering config that does not fit its contraction is an
// error at the op, not a crash.
// RUN: ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-tile-contractions -verify-diagnostics

func.func @not_dividing(%a: tensor<30x20xf32>, %b: tensor<20x24xf32>, %c: tensor<30x24xf32>) -> tensor<30x24xf32> {
  // expected-error@+1 {{unpacked tiles must divide the contraction (30x24x20)}}
  %r = linalg.matmul {ng.lowering_config = #ng.contraction<strategy = unpacked, register_m = 4, register_n = 8, cache_m = 30, cache_n = 24, cache_k = 20, threads = 1, split = none>} ins(%a, %b : tensor<30x20xf32>, tensor<20x24xf32>) outs(%c : tensor<30x24xf32>) -> tensor<30x24xf32>
  return %r : tensor<30x24xf32>
}

// -----

func.func @k_block(%a: tensor<64x100xf32>, %b: tensor<100x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error@+1 {{packed register tile 6x16 or K block 64 does not fit the contraction}}
  %r = linalg.matmul {ng.lowering_config = #ng.contraction<strategy = packed, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 64, threads = 1, split = none>} ins(%a, %b : tensor<64x100xf32>, tensor<100x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// -----

func.func @elementwise(%a: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error@+1 {{ng.lowering_config on an op that is not a static contraction with one M, N and K loop}}
  %r = linalg.exp {ng.lowering_config = #ng.contraction<strategy = unpacked, register_m = 1, register_n = 8, cache_m = 1, cache_n = 8, cache_k = 1, threads = 1, split = none>} ins(%a : tensor<8xf32>) outs(%a : tensor<8xf32>) -> tensor<8xf32>
  return %r : tensor<8xf32>
}

// -----

// Pass options out of range are an error, not a division by zero.
// RUN: not ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-select-lowering=threads=0 2>&1 | FileCheck %s --check-prefix=THREADS
// THREADS: error: ng-cpu-select-lowering: threads must be at least 1 and register-m, register-n at least 0 (0: from the target)
// RUN: not ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-select-lowering=register-m=-2 2>&1 | FileCheck %s --check-prefix=THREADS
func.func @options(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}
