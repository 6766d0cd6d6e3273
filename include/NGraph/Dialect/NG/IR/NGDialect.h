//===- NGDialect.h - ng dialect -----------------------------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_NGDIALECT_H
#define NGRAPH_DIALECT_NG_IR_NGDIALECT_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Dialect.h"

#include "NGraph/Dialect/NG/IR/NGDialect.h.inc"

#endif
