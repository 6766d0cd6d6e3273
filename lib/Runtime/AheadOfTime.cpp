//===- AheadOfTime.cpp - a graph file to a C library -----------------------===//
#include "NGraph/Runtime/AheadOfTime.h"
#include "GraphCompiler.h"
#include "NGraph/Dialect/NG/IR/AxisRules.h"
#include "NGraph/Dialect/NG/IR/NGOps.h"
#include "NGraph/Dialect/NG/Transforms/Passes.h"
#include "NGraph/InitAll.h"
#include "NGraph/Runtime/ABI.h"

#include "mlir/IR/MLIRContext.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace ngraph;
using namespace ngraph::detail;
using llvm::createStringError;

std::string ngraph::cIdentifier(llvm::StringRef name) {
  std::string r;
  for (char c : name)
    r += llvm::isAlnum(c) || c == '_' ? c : '_';
  if (r.empty() || llvm::isDigit(r[0]))
    r = "_" + r;
  return r;
}

static const char *cType(DType t) {
  switch (t) {
  case DType::F32:
    return "float";
  case DType::F64:
    return "double";
  case DType::I32:
    return "int32_t";
  case DType::I64:
    return "int64_t";
  }
  return "void";
}

static int64_t elements(const ValueInfo &v) {
  int64_t n = 1;
  for (const AxisInfo &a : v.axes)
    n *= a.length;
  return n;
}

static bool isCKeyword(llvm::StringRef s) {
  static const std::set<std::string> keywords = {
      "auto",     "break",    "case",     "char",   "const",    "continue",
      "default",  "do",       "double",   "else",   "enum",     "extern",
      "float",    "for",      "goto",     "if",     "inline",   "int",
      "long",     "register", "restrict", "return", "short",    "signed",
      "sizeof",   "static",   "struct",   "switch", "typedef",  "union",
      "unsigned", "void",     "volatile", "while",  "bool",     "class",
      "new",      "delete",   "template", "this",   "operator", "private",
      "public",   "namespace"};
  return keywords.count(s.str()) || s.starts_with("__");
}

static std::string count(const ValueInfo &v) {
  int64_t n = elements(v);
  return std::to_string(n) + (n == 1 ? " element" : " elements");
}

/// Replaces the variables' initializers with `weights` (checked first, so
/// a bad checkpoint changes nothing).
static llvm::Error setWeights(mlir::ModuleOp module,
                              const std::vector<ValueInfo> &variables,
                              const std::map<std::string, Tensor> &weights) {
  std::map<std::string, Tensor> converted;
  for (const ValueInfo &v : variables) {
    auto it = weights.find(v.name);
    if (it == weights.end())
      return createStringError("the weights have no array for variable '%s'",
                               v.name.c_str());
    if (it->second.shape != v.shape())
      return createStringError("weights: array '%s' has shape %s, variable "
                               "%s needs %s",
                               v.name.c_str(),
                               shapeString(it->second.shape).c_str(),
                               v.describe().c_str(),
                               shapeString(v.shape()).c_str());
    auto t = it->second.convertTo(v.dtype, "weights: array '" + v.name + "'");
    if (!t)
      return t.takeError();
    converted[v.name] = std::move(*t);
  }
  module.walk([&](mlir::ng::VariableOp op) {
    const Tensor &t = converted.at(op.getName().str());
    auto type = llvm::cast<mlir::ng::NGTensorType>(op.getType()).toBuiltin();
    op.setInitAttr(mlir::DenseElementsAttr::getFromRawBuffer(
        type, llvm::ArrayRef<char>(reinterpret_cast<const char *>(
                                       t.bytes.data()),
                                   t.bytes.size())));
  });
  return llvm::Error::success();
}

namespace {
/// The C entry points written into the LLVM IR, and the header declaring
/// them.
struct Library {
  const std::string &prefix;
  const std::vector<ComputationInfo> &computations;
  const std::vector<ValueInfo> &variables;

