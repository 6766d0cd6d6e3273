//===- GraphCompiler.cpp - a graph file to an object, for JIT and AOT -----===//
#include "GraphCompiler.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/Pipelines/Pipelines.h"
#include "NGraph/Runtime/ObjectCode.h"
#include "NGraph/Support/InputLimits.h"

#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <chrono>

using namespace ngraph;
using namespace ngraph::detail;
using llvm::createStringError;

ValueInfo detail::infoOf(mlir::Value v) {
  ValueInfo info;
  if (auto p = v.getDefiningOp<mlir::ng::PlaceholderOp>())
    info.name = p.getName().str();
  else if (auto var = v.getDefiningOp<mlir::ng::VariableOp>())
    info.name = var.getName().str();
  auto t = llvm::dyn_cast<mlir::ng::NGTensorType>(v.getType());
  if (!t) {
    info.isEffect = true;
    info.dtype = DType::F32;
    return info;
  }
  for (mlir::ng::AxisAttr a : t.getAxes())
    info.axes.push_back({a.getName().str(),
                         a.isDynamic() ? AxisInfo::kDynamic : a.getLength(),
                         a.isBatch(), a.isRecurrent()});
  mlir::Type e = t.getElementType();
  info.dtype = e.isF32() ? DType::F32 : e.isF64() ? DType::F64 : DType::I32;
  return info;
}

llvm::Expected<ParsedGraph>
detail::parseGraph(mlir::MLIRContext &context, DiagnosticCapture &diags,
                   const std::string &source, const std::string &name) {
  // Refuse input that would overflow the parser's stack (see InputLimits.h).
  std::string nesting = checkNesting(source);
  if (!nesting.empty())
    return createStringError("%s:%s", name.c_str(), nesting.c_str());
  ParsedGraph g;
  diags.sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(source, name), llvm::SMLoc());
  g.module = mlir::parseSourceFile<mlir::ModuleOp>(diags.sourceMgr, &context);
  if (!g.module)
    return createStringError("%s", diags.text.c_str());
  // Optimizers create state variables: callers read, write and save them
  // like the graph's own, so they exist before the variables are listed.
  mlir::PassManager expand(&context);
  expand.addPass(mlir::ng::createNGExpandOptimizers());
  if (mlir::failed(expand.run(*g.module)))
    return createStringError("%s", diags.text.c_str());

  // What callers need to know, read before lowering erases the graph.
  for (auto graph : g.module->getOps<mlir::ng::GraphOp>()) {
    for (auto v : graph.getBodyBlock().getOps<mlir::ng::VariableOp>()) {
      g.variables.push_back(infoOf(v.getResult()));
      g.initialValues.push_back(v.getInitialValue());
    }
    for (auto c : graph.getBodyBlock().getOps<mlir::ng::ComputationOp>()) {
      ComputationInfo info;
      info.name = c.getSymName().str();
      for (mlir::Value in : c.getInputs()) {
        ValueInfo v = infoOf(in);
        // Labels: the values index the axis a one_hot of them adds.
        for (mlir::Operation *user : in.getUsers())
          if (auto oneHot = llvm::dyn_cast<mlir::ng::OneHotOp>(user)) {
            auto axis = llvm::cast<mlir::ng::NGTensorType>(oneHot.getType())
                            .getAxes()
                            .front();
            v.classAxis = {axis.getName().str(), axis.getLength(), false, false};
          }
        info.inputs.push_back(std::move(v));
      }
      for (mlir::Value out : c.getOutputs())
        info.outputs.push_back(infoOf(out));
      g.computations.push_back(std::move(info));
    }
  }
  if (g.computations.empty())
    return createStringError("%s: no ng.computation found: a graph file needs "
                             "at least one computation to run",
                             name.c_str());
  return g;
}

llvm::Expected<std::string> detail::lowerToObject(
    mlir::MLIRContext &context, mlir::ModuleOp module,
    const std::string &diagnostics, const CompileOptions &options,
    bool embedInitialValues,
    llvm::function_ref<llvm::Error(llvm::Module &)> extendIR,
    CompileTimes &times) {
  auto start = std::chrono::steady_clock::now();
  // The code is generated for the caller's target, recorded on the module
  // for every code generation pass (the library never looks at the host).
  module->setAttr(cpu::kTargetAttrName, cpu::toAttr(&context, *options.target));
  mlir::PassManager pm(&context);
  LowerToLLVMOptions pipelineOptions;
  pipelineOptions.fuse = options.fuse;
  pipelineOptions.schedule = options.schedule;
  pipelineOptions.threads = std::max(1u, options.threads);
  pipelineOptions.ranks = options.ranks;
  pipelineOptions.overlap = options.overlapCollectives;
  pipelineOptions.rank = options.rank;
  pipelineOptions.embedInitialValues = embedInitialValues;
  buildLowerToLLVMPipeline(pm, pipelineOptions);
  pm.enableVerifier(options.verifyEachPass);
  if (options.dumpStages) {
    context.disableMultithreading();
    pm.enableIRPrinting();
  }
  if (mlir::failed(pm.run(module)) || mlir::failed(mlir::verify(module)))
    return createStringError("%s", diagnostics.c_str());
  times.lowering = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start)
                       .count();
  ObjectOptions objectOptions;
  objectOptions.optLevel = options.optLevel;
  objectOptions.extendIR = extendIR;
  ObjectTimes objectTimes;
  auto object = emitObject(module, *options.target, objectOptions, &objectTimes);
  times.optimization = objectTimes.optimization;
  times.codegen = objectTimes.codegen;
  if (!object) {
    // The errors behind it (translation reports them as diagnostics; the
    // warnings before them are noise here).
    size_t first = diagnostics.find(": error: ");
    std::string why;
    if (first != std::string::npos)
      why = "\n" + diagnostics.substr(diagnostics.rfind('\n', first) + 1);
    return createStringError("code generation failed: %s%s",
                             llvm::toString(object.takeError()).c_str(),
                             why.c_str());
  }
  return object;
}

