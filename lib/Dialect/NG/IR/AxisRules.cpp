//===- AxisRules.cpp - the axis semantics of the ng dialect ---------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;
using namespace mlir::ng;
using namespace mlir::ng::axes;

int64_t axes::indexOf(ArrayRef<AxisAttr> list, StringAttr name) {
  for (auto [i, a] : llvm::enumerate(list))
    if (a.getName() == name)
      return i;
  return -1;
}

AxisList axes::difference(ArrayRef<AxisAttr> a, ArrayRef<AxisAttr> b) {
  AxisList r;
  for (AxisAttr x : a)
    if (!contains(b, x))
      r.push_back(x);
  return r;
}

AxisList axes::intersection(ArrayRef<AxisAttr> a, ArrayRef<AxisAttr> b) {
  AxisList r;
  for (AxisAttr x : a)
    if (contains(b, x))
      r.push_back(x);
  return r;
}

bool axes::isSubset(ArrayRef<AxisAttr> sub, ArrayRef<AxisAttr> super) {
  return llvm::all_of(sub, [&](AxisAttr a) { return contains(super, a); });
}

bool axes::sameSet(ArrayRef<AxisAttr> a, ArrayRef<AxisAttr> b) {
  return a.size() == b.size() && isSubset(a, b);
}

int64_t axes::numElements(ArrayRef<AxisAttr> list) {
  int64_t n = 1;
  for (AxisAttr a : list) {
    if (a.isDynamic())
      return AxisAttr::kDynamicLength;
    n *= a.getLength();
  }
  return n;
}

/// A length as written in a type: `?` for one left to call time.
static std::string lengthText(AxisAttr a) {
  return a.isDynamic() ? "?" : std::to_string(a.getLength());
}

bool axes::hasDynamic(ArrayRef<AxisAttr> list) {
  return llvm::any_of(list, [](AxisAttr a) { return a.isDynamic(); });
}

/// Refuses an axis whose length is left to call time where an op needs its
/// length to check or shape its result.
LogicalResult axes::requireStatic(ArrayRef<AxisAttr> list, StringRef use,
                                  EmitErrorFn emitError) {
  for (AxisAttr a : list)
    if (a.isDynamic())
      return emitError() << "axis " << str(a) << " has no fixed length, so it "
                         << "cannot be " << use
                         << " (specialize the graph first: ng-specialize-axes)";
  return success();
}

LogicalResult axes::checkUnique(ArrayRef<AxisAttr> list, EmitErrorFn emitError) {
  for (auto [i, a] : llvm::enumerate(list))
    if (indexOf(list.take_front(i), a.getName()) >= 0)
      return emitError() << "axis '" << a.getName().getValue()
                         << "' appears twice in " << str(list);
  return success();
}

LogicalResult axes::checkAgree(ArrayRef<AxisAttr> a, ArrayRef<AxisAttr> b,
                               EmitErrorFn emitError) {
  for (AxisAttr x : a) {
    int64_t j = indexOf(b, x.getName());
    if (j >= 0 && b[j] != x)
      return emitError() << "axis '" << x.getName().getValue()
                         << "' is used with different lengths or roles: "
                         << str(x) << " and " << str(b[j]);
  }
  return success();
}

AxisList axes::broadcast(ArrayRef<AxisAttr> lhs, ArrayRef<AxisAttr> rhs) {
  if (isSubset(lhs, rhs))
    return AxisList(rhs.begin(), rhs.end());
  AxisList r(lhs.begin(), lhs.end());
  for (AxisAttr x : rhs)
    if (!contains(lhs, x))
      r.push_back(x);
  return r;
}

DotAxes axes::dot(ArrayRef<AxisAttr> lhs, ArrayRef<AxisAttr> rhs) {
  DotAxes d;
  d.contracted = intersection(lhs, rhs);
  d.result = difference(lhs, rhs);
  for (AxisAttr x : difference(rhs, lhs))
    d.result.push_back(x);
  return d;
}

AxisList axes::defaultReduced(ArrayRef<AxisAttr> list) {
  AxisList r;
  for (AxisAttr a : list)
    if (!a.isHeldOut())
      r.push_back(a);
  return r;
}

