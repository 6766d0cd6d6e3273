//===- NGTypes.h - axes and named-axis tensor types ---------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_NGTYPES_H
#define NGRAPH_DIALECT_NG_IR_NGTYPES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Types.h"

#include "NGraph/Dialect/NG/IR/NGEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "NGraph/Dialect/NG/IR/NGAttrs.h.inc"

#define GET_TYPEDEF_CLASSES
#include "NGraph/Dialect/NG/IR/NGTypes.h.inc"

#endif