  std::string api(const std::string &name) const {
    return prefix + "_" + cIdentifier(name);
  }

  /// Fails when two entry points would get the same C name.
  llvm::Error checkNames() const {
    std::map<std::string, std::string> seen;
    auto add = [&](const std::string &c,
                   const std::string &what) -> llvm::Error {
      auto [it, fresh] = seen.emplace(c, what);
      if (!fresh)
        return createStringError("%s and %s would both be the C function "
                                 "'%s'; rename one",
                                 it->second.c_str(), what.c_str(), c.c_str());
      return llvm::Error::success();
    };
    if (llvm::Error e = add(prefix + "_last_error", "the error accessor"))
      return e;
    if (llvm::Error e = add(prefix + "_error_message", "the error formatter"))
      return e;
    for (const ComputationInfo &c : computations)
      if (llvm::Error e = add(api(c.name), "computation '" + c.name + "'"))
        return e;
    for (const ValueInfo &v : variables) {
      if (llvm::Error e = add(api("read_" + v.name), "variable '" + v.name + "'"))
        return e;
      if (llvm::Error e =
              add(api("write_" + v.name), "variable '" + v.name + "'"))
        return e;
    }
    return llvm::Error::success();
  }

  llvm::Error extend(llvm::Module &m) const {
    llvm::LLVMContext &ctx = m.getContext();
    llvm::Type *ptr = llvm::PointerType::getUnqual(ctx);
    llvm::Type *i64 = llvm::Type::getInt64Ty(ctx);
    llvm::Type *i32 = llvm::Type::getInt32Ty(ctx);
    llvm::Type *voidTy = llvm::Type::getVoidTy(ctx);

    // The failed call's details, per thread: {site, position, value}.
    llvm::StructType *errorTy = llvm::StructType::get(ctx, {ptr, i64, i64});
    auto *error = new llvm::GlobalVariable(
        m, errorTy, false, llvm::GlobalValue::InternalLinkage,
        llvm::Constant::getNullValue(errorTy), prefix + ".error", nullptr,
        llvm::GlobalValue::GeneralDynamicTLSModel);
    auto errorField = [&](llvm::IRBuilder<> &b, unsigned i) {
      return b.CreateStructGEP(errorTy, b.CreateThreadLocalAddress(error), i);
    };
    {
      auto *f = llvm::Function::Create(llvm::FunctionType::get(ptr, false),
                                       llvm::GlobalValue::ExternalLinkage,
                                       prefix + "_last_error", m);
      llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", f));
      b.CreateRet(b.CreateThreadLocalAddress(error));
    }
    // What the lowering calls on an index outside a table: the first
    // report of a call is kept.
    if (llvm::Function *report = m.getFunction(abi::kIndexErrorSymbol)) {
      report->setLinkage(llvm::GlobalValue::InternalLinkage);
      llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", report));
      llvm::BasicBlock *first = llvm::BasicBlock::Create(ctx, "first", report);
      llvm::BasicBlock *done = llvm::BasicBlock::Create(ctx, "done", report);
      llvm::Value *site = errorField(b, 0);
      b.CreateCondBr(b.CreateIsNull(b.CreateLoad(ptr, site)), first, done);
      b.SetInsertPoint(first);
      b.CreateStore(b.CreateIntToPtr(report->getArg(0), ptr), site);
      b.CreateStore(report->getArg(1), errorField(b, 1));
      b.CreateStore(report->getArg(2), errorField(b, 2));
      b.CreateBr(done);
      b.SetInsertPoint(done);
      b.CreateRetVoid();
    }

    for (const ComputationInfo &c : computations) {
      llvm::Function *body = m.getFunction(abi::functionSymbol(c.name));
      if (!body)
        return createStringError("computation '%s' is missing from the "
                                 "lowered module",
                                 c.name.c_str());
      std::vector<const ValueInfo *> args;
      for (const ValueInfo &v : c.inputs)
        args.push_back(&v);
      for (const ValueInfo &v : c.outputs)
        if (!v.isEffect)
          args.push_back(&v);
      auto *f = llvm::Function::Create(
          llvm::FunctionType::get(
              i32, llvm::SmallVector<llvm::Type *>(args.size(), ptr), false),
          llvm::GlobalValue::ExternalLinkage, api(c.name), m);
      llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", f));
      // Each buffer as the lowering's memref arguments: allocated and
      // aligned pointer, offset 0, sizes, row-major strides.
      llvm::SmallVector<llvm::Value *> operands;
      for (auto [i, v] : llvm::enumerate(args)) {
        std::vector<int64_t> shape = v->shape();
        operands.append({f->getArg(i), f->getArg(i), b.getInt64(0)});
        for (int64_t n : shape)
          operands.push_back(b.getInt64(n));
        std::vector<int64_t> strides(shape.size());
        int64_t stride = 1;
        for (size_t d = shape.size(); d-- > 0;) {
          strides[d] = stride;
          stride *= shape[d];
        }
        for (int64_t s : strides)
          operands.push_back(b.getInt64(s));
      }
      if (operands.size() != body->arg_size())
        return createStringError("computation '%s' takes %zu arguments after "
                                 "lowering, not the %zu its inputs and "
                                 "outputs describe",
                                 c.name.c_str(), body->arg_size(),
                                 operands.size());
      b.CreateStore(llvm::Constant::getNullValue(ptr), errorField(b, 0));
      b.CreateCall(body, operands);
      llvm::Value *failed =
          b.CreateIsNotNull(b.CreateLoad(ptr, errorField(b, 0)));
      b.CreateRet(b.CreateZExt(failed, i32));
    }

    for (const ValueInfo &v : variables) {
      llvm::GlobalVariable *g =
          m.getGlobalVariable(abi::variableSymbol(v.name), true);
      if (!g)
        return createStringError("variable '%s' is missing from the lowered "
                                 "module",
                                 v.name.c_str());
      int64_t bytes = elements(v) * dtypeSize(v.dtype);
      for (bool read : {true, false}) {
        auto *f = llvm::Function::Create(
            llvm::FunctionType::get(voidTy, {ptr}, false),
            llvm::GlobalValue::ExternalLinkage,
            api((read ? "read_" : "write_") + v.name), m);
        llvm::IRBuilder<> b(llvm::BasicBlock::Create(ctx, "entry", f));
        llvm::Value *user = f->getArg(0);
        if (read)
          b.CreateMemCpy(user, llvm::MaybeAlign(1), g, g->getAlign(), bytes);
        else
          b.CreateMemCpy(g, g->getAlign(), user, llvm::MaybeAlign(1), bytes);
        b.CreateRetVoid();
      }
    }

    // Only the entry points are visible: two models link into one program,
    // and LLVM may inline and drop what no entry point reaches.
    std::string visible = prefix + "_";
    for (llvm::Function &f : m)
      if (!f.isDeclaration() && !f.getName().starts_with(visible))
        f.setLinkage(llvm::GlobalValue::InternalLinkage);
    for (llvm::GlobalVariable &g : m.globals())
      if (!g.isDeclaration() && !g.getName().starts_with("llvm."))
        g.setLinkage(llvm::GlobalValue::InternalLinkage);
    return llvm::Error::success();
  }