FailureOr<AxisList> axes::resolveNames(ArrayRef<AxisAttr> operand,
                                       ArrayAttr names, EmitErrorFn emitError) {
  AxisList r;
  for (Attribute n : names) {
    auto name = cast<StringAttr>(n);
    int64_t i = indexOf(operand, name);
    if (i < 0)
      return emitError() << "axis '" << name.getValue()
                         << "' is not an axis of the operand " << str(operand);
    if (contains(r, operand[i]))
      return emitError() << "axis '" << name.getValue() << "' is listed twice";
    r.push_back(operand[i]);
  }
  return r;
}

FailureOr<Reduction> axes::resolveReduction(ArrayRef<AxisAttr> operand,
                                            ArrayAttr reduce, ArrayAttr out,
                                            EmitErrorFn emitError) {
  if (reduce && out)
    return emitError() << "give either 'reduce' or 'out' axes, not both";
  Reduction r;
  if (reduce) {
    FailureOr<AxisList> red = resolveNames(operand, reduce, emitError);
    if (failed(red))
      return failure();
    // Reduced axes are kept in operand order whatever order they were named.
    r.reduced = intersection(operand, *red);
    r.kept = difference(operand, *red);
  } else if (out) {
    FailureOr<AxisList> kept = resolveNames(operand, out, emitError);
    if (failed(kept))
      return failure();
    r.kept = *kept;
    r.reduced = difference(operand, *kept);
  } else {
    r.reduced = defaultReduced(operand);
    r.kept = difference(operand, r.reduced);
  }
  return r;
}

FailureOr<SmallVector<int64_t>>
axes::matchFlatten(ArrayRef<AxisAttr> from, ArrayRef<AxisAttr> to,
                   EmitErrorFn emitError) {
  SmallVector<int64_t> groups;
  size_t i = 0;
  for (AxisAttr t : to) {
    if (i >= from.size())
      return emitError() << "axis '" << t.getName().getValue()
                         << "' has no operand axes left to stand for";
    if (from[i] == t) {
      groups.push_back(1);
      ++i;
      continue;
    }
    if (contains(from, t))
      return emitError() << "axis '" << t.getName().getValue()
                         << "' is out of place: flatten keeps axis order";
    if (t.isDynamic() || (i < from.size() && from[i].isDynamic()))
      return emitError() << "axis " << str(t.isDynamic() ? t : from[i])
                         << " has no fixed length: flatten keeps such an axis "
                            "as it is";
    int64_t product = 1, n = 0;
    while (i < from.size() && product < t.getLength()) {
      if (failed(axes::requireStatic(from[i], "flattened", emitError)))
        return failure();
      product *= from[i++].getLength();
      ++n;
    }
    if (product != t.getLength() || n < 1)
      return emitError() << "axis " << str(t)
                         << " does not match the product of a run of adjacent "
                            "axes of "
                         << str(from);
    groups.push_back(n);
  }
  if (i != from.size())
    return emitError() << "axes " << str(from.drop_front(i))
                       << " are not accounted for by " << str(to);
  return groups;
}

SmallVector<int64_t> axes::positionsIn(ArrayRef<AxisAttr> sub,
                                       ArrayRef<AxisAttr> super) {
  SmallVector<int64_t> r;
  for (AxisAttr a : sub)
    r.push_back(indexOf(super, a.getName()));
  return r;
}

std::string axes::str(ArrayRef<AxisAttr> list) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '[';
  llvm::interleaveComma(list, os, [&](AxisAttr a) {
    os << a.getName().getValue() << ':' << lengthText(a);
    if (a.getRole() != AxisRole::plain)
      os << ' ' << stringifyAxisRole(a.getRole());
  });
  os << ']';
  return s;
}

//===----------------------------------------------------------------------===//
// Convolution and pooling windows
//===----------------------------------------------------------------------===//

