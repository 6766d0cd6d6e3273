//===- NGOps.h - ng dialect operations ----------------------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_NGOPS_H
#define NGRAPH_DIALECT_NG_IR_NGOPS_H

#include "NGraph/Dialect/NG/IR/Autodiff.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGDialect.h"
#include "NGraph/Dialect/NG/IR/NGTypes.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "NGraph/Dialect/NG/IR/NGInterfaces.h.inc"

namespace mlir::ng {
// Shared type inference (see AxisRules.h for the rules themselves).
LogicalResult inferElementwiseBinaryType(std::optional<Location> loc, Type lhs,
                                         Type rhs,
                                         SmallVectorImpl<Type> &results);
LogicalResult inferReductionType(std::optional<Location> loc, Type operand,
                                 ArrayAttr reduce, ArrayAttr out,
                                 Type elementType,
                                 SmallVectorImpl<Type> &results);
LogicalResult inferTensorSizeType(std::optional<Location> loc, Type operand,
                                  ArrayAttr reduce, ArrayAttr out,
                                  SmallVectorImpl<Type> &results);
LogicalResult inferLossType(std::optional<Location> loc, Type y, Type t,
                            ArrayAttr out, SmallVectorImpl<Type> &results);

// Custom assembly pieces shared by ODS formats.
ParseResult parseAxisName(OpAsmParser &parser, StringAttr &name);
void printAxisName(OpAsmPrinter &printer, Operation *op, StringAttr name);
ParseResult parseAxisNames(OpAsmParser &parser, ArrayAttr &names);
void printAxisNames(OpAsmPrinter &printer, Operation *op, ArrayAttr names);
/// `[H:R -> P, W:S -> Q] strides [..] padding [..] dilations [..]`, the
/// last three optional (1, 0, 1 per axis).
ParseResult parseConvWindows(OpAsmParser &parser, ArrayAttr &inputAxes,
                             ArrayAttr &filterAxes, ArrayAttr &outputAxes,
                             DenseI64ArrayAttr &strides,
                             DenseI64ArrayAttr &padding,
                             DenseI64ArrayAttr &dilations);
void printConvWindows(OpAsmPrinter &printer, Operation *op, ArrayAttr inputAxes,
                      ArrayAttr filterAxes, ArrayAttr outputAxes,
                      DenseI64ArrayAttr strides, DenseI64ArrayAttr padding,
                      DenseI64ArrayAttr dilations);
/// `[H:2 -> P, W:2 -> Q] strides [..] padding [..]` (window lengths).
ParseResult parsePoolWindows(OpAsmParser &parser, ArrayAttr &inputAxes,
                             DenseI64ArrayAttr &window, ArrayAttr &outputAxes,
                             DenseI64ArrayAttr &strides,
                             DenseI64ArrayAttr &padding);
void printPoolWindows(OpAsmPrinter &printer, Operation *op, ArrayAttr inputAxes,
                      DenseI64ArrayAttr window, ArrayAttr outputAxes,
                      DenseI64ArrayAttr strides, DenseI64ArrayAttr padding);
/// `[T[2:10:2] -> U, N[3]]`: ranges (step optional) and indexes.
ParseResult parseAxisSlices(OpAsmParser &parser, ArrayAttr &axes,
                            DenseI64ArrayAttr &starts, DenseI64ArrayAttr &stops,
                            DenseI64ArrayAttr &steps, ArrayAttr &outputAxes);
void printAxisSlices(OpAsmPrinter &printer, Operation *op, ArrayAttr axes,
                     DenseI64ArrayAttr starts, DenseI64ArrayAttr stops,
                     DenseI64ArrayAttr steps, ArrayAttr outputAxes);
/// `[H(2, 2) -> H2, W(0, 1) -> W2]`.
ParseResult parseAxisPads(OpAsmParser &parser, ArrayAttr &axes,
                          DenseI64ArrayAttr &low, DenseI64ArrayAttr &high,
                          ArrayAttr &outputAxes);
void printAxisPads(OpAsmPrinter &printer, Operation *op, ArrayAttr axes,
                   DenseI64ArrayAttr low, DenseI64ArrayAttr high,
                   ArrayAttr outputAxes);
/// A region whose names are its own (its arguments may reuse names from
/// outside, as a function's do).
ParseResult parseIsolatedRegion(OpAsmParser &parser, Region &region);
void printIsolatedRegion(OpAsmPrinter &printer, Operation *op, Region &region);
} // namespace mlir::ng

#define GET_OP_CLASSES
#include "NGraph/Dialect/NG/IR/NGOps.h.inc"

namespace mlir::ng {
/// The variables `value` depends on, in graph order (Nervana Graph's
/// `L.variables()`: what ng.optimize updates and front ends list).
llvm::SmallVector<VariableOp> variablesOf(Value value);

/// The axes of `root`'s values and types whose length is left to call time
/// (`N:?`), each once, in the order first seen.
SmallVector<AxisAttr> dynamicAxesOf(Operation *root);

/// Fails with a diagnostic at the first op of `root` using an axis of no
/// fixed length: `pass` needs them all specialized.
LogicalResult requireStaticAxes(Operation *root, StringRef pass);

} // namespace mlir::ng

#endif
