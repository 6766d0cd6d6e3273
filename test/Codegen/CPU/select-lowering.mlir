// The tiling decisions alone, per target (ng-cpu-select-lowering stamps
// them; nothing is lowered). x86-64-v3: AVX2, 8 f32 lanes, 16 registers ->
// 6 x 16 register tiles; x86-64-v4: AVX-512, 16 lanes, 32 registers -> 8 x 32.
// RUN: ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-select-lowering | FileCheck %s --check-prefix=V3
// RUN: ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-select-lowering | FileCheck %s --check-prefix=V4
// RUN: ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v3 --ng-cpu-select-lowering=threads=2 | FileCheck %s --check-prefix=V3T2
// RUN: ngraph-opt %s --split-input-file --ng-cpu-set-target=target=x86-64-v4 --ng-cpu-select-lowering=threads=2 | FileCheck %s --check-prefix=V4T2

// A large square matmul is packed on both; the register tile follows the
// registers, the K block (256) and C's cache block do not.
// V3-LABEL: func.func @large
// V3: linalg.matmul {ng.lowering_config = #ng.contraction<strategy = packed, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 256, threads = 1, split = none>}
// V4-LABEL: func.func @large
// V4: linalg.matmul {ng.lowering_config = #ng.contraction<strategy = packed, register_m = 8, register_n = 32, cache_m = 64, cache_n = 256, cache_k = 256, threads = 1, split = none>}
// Two threads share C's row tiles (170 of 6 rows, 128 of 8: both even).
// V3T2: threads = 2, split = m>
// V4T2: threads = 2, split = m>
func.func @large(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>) -> tensor<1024x1024xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1024x1024xf32>
  %c = linalg.fill ins(%zero : f32) outs(%e : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  %r = linalg.matmul ins(%a, %b : tensor<1024x1024xf32>, tensor<1024x1024xf32>) outs(%c : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %r : tensor<1024x1024xf32>
}

// -----

// A small MLP layer (batch 64 x 256 outputs, K = 64): packed with 6 x 16
// tiles (10 row tiles, 16 column tiles), but with 8 x 32 tiles N = 256 is
// 8 tiles and M = 64 only 8: still packed. K = 64 is one K block.
// V3-LABEL: func.func @layer
// V3: strategy = packed, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 64
// V4-LABEL: func.func @layer
// V4: strategy = packed, register_m = 8, register_n = 32, cache_m = 64, cache_n = 256, cache_k = 64
func.func @layer(%a: tensor<64x64xf32>, %b: tensor<64x256xf32>, %c: tensor<64x256xf32>) -> tensor<64x256xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x256xf32>) outs(%c : tensor<64x256xf32>) -> tensor<64x256xf32>
  return %r : tensor<64x256xf32>
}

// -----

// Where the targets disagree: N = 64 is 4 AVX2 tiles (packed, K = 128 one
// K block) but only 2 AVX-512 tiles (unpacked, tiles that divide the shape).
// V3-LABEL: func.func @narrow
// V3: strategy = packed, register_m = 6, register_n = 16, cache_m = 64, cache_n = 256, cache_k = 128
// V4-LABEL: func.func @narrow
// V4: strategy = unpacked, register_m = 8, register_n = 32, cache_m = 64, cache_n = 64, cache_k = 64
func.func @narrow(%a: tensor<128x128xf32>, %b: tensor<128x64xf32>, %c: tensor<128x64xf32>) -> tensor<128x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<128x128xf32>, tensor<128x64xf32>) outs(%c : tensor<128x64xf32>) -> tensor<128x64xf32>
  return %r : tensor<128x64xf32>
}

// -----

// A 10-class output layer's weight gradient (1024 x 10, K = 256): rows of
// 10 cannot fill vectors, columns of 1024 can: computed transposed, the
// transposed product (10 x 1024) tiled unpacked for the target (5 rows:
// the largest divisor of 10 the registers allow).
// V3-LABEL: func.func @output_layer_gradient
// V3: strategy = transposed_output, register_m = 5, register_n = 16
// V4-LABEL: func.func @output_layer_gradient
// V4: strategy = transposed_output, register_m = 5, register_n = 32
func.func @output_layer_gradient(%a: tensor<1024x256xf32>, %b: tensor<256x10xf32>, %c: tensor<1024x10xf32>) -> tensor<1024x10xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<1024x256xf32>, tensor<256x10xf32>) outs(%c : tensor<1024x10xf32>) -> tensor<1024x10xf32>
  return %r : tensor<1024x10xf32>
}

