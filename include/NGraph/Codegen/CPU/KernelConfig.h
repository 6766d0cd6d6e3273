//===- KernelConfig.h - how each op is tiled, per target ----------*- C++ -*-===//
//
// The one place code generation decides. Given a shape and a CPUTarget,
// these functions return plain structs (strategy, tile sizes, unrolling,
// thread split); the passes in lib/Codegen/CPU only apply them. Every
// threshold is a named constant here with the reason for its value.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_CODEGEN_CPU_KERNELCONFIG_H
#define NGRAPH_CODEGEN_CPU_KERNELCONFIG_H

#include "NGraph/Codegen/CPU/TargetAttr.h"
#include "NGraph/Dialect/NG/IR/NGTypes.h"

#include <cstdint>
#include <optional>

namespace ngraph::cpu {

//===----------------------------------------------------------------------===//
// Contractions C[M, N] += A[M, K] B[K, N]
//===----------------------------------------------------------------------===//

/// At most this many rows of C in registers. With 32 registers 14 rows
/// would fit, but 8 x (2 vectors) measured fastest on AVX-512 (8x32 about
/// 200 GFLOP/s against 183 for 16x16 and 158 for 8x64, shared/MLIR22-NOTES).
inline constexpr int64_t kMaxRegisterRows = 8;
/// Vector registers a register tile's k step needs besides the
/// accumulators: two B vectors and one broadcast A element.
inline constexpr int64_t kOperandRegisters = 3;
/// Accumulator columns, in vectors: two B vectors per k step give each
/// broadcast A element two FMAs, enough independent FMAs (rows x 2) to
/// cover the FMA latency at two FMAs per cycle.
inline constexpr int64_t kRegisterVectors = 2;
/// Unpacked cache tile (elements): a 64 x 64 block of A and 64 x 512 of B
/// fit L2 on every x86-64 level; from the transform-dialect schedule that
/// first reached 191-218 GFLOP/s here (shared/MLIR22-NOTES).
inline constexpr int64_t kUnpackedCacheM = 64, kUnpackedCacheN = 512,
                         kUnpackedCacheK = 64;
/// Packed schedule: K block and cache tile of C (elements), at most. A
/// cK x cN block of packed B (256 x 256 f32, 256 KiB) stays in L2 while
/// rows of A pass; each register tile's A panel (cK x rM, 6-8 KiB of f32)
/// stays in L1 while the tiles walk along N. Both are bounded by the
/// target's caches (the panel by half of L1, the block by half of L2), so
/// the values stand for f32 on every x86-64 level and shrink for f64 or
/// smaller caches.
inline constexpr int64_t kPackedCacheM = 64, kPackedCacheN = 256,
                         kPackedBlockK = 256;
/// Pack when each packed operand is read by at least 4 register tiles, K
/// is long enough to amortize a panel, and the work (M N K) reaches 2^20:
/// below that the O(MK + KN) copies cost more than the strided reads. A's
/// panels are read by the N/rN tiles of every trip that reuses them (and
/// B's by the M/rM tiles): an LSTM step's 1024 x 32 x 256 product has one
/// tile along N but reads the same weights for 64 steps, and packed they
/// no longer sit 4 KiB apart in one L1 set (the forward loop went from 19%
/// to 16% of the step; docs/performance.md).
inline constexpr int64_t kPackMinTiles = 4, kPackMinK = 32,
                         kPackMinWork = int64_t(1) << 20;
/// Compute a matmul transposed (C^T = B^T A^T) when C's rows cannot fill
/// whole vectors but its columns can (a 10-class output layer's 1024 x 10
/// weight gradient), M >= 4 vectors, and the work reaches 2^16: the two
/// transposes are O(MK + MN) against O(MNK) arithmetic.
inline constexpr int64_t kTransposeMinVectorsM = 4,
                         kTransposeMinWork = int64_t(1) << 16;
/// A register tile's K loop unrolled by up to this factor: its counter and
/// branch are then paid once per several k steps (measured: a few percent
/// at 6 x 16). Applied by ng-cpu-hoist-accumulators (its unroll-k option).
inline constexpr int64_t kUnrollK = 4;

/// The largest register tile (C elements) on `target`: as many
/// accumulator rows as the registers hold next to the operands, and
/// kRegisterVectors vectors wide. Contractions and direct convolutions
/// use the same one.
struct RegisterTile {
  int64_t rows, cols;
};
RegisterTile maxRegisterTile(const CPUTarget &target, unsigned eltBits);

struct ContractionProblem {
  int64_t m = 0, n = 0, k = 0;
  unsigned eltBits = 32;
  /// A linalg.matmul (the transposed strategy rewrites only those).
  bool isMatmul = false;
  /// The plain 2-D C[M, N] (+)= A B form the packed schedule rewrites.
  bool packable = false;
  /// How many times the op runs with the same A (or B): the trips of the
  /// loops around it that do not change that operand, whose pack is then
  /// built once before them.
  int64_t reuseA = 1, reuseB = 1;
};

/// What a pass option may force, for experiments (0: decide).
struct ContractionOverrides {
  int64_t registerM = 0, registerN = 0;
};

struct ContractionConfig {
  mlir::ng::ContractionStrategy strategy = mlir::ng::ContractionStrategy::unpacked;
  /// Register tile (C elements). For `packed`, the full tiles' size (rows
  /// and columns left over take smaller ones).
  int64_t registerM = 1, registerN = 1;
  /// Cache tile: for `unpacked` the tile sizes (dividing the shape); for
  /// `packed` the largest C block per cache tile (the mechanics fit it to
  /// each block's extent) and the K block.
  int64_t cacheM = 1, cacheN = 1, cacheK = 1;
  int64_t threads = 1;
  mlir::ng::ThreadSplit split = mlir::ng::ThreadSplit::none;

