//===- GraphFrontEnd.cpp - a Transformer that compiles with MLIR -----------===//
//
// The front end of the JIT (TransformerImpl.h): parses the graph for its
// interface and initial values, and compiles it at each set of lengths.
//
//===----------------------------------------------------------------------===//
#include "GraphCompiler.h"
#include "TransformerImpl.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/InitAll.h"
#include "NGraph/Runtime/ObjectCode.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"

using namespace ngraph;
using namespace ngraph::detail;
using llvm::createStringError;

namespace {
class MlirFrontEnd : public GraphFrontEnd {
public:
  mlir::MLIRContext context;
  /// Declared after the context, which must outlive its handler.
  std::unique_ptr<DiagnosticCapture> diags;
  CompileOptions options;
  /// The parsed graph, kept to specialize while it has `?` axes.
  mlir::OwningOpRef<mlir::ModuleOp> graph;
  bool dynamic = false;

  MlirFrontEnd() : context(makeRegistry()) {
    diags = std::make_unique<DiagnosticCapture>(context);
  }
  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    ngraph::registerAllDialects(registry);
    return registry;
  }

  llvm::Expected<std::string> compile(const AxisLengths &lengths,
                                      CompileTimes &times) override {
    diags->text.clear();
    // The graph is lowered in place once it has no `?` axes; a graph with
    // them stays for the next specialization.
    mlir::OwningOpRef<mlir::ModuleOp> module;
    if (!dynamic) {
      if (!graph)
        return createStringError("the graph was already compiled");
      module = std::move(graph);
    } else {
      module = graph->clone();
      llvm::StringMap<int64_t> given;
      for (const auto &[name, length] : lengths)
        given[name] = length;
      if (mlir::failed(mlir::ng::specializeAxes(*module, given)))
        return createStringError("%s", diags->text.c_str());
    }
    return lowerToObject(context, *module, diags->text, options,
                         /*embedInitialValues=*/false, addPackedEntryPoints,
                         times);
  }
};
} // namespace

llvm::Expected<std::unique_ptr<Transformer>>
Transformer::compile(const std::string &source, const std::string &name,
                     const CompileOptions &options) {
  std::unique_ptr<Transformer> t(new Transformer());
  auto frontEnd = std::make_unique<MlirFrontEnd>();
  auto parsed = parseGraph(frontEnd->context, *frontEnd->diags, source, name);
  if (!parsed)
    return parsed.takeError();
  Impl &impl = *t->impl;
  impl.graph.computations = std::move(parsed->computations);
  impl.graph.variables = std::move(parsed->variables);
  for (mlir::ng::AxisAttr a : mlir::ng::dynamicAxesOf(*parsed->module))
    impl.graph.dynamicAxes.push_back(a.getName().str());
  // The values stay in the context, which the front end keeps.
  for (mlir::DenseElementsAttr value : parsed->initialValues) {
    llvm::ArrayRef<char> raw = value.getRawData();
    impl.graph.initialValues.push_back(
        {value.isSplat(), llvm::StringRef(raw.data(), raw.size())});
  }
  frontEnd->graph = std::move(parsed->module);
  frontEnd->dynamic = !impl.graph.dynamicAxes.empty();
  frontEnd->options = options;
  impl.options = options;
  impl.source = source;
  impl.frontEnd = std::move(frontEnd);
  return Impl::start(std::move(t));
}
