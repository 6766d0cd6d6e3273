//===- PopulatePatterns.h - ng to linalg, per op family -----------*- C++ -*-===//
#ifndef NGRAPH_LIB_CONVERSION_NGTOLINALG_POPULATEPATTERNS_H
#define NGRAPH_LIB_CONVERSION_NGTOLINALG_POPULATEPATTERNS_H

#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::ng::lowering {

void populateElementwisePatterns(const TypeConverter &, RewritePatternSet &);
void populateReductionPatterns(const TypeConverter &, RewritePatternSet &);
void populateLinearPatterns(const TypeConverter &, RewritePatternSet &);
void populateDataMovementPatterns(const TypeConverter &, RewritePatternSet &);

/// Shared helpers.
RankedTensorType builtinType(Type ngType);
/// Affine map from an iteration space over `space` axes to `operand` axes.
AffineMap mapFor(MLIRContext *ctx, ArrayRef<AxisAttr> space,
                 ArrayRef<AxisAttr> operand);
/// tensor.empty of `type`, filled with `fill` if given.
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                  std::optional<TypedAttr> fill = std::nullopt);
/// A scalar constant of element type `t`.
Value scalarConst(OpBuilder &b, Location loc, Type t, double v);

} // namespace mlir::ng::lowering

#endif
