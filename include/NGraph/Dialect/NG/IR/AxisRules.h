//===- AxisRules.h - the axis semantics of the ng dialect ---------*- C++ -*-===//
//
// Broadcast order, dot pairing, default reduction axes and the other axis
// rules, written once. Verifiers, type inference, autodiff and lowering all
// call these so the rules cannot drift apart.
//
//===----------------------------------------------------------------------===//
#ifndef NGRAPH_DIALECT_NG_IR_AXISRULES_H
#define NGRAPH_DIALECT_NG_IR_AXISRULES_H

#include "NGraph/Dialect/NG/IR/NGTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::ng::axes {

using AxisList = llvm::SmallVector<AxisAttr, 4>;
using EmitErrorFn = llvm::function_ref<InFlightDiagnostic()>;

/// Position of the axis named `name` in `list`, or -1.
int64_t indexOf(llvm::ArrayRef<AxisAttr> list, StringAttr name);
inline bool contains(llvm::ArrayRef<AxisAttr> list, AxisAttr axis) {
  return indexOf(list, axis.getName()) >= 0;
}
/// Axes of `a` that are not in `b`, in `a`'s order.
AxisList difference(llvm::ArrayRef<AxisAttr> a, llvm::ArrayRef<AxisAttr> b);
/// Axes of `a` that are also in `b`, in `a`'s order.
AxisList intersection(llvm::ArrayRef<AxisAttr> a, llvm::ArrayRef<AxisAttr> b);
/// True if every axis of `sub` is in `super`.
bool isSubset(llvm::ArrayRef<AxisAttr> sub, llvm::ArrayRef<AxisAttr> super);
/// Same axis set, any order.
bool sameSet(llvm::ArrayRef<AxisAttr> a, llvm::ArrayRef<AxisAttr> b);
int64_t numElements(llvm::ArrayRef<AxisAttr> list);

/// Fails if an axis name appears twice in `list`.
LogicalResult checkUnique(llvm::ArrayRef<AxisAttr> list, EmitErrorFn emitError);
/// Fails if a name denotes different axes (length or role) in `a` and `b`.
LogicalResult checkAgree(llvm::ArrayRef<AxisAttr> a, llvm::ArrayRef<AxisAttr> b,
                         EmitErrorFn emitError);

/// Elementwise broadcast (Nervana Graph's order rule): if `rhs` contains all
/// of `lhs`'s axes the result takes `rhs`'s order, otherwise `lhs`'s axes
/// followed by `rhs`'s extra axes.
AxisList broadcast(llvm::ArrayRef<AxisAttr> lhs, llvm::ArrayRef<AxisAttr> rhs);

/// `dot` pairs every axis the operands share.
struct DotAxes {
  AxisList result;     ///< lhs's free axes then rhs's free axes
  AxisList contracted; ///< shared axes, in lhs order
};
DotAxes dot(llvm::ArrayRef<AxisAttr> lhs, llvm::ArrayRef<AxisAttr> rhs);

/// Axes reduced by default: all but batch and recurrent axes.
AxisList defaultReduced(llvm::ArrayRef<AxisAttr> list);

/// How a reduction splits its operand's axes.
struct Reduction {
  AxisList reduced; ///< in operand order
  AxisList kept;    ///< in result order
};
/// Resolves `reduce` / `out` (axis names; at most one given, else the
/// default) against `operand`.
FailureOr<Reduction> resolveReduction(llvm::ArrayRef<AxisAttr> operand,
                                      ArrayAttr reduce, ArrayAttr out,
                                      EmitErrorFn emitError);

/// Resolves a list of axis names against `operand` (in the listed order).
FailureOr<AxisList> resolveNames(llvm::ArrayRef<AxisAttr> operand,
                                 ArrayAttr names, EmitErrorFn emitError);

/// Checks a flatten from `from` to `to` (or unflatten, swapped): every axis
/// of `to` is either an axis of `from` at the same relative place or a new
/// axis standing for a run of adjacent `from` axes of matching product.
/// On success `groups[i]` is the number of `from` axes behind `to[i]`.
FailureOr<llvm::SmallVector<int64_t>>
matchFlatten(llvm::ArrayRef<AxisAttr> from, llvm::ArrayRef<AxisAttr> to,
             EmitErrorFn emitError);

/// For each axis of `sub`, its position in `super` (sub must be a subset).
llvm::SmallVector<int64_t> positionsIn(llvm::ArrayRef<AxisAttr> sub,
                                       llvm::ArrayRef<AxisAttr> super);

/// "[C:4, N:128 batch]" for diagnostics.
std::string str(llvm::ArrayRef<AxisAttr> list);

} // namespace mlir::ng::axes

#endif
