//===- GraphBuilder.cpp - build a graph op by op, checked as it grows -----===//
#include "NGraph/Runtime/GraphBuilder.h"
#include "GraphCompiler.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/InitAll.h"

#include "mlir/AsmParser/AsmParser.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace ngraph;
using llvm::createStringError;

struct GraphBuilder::Impl {
  mlir::MLIRContext context;
  mlir::OwningOpRef<mlir::ModuleOp> workspace;
  mlir::ng::GraphOp graph;
  std::vector<mlir::Value> values;
  llvm::DenseMap<mlir::Value, Handle> handles;
  /// Bodies being built, innermost last; ops go into the last one, or the
  /// graph when there is none.
  std::vector<std::unique_ptr<mlir::Block>> bodies;

  mlir::Block &current() {
    return bodies.empty() ? graph.getBodyBlock() : *bodies.back();
  }

  Impl() {
    mlir::DialectRegistry registry;
    registerAllDialects(registry);
    context.appendDialectRegistry(registry);
    context.loadDialect<mlir::ng::NGDialect>();
    // Users see their own line, not the generic form of the op.
    context.printOpOnDiagnostic(false);
    mlir::OpBuilder b(&context);
    workspace = mlir::ModuleOp::create(b.getUnknownLoc());
    b.setInsertionPointToEnd(workspace->getBody());
    graph = mlir::ng::GraphOp::create(b, b.getUnknownLoc(), "workspace");
  }

  mlir::Location location(const SourceLocation &l) {
    if (l.file.empty())
      return mlir::UnknownLoc::get(&context);
    return mlir::FileLineColLoc::get(&context, l.file, l.line, l.column);
  }

  llvm::Expected<mlir::Value> value(Handle h) const {
    if (h < 0 || h >= (Handle)values.size() || !values[h])
      return createStringError("no value with handle %lld", (long long)h);
    return values[h];
  }

  /// A value whose op is gone (a discarded body): its handle names nothing.
  void forget(mlir::Value v) {
    auto it = handles.find(v);
    if (it == handles.end())
      return;
    values[it->second] = mlir::Value();
    handles.erase(it);
  }

  Handle add(mlir::Value v) {
    auto [it, inserted] = handles.try_emplace(v, (Handle)values.size());
    if (inserted)
      values.push_back(v);
    return it->second;
  }
};

GraphBuilder::GraphBuilder() : impl(std::make_unique<Impl>()) {}
GraphBuilder::~GraphBuilder() = default;

/// The diagnostics, or `fallback` when the failure emitted none.
static llvm::Error failure(const detail::DiagnosticCapture &diags,
                           const std::string &fallback) {
  std::string text = diags.text;
  while (!text.empty() && text.back() == '\n')
    text.pop_back();
  return createStringError("%s", text.empty() ? fallback.c_str() : text.c_str());
}

llvm::Expected<std::vector<GraphBuilder::Handle>>
GraphBuilder::create(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
                     llvm::StringRef attributes,
                     llvm::ArrayRef<std::string> resultTypes,
                     const SourceLocation &where) {
  return createIn(opName, operands, attributes, resultTypes, where, nullptr);
}

