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
#include "llvm/ADT/StringMap.h"

namespace mlir::ng {
#define GEN_PASS_DECL
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"

/// Gives each `?` axis of `root` its length from `lengths` (by name).
/// Fails with a diagnostic when a `?` axis has no length, a name is not a
/// `?` axis of `root`, or a length is not positive.
LogicalResult specializeAxes(Operation *root,
                             const llvm::StringMap<int64_t> &lengths);

#define GEN_PASS_REGISTRATION
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

#endif
