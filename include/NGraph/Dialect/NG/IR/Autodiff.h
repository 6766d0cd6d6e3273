//===- Autodiff.h - adjoint accumulation for reverse mode ---------*- C++ -*-===//
#ifndef NGRAPH_DIALECT_NG_IR_AUTODIFF_H
#define NGRAPH_DIALECT_NG_IR_AUTODIFF_H

#include "NGraph/Dialect/NG/IR/NGTypes.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include <functional>

namespace mlir::ng {

/// Zero of an ng tensor type.
Value buildZero(OpBuilder &b, Location loc, NGTensorType type);
/// Brings `v` to exactly `type`'s axes: sums axes `type` lacks, broadcasts
/// axes `v` lacks, and reorders. This is how an adjoint contribution is
/// matched to its primal (the "unbroadcast" of reverse mode).
Value reshapeToAxes(OpBuilder &b, Location loc, Value v, NGTensorType type);

/// Adjoints of one backward sweep. Rules call `add`; contributions are
/// brought to the primal's axes and summed.
class AdjointAccumulator {
public:
  explicit AdjointAccumulator(OpBuilder &builder) : builder(builder) {}
  /// Adds `contribution` to the adjoint of `primal` (ignored where the
  /// sweep does not need `primal`'s adjoint).
  void add(Value primal, Value contribution);
  /// The accumulated adjoint, or null if nothing flowed into `primal`.
  Value get(Value primal) const { return adjoints.lookup(primal); }
  /// Restrict accumulation to the values for which `needed` holds.
  void setNeeded(std::function<bool(Value)> fn) { needed = std::move(fn); }

private:
  OpBuilder &builder;
  llvm::DenseMap<Value, Value> adjoints;
  std::function<bool(Value)> needed;
};

/// The backward sweep: visits `order` (ops in program order) last to first
/// and applies each op's rule to the adjoints its results have in `acc`.
/// Fails on an op the gradient flows through that has no rule (with a note
/// at `requestedAt`, if given).
LogicalResult propagateAdjoints(ArrayRef<Operation *> order,
                                AdjointAccumulator &acc, OpBuilder &builder,
                                std::optional<Location> requestedAt = {});
} // namespace mlir::ng

#endif
