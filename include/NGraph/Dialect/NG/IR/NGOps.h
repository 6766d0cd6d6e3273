//===- NGOps.h - ng dialect operations ----------------------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_NGOPS_H
#define NGRAPH_DIALECT_NG_IR_NGOPS_H

#include "NGraph/Dialect/NG/IR/Autodiff.h"
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
ParseResult parseAxisNames(OpAsmParser &parser, ArrayAttr &names);
void printAxisNames(OpAsmPrinter &printer, Operation *op, ArrayAttr names);
} // namespace mlir::ng

#define GET_OP_CLASSES
#include "NGraph/Dialect/NG/IR/NGOps.h.inc"

#endif
