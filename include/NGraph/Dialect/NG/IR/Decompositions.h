//===- Decompositions.h - composite ng ops as primitive ones ------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_DECOMPOSITIONS_H
#define NGRAPH_DIALECT_NG_IR_DECOMPOSITIONS_H

namespace mlir {
class RewritePatternSet;
namespace ng {
/// Patterns that expand composite ops (mean, softmax, the cross-entropies)
/// into primitive ng ops.
void populateDecomposePatterns(RewritePatternSet &patterns);
} // namespace ng
} // namespace mlir

#endif