// -----

// The seed's logistic regression (a 1 x 4 x 128 contraction): tiles that
// divide the shape, one lane-width column block.
// V3-LABEL: func.func @logreg
// V3: strategy = unpacked, register_m = 1, register_n = 16, cache_m = 1, cache_n = 128, cache_k = 4
// V4-LABEL: func.func @logreg
// V4: strategy = unpacked, register_m = 1, register_n = 32, cache_m = 1, cache_n = 128, cache_k = 4
func.func @logreg(%w: tensor<1x4xf32>, %x: tensor<4x128xf32>, %c: tensor<1x128xf32>) -> tensor<1x128xf32> {
  %r = linalg.matmul ins(%w, %x : tensor<1x4xf32>, tensor<4x128xf32>) outs(%c : tensor<1x128xf32>) -> tensor<1x128xf32>
  return %r : tensor<1x128xf32>
}

// -----

// f64 has half the lanes: 8 x 16 on AVX-512, 6 x 8 on AVX2.
// V3-LABEL: func.func @large_f64
// V3: strategy = packed, register_m = 6, register_n = 8
// V4-LABEL: func.func @large_f64
// V4: strategy = packed, register_m = 8, register_n = 16
func.func @large_f64(%a: tensor<512x512xf64>, %b: tensor<512x512xf64>, %c: tensor<512x512xf64>) -> tensor<512x512xf64> {
  %r = linalg.matmul ins(%a, %b : tensor<512x512xf64>, tensor<512x512xf64>) outs(%c : tensor<512x512xf64>) -> tensor<512x512xf64>
  return %r : tensor<512x512xf64>
}

// -----

// Elementwise ops and integer contractions get no contraction config.
// V3-LABEL: func.func @not_a_float_contraction
// V3-NOT: ng.lowering_config
func.func @not_a_float_contraction(%a: tensor<64x64xi32>, %b: tensor<64x64xi32>, %c: tensor<64x64xi32>) -> tensor<64x64xi32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xi32>, tensor<64x64xi32>) outs(%c : tensor<64x64xi32>) -> tensor<64x64xi32>
  return %r : tensor<64x64xi32>
}

// -----

// A recurrence step's product (an LSTM's 1024 x 32 x 256): one AVX-512
// tile along N, but the same weights for all 64 steps, so their pack is
// built once before the loop and read 64 times: packed. When A changes
// every step it is not (on AVX2 either: 2 tiles along N).
// V3-LABEL: func.func @step_weights
// V3: strategy = packed, register_m = 6, register_n = 16
// V3: strategy = unpacked, register_m = 4, register_n = 16
// V4-LABEL: func.func @step_weights
// V4: strategy = packed, register_m = 8, register_n = 32
// V4: strategy = unpacked, register_m = 8, register_n = 32
func.func @step_weights(%w: tensor<1024x256xf32>, %h0: tensor<256x32xf32>, %c: tensor<1024x32xf32>) -> (tensor<1024x32xf32>, tensor<1024x256xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %r = scf.for %i = %c0 to %c64 step %c1 iter_args(%acc = %c) -> (tensor<1024x32xf32>) {
    %p = linalg.matmul ins(%w, %h0 : tensor<1024x256xf32>, tensor<256x32xf32>) outs(%acc : tensor<1024x32xf32>) -> tensor<1024x32xf32>
    scf.yield %p : tensor<1024x32xf32>
  }
  %s = scf.for %i = %c0 to %c64 step %c1 iter_args(%a = %w) -> (tensor<1024x256xf32>) {
    %p = linalg.matmul ins(%a, %h0 : tensor<1024x256xf32>, tensor<256x32xf32>) outs(%c : tensor<1024x32xf32>) -> tensor<1024x32xf32>
    %n = tensor.insert_slice %p into %a[0, 0] [1024, 32] [1, 1] : tensor<1024x32xf32> into tensor<1024x256xf32>
    scf.yield %n : tensor<1024x256xf32>
  }
  return %r, %s : tensor<1024x32xf32>, tensor<1024x256xf32>
}
