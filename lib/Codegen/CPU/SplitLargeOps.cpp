//===- SplitLargeOps.cpp - share large elementwise ops between threads ----===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "Utils.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUSPLITLARGEOPS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

namespace {
struct NGCPUSplitLargeOps
    : ng::impl::NGCPUSplitLargeOpsBase<NGCPUSplitLargeOps> {
  using NGCPUSplitLargeOpsBase::NGCPUSplitLargeOpsBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    if (threads <= 1 || fn.isExternal())
      return;
    SmallVector<linalg::LinalgOp> work;
    for (Operation &op : fn.getBody().front()) {
      auto l = dyn_cast<linalg::LinalgOp>(&op);
      if (!l || !l.hasPureTensorSemantics() ||
          linalg::isaContractionOpInterface(l))
        continue;
      SmallVector<int64_t> ranges = l.getStaticLoopRanges();
      if (ranges.empty() || llvm::any_of(ranges, ShapedType::isDynamic) ||
          l.getIteratorTypesArray()[0] != utils::IteratorType::parallel ||
          ranges[0] % threads != 0)
        continue;
      int64_t elements = 1;
      for (int64_t r : ranges)
        elements *= r;
      if (elements >= kMinParallelElements)
        work.push_back(l);
    }
    IRRewriter rw(&getContext());
    for (linalg::LinalgOp l : work) {
      SmallVector<int64_t> ranges = l.getStaticLoopRanges();
      SmallVector<int64_t> sizes(ranges);
      sizes[0] = ranges[0] / threads;
      // A failure leaves the op serial, which is still correct.
      (void)tileStatic(rw, l, sizes, ranges, {}, /*parallel=*/true);
    }
  }
};
} // namespace