llvm::Expected<std::vector<GraphBuilder::Handle>>
GraphBuilder::createIn(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
                       llvm::StringRef attributes,
                       llvm::ArrayRef<std::string> resultTypes,
                       const SourceLocation &where,
                       std::unique_ptr<mlir::Block> body) {
  mlir::MLIRContext &ctx = impl->context;
  detail::DiagnosticCapture diags(ctx);
  mlir::Location loc = impl->location(where);

  std::optional<mlir::RegisteredOperationName> name =
      mlir::RegisteredOperationName::lookup(opName, &ctx);
  if (!name)
    return createStringError("'%s' is not an operation of the registered "
                             "dialects", opName.str().c_str());
  // Graph ops only: the graph itself and other dialects' ops are not
  // built this way.
  if (name->getDialectNamespace() != mlir::ng::NGDialect::getDialectNamespace() ||
      opName == mlir::ng::GraphOp::getOperationName() ||
      opName == mlir::ng::ComputationOp::getOperationName())
    return createStringError("'%s' is not an op a graph is built from (ng "
                             "ops; computations come from graphSource)",
                             opName.str().c_str());
  // Type inference reads operands by position: a wrong count must not
  // reach it.
  std::optional<size_t> arity;
  if (name->hasTrait<mlir::OpTrait::ZeroOperands>())
    arity = 0;
  else if (name->hasTrait<mlir::OpTrait::OneOperand>())
    arity = 1;
  else if (name->hasTrait<mlir::OpTrait::NOperands<2>::Impl>())
    arity = 2;
  else if (name->hasTrait<mlir::OpTrait::NOperands<3>::Impl>())
    arity = 3;
  else if (name->hasTrait<mlir::OpTrait::NOperands<4>::Impl>())
    arity = 4;
  if (arity && *arity != operands.size())
    return createStringError("'%s' takes %zu operand%s, got %zu",
                             opName.str().c_str(), *arity,
                             *arity == 1 ? "" : "s", operands.size());
  // Region ops come from finishBody, with their body; other ops have none.
  bool wantsRegion = !name->hasTrait<mlir::OpTrait::ZeroRegions>();
  if (wantsRegion != bool(body))
    return createStringError(
        wantsRegion ? "'%s' has a body: build it with beginBody/finishBody"
                    : "'%s' has no body",
        opName.str().c_str());
  if (wantsRegion && !name->hasTrait<mlir::OpTrait::OneRegion>())
    return createStringError("'%s' has several regions, which the builder "
                             "does not make", opName.str().c_str());
  llvm::SmallVector<mlir::Value> args;
  mlir::Block &into = impl->current();
  for (Handle h : operands) {
    auto v = impl->value(h);
    if (!v)
      return v.takeError();
    // A body sees only its arguments and its own ops; the graph does not
    // see into bodies.
    if (v->getParentBlock() != &into) {
      mlir::emitError(loc) << "operand of '" << opName << "' is "
                           << (impl->bodies.empty()
                                   ? "a value inside a recurrence body"
                                   : "a value from outside this recurrence "
                                     "body (pass it in as a param)");
      return failure(diags, "an operand out of scope");
    }
    args.push_back(*v);
  }
  mlir::DictionaryAttr dict = mlir::DictionaryAttr::get(&ctx);
  if (!attributes.trim().empty()) {
    mlir::Attribute a = mlir::parseAttribute(attributes, &ctx);
    dict = llvm::dyn_cast_or_null<mlir::DictionaryAttr>(a);
    if (!dict)
      return failure(diags, "the attributes of '" + opName.str() +
                                "' are not an attribute dictionary: " +
                                attributes.str());
  }
  // Effects (assign, doall, optimize) are only grouped or listed as
  // outputs; an op computing with one has no type to infer.
  if (opName != mlir::ng::DoAllOp::getOperationName())
    for (auto [i, v] : llvm::enumerate(args))
      if (llvm::isa<mlir::ng::EffectType>(v.getType())) {
        mlir::emitError(loc) << "operand #" << i << " of '" << opName
                             << "' is an effect (an ng.assign, ng.doall or "
                                "ng.optimize), which only ng.doall and "
                                "computation outputs take";
        return failure(diags, "an effect operand");
      }
  // Inherent attributes of the wrong kind would otherwise be dropped
  // silently (or reach type inference).
  mlir::NamedAttrList attrList(dict);
  if (mlir::failed(name->verifyInherentAttrs(
          attrList, [&] { return mlir::emitError(loc); })))
    return failure(diags, "'" + opName.str() + "': invalid attributes");
  llvm::SmallVector<mlir::Type> types;
  for (const std::string &text : resultTypes) {
    mlir::Type t = mlir::parseType(text, &ctx);
    if (!t)
      return failure(diags, "'" + text + "' is not a type");
    types.push_back(t);
  }
  if (resultTypes.empty()) {
    // The op infers its types from operands and properties, so a first,
    // unattached copy of it is made to ask.
    mlir::Operation *probe = mlir::Operation::create(
        loc, *name, {}, args, mlir::NamedAttrList(dict), nullptr, {}, 0);
    auto infer = llvm::dyn_cast<mlir::InferTypeOpInterface>(probe);
    mlir::LogicalResult inferred = mlir::failure();
    if (infer)
      inferred = infer.inferReturnTypes(
          &ctx, loc, probe->getOperands(), probe->getRawDictionaryAttrs(),
          probe->getPropertiesStorage(), probe->getRegions(), types);
    probe->destroy();
    if (!infer)
      return createStringError("'%s' does not infer its result types: give "
                               "them", opName.str().c_str());
    if (mlir::failed(inferred))
      return failure(diags, "'" + opName.str() + "': the result type could "
                                "not be inferred");
  }
  mlir::Operation *op = mlir::Operation::create(
      loc, *name, types, args, mlir::NamedAttrList(dict), nullptr, {},
      body ? 1 : 0);
  if (body)
    op->getRegion(0).push_back(body.release());
  into.push_back(op);
  if (mlir::failed(mlir::verify(op))) {
    op->erase();
    return failure(diags, "'" + opName.str() + "' failed to verify");
  }
  std::vector<Handle> results;
  for (mlir::Value r : op->getResults())
    results.push_back(impl->add(r));
  return results;
}

