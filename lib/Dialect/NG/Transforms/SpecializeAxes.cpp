//===- SpecializeAxes.cpp - give `N:?` batch axes their lengths -----------===//
//
// Axes are attributes inside types, so one AttrTypeReplacer rewrites every
// type and attribute that holds a `?` axis: values, block arguments, and
// types carried in attributes (a variable's or placeholder's type).
//
//===----------------------------------------------------------------------===//
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"

#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::ng {
#define GEN_PASS_DEF_NGSPECIALIZEAXES
#include "NGraph/Dialect/NG/Transforms/Passes.h.inc"
} // namespace mlir::ng

using namespace mlir;
using namespace mlir::ng;

LogicalResult mlir::ng::specializeAxes(Operation *root,
                                       const llvm::StringMap<int64_t> &lengths) {
  SmallVector<AxisAttr> dynamic = dynamicAxesOf(root);
  for (const auto &entry : lengths) {
    if (entry.second < 1)
      return root->emitError() << "axis '" << entry.first()
                               << "' needs a positive length, got "
                               << entry.second;
    if (!llvm::any_of(dynamic, [&](AxisAttr a) {
          return a.getName().getValue() == entry.first();
        })) {
      InFlightDiagnostic d = root->emitError()
                             << "no axis '" << entry.first()
                             << "' of length ? to specialize";
      if (dynamic.empty())
        d << " (the graph's axes all have fixed lengths)";
      else
        d << " (the graph's ? axes: " << axes::str(dynamic) << ")";
      return d;
    }
  }
  for (AxisAttr a : dynamic)
    if (!lengths.count(a.getName().getValue()))
      return root->emitError() << "axis " << axes::str(a)
                               << " needs a length (" << a.getName().getValue()
                               << "=LENGTH)";
  if (dynamic.empty())
    return success();
  AttrTypeReplacer replacer;
  replacer.addReplacement([&](AxisAttr a) -> std::optional<Attribute> {
    if (!a.isDynamic())
      return std::nullopt;
    return AxisAttr::get(a.getContext(), a.getName(),
                         lengths.lookup(a.getName().getValue()), a.getRole());
  });
  replacer.recursivelyReplaceElementsIn(root, /*replaceAttrs=*/true,
                                        /*replaceLocs=*/false,
                                        /*replaceTypes=*/true);
  // Lengths feed checks the `?` skipped (a lookup's stream, say): verify
  // the specialized graph now so a bad length is reported here.
  return verify(root);
}

namespace {
struct SpecializeAxesPass
    : public ng::impl::NGSpecializeAxesBase<SpecializeAxesPass> {
  using Base::Base;
  void runOnOperation() override {
    llvm::StringMap<int64_t> parsed;
    for (const std::string &item : lengths) {
      auto [name, text] = StringRef(item).split('=');
      int64_t n = 0;
      if (name.empty() || text.getAsInteger(10, n)) {
        getOperation()->emitError()
            << "ng-specialize-axes: '" << item << "' is not NAME=LENGTH";
        return signalPassFailure();
      }
      if (!parsed.try_emplace(name, n).second) {
        getOperation()->emitError()
            << "ng-specialize-axes: axis '" << name << "' is given twice";
        return signalPassFailure();
      }
    }
    if (batchSize > 0)
      for (AxisAttr a : dynamicAxesOf(getOperation()))
        parsed.try_emplace(a.getName().getValue(), batchSize);
    if (failed(specializeAxes(getOperation(), parsed)))
      signalPassFailure();
  }
};
} // namespace
