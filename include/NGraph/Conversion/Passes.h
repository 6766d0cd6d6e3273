//===- Passes.h - ng conversions ----------------------------------*- C++ -*-===//
#ifndef NGRAPH_CONVERSION_PASSES_H
#define NGRAPH_CONVERSION_PASSES_H

#include "NGraph/Conversion/NGToLinalg/NGToLinalg.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MLProgram/IR/MLProgram.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"

namespace mlir::ng {
#define GEN_PASS_DECL
#include "NGraph/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "NGraph/Conversion/Passes.h.inc"
} // namespace mlir::ng

#endif
