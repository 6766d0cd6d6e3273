//===- NGDialect.h - ng dialect -----------------------------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_NGDIALECT_H
#define NGRAPH_DIALECT_NG_IR_NGDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "NGraph/Dialect/NG/IR/NGDialect.h.inc"

namespace mlir::ng {
/// Marks the `scf.for` an `ng.recurrence` lowers to. Its body is one step
/// of the recurrence, whose ops the CPU schedule treats as it treats the
/// function's own (loops made by tiling are not marked).
inline constexpr llvm::StringLiteral kRecurrenceLoopAttrName =
    "ng.recurrence_loop";
} // namespace mlir::ng

#endif