llvm::Expected<std::vector<GraphBuilder::Handle>>
GraphBuilder::beginBody(llvm::ArrayRef<std::string> argumentTypes) {
  mlir::MLIRContext &ctx = impl->context;
  detail::DiagnosticCapture diags(ctx);
  if (impl->bodies.size() >= 16)
    return createStringError("bodies nest more than 16 deep");
  auto block = std::make_unique<mlir::Block>();
  for (const std::string &text : argumentTypes) {
    mlir::Type t = mlir::parseType(text, &ctx);
    if (!t)
      return failure(diags, "'" + text + "' is not a type");
    block->addArgument(t, mlir::UnknownLoc::get(&ctx));
  }
  std::vector<Handle> args;
  for (mlir::BlockArgument a : block->getArguments())
    args.push_back(impl->add(a));
  impl->bodies.push_back(std::move(block));
  return args;
}

void GraphBuilder::abandonBody() {
  if (impl->bodies.empty())
    return;
  mlir::Block &body = *impl->bodies.back();
  for (mlir::BlockArgument a : body.getArguments())
    impl->forget(a);
  body.walk([&](mlir::Operation *op) {
    for (mlir::Value r : op->getResults())
      impl->forget(r);
  });
  impl->bodies.pop_back();
}

llvm::Expected<std::vector<GraphBuilder::Handle>>
GraphBuilder::finishBody(llvm::StringRef opName, llvm::ArrayRef<Handle> operands,
                         llvm::StringRef attributes,
                         llvm::ArrayRef<std::string> resultTypes,
                         llvm::StringRef terminator,
                         llvm::ArrayRef<Handle> yielded,
                         const SourceLocation &where) {
  if (impl->bodies.empty())
    return createStringError("no body is being built");
  mlir::MLIRContext &ctx = impl->context;
  mlir::Location loc = impl->location(where);
  std::unique_ptr<mlir::Block> body = std::move(impl->bodies.back());
  impl->bodies.pop_back();
  auto term = mlir::RegisteredOperationName::lookup(terminator, &ctx);
  if (!term || term->getDialectNamespace() != mlir::ng::NGDialect::getDialectNamespace() ||
      !term->hasTrait<mlir::OpTrait::IsTerminator>())
    return createStringError("'%s' is not an ng terminator",
                             terminator.str().c_str());
  llvm::SmallVector<mlir::Value> values;
  for (Handle h : yielded) {
    auto v = impl->value(h);
    if (!v)
      return v.takeError();
    if (v->getParentBlock() != body.get())
      return createStringError("a yielded value is not a value of the body");
    values.push_back(*v);
  }
  body->push_back(mlir::Operation::create(loc, *term, {}, values,
                                          mlir::NamedAttrList(), nullptr, {},
                                          0));
  // The body's values keep their handles; they die with it if this fails.
  llvm::SmallVector<mlir::Value> inside;
  for (mlir::BlockArgument a : body->getArguments())
    inside.push_back(a);
  body->walk([&](mlir::Operation *op) {
    for (mlir::Value r : op->getResults())
      inside.push_back(r);
  });
  auto r = createIn(opName, operands, attributes, resultTypes, where,
                    std::move(body));
  if (!r)
    for (mlir::Value v : inside)
      impl->forget(v);
  return r;
}