int64_t axes::windowOutputLength(int64_t in, int64_t length, int64_t stride,
                                 int64_t padding, int64_t dilation) {
  int64_t span = in + 2 * padding - dilation * (length - 1) - 1;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

/// The axis of `list` named `name`, with a diagnostic naming `what` if
/// there is none.
static FailureOr<AxisAttr> findAxis(ArrayRef<AxisAttr> list, Attribute name,
                                    StringRef what, EmitErrorFn emitError) {
  int64_t i = indexOf(list, cast<StringAttr>(name));
  if (i < 0)
    return emitError() << what << " axis '" << cast<StringAttr>(name).getValue()
                       << "' is not an axis of " << str(list);
  return list[i];
}

FailureOr<ConvolutionAxes>
axes::resolveConvolution(ArrayRef<AxisAttr> input, ArrayRef<AxisAttr> filter,
                         ArrayRef<AxisAttr> output, const WindowSpec &spec,
                         EmitErrorFn emitError) {
  bool pooling = !spec.filterNames;
  size_t rank = spec.inputNames.size();
  if (rank == 0)
    return emitError() << "needs at least one spatial axis";
  if (spec.outputNames.size() != rank ||
      (!pooling && spec.filterNames.size() != rank) ||
      (pooling && spec.lengths.size() != rank) ||
      spec.strides.size() != rank || spec.padding.size() != rank ||
      spec.dilations.size() != rank)
    return emitError() << "every spatial axis needs its window, output axis, "
                          "stride, padding and dilation ("
                       << rank << " spatial axes)";
  if (failed(checkUnique(input, emitError)) ||
      failed(checkUnique(filter, emitError)) ||
      failed(checkUnique(output, emitError)) ||
      failed(checkAgree(input, filter, emitError)) ||
      failed(checkAgree(input, output, emitError)) ||
      failed(checkAgree(filter, output, emitError)))
    return failure();

  ConvolutionAxes r;
  AxisList inSpatial, filterSpatial, outSpatial;
  for (size_t i = 0; i < rank; ++i) {
    Window w;
    FailureOr<AxisAttr> in =
        findAxis(input, spec.inputNames[i], "input spatial", emitError);
    if (failed(in))
      return failure();
    w.input = *in;
    if (!pooling) {
      FailureOr<AxisAttr> f =
          findAxis(filter, spec.filterNames[i], "filter spatial", emitError);
      if (failed(f))
        return failure();
      w.filter = *f;
      w.length = f->getLength();
      if (w.filter.isHeldOut())
        return emitError() << "filter spatial axis " << str(w.filter)
                           << " must not be a batch or recurrent axis";
      if (indexOf(input, w.filter.getName()) >= 0)
        return emitError() << "filter spatial axis '"
                           << w.filter.getName().getValue()
                           << "' must not also be an input axis";
    } else {
      w.length = spec.lengths[i];
    }
    FailureOr<AxisAttr> out =
        findAxis(output, spec.outputNames[i], "output spatial", emitError);
    if (failed(out))
      return failure();
    w.output = *out;
    w.stride = spec.strides[i];
    w.padding = spec.padding[i];
    w.dilation = spec.dilations[i];
    StringRef name = w.input.getName().getValue();
    if (w.length < 1 || w.stride < 1 || w.dilation < 1 || w.padding < 0)
      return emitError() << "spatial axis '" << name
                         << "': window length, stride and dilation must be at "
                            "least 1 and padding at least 0 (got window "
                         << w.length << ", stride " << w.stride << ", padding "
                         << w.padding << ", dilation " << w.dilation << ")";
    if (w.input.isHeldOut())
      return emitError() << "input spatial axis " << str(w.input)
                         << " must not be a batch or recurrent axis";
    if (indexOf(input, w.output.getName()) >= 0 ||
        indexOf(filter, w.output.getName()) >= 0)
      return emitError() << "output spatial axis '"
                         << w.output.getName().getValue()
                         << "' must be a new axis, not one of the operands'";
    if (w.padding >= w.dilation * (w.length - 1) + 1)
      return emitError() << "spatial axis '" << name << "': padding "
                         << w.padding << " must be less than the window's "
                         << "extent " << w.dilation * (w.length - 1) + 1
                         << " (a window of padding only)";
    int64_t want = windowOutputLength(w.input.getLength(), w.length, w.stride,
                                      w.padding, w.dilation);
    if (want < 1)
      return emitError() << "spatial axis '" << name << "': the window (extent "
                         << w.dilation * (w.length - 1) + 1
                         << ") does not fit in " << str(w.input) << " padded by "
                         << w.padding;
    if (w.output.getLength() != want) {
      InFlightDiagnostic d = emitError();
      d << "output axis '" << w.output.getName().getValue() << "' has length "
        << lengthText(w.output) << ", expected " << want << " = floor(("
        << name << ":" << w.input.getLength() << " + 2*" << w.padding << " - "
        << w.dilation << "*(";
      if (w.filter)
        d << w.filter.getName().getValue() << ":";
      d << w.length << " - 1) - 1) / " << w.stride << ") + 1";
      return d;
    }
    for (const Window &prev : r.windows)
      if (prev.input == w.input || prev.output == w.output ||
          (w.filter && prev.filter == w.filter))
        return emitError() << "spatial axis '" << name
                           << "' or its window or output axis is listed twice";
    inSpatial.push_back(w.input);
    if (w.filter)
      filterSpatial.push_back(w.filter);
    outSpatial.push_back(w.output);
    r.windows.push_back(w);
  }

  AxisList inRest = difference(input, inSpatial);
  AxisList filterRest = difference(filter, filterSpatial);
  r.channels = intersection(inRest, filterRest);
  r.features = difference(filterRest, r.channels);
  r.passed = difference(inRest, r.channels);
  for (AxisAttr f : r.features)
    if (f.isHeldOut())
      return emitError() << "filter axis " << str(f)
                         << " is neither spatial nor shared with the input, so "
                            "it is an output feature axis; it must not be a "
                            "batch or recurrent axis";
  AxisList want(r.features);
  want.append(outSpatial);
  want.append(r.passed);
  if (!sameSet(want, output)) {
    InFlightDiagnostic d = emitError();
    d << "output axes " << str(output) << " must be the filter's feature axes "
      << str(r.features) << ", the output spatial axes " << str(outSpatial)
      << " and the input's other axes " << str(r.passed) << " (any order)";
    if (!r.channels.empty())
      d << "; the channel axes " << str(r.channels) << " are contracted";
    return d;
  }
  return r;
}

//===----------------------------------------------------------------------===//
// Slicing, padding, joining
//===----------------------------------------------------------------------===//

int64_t axes::rangeLength(int64_t start, int64_t stop, int64_t step) {
  if (step <= 0 || stop <= start)
    return 0;
  return (stop - start + step - 1) / step;
}

/// Checks that `result` is `operand` with each axis of `ranges` replaced by
/// its output axis (or dropped, for an index), nothing else changed.
static LogicalResult checkReplaced(ArrayRef<AxisAttr> operand,
                                   ArrayRef<AxisAttr> result,
                                   ArrayRef<AxisRange> ranges, StringRef part,
                                   StringRef what, EmitErrorFn emitError) {
  AxisList want;
  for (auto [i, a] : llvm::enumerate(operand)) {
    const AxisRange *r = llvm::find_if(ranges, [&, i = (int64_t)i](const AxisRange &r) {
      return r.position == i;
    });
    if (r == ranges.end())
      want.push_back(a);
    else if (!r->isIndex())
      want.push_back(r->output);
  }
  if (ArrayRef<AxisAttr>(want) != result)
    return emitError() << part << " axes " << str(result) << " must be "
                       << str(want) << ": the operand's axes in order, "
                       << what;
  return success();
}

/// Looks up the named axes of a slice or pad in `operand`, each once.
static LogicalResult findRangeAxes(ArrayRef<AxisAttr> operand,
                                   ArrayAttr inputNames, StringRef what,
                                   SmallVectorImpl<AxisRange> &ranges,
                                   EmitErrorFn emitError) {
  for (Attribute n : inputNames) {
    FailureOr<AxisAttr> a = findAxis(operand, n, what, emitError);
    if (failed(a))
      return failure();
    if (llvm::any_of(ranges, [&](const AxisRange &r) { return r.input == *a; }))
      return emitError() << "axis '" << a->getName().getValue()
                         << "' is named twice";
    if (failed(axes::requireStatic(*a, what, emitError)))
      return failure();
    AxisRange r;
    r.input = *a;
    r.position = indexOf(operand, a->getName());
    ranges.push_back(r);
  }
  return success();
}

/// The output axis `name` of `result` for range `r`, checked to have
/// `length` and the input's role.
static LogicalResult findOutputAxis(ArrayRef<AxisAttr> result, Attribute name,
                                    StringRef part, AxisRange &r,
                                    int64_t length, StringRef formula,
                                    EmitErrorFn emitError) {
  FailureOr<AxisAttr> out = findAxis(result, name, part, emitError);
  if (failed(out))
    return failure();
  if (out->getLength() != length)
    return emitError() << part << " axis '" << out->getName().getValue()
                       << "' has length " << lengthText(*out) << ", expected "
                       << length << " = " << formula;
  if (out->getRole() != r.input.getRole())
    return emitError() << part << " axis " << str(*out)
                       << " must keep the role of " << str(r.input);
  r.output = *out;
  return success();
}

FailureOr<SmallVector<AxisRange>>
axes::resolveSlice(ArrayRef<AxisAttr> operand, ArrayRef<AxisAttr> result,
                   const SliceSpec &spec, EmitErrorFn emitError) {
  size_t n = spec.inputNames.size();
  if (n == 0)
    return emitError() << "slices no axis";
  if (spec.outputNames.size() != n || spec.starts.size() != n ||
      spec.stops.size() != n || spec.steps.size() != n)
    return emitError() << "every sliced axis needs a start, stop, step and "
                          "result name ("
                       << n << " sliced axes)";
  SmallVector<AxisRange> ranges;
  if (failed(findRangeAxes(operand, spec.inputNames, "sliced", ranges, emitError)))
    return failure();
  for (auto [i, r] : llvm::enumerate(ranges)) {
    r.start = spec.starts[i];
    r.stop = spec.stops[i];
    r.step = spec.steps[i];
    int64_t len = r.input.getLength();
    StringRef name = r.input.getName().getValue();
    bool index = cast<StringAttr>(spec.outputNames[i]).getValue().empty();
    if (index) {
      if (r.start < 0 || r.start >= len)
        return emitError() << "index " << r.start << " is out of range for axis "
                           << str(r.input);
      if (r.stop != r.start + 1 || r.step != 1)
        return emitError() << "index of axis '" << name
                           << "' must have stop = start + 1 and step 1";
      continue;
    }
    if (r.step < 1)
      return emitError() << "step " << r.step << " of axis '" << name
                         << "' must be at least 1";
    if (r.start < 0 || r.stop > len || r.start >= r.stop)
      return emitError() << "range [" << r.start << ":" << r.stop
                         << "] of axis " << str(r.input)
                         << " must satisfy 0 <= start < stop <= " << len;
    std::string formula;
    llvm::raw_string_ostream(formula)
        << "ceil((" << r.stop << " - " << r.start << ") / " << r.step << ")";
    if (failed(findOutputAxis(result, spec.outputNames[i], "slice", r,
                              rangeLength(r.start, r.stop, r.step), formula,
                              emitError)))
      return failure();
  }
  llvm::sort(ranges, [](const AxisRange &a, const AxisRange &b) {
    return a.position < b.position;
  });
  if (failed(checkReplaced(operand, result, ranges, "slice",
                           "sliced axes renamed and indexed axes dropped",
                           emitError)))
    return failure();
  return ranges;
}

FailureOr<SmallVector<AxisRange>>
axes::resolvePad(ArrayRef<AxisAttr> operand, ArrayRef<AxisAttr> result,
                 ArrayAttr inputNames, ArrayAttr outputNames,
                 ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                 EmitErrorFn emitError) {
  size_t n = inputNames.size();
  if (n == 0)
    return emitError() << "pads no axis";
  if (outputNames.size() != n || low.size() != n || high.size() != n)
    return emitError() << "every padded axis needs a low and high padding and "
                          "a result name ("
                       << n << " padded axes)";
  SmallVector<AxisRange> ranges;
  if (failed(findRangeAxes(operand, inputNames, "padded", ranges, emitError)))
    return failure();
  for (auto [i, r] : llvm::enumerate(ranges)) {
    int64_t len = r.input.getLength();
    if (low[i] < 0 || high[i] < 0)
      return emitError() << "padding (" << low[i] << ", " << high[i]
                         << ") of axis '" << r.input.getName().getValue()
                         << "' must not be negative (use ng.slice to cut)";
    r.start = low[i];
    r.stop = low[i] + len;
    std::string formula;
    llvm::raw_string_ostream(formula)
        << low[i] << " + " << r.input.getName().getValue() << ":" << len
        << " + " << high[i];
    if (failed(findOutputAxis(result, outputNames[i], "result", r,
                              low[i] + len + high[i],
                              formula, emitError)))
      return failure();
  }
  llvm::sort(ranges, [](const AxisRange &a, const AxisRange &b) {
    return a.position < b.position;
  });
  if (failed(checkReplaced(operand, result, ranges, "result",
                           "padded axes renamed",
                           emitError)))
    return failure();
  return ranges;
}

FailureOr<Concatenation>
axes::resolveConcat(ArrayRef<ArrayRef<AxisAttr>> operands,
                    ArrayRef<AxisAttr> result, ArrayAttr names,
                    StringAttr outputName, EmitErrorFn emitError) {
  if (operands.empty())
    return emitError() << "needs at least one operand";
  if (names.size() != operands.size())
    return emitError() << "names " << names.size() << " axes for "
                       << operands.size() << " operands: one per operand";
  Concatenation c;
  AxisList rest;
  AxisAttr first;
  int64_t total = 0;
  for (auto [i, list] : llvm::enumerate(operands)) {
    auto name = cast<StringAttr>(names[i]);
    int64_t p = indexOf(list, name);
    if (p < 0)
      return emitError() << "operand #" << i << " has no axis '"
                         << name.getValue() << "': its axes are " << str(list);
    AxisList others(list);
    others.erase(others.begin() + p);
    if (i == 0) {
      c.position = p;
      rest = others;
      first = list[p];
    } else if (p != c.position || others != rest) {
      return emitError() << "operand #" << i << " " << str(list)
                         << " must have the axes of operand #0 "
                         << str(operands[0])
                         << " with its axis '" << name.getValue()
                         << "' in place of '" << first.getName().getValue()
                         << "' (same order)";
    } else if (list[p].getRole() != first.getRole()) {
      return emitError() << "joined axes " << str(first) << " and "
                         << str(list[p]) << " have different roles";
    }
    if (failed(axes::requireStatic(list[p], "joined", emitError)))
      return failure();
    c.offsets.push_back(total);
    total += list[p].getLength();
  }
  FailureOr<AxisAttr> out = findAxis(result, outputName, "result", emitError);
  if (failed(out))
    return failure();
  if (out->getLength() != total)
    return emitError() << "result axis '" << outputName.getValue()
                       << "' has length " << lengthText(*out) << ", expected "
                       << total << " (the joined axes' lengths added)";
  if (out->getRole() != first.getRole())
    return emitError() << "result axis " << str(*out)
                       << " must keep the role of " << str(first);
  AxisList want(rest);
  want.insert(want.begin() + c.position, *out);
  if (ArrayRef<AxisAttr>(want) != result)
    return emitError() << "result axes " << str(result) << " must be "
                       << str(want)
                       << ": the operands' axes with the joined axis in place";
  return c;
}

FailureOr<int64_t> axes::resolveStack(ArrayRef<ArrayRef<AxisAttr>> operands,
                                      ArrayRef<AxisAttr> result,
                                      StringAttr name, EmitErrorFn emitError) {
  if (operands.empty())
    return emitError() << "needs at least one operand";
  for (auto [i, list] : llvm::enumerate(operands))
    if (list != operands[0])
      return emitError() << "operand #" << i << " has axes " << str(list)
                         << ", operand #0 " << str(operands[0])
                         << ": stacked operands must have the same axes";
  if (indexOf(operands[0], name) >= 0)
    return emitError() << "stacking axis '" << name.getValue()
                       << "' must be new, but the operands have it";
  FailureOr<AxisAttr> out = findAxis(result, name, "stacking", emitError);
  if (failed(out))
    return failure();
  int64_t n = operands.size();
  if (out->getLength() != n)
    return emitError() << "stacking axis '" << name.getValue()
                       << "' has length " << lengthText(*out) << ", expected "
                       << n << " (one position per operand)";
  int64_t p = indexOf(result, name);
  AxisList rest(result);
  rest.erase(rest.begin() + p);
  if (ArrayRef<AxisAttr>(rest) != operands[0])
    return emitError() << "result axes " << str(result)
                       << " must be the operands' axes " << str(operands[0])
                       << " (same order) with '" << name.getValue()
                       << "' inserted";
  return p;
}

FailureOr<AxisList> axes::resolveLookup(ArrayRef<AxisAttr> table,
                                       ArrayRef<AxisAttr> indices,
                                       EmitErrorFn emitError) {
  if (table.empty())
    return emitError() << "table has no axis to index: it needs at least one";
  for (AxisAttr a : indices) {
    if (a.getName() == table[0].getName())
      return emitError() << "index axis '" << a.getName().getValue()
                         << "' is also the table's indexed axis "
                         << str(table[0]) << "; rename one";
    if (indexOf(table, a.getName()) >= 0)
      return emitError() << "index axis '" << a.getName().getValue()
                         << "' is also a table axis in " << str(table)
                         << "; the result would have it twice";
  }
  AxisList result(indices);
  result.append(table.begin() + 1, table.end());
  return result;
}

//===----------------------------------------------------------------------===//
// Recurrence
//===----------------------------------------------------------------------===//

AxisList axes::without(ArrayRef<AxisAttr> list, int64_t position) {
  AxisList r(list);
  r.erase(r.begin() + position);
  return r;
}

FailureOr<Recurrence>
axes::resolveRecurrence(StringAttr name, ArrayRef<ArrayRef<AxisAttr>> sequences,
                        ArrayRef<ArrayRef<AxisAttr>> carries,
                        ArrayRef<ArrayRef<AxisAttr>> stepOutputs,
                        ArrayRef<ArrayRef<AxisAttr>> stacked,
                        EmitErrorFn emitError) {
  Recurrence r;
  auto agree = [&](AxisAttr a, StringRef what, size_t i) -> LogicalResult {
    if (!r.axis)
      r.axis = a;
    else if (a != r.axis)
      return emitError() << what << " #" << i << " has recurrent axis "
                         << str(a) << ", but " << str(r.axis)
                         << " elsewhere";
    return success();
  };
  for (auto [i, list] : llvm::enumerate(sequences)) {
    int64_t p = indexOf(list, name);
    if (p < 0)
      return emitError() << "sequence #" << i << " " << str(list)
                         << " lacks the recurrent axis '" << name.getValue()
                         << "'";
    if (failed(agree(list[p], "sequence", i)))
      return failure();
    r.sequencePositions.push_back(p);
  }
  if (stacked.size() != stepOutputs.size())
    return emitError() << "yields " << stepOutputs.size()
                       << " step outputs but has " << stacked.size()
                       << " stacked results";
  for (auto [i, list] : llvm::enumerate(stacked)) {
    int64_t p = indexOf(list, name);
    if (p < 0)
      return emitError() << "stacked result #" << i << " " << str(list)
                         << " lacks the recurrent axis '" << name.getValue()
                         << "'";
    if (failed(agree(list[p], "stacked result", i)))
      return failure();
    if (without(list, p) != AxisList(stepOutputs[i]))
      return emitError() << "stacked result #" << i << " " << str(list)
                         << " must be the step output " << str(stepOutputs[i])
                         << " with '" << name.getValue() << "' inserted";
    r.stackedPositions.push_back(p);
  }
  if (!r.axis)
    return emitError() << "has no sequence and no output, so the length of "
                          "the recurrent axis '"
                       << name.getValue() << "' is unknown";
  for (auto [i, list] : llvm::enumerate(carries))
    if (indexOf(list, name) >= 0)
      return emitError() << "carry #" << i << " " << str(list)
                         << " has the recurrent axis; a carry is one step's "
                            "state";
  for (auto [i, list] : llvm::enumerate(stepOutputs))
    if (indexOf(list, name) >= 0)
      return emitError() << "step output #" << i << " " << str(list)
                         << " has the recurrent axis; the stacked result "
                            "adds it";
  return r;
}

FailureOr<AxisList> axes::normalizationAxes(ArrayRef<AxisAttr> list,
                                            ArrayAttr over,
                                            EmitErrorFn emitError) {
  if (!over)
    return defaultReduced(list);
  return resolveNames(list, over, emitError);
}

ArrayAttr axes::names(MLIRContext *ctx, ArrayRef<AxisAttr> list) {
  SmallVector<Attribute> r;
  for (AxisAttr a : list)
    r.push_back(a.getName());
  return ArrayAttr::get(ctx, r);
}
