//===- StackTemporaries.cpp - small temporary buffers on the stack ---------===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGSTACKTEMPORARIES
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;

namespace {
struct NGStackTemporaries
    : ng::impl::NGStackTemporariesBase<NGStackTemporaries> {
  using NGStackTemporariesBase::NGStackTemporariesBase;
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (fn.isExternal())
      return;
    IRRewriter rw(&getContext());
    DataLayout layout = DataLayout::closest(fn);
    int64_t total = 0;
    // Only the body's own block: an alloca in a loop would grow the stack
    // on every iteration.
    for (Operation &op :
         llvm::make_early_inc_range(fn.getBody().front().getOperations())) {
      auto alloc = dyn_cast<memref::AllocOp>(op);
      if (!alloc)
        continue;
      MemRefType type = alloc.getType();
      if (!type.hasStaticShape() || !type.getLayout().isIdentity() ||
          !type.getElementType().isIntOrFloat())
        continue;
      int64_t bytes = type.getNumElements() *
                      (int64_t)layout.getTypeSize(type.getElementType());
      if (bytes > maxBytes || total + bytes > maxTotalBytes)
        continue;
      // A buffer that leaves the function must outlive its frame.
      bool escapes = llvm::any_of(alloc->getUsers(), [](Operation *user) {
        return user->hasTrait<OpTrait::ReturnLike>() || isa<func::CallOp>(user);
      });
      if (escapes)
        continue;
      total += bytes;
      // The frame frees it.
      for (Operation *user : llvm::make_early_inc_range(alloc->getUsers()))
        if (isa<memref::DeallocOp>(user))
          rw.eraseOp(user);
      rw.setInsertionPoint(alloc);
      rw.replaceOpWithNewOp<memref::AllocaOp>(alloc, type,
                                              alloc.getAlignmentAttr());
    }
  }
};
} // namespace