  std::string header(const std::string &graphName,
                     const CompileOptions &options) const {
    std::string h;
    llvm::raw_string_ostream os(h);
    std::string guard = llvm::StringRef(prefix).upper() + "_H";
    os << "/* " << prefix << ".h: generated by ngraph-compile from "
       << graphName << "\n"
       << " * for target " << options.target->name << " (" << options.target->cpu
       << "), " << options.threads << " thread(s). Do not edit.\n"
       << " *\n"
       << " * Every array is dense and row-major, in the axis order shown.\n"
       << " * A computation returns 0, or 1 when the call failed (an index\n"
       << " * outside a table); " << prefix
       << "_error_message() then says why.\n"
       << " * Variables keep their values between calls. Calls may not run\n"
       << " * concurrently on several threads (they share the variables).\n"
       << " */\n"
       << "#ifndef " << guard << "\n#define " << guard << "\n\n"
       << "#include <stddef.h>\n#include <stdint.h>\n#include <stdio.h>\n"
       << "#include <stdlib.h>\n#include <string.h>\n\n"
       << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
    std::string upper = llvm::StringRef(prefix).upper();
    for (const ComputationInfo &c : computations) {
      os << "/* Computation '" << c.name << "'.\n";
      std::vector<std::string> params;
      std::set<std::string> taken;
      int in = 0, out = 0;
      for (const ValueInfo &v : c.inputs) {
        // A placeholder's name, unless C cannot take it (a keyword, or a
        // name another parameter has).
        std::string p = cIdentifier(v.name);
        if (v.name.empty() || isCKeyword(p) || taken.count(p) ||
            llvm::StringRef(p).starts_with("out"))
          p = "in" + std::to_string(in);
        taken.insert(p);
        os << " *   input  " << v.describe() << " (" << count(v) << ")\n";
        params.push_back(std::string("const ") + cType(v.dtype) + " *" + p);
        ++in;
      }
      for (const ValueInfo &v : c.outputs) {
        if (v.isEffect) {
          os << " *   (an update of the variables)\n";
          continue;
        }
        std::string p = "out" + std::to_string(out);
        os << " *   output " << p << " = " << v.describe() << " (" << count(v)
           << ")\n";
        params.push_back(std::string(cType(v.dtype)) + " *" + p);
        ++out;
      }
      os << " */\nint " << api(c.name) << "(";
      for (size_t i = 0; i < params.size(); ++i)
        os << (i ? ", " : "") << params[i];
      os << (params.empty() ? "void" : "") << ");\n";
      std::string macro = upper + "_" + llvm::StringRef(cIdentifier(c.name)).upper();
      in = out = 0;
      for (const ValueInfo &v : c.inputs)
        os << "#define " << macro << "_IN" << in++ << "_SIZE " << elements(v)
           << "\n";
      for (const ValueInfo &v : c.outputs)
        if (!v.isEffect)
          os << "#define " << macro << "_OUT" << out++ << "_SIZE "
             << elements(v) << "\n";
      os << "\n";
    }
    os << "/* Variables: read copies the current value out, write copies a\n"
       << " * new one in. */\n";
    for (const ValueInfo &v : variables) {
      os << "/* " << v.describe() << " */\n"
         << "void " << api("read_" + v.name) << "(" << cType(v.dtype)
         << " *dst);\n"
         << "void " << api("write_" + v.name) << "(const " << cType(v.dtype)
         << " *src);\n"
         << "#define " << upper << "_"
         << llvm::StringRef(cIdentifier(v.name)).upper() << "_SIZE "
         << elements(v) << "\n";
    }
    os << "\n/* Every variable, for loops that save or restore them all. */\n"
       << "struct " << prefix << "_variable {\n"
       << "  const char *name;\n"
       << "  const char *dtype; /* \"f32\", \"f64\", \"i32\" */\n"
       << "  size_t size;       /* elements */\n"
       << "  void (*read)(void *dst);\n"
       << "  void (*write)(const void *src);\n"
       << "};\n";
    os << "static const struct " << prefix << "_variable " << prefix
       << "_variables[] = {\n";
    for (const ValueInfo &v : variables)
      os << "  {\"" << v.name << "\", \"" << dtypeName(v.dtype) << "\", "
         << elements(v) << ", (void (*)(void *))" << api("read_" + v.name)
         << ", (void (*)(const void *))" << api("write_" + v.name) << "},\n";
    if (variables.empty())
      os << "  {0, 0, 0, 0, 0},\n";
    os << "};\n#define " << upper << "_NUM_VARIABLES " << variables.size()
       << "\n\n";
    // The helpers below are written once with a placeholder name.
    std::string helpers = R"(/* The failed call's details on this thread (site is NULL after a
 * call that succeeded). */
typedef struct {
  const char *site; /* "file:line:col\nop\nAXIS:LENGTH\nA:n,B:m" */
  int64_t position; /* row-major position in the indices */
  int64_t value;    /* the index found there */
} PREFIX_error;
const PREFIX_error *PREFIX_last_error(void);

/* The failed call's message, as ngraph-runner prints it:
 * "g.mlir:5:8: ng.lookup: index 10 at [T=1, N=1] is outside [0, 10), the
 * length of the table's axis V". */
static inline const char *PREFIX_error_message(char *buf, size_t size) {
  const PREFIX_error *e = PREFIX_last_error();
  const char *line[4];
  int i, n = 0;
  size_t used = 0;
  const char *names[16];
  int nameLengths[16];
  long long lengths[16], at[16], position;
  const char *colon;
  if (size == 0)
    return buf;
  buf[0] = 0;
  if (!e->site)
    return buf;
  line[0] = e->site;
  for (i = 1; i < 4; ++i) {
    const char *nl = strchr(line[i - 1], '\n');
    line[i] = nl ? nl + 1 : "";
  }
  for (const char *a = line[3]; *a && n < 16;) {
    char *end;
    colon = strchr(a, ':');
    if (!colon)
      break;
    names[n] = a;
    nameLengths[n] = (int)(colon - a);
    lengths[n] = strtoll(colon + 1, &end, 10);
    ++n;
    if (*end != ',')
      break;
    a = end + 1;
  }
  position = e->position;
  for (i = n; i-- > 0;) {
    long long l = lengths[i] > 0 ? lengths[i] : 1;
    at[i] = position % l;
    position /= l;
  }
#define PREFIX_APPEND(...)                                                     \
  do {                                                                         \
    int w_ = snprintf(buf + used, size - used, __VA_ARGS__);                   \
    if (w_ > 0)                                                                \
      used += (size_t)w_ < size - used ? (size_t)w_ : size - used - 1;         \
  } while (0)
  PREFIX_APPEND("%.*s: %.*s: index %lld at [", (int)strcspn(line[0], "\n"),
                line[0], (int)strcspn(line[1], "\n"), line[1],
                (long long)e->value);
  for (i = 0; i < n; ++i)
    PREFIX_APPEND("%s%.*s=%lld", i ? ", " : "", nameLengths[i], names[i], at[i]);
  colon = strchr(line[2], ':');
  PREFIX_APPEND("] is outside [0, %lld), the length of the table's axis %.*s",
                colon ? strtoll(colon + 1, 0, 10) : 0LL,
                colon ? (int)(colon - line[2]) : 0, line[2]);
#undef PREFIX_APPEND
  return buf;
}

#ifdef __cplusplus
}
#endif

#endif
)";
    for (size_t i = 0; i < helpers.size();) {
      if (helpers.compare(i, 6, "PREFIX") == 0) {
        os << (helpers.compare(i, 13, "PREFIX_APPEND") == 0 ? upper : prefix);
        i += 6;
      } else {
        os << helpers[i++];
      }
    }
    return h;
  }
};
} // namespace

