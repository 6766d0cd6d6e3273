//===- Utils.h - helpers shared by the CPU code generation passes ---------===//
#ifndef NGRAPH_LIB_CODEGEN_CPU_UTILS_H
#define NGRAPH_LIB_CODEGEN_CPU_UTILS_H

#include "NGraph/Codegen/CPU/KernelConfig.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

#include <optional>

namespace ngraph::cpu {

/// Marks the column copies of ng-cpu-lower-convolutions: elementwise ops
/// to vectorize even inside its block loops (other ops inside loops were
/// made by tiling and are not touched again).
inline constexpr llvm::StringLiteral kColumnCopyAttrName = "ng.column_copy";

/// A static float contraction with exactly one M, N and K loop: their
/// positions among the op's loops and their extents.
struct ContractionShape {
  unsigned m, n, k;
  int64_t sizeM, sizeN, sizeK;
};
std::optional<ContractionShape> matchContraction(mlir::linalg::LinalgOp op);

/// What the configuration rules need to know of a matched contraction.
ContractionProblem problemOf(mlir::linalg::LinalgOp op,
                             const ContractionShape &s);

/// The loops around `op` that `v` is invariant in, innermost first: those
/// up to the first that defines (or whose body computes) `v`. A pack of `v`
/// built before the outermost of them serves every trip.
llvm::SmallVector<mlir::scf::ForOp> invariantLoops(mlir::Operation *op,
                                                   mlir::Value v);

/// Position of loop `dim` among `map`'s results, or -1.
int64_t resultPos(mlir::AffineMap map, unsigned dim);

/// Tiles `op` by `sizes` (one per loop; a size equal to the loop's range
/// in `ranges` leaves that loop whole) with scf.for loops, or one
/// scf.forall when `parallel`; returns the tiled op (`op` itself when
/// nothing is tiled).
mlir::FailureOr<mlir::Operation *>
tileStatic(mlir::RewriterBase &rw, mlir::Operation *op,
           llvm::ArrayRef<int64_t> sizes, llvm::ArrayRef<int64_t> ranges,
           llvm::ArrayRef<int64_t> interchange = {}, bool parallel = false);

} // namespace ngraph::cpu

#endif
