//===- VectorizeElementwise.cpp - elementwise ops along their innermost loop -===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "Utils.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUVECTORIZEELEMENTWISE
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

/// Tiles `op` along its innermost loop (1 along the others) and vectorizes
/// it when the body vectorizes; otherwise leaves it as it is (scalar
/// loops, still correct). A parallel innermost loop (elementwise math,
/// fills, reductions over outer axes) goes one vector at a time. A reduced
/// one (a loss summed over the batch, a bias gradient) goes row by row in
/// chunks of up to four vectors, so the fused math runs on vectors and
/// each chunk ends in one horizontal reduction.
static void vectorizeAlongInnermost(RewriterBase &rw, linalg::LinalgOp op,
                                    const CPUTarget &target) {
  if (!op.hasPureTensorSemantics() || linalg::isaContractionOpInterface(op))
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (ranges.empty() || llvm::any_of(ranges, ShapedType::isDynamic) ||
      failed(linalg::vectorizeOpPrecondition(op)))
    return;
  Type elt = getElementTypeOrSelf(op->getResult(0).getType());
  if (!elt.isIntOrFloat())
    return;
  int64_t lanes = target.lanes(elt.getIntOrFloatBitWidth());
  SmallVector<int64_t> sizes(ranges.size(), 1);
  if (op.getIteratorTypesArray().back() == utils::IteratorType::parallel) {
    sizes.back() = fittingDivisor(ranges.back(), lanes);
    // An operand read across the innermost loop (a transposed input) is
    // read in blocks of up to 8 of its own rows: whole vectors along its
    // contiguous dimension, transposed in registers, instead of one
    // element per row.
    for (OpOperand *in : op.getDpsInputOperands()) {
      AffineMap map = op.getMatchingIndexingMap(in);
      if (map.getNumResults() == 0)
        continue;
      auto last = dyn_cast<AffineDimExpr>(map.getResults().back());
      if (last && last.getPosition() != ranges.size() - 1 &&
          op.getIteratorTypesArray()[last.getPosition()] ==
              utils::IteratorType::parallel)
        sizes[last.getPosition()] =
            fittingDivisor(ranges[last.getPosition()], kTransposeBlockRows);
    }
  } else {
    if (!isa<FloatType>(elt) || op->getNumResults() != 1 ||
        ranges.back() % lanes != 0)
      return;
    sizes.back() =
        fittingDivisor(ranges.back(), kReductionChunkVectors * lanes, lanes);
  }
  FailureOr<Operation *> tiled = tileStatic(rw, op, sizes, ranges);
  if (failed(tiled))
    return;
  rw.setInsertionPoint(*tiled);
  FailureOr<linalg::VectorizationResult> v = linalg::vectorize(rw, *tiled);
  if (succeeded(v))
    rw.replaceOp(*tiled, v->replacements);
}

namespace {
struct NGCPUVectorizeElementwise
    : ng::impl::NGCPUVectorizeElementwiseBase<NGCPUVectorizeElementwise> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    SmallVector<linalg::LinalgOp> work;
    // Ops in loops that tiling made are left alone; a recurrence's step
    // (its loop is marked by the conversion) is vectorized like the
    // function's own ops.
    fn.walk([&](linalg::LinalgOp op) {
      auto loop = op->getParentOfType<scf::ForOp>();
      if (!isa<linalg::TransposeOp>(op.getOperation()) &&
          (!loop || loop->hasAttr(ng::kRecurrenceLoopAttrName) ||
           op->hasAttr(kColumnCopyAttrName)))
        work.push_back(op);
    });
    if (work.empty())
      return;
    FailureOr<CPUTarget> target = getTarget(fn);
    if (failed(target))
      return signalPassFailure();
    IRRewriter rw(&getContext());
    for (linalg::LinalgOp op : work)
      vectorizeAlongInnermost(rw, op, *target);
  }
};
} // namespace