llvm::Expected<CompiledLibrary>
ngraph::compileAheadOfTime(const std::string &source, const std::string &name,
                           const AheadOfTimeOptions &options) {
  if (options.prefix.empty() || cIdentifier(options.prefix) != options.prefix)
    return createStringError("prefix '%s' is not a C identifier",
                             options.prefix.c_str());
  if (!options.compile.target)
    return createStringError("no code generation target given");
  if (options.compile.ranks != 1)
    return createStringError("ahead-of-time compilation of a data-parallel "
                             "(MPI) graph is not supported: compile it for "
                             "one process");
  mlir::DialectRegistry registry;
  registerAllDialects(registry);
  mlir::MLIRContext context(registry);
  DiagnosticCapture diags(context);
  auto parsed = parseGraph(context, diags, source, name);
  if (!parsed)
    return parsed.takeError();
  llvm::SmallVector<mlir::ng::AxisAttr> dynamic =
      mlir::ng::dynamicAxesOf(*parsed->module);
  if (!dynamic.empty() || options.batchSize) {
    if (dynamic.empty())
      return createStringError("%s: --batch-size: the graph's axes all have "
                               "fixed lengths",
                               name.c_str());
    if (options.batchSize < 1)
      return createStringError(
          "%s: the graph has batch axes of length ? (%s): a compiled "
          "library's functions have fixed shapes, so give their length "
          "(--batch-size)",
          name.c_str(), mlir::ng::axes::str(dynamic).c_str());
    llvm::StringMap<int64_t> given;
    AxisLengths lengths;
    for (mlir::ng::AxisAttr a : dynamic) {
      given[a.getName()] = options.batchSize;
      lengths[a.getName().str()] = options.batchSize;
    }
    if (mlir::failed(mlir::ng::specializeAxes(*parsed->module, given)))
      return createStringError("%s", diags.text.c_str());
    for (ComputationInfo &c : parsed->computations)
      c = c.withLengths(lengths);
  }
  Library library{options.prefix, parsed->computations, parsed->variables};
  if (llvm::Error e = library.checkNames())
    return std::move(e);
  if (options.useWeights)
    if (llvm::Error e = setWeights(*parsed->module, parsed->variables,
                                   options.weights))
      return std::move(e);
  CompileTimes times;
  auto object = lowerToObject(
      context, *parsed->module, diags.text, options.compile,
      /*embedInitialValues=*/true,
      [&](llvm::Module &m) { return library.extend(m); }, times);
  if (!object)
    return object.takeError();
  return CompiledLibrary{std::move(*object),
                         library.header(name, options.compile)};
}

