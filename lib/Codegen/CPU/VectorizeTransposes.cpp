//===- VectorizeTransposes.cpp - transposes as vector block moves ---------===//
#include "NGraph/Codegen/CPU/Passes.h"
#include "Utils.h"

#include "mlir/Dialect/Linalg/Transforms/Transforms.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGCPUVECTORIZETRANSPOSES
#include "NGraph/Codegen/CPU/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace ngraph::cpu;

/// Tiles a static transpose into blocks that move whole vectors: the
/// output's innermost dimension (contiguous on writes) by up to two
/// vectors, and the output dimension that is the input's innermost
/// (contiguous on reads) by up to 8; other dimensions by 1.
static LogicalResult vectorizeTranspose(RewriterBase &rw, linalg::TransposeOp t,
                                        const CPUTarget &target) {
  auto in = cast<RankedTensorType>(t.getInput().getType());
  if (!in.hasStaticShape() || in.getRank() < 2 || !t.hasPureTensorSemantics())
    return success();
  ArrayRef<int64_t> perm = t.getPermutation();
  int64_t rank = in.getRank();
  SmallVector<int64_t> out =
      llvm::map_to_vector(perm, [&](int64_t p) { return in.getDimSize(p); });
  int64_t lanes = target.lanes(in.getElementType().getIntOrFloatBitWidth());
  SmallVector<int64_t> sizes(rank, 1);
  sizes[rank - 1] =
      fittingDivisor(out[rank - 1], kRegisterVectors * lanes);
  for (int64_t d = 0; d < rank; ++d)
    if (perm[d] == rank - 1 && d != rank - 1)
      sizes[d] = fittingDivisor(out[d], kTransposeBlockRows);
  // A block move (the innermost dimension stays innermost) walked in the
  // output's order reads one short run per input row, rows a whole row of
  // the input apart: the hardware prefetcher stops at every page, so from
  // memory each run is a miss. The outermost input dimension that moves is
  // walked 8 at a time, outside the output dimensions after it: reads
  // become 8 sequential streams and writes runs of 8 rows.
  Operation *op = t;
  SmallVector<int64_t> ranges = out;
  if (perm.back() == rank - 1) {
    int64_t moved = 0;
    while (moved < rank && perm[moved] == moved)
      ++moved;
    if (moved < rank) {
      int64_t d = llvm::find(perm, moved) - perm.begin();
      SmallVector<int64_t> block(out);
      for (int64_t i = 0; i < moved; ++i)
        block[i] = 1;
      block[d] = fittingDivisor(out[d], kTransposeBlockRows);
      FailureOr<Operation *> outer = tileStatic(rw, t, block, out);
      if (failed(outer))
        return t.emitError("could not tile a transpose");
      op = *outer;
      ranges = block;
    }
  }
  FailureOr<Operation *> tiled = tileStatic(rw, op, sizes, ranges);
  if (failed(tiled))
    return t.emitError("could not tile a transpose");
  rw.setInsertionPoint(*tiled);
  FailureOr<linalg::VectorizationResult> v = linalg::vectorize(rw, *tiled);
  if (failed(v))
    return (*tiled)->emitError("could not vectorize a transpose");
  rw.replaceOp(*tiled, v->replacements);
  return success();
}

namespace {
struct NGCPUVectorizeTransposes
    : ng::impl::NGCPUVectorizeTransposesBase<NGCPUVectorizeTransposes> {
  void runOnOperation() override {
    func::FuncOp fn = getOperation();
    SmallVector<linalg::TransposeOp> transposes;
    fn.walk([&](linalg::TransposeOp t) { transposes.push_back(t); });
    if (transposes.empty())
      return;
    FailureOr<CPUTarget> target = getTarget(fn);
    if (failed(target))
      return signalPassFailure();
    IRRewriter rw(&getContext());
    for (linalg::TransposeOp t : transposes)
      if (failed(vectorizeTranspose(rw, t, *target)))
        return signalPassFailure();
  }
};
} // namespace
