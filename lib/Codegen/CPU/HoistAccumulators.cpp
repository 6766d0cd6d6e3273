//===- HoistAccumulators.cpp - register tiles' C blocks stay in registers --===//
#include "NGraph/Codegen/CPU/Passes.h"

#include "mlir/Dialect/SCF/Utils/Utils.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUHOISTACCUMULATORS
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using ngraph::cpu::fittingDivisor;

namespace {
struct NGCPUHoistAccumulators
    : ng::impl::NGCPUHoistAccumulatorsBase<NGCPUHoistAccumulators> {
  using NGCPUHoistAccumulatorsBase::NGCPUHoistAccumulatorsBase;

  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    IRRewriter rw(&getContext());
    // Move the C block's read and write out of the K loop, innermost loops
    // first.
    SmallVector<scf::ForOp> loops;
    fn.walk<WalkOrder::PostOrder>([&](scf::ForOp f) { loops.push_back(f); });
    for (scf::ForOp f : loops)
      hoistLoopInvariantSubsets(rw,
                                cast<LoopLikeOpInterface>(f.getOperation()));

    // Hoisting replaced the loops, so the register tiles' K loops are
    // collected again.
    SmallVector<scf::ForOp> kLoops;
    fn.walk([&](scf::ForOp f) {
      if (isRegisterKLoop(f))
        kLoops.push_back(f);
    });
    for (scf::ForOp f : kLoops)
      accumulateFromZero(rw, f);
    // One K step is rM x 2 FMAs; unrolled, the loop counter and branch are
    // paid once per several steps.
    if (unrollK <= 1)
      return;
    for (scf::ForOp f : kLoops)
      if (std::optional<APInt> trips = f.getStaticTripCount())
        if (int64_t factor = fittingDivisor(trips->getSExtValue(), unrollK);
            factor > 1)
          (void)loopUnrollByFactor(f, factor);
  }

  /// The K loop starts from zero accumulators and the C block it read is
  /// added once the loop is done. Read first, C (often a cache miss: a
  /// tile's rows are a row of C apart) held up the tile's first FMAs, all
  /// of which depend on it; read last, its latency overlaps the last FMAs.
  static void accumulateFromZero(RewriterBase &rw, scf::ForOp f) {
    for (auto [i, init] : llvm::enumerate(f.getInitArgs())) {
      auto read = init.getDefiningOp<vector::TransferReadOp>();
      auto type = dyn_cast<VectorType>(init.getType());
      BlockArgument acc = f.getRegionIterArgs()[i];
      if (!read || !read->hasOneUse() || !type ||
          !isa<FloatType>(type.getElementType()) ||
          !llvm::all_of(acc.getUsers(), [&](Operation *user) {
            auto c = dyn_cast<vector::ContractionOp>(user);
            return c && c.getAcc() == acc &&
                   c.getKind() == vector::CombiningKind::ADD;
          }))
        continue;
      rw.setInsertionPoint(f);
      Value zero = arith::ConstantOp::create(rw, f.getLoc(), type,
                                             rw.getZeroAttr(type));
      rw.modifyOpInPlace(f, [&] { f.getInitArgsMutable()[i].set(zero); });
      rw.moveOpAfter(read, f);
      rw.setInsertionPointAfter(read);
      Value sum = arith::AddFOp::create(rw, f.getLoc(), read.getResult(),
                                        f.getResult(i));
      rw.replaceAllUsesExcept(f.getResult(i), sum, sum.getDefiningOp());
    }
  }

  /// A loop whose body is one register tile's step: a `vector.contract`
  /// on an accumulator the loop carries (hoisted out of it above).
  static bool isRegisterKLoop(scf::ForOp f) {
    if (f.getNumRegionIterArgs() == 0)
      return false;
    for (Operation &op : f.getBody()->without_terminator())
      if (auto c = dyn_cast<vector::ContractionOp>(&op))
        if (llvm::is_contained(f.getRegionIterArgs(), c.getAcc()))
          return true;
    return false;
  }
};
} // namespace