llvm::Expected<ValueInfo> GraphBuilder::describe(Handle h) const {
  auto v = impl->value(h);
  if (!v)
    return v.takeError();
  return detail::infoOf(*v);
}

llvm::Expected<std::string> GraphBuilder::typeText(Handle h) const {
  auto v = impl->value(h);
  if (!v)
    return v.takeError();
  std::string text;
  llvm::raw_string_ostream os(text);
  v->getType().print(os);
  return text;
}

llvm::Error GraphBuilder::rename(Handle h, llvm::StringRef newName) {
  auto v = impl->value(h);
  if (!v)
    return v.takeError();
  mlir::Operation *def = v->getDefiningOp();
  mlir::StringAttr attr = mlir::StringAttr::get(&impl->context, newName);
  if (auto p = llvm::dyn_cast_or_null<mlir::ng::PlaceholderOp>(def))
    p.setNameAttr(attr);
  else if (auto var = llvm::dyn_cast_or_null<mlir::ng::VariableOp>(def))
    var.setNameAttr(attr);
  else
    return createStringError("only placeholders and variables have names "
                             "in the graph");
  return llvm::Error::success();
}

llvm::Expected<std::vector<GraphBuilder::Handle>>
GraphBuilder::variablesOf(Handle h) const {
  auto v = impl->value(h);
  if (!v)
    return v.takeError();
  std::vector<Handle> out;
  for (mlir::ng::VariableOp var : mlir::ng::variablesOf(*v))
    out.push_back(impl->handles.lookup(var.getResult()));
  return out;
}

llvm::Expected<std::string>
GraphBuilder::graphSource(llvm::StringRef graphName,
                          llvm::ArrayRef<ComputationSpec> computations,
                          bool locations) const {
  mlir::MLIRContext &ctx = impl->context;
  detail::DiagnosticCapture diags(ctx);
  // Every op an output or input needs.
  llvm::SmallPtrSet<mlir::Operation *, 32> needed;
  llvm::SmallVector<mlir::Value> work;
  for (const ComputationSpec &c : computations)
    for (const auto *list : {&c.outputs, &c.inputs})
      for (Handle h : *list) {
        auto v = impl->value(h);
        if (!v)
          return v.takeError();
        if (v->getParentBlock() != &impl->graph.getBodyBlock())
          return createStringError("computation %s: a value inside a "
                                   "recurrence body is not a value of the "
                                   "graph",
                                   c.name.c_str());
        work.push_back(*v);
      }
  while (!work.empty()) {
    mlir::Operation *def = work.pop_back_val().getDefiningOp();
    if (!def || !needed.insert(def).second)
      continue;
    for (mlir::Value operand : def->getOperands())
      work.push_back(operand);
  }

  mlir::OpBuilder b(&ctx);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::ModuleOp::create(b.getUnknownLoc());
  b.setInsertionPointToEnd(module->getBody());
  auto graph = mlir::ng::GraphOp::create(b, b.getUnknownLoc(), graphName);
  b.setInsertionPointToEnd(&graph.getBodyBlock());
  // The workspace holds ops in creation order, which is a valid order.
  mlir::IRMapping map;
  for (mlir::Operation &op : impl->graph.getBodyBlock())
    if (needed.contains(&op))
      b.clone(op, map);
  for (const ComputationSpec &c : computations) {
    llvm::SmallVector<mlir::Value> outs, ins;
    for (Handle h : c.outputs)
      outs.push_back(map.lookup(impl->values[h]));
    for (Handle h : c.inputs)
      ins.push_back(map.lookup(impl->values[h]));
    mlir::ng::ComputationOp::create(b, impl->location(c.location),
                                    b.getStringAttr(c.name), outs, ins);
  }
  if (mlir::failed(mlir::verify(*module)))
    return failure(diags, "the graph failed to verify");
  std::string text;
  llvm::raw_string_ostream os(text);
  mlir::OpPrintingFlags flags;
  if (locations) {
    flags.enableDebugInfo(/*enable=*/true, /*prettyForm=*/false);
    module->print(os, flags);
  } else {
    graph->print(os, flags);
    os << "\n";
  }
  return text;
}
