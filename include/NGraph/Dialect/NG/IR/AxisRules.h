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
/// The product of the lengths; AxisAttr::kDynamicLength when an axis has
/// none (`N:?`).
int64_t numElements(llvm::ArrayRef<AxisAttr> list);
/// True if an axis of `list` has its length left to call time.
bool hasDynamic(llvm::ArrayRef<AxisAttr> list);
/// Fails, saying the axis cannot be `use` ("sliced", "the type of a
/// variable"), if an axis of `list` has no fixed length.
LogicalResult requireStatic(llvm::ArrayRef<AxisAttr> list, StringRef use,
                            EmitErrorFn emitError);

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

/// The axes a softmax or normalize works over: `over` (axis names), or by
/// default the reduced ones. Fails if a name is not an axis of `list`.
FailureOr<AxisList> normalizationAxes(llvm::ArrayRef<AxisAttr> list,
                                      ArrayAttr over, EmitErrorFn emitError);

/// The names of `list`, as an op's axis-name attribute.
ArrayAttr names(MLIRContext *ctx, llvm::ArrayRef<AxisAttr> list);

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

/// One spatial axis of a convolution or pooling: `input` is read through a
/// window of `length` positions (the filter axis `filter`; none for
/// pooling), `dilation` apart, placed every `stride` positions over the
/// input padded by `padding` on both sides, giving `output`.
struct Window {
  AxisAttr input, filter, output;
  int64_t length = 1, stride = 1, padding = 0, dilation = 1;
};

/// floor((in + 2 padding - dilation (length - 1) - 1) / stride) + 1: the
/// number of window positions; 0 or less when the window does not fit.
int64_t windowOutputLength(int64_t in, int64_t length, int64_t stride,
                           int64_t padding, int64_t dilation);

/// What a convolution or pooling op writes: per spatial axis the input,
/// filter and output axis names (no filter names for pooling, which gives
/// `lengths` instead) and the stride, padding and dilation.
struct WindowSpec {
  ArrayAttr inputNames, filterNames, outputNames;
  llvm::ArrayRef<int64_t> lengths, strides, padding, dilations;
};

/// How the axes of a convolution relate (pooling: no filter, no channels,
/// no features).
struct ConvolutionAxes {
  llvm::SmallVector<Window, 2> windows;
  AxisList channels; ///< shared by input and filter by name: contracted
  AxisList features; ///< the filter's other axes: new in the output
  AxisList passed;   ///< the input's other axes (the batch): passed through
};

/// Resolves `spec` against the input, filter and output axes and checks
/// them: names found where they belong, lengths from the window formula,
/// the output exactly features + window outputs + passed axes. `filter` is
/// empty for pooling.
FailureOr<ConvolutionAxes>
resolveConvolution(llvm::ArrayRef<AxisAttr> input,
                   llvm::ArrayRef<AxisAttr> filter,
                   llvm::ArrayRef<AxisAttr> output, const WindowSpec &spec,
                   EmitErrorFn emitError);

/// One axis of a slice or a pad. Slice: positions `start`, `start + step`,
/// ... below `stop` of the operand axis `input` (at `position` in the
/// operand) make the result axis `output`; an index (`output` null) keeps
/// position `start` and the axis disappears. Pad: `input` sits at positions
/// [start, stop) of `output` (at `position` in the result), zeros around.
struct AxisRange {
  int64_t position = 0;
  AxisAttr input, output;
  int64_t start = 0, stop = 1, step = 1;
  bool isIndex() const { return !output; }
};

/// Number of positions start, start + step, ... below stop.
int64_t rangeLength(int64_t start, int64_t stop, int64_t step);

/// What a slice op writes per sliced axis; an empty output name is an index.
struct SliceSpec {
  ArrayAttr inputNames, outputNames;
  llvm::ArrayRef<int64_t> starts, stops, steps;
};

/// Resolves a slice of `operand` giving `result` (the slice) and checks it: ranges
/// inside the axes, output lengths from the ranges, roles kept, and the
/// result exactly the operand's axes in order with the sliced ones renamed
/// and the indexed ones dropped. Ranges come back in operand order.
FailureOr<llvm::SmallVector<AxisRange>>
resolveSlice(llvm::ArrayRef<AxisAttr> operand, llvm::ArrayRef<AxisAttr> result,
             const SliceSpec &spec, EmitErrorFn emitError);

/// Resolves a zero padding of `operand` by `low`/`high` positions per named
/// axis, giving `result` (the operand's axes in order, padded ones renamed
/// to axes `low + length + high` long). Ranges come back in operand order.
FailureOr<llvm::SmallVector<AxisRange>>
resolvePad(llvm::ArrayRef<AxisAttr> operand, llvm::ArrayRef<AxisAttr> result,
           ArrayAttr inputNames, ArrayAttr outputNames,
           llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
           EmitErrorFn emitError);

/// Where the operands of a concatenation sit along the joined axis.
struct Concatenation {
  int64_t position = 0;               ///< of the joined axis, everywhere
  llvm::SmallVector<int64_t> offsets; ///< start of each operand
};
/// Checks a concatenation of `operands`, each along its axis `names[i]`,
/// into `result`'s axis `outputName`: the other axes identical and in the
/// same order everywhere, the joined axes at one position with one role,
/// and the result's axis as long as theirs together.
FailureOr<Concatenation>
resolveConcat(llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> operands,
              llvm::ArrayRef<AxisAttr> result, ArrayAttr names,
              StringAttr outputName, EmitErrorFn emitError);

/// Checks a stack of `operands` (all with the same axes) along the new
/// axis `name` of `result`, one position per operand; returns the new
/// axis's position in the result.
FailureOr<int64_t> resolveStack(llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> operands,
                                llvm::ArrayRef<AxisAttr> result, StringAttr name,
                                EmitErrorFn emitError);

/// The axes of `lookup table[indices]`: the indices' axes, then the
/// table's axes after its first (the indexed one). The table needs an
/// indexed axis, and no result axis may appear twice.
FailureOr<AxisList> resolveLookup(llvm::ArrayRef<AxisAttr> table,
                                  llvm::ArrayRef<AxisAttr> indices,
                                  EmitErrorFn emitError);

/// How a recurrence's values relate to its recurrent axis.
struct Recurrence {
  AxisAttr axis;
  llvm::SmallVector<int64_t> sequencePositions; ///< of the axis, per sequence
  llvm::SmallVector<int64_t> stackedPositions;  ///< per stacked output
};
/// Checks a recurrence over the axis `name`: every sequence has it, every
/// stacked output is its step output with the axis inserted, the step
/// outputs and carries lack it, and it has one length throughout. At least
/// one sequence or output must say how long the axis is.
FailureOr<Recurrence>
resolveRecurrence(StringAttr name,
                  llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> sequences,
                  llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> carries,
                  llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> stepOutputs,
                  llvm::ArrayRef<llvm::ArrayRef<AxisAttr>> stacked,
                  EmitErrorFn emitError);

/// `list` without the axis at `position`.
AxisList without(llvm::ArrayRef<AxisAttr> list, int64_t position);

/// For each axis of `sub`, its position in `super` (sub must be a subset).
llvm::SmallVector<int64_t> positionsIn(llvm::ArrayRef<AxisAttr> sub,
                                       llvm::ArrayRef<AxisAttr> super);

/// "[C:4, N:128 batch]" for diagnostics.
std::string str(llvm::ArrayRef<AxisAttr> list);

} // namespace mlir::ng::axes

#endif