llvm::Error ngraph::writeSharedLibrary(const CompiledLibrary &library,
                                       const std::string &path, bool openmp) {
  auto cc = llvm::sys::findProgramByName("cc");
  if (!cc)
    return createStringError("cannot link '%s': no C compiler 'cc' on PATH "
                             "(write an object file with -o NAME.o instead)",
                             path.c_str());
  // Both temporaries next to the output, so the rename cannot cross file
  // systems.
  llvm::SmallString<128> object, linked;
  int fd;
  if (std::error_code ec = llvm::sys::fs::createUniqueFile(
          path + ".%%%%%%.o", fd, object))
    return createStringError("cannot write next to '%s': %s", path.c_str(),
                             ec.message().c_str());
  {
    llvm::raw_fd_ostream os(fd, /*shouldClose=*/true);
    os << library.object;
  }
  linked = path + ".tmp";
  linked += llvm::sys::path::extension(object); // unique as the object is
  std::vector<llvm::StringRef> args = {*cc, "-shared", "-o", linked, object,
                                       "-lm"};
  if (openmp)
    args.insert(args.end(), {"-L/usr/lib/llvm-22/lib", "-lomp",
                             "-Wl,-rpath,/usr/lib/llvm-22/lib"});
  std::string message;
  int status = llvm::sys::ExecuteAndWait(*cc, args, std::nullopt, {}, 0, 0,
                                         &message);
  llvm::sys::fs::remove(object);
  if (status != 0) {
    llvm::sys::fs::remove(linked);
    return createStringError("linking '%s' with %s failed (status %d)%s%s",
                             path.c_str(), cc->c_str(), status,
                             message.empty() ? "" : ": ", message.c_str());
  }
  if (std::error_code ec = llvm::sys::fs::rename(linked, path)) {
    llvm::sys::fs::remove(linked);
    return createStringError("cannot replace '%s': %s", path.c_str(),
                             ec.message().c_str());
  }
  return llvm::Error::success();
}