  mlir::ng::ContractionConfigAttr toAttr(mlir::MLIRContext *ctx) const;
  static ContractionConfig fromAttr(mlir::ng::ContractionConfigAttr a);
};

/// The attribute a selected contraction carries.
inline constexpr llvm::StringLiteral kLoweringConfigAttrName =
    "ng.lowering_config";

ContractionConfig selectContractionConfig(const ContractionProblem &p,
                                          const CPUTarget &target,
                                          int64_t threads,
                                          const ContractionOverrides &o = {});

//===----------------------------------------------------------------------===//
// Convolutions: the generics ng convolution ops lower to
//===----------------------------------------------------------------------===//

/// im2col copies one strided slice per window position: past this many
/// the copies are too many small ops (a 16 x 16 window, or a filter
/// gradient over long outputs) and the direct form is kept.
inline constexpr int64_t kMaxIm2colSlices = 256;
/// The column matrix is a temporary of M x K (or K x M) elements: past
/// this many bytes it leaves every cache and costs more memory than a
/// training step should; the direct form is kept.
inline constexpr int64_t kMaxIm2colBytes = int64_t(256) << 20;

/// With im2col, the column matrix is built and multiplied in blocks of
/// output rows of at most this many L2 caches: LeNet's second layer ran
/// 35-40% faster (46 -> 62 GFLOP/s forward) with 2.5 MB blocks than with
/// its whole 20 MB matrix, which left L2 on every level.
inline constexpr int64_t kIm2colBlockL2s = 2;

/// The direct form's register tile has at least this many feature rows:
/// each k step loads rN / lanes vectors of the windowed operand and
/// broadcasts rM filter values for rM x rN / lanes FMAs, so with fewer
/// rows the loads, not the FMAs, bound it (a one-channel layer's data
/// gradient).
inline constexpr int64_t kDirectMinRows = 4;

/// The dot-product kernel's tile holds at least this many accumulators:
/// each k step loads rM + rN vectors for rM x rN FMAs, and its lanes are
/// summed once per tile and output row; smaller tiles are load-bound and
/// im2col's packed matmul is faster.
inline constexpr int64_t kDotMinAccumulators = 8;
/// Its columns (features) at most: 4 x 5 accumulators and 9 operand
/// vectors fill AVX-512's 32 registers.
inline constexpr int64_t kDotMaxColumns = 4;
/// It sums as many output-gradient rows in the registers as keep the B
/// rows one feature block reads within two thirds of L1 (the rest holds
/// the windowed operand's rows): the lanes are summed once per block.
inline constexpr int64_t kDotBlockL1Num = 2, kDotBlockL1Den = 3;

enum class ConvolutionStrategy {
  /// The generic as it is: plain loops (correct for every shape).
  loops,
  /// Column copies and one packed matmul.
  im2col,
  /// Register tiles of C[features, outputs] accumulated straight from the
  /// operand read through windows (no column matrix) and a packed filter.
  direct,
};

struct ConvolutionProblem {
  /// The matmul im2col would make: C[M, N] += Col[M, K] B[K, N], where N
  /// is the feature (or channel, for the data gradient) count.
  int64_t m = 0, n = 0, k = 0;
  /// Strided slices the column copy takes (window positions).
  int64_t slices = 0;
  unsigned eltBits = 32;
  /// The column matrix's outermost blockable loop (output rows, or the
  /// rows of the output gradient a filter gradient sums over): its length,
  /// 0 when it cannot be blocked.
  int64_t blockableRows = 0;
  /// For the direct form: the extent of the output's innermost loop when
  /// the output is [features, outputs...] with one feature loop and that
  /// loop is read with unit stride along the windowed operand's innermost
  /// dimension (the batch in Nervana's layouts), so a register tile's
  /// columns are whole vectors of it; 0 when the direct form does not
  /// apply.
  int64_t directColumns = 0;
  /// The extent of the output's outermost output loop (output rows): the
  /// direct form's threads share the tiles along it when they cannot share
  /// the feature tiles.
  int64_t outerOutputs = 0;
  /// For the direct form of an output laid out [outputs..., features] (a
  /// filter gradient): the extent of the innermost contracted loop when
  /// both operands read it contiguously as their innermost axis (the
  /// batch), and of the output loop next to the features (the filter's
  /// columns), whose positions a register tile takes as rows; 0 when it
  /// does not apply.
  int64_t dotColumns = 0, dotRows = 0;
  /// Also: the extent of the outermost contracted loop when there are more
  /// than two (the output gradient's rows; else 0), and the elements of B
  /// one feature reads per position of it (its columns x the batch).
  int64_t dotOuter = 0, dotInner = 0;
};

/// How the direct form's tiles are shared between threads.
enum class DirectSplit { none, features, outputs };

struct ConvolutionConfig {
  ConvolutionStrategy strategy = ConvolutionStrategy::loops;
  /// im2col: rows of the blockable loop per column block (dividing it;
  /// equal to it: one block, no loop).
  int64_t blockRows = 0;
  /// direct: the register tile, features x innermost outputs (dividing
  /// both).
  int64_t registerM = 0, registerN = 0;
  /// direct: the threads' equal parts of the tiles (one thread: none).
  DirectSplit split = DirectSplit::none;
  int64_t threads = 1;
  /// direct on [outputs..., features]: a dot-product kernel, rM x rN
  /// accumulators each one vector along the contracted batch, reduced
  /// across lanes when the tile is written.
  bool dot = false;
  /// direct dot products: positions of the outermost contracted loop (the
  /// output gradient's rows) summed in the registers before the lanes are
  /// summed and added to the output.
  int64_t sumRows = 1;
};

/// `forced` (a pass option, for tests and experiments) takes that strategy
/// where it applies.
ConvolutionConfig
selectConvolutionConfig(const ConvolutionProblem &p, const CPUTarget &target,
                        int64_t threads = 1,
                        std::optional<ConvolutionStrategy> forced = {});

//===----------------------------------------------------------------------===//
// Other ops
//===----------------------------------------------------------------------===//

/// Transposes and elementwise ops reading an operand across rows move
/// blocks of this many rows: 8 x 8 f32 is one AVX2 in-register transpose.
inline constexpr int64_t kTransposeBlockRows = 8;
/// A reduced innermost loop (a loss summed over the batch) goes in chunks
/// of up to this many vectors, each ending in one horizontal reduction.
inline constexpr int64_t kReductionChunkVectors = 4;
/// With threads, an all-parallel op of at least this many elements is
/// split between them (below, the fork costs more than it saves).
inline constexpr int64_t kMinParallelElements = int64_t(1) << 15;

/// The largest multiple of `step` that divides `n` and is at most `cap`
/// (at least `step`, which must divide `n`).
int64_t fittingDivisor(int64_t n, int64_t cap, int64_t step = 1);

} // namespace ngraph::cpu

#endif
