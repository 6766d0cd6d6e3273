//===- Passes.h - ng dialect transforms ---------------------------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_TRANSFORMS_PASSES_H
#define NGRAPH_DIALECT_NG_TRANSFORMS_PASSES_H

#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Pass/Pass.h"

namespace mlir::ng {
#define GEN_PASS_DECL
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

#endif
