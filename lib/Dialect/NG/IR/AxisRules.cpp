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
