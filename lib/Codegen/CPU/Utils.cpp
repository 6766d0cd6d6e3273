//===- Utils.cpp - helpers shared by the CPU code generation passes -------===//
#include "Utils.h"

#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Interfaces/TilingInterface.h"

using namespace mlir;
using namespace ngraph::cpu;

std::optional<ContractionShape>
ngraph::cpu::matchContraction(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumLoops() != 3 ||
      !linalg::isaContractionOpInterface(op))
    return std::nullopt;
  if (!isa<FloatType>(getElementTypeOrSelf(op->getResult(0).getType())))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1 || !dims->batch.empty())
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  ContractionShape s{dims->m[0],         dims->n[0],
                     dims->k[0],         ranges[dims->m[0]],
                     ranges[dims->n[0]], ranges[dims->k[0]]};
  if (ShapedType::isDynamic(s.sizeM) || ShapedType::isDynamic(s.sizeN) ||
      ShapedType::isDynamic(s.sizeK))
    return std::nullopt;
  return s;
}

int64_t ngraph::cpu::resultPos(AffineMap map, unsigned dim) {
  for (unsigned i = 0; i < map.getNumResults(); ++i)
    if (map.getDimPosition(i) == dim)
      return i;
  return -1;
}

/// The plain C[M, N] (+)= A B (A and B 2-D in either order) that the ng.dot
/// lowering emits, C a fill or a tensor accumulated into.
static bool isPackable(linalg::LinalgOp op, const ContractionShape &s) {
  if (!isa<linalg::MatmulOp>(op.getOperation()) || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1)
    return false;
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  for (AffineMap m : maps)
    if (m.getNumResults() != 2 || !m.isProjectedPermutation())
      return false;
  return resultPos(maps[0], s.m) >= 0 && resultPos(maps[0], s.k) >= 0 &&
         resultPos(maps[1], s.n) >= 0 && resultPos(maps[1], s.k) >= 0 &&
         resultPos(maps[2], s.m) == 0 && resultPos(maps[2], s.n) == 1;
}

ContractionProblem ngraph::cpu::problemOf(linalg::LinalgOp op,
                                          const ContractionShape &s) {
  ContractionProblem p;
  p.m = s.sizeM;
  p.n = s.sizeN;
  p.k = s.sizeK;
  p.eltBits = getElementTypeOrSelf(op->getResult(0).getType())
                  .getIntOrFloatBitWidth();
  p.isMatmul = isa<linalg::MatmulOp>(op.getOperation());
  p.packable = isPackable(op, s);
  // Trips over which a pack of an operand that the loops around the op do
  // not change is reused (a recurrence step's weights).
  auto reuse = [&](Value v) {
    int64_t trips = 1;
    for (scf::ForOp loop : invariantLoops(op, v)) {
      std::optional<APInt> n = loop.getStaticTripCount();
      if (n && n->getSExtValue() > 1)
        trips *= n->getSExtValue();
    }
    return trips;
  };
  p.reuseA = reuse(op.getDpsInputOperand(0)->get());
  p.reuseB = reuse(op.getDpsInputOperand(1)->get());
  return p;
}

SmallVector<scf::ForOp> ngraph::cpu::invariantLoops(Operation *op, Value v) {
  SmallVector<scf::ForOp> loops;
  for (auto loop = op->getParentOfType<scf::ForOp>();
       loop && loop.isDefinedOutsideOfLoop(v);
       loop = loop->getParentOfType<scf::ForOp>())
    loops.push_back(loop);
  return loops;
}

FailureOr<Operation *> ngraph::cpu::tileStatic(RewriterBase &rw, Operation *op,
                                               ArrayRef<int64_t> sizes,
                                               ArrayRef<int64_t> ranges,
                                               ArrayRef<int64_t> interchange,
                                               bool parallel) {
  SmallVector<int64_t> effective;
  bool any = false;
  for (auto [s, r] : llvm::zip(sizes, ranges)) {
    effective.push_back(s == r ? 0 : s);
    any |= s != r;
  }
  if (!any)
    return op;
  scf::SCFTilingOptions options;
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), effective));
  if (!interchange.empty())
    options.setInterchange(interchange);
  if (parallel)
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
  rw.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> r =
      scf::tileUsingSCF(rw, cast<TilingInterface>(op), options);
  if (failed(r))
    return failure();
  rw.replaceOp(op, r->replacements);
  return r->tiledOps.back();
}
