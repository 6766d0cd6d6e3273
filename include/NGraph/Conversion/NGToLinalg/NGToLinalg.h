//===- NGToLinalg.h - ng to linalg conversion ---------------------*- C++ -*-===//
#ifndef NGRAPH_CONVERSION_NGTOLINALG_NGTOLINALG_H
#define NGRAPH_CONVERSION_NGTOLINALG_NGTOLINALG_H

#include "mlir/Transforms/DialectConversion.h"

namespace mlir::ng {
/// Marks the linalg.generic a convolution op lowers to (forward, data or
/// filter gradient): code generation may rewrite it into a faster form, and
/// elementwise fusion leaves it whole so it still can.
inline constexpr llvm::StringLiteral kConvolutionAttrName = "ng.convolution";

/// Maps ng tensor types to builtin ranked tensors (axis order is dimension
/// order) and leaves other types alone.
class NGTypeConverter : public TypeConverter {
public:
  NGTypeConverter();
};

/// Every ng op the lowering handles, by family. `overlapCollectives`: see
/// the convert-ng-to-linalg option of that name.
void populateNGToLinalgConversionPatterns(const TypeConverter &converter,
                                          RewritePatternSet &patterns,
                                          bool overlapCollectives = false);
} // namespace mlir::ng

#endif
