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
  for (AxisAttr a : list)
    n *= a.getLength();
  return n;
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
    int64_t product = 1, n = 0;
    while (i < from.size() && product < t.getLength()) {
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
    os << a.getName().getValue() << ':' << a.getLength();
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
        << w.output.getLength() << ", expected " << want << " = floor(("
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
