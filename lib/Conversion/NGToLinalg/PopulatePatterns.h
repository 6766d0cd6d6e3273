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
void populateConvolutionPatterns(const TypeConverter &, RewritePatternSet &);
void populateDataMovementPatterns(const TypeConverter &, RewritePatternSet &);
void populateRecurrencePatterns(const TypeConverter &, RewritePatternSet &);
void populateIndexingPatterns(const TypeConverter &, RewritePatternSet &);
/// Declares the runtime function lookups report bad indices to, if `module`
/// has a lookup.
void declareIndexingFunctions(ModuleOp module);
/// With `overlap`, each allreduce is started where its operand is ready and
/// waited for before its first use; otherwise it is one blocking call.
void populateCollectivePatterns(const TypeConverter &, RewritePatternSet &,
                                bool overlap);
/// Declares the runtime functions ng.allreduce lowers to, if `module` uses it.
void declareCollectiveFunctions(ModuleOp module);

/// Shared helpers.
RankedTensorType builtinType(Type ngType);
/// Affine map from an iteration space over `space` axes to `operand` axes.
AffineMap mapFor(MLIRContext *ctx, ArrayRef<AxisAttr> space,
                 ArrayRef<AxisAttr> operand);
/// tensor.empty of `type`, filled with `fill` if given.
Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                  std::optional<TypedAttr> fill = std::nullopt);
/// A parallel generic over `out`'s axes reading `input` (of type `in`)
/// through its projection, with body `fn` per element; it does not read its
/// init, so elementwise fusion can move it safely.
Value mapElements(OpBuilder &b, Location loc, NGTensorType out, NGTensorType in,
                  Value input, function_ref<Value(OpBuilder &, Location, Value)> fn);
/// `input` laid out along `out`'s axes: a broadcast, permutation or copy.
Value gather(OpBuilder &b, Location loc, NGTensorType in, NGTensorType out,
             Value input);
/// A scalar constant of element type `t`.
Value scalarConst(OpBuilder &b, Location loc, Type t, double v);

} // namespace mlir::ng::lowering

#endif
