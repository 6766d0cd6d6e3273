//===- ObjectCode.cpp - a lowered module to machine code -------------------===//
#include "NGraph/Runtime/ObjectCode.h"
#include "NGraph/Runtime/ABI.h"

#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

#include <chrono>

using namespace ngraph;
using llvm::createStringError;

static llvm::CodeGenOptLevel codeGenLevel(unsigned level) {
  return level == 0   ? llvm::CodeGenOptLevel::None
         : level == 1 ? llvm::CodeGenOptLevel::Less
         : level == 2 ? llvm::CodeGenOptLevel::Default
                      : llvm::CodeGenOptLevel::Aggressive;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
ngraph::makeTargetMachine(const cpu::CPUTarget &target, unsigned optLevel) {
  // Registration is idempotent; the x86 back end is the only one in use.
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  // The AVX2 transpose lowering blends with inline assembly.
  llvm::InitializeNativeTargetAsmParser();
  llvm::Triple triple(target.triple);
  std::string error;
  const llvm::Target *t = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!t)
    return createStringError("no code generator for target triple '%s': %s",
                             target.triple.c_str(), error.c_str());
  llvm::TargetOptions options;
  std::unique_ptr<llvm::TargetMachine> tm(t->createTargetMachine(
      triple, target.cpu, target.features, options, llvm::Reloc::PIC_,
      llvm::CodeModel::Small, codeGenLevel(optLevel)));
  if (!tm)
    return createStringError("cannot generate code for CPU '%s' of '%s'",
                             target.cpu.c_str(), target.triple.c_str());
  return tm;
}

void ngraph::optimizeModule(llvm::Module &m, unsigned level) {
  if (level == 0)
    return;
  // The scheduler already vectorized the code that matters; without a
  // target cost model LLVM's vectorizers only cost compile time (about a
  // fifth of it).
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = false;
  tuning.SLPVectorization = false;
  tuning.LoopUnrolling = true;
  tuning.LoopInterleaving = false;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  llvm::PassBuilder pb(/*TM=*/nullptr, tuning);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel opt = level == 1   ? llvm::OptimizationLevel::O1
                                : level == 2 ? llvm::OptimizationLevel::O2
                                             : llvm::OptimizationLevel::O3;
  pb.buildPerModuleDefaultPipeline(opt).run(m, mam);
}

llvm::Error ngraph::addPackedEntryPoints(llvm::Module &m) {
  llvm::LLVMContext &ctx = m.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(ctx);
  std::string prefix = abi::cInterfaceSymbol("");
  std::vector<llvm::Function *> entries;
  for (llvm::Function &f : m)
    if (!f.isDeclaration() && f.getName().starts_with(prefix))
      entries.push_back(&f);
  for (llvm::Function *f : entries) {
    if (!f->getReturnType()->isVoidTy())
      return llvm::createStringError("entry point '%s' returns a value; "
                                     "computations write their results "
                                     "through arguments",
                                     f->getName().str().c_str());
    std::string name =
        abi::packedSymbol(f->getName().drop_front(prefix.size()).str());
    auto *packed = llvm::Function::Create(
        llvm::FunctionType::get(llvm::Type::getVoidTy(ctx), {ptr}, false),
        llvm::GlobalValue::ExternalLinkage, name, m);
    llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", packed));
    llvm::SmallVector<llvm::Value *> args;
    for (auto [i, param] : llvm::enumerate(f->args())) {
      llvm::Value *slot = b.CreateLoad(
          ptr, b.CreateConstGEP1_64(ptr, packed->getArg(0), i));
      args.push_back(b.CreateLoad(param.getType(), slot));
    }
    b.CreateCall(f, args);
    b.CreateRetVoid();
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> ngraph::emitObject(mlir::ModuleOp module,
                                               const cpu::CPUTarget &target,
                                               const ObjectOptions &options,
                                               ObjectTimes *times) {
  auto start = std::chrono::steady_clock::now();
  auto seconds = [](auto from) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         from)
        .count();
  };
  auto tm = makeTargetMachine(target, options.optLevel);
  if (!tm)
    return tm.takeError();
  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> ir =
      mlir::translateModuleToLLVMIR(module, context);
  if (!ir)
    return createStringError("could not translate the lowered module to "
                             "LLVM IR");
  ir->setTargetTriple((*tm)->getTargetTriple());
  ir->setDataLayout((*tm)->createDataLayout());
  if (options.extendIR)
    if (llvm::Error e = options.extendIR(*ir))
      return std::move(e);
  double translation = seconds(start);
  auto from = std::chrono::steady_clock::now();
  optimizeModule(*ir, options.optLevel);
  double optimization = seconds(from);

  from = std::chrono::steady_clock::now();
  std::string object;
  {
    llvm::raw_string_ostream os(object);
    llvm::buffer_ostream buffer(os);
    llvm::legacy::PassManager codegen;
    if ((*tm)->addPassesToEmitFile(codegen, buffer, nullptr,
                                   llvm::CodeGenFileType::ObjectFile))
      return createStringError("the code generator for '%s' cannot write "
                               "object files",
                               target.triple.c_str());
    codegen.run(*ir);
  }
  if (times) {
    times->optimization = optimization;
    times->codegen = translation + seconds(from);
  }
  return object;
}
