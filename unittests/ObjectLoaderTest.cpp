//===- ObjectLoaderTest.cpp - linking objects; cache entries' contents ----===//
#include "NGraph/Runtime/ABI.h"
#include "NGraph/Runtime/CompileCache.h"
#include "NGraph/Runtime/CompiledGraph.h"
#include "NGraph/Runtime/ObjectLoader.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"

#include <cmath>
#include <cstring>
#include <dlfcn.h>
#include <elf.h>

using namespace ngraph;

namespace {
/// The JIT's object for e = exp(W * x), W = [1, 2, 3], with the update
/// W = W * x: compiled through a Transformer into a compile cache, and
/// read back from the entry.
std::string compiledObject() {
  llvm::SmallString<128> dir;
  if (llvm::sys::fs::createUniqueDirectory("ngraph-loader", dir))
    return "";
  CompileOptions o;
  o.target = *cpu::lookupTarget("x86-64-v3");
  o.cacheDirectory = dir.str().str();
  auto t = Transformer::loadFromString(R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3], f64>
  %W = ng.variable "W" init [1.0, 2.0, 3.0] : !ng.tensor<[K:3], f64>
  %y = ng.multiply %W, %x : !ng.tensor<[K:3], f64>, !ng.tensor<[K:3], f64>
  %e = ng.exp %y : !ng.tensor<[K:3], f64>
  %u = ng.assign %W, %y : !ng.tensor<[K:3], f64>, !ng.tensor<[K:3], f64>
  ng.computation @step outputs(%e, %u : !ng.tensor<[K:3], f64>, !ng.effect) inputs(%x : !ng.tensor<[K:3], f64>)
})",
                                       o);
  std::string object;
  if (!t) {
    ADD_FAILURE() << llvm::toString(t.takeError());
  } else {
    std::string path = (*t)->cacheReport().path;
    auto entry = llvm::MemoryBuffer::getFile(path);
    std::string problem;
    auto payload = entry ? CompileCache::decode(
                               (*entry)->getBuffer(),
                               llvm::sys::path::stem(path).str(), problem)
                         : std::nullopt;
    auto graph = payload ? decodeCompiledGraph(*payload)
                         : llvm::Expected<CompiledGraph>(
                               llvm::createStringError("no entry " + path));
    if (!graph)
      ADD_FAILURE() << llvm::toString(graph.takeError()) << problem;
    else
      object = graph->object.str();
  }
  llvm::sys::fs::remove_directories(dir);
  return object;
}

void *fromProcess(const std::string &name) {
  return dlsym(RTLD_DEFAULT, name.c_str());
}

/// A rank-1 memref descriptor (allocated, aligned, offset, size, stride).
struct Descriptor {
  double *allocated, *aligned;
  int64_t offset, size, stride;
};
} // namespace

TEST(ObjectLoader, LinksAndRunsACompiledGraph) {
  std::string object = compiledObject();
  ASSERT_FALSE(object.empty());
  llvm::Error checked = LoadedObject::check(object);
  ASSERT_FALSE(bool(checked)) << llvm::toString(std::move(checked));
  auto loaded = LoadedObject::load(object, fromProcess);
  ASSERT_TRUE(bool(loaded)) << llvm::toString(loaded.takeError());
  auto step = reinterpret_cast<void (*)(void **)>(
      (*loaded)->symbol(ngraph::abi::packedSymbol("step")));
  auto *W = static_cast<double *>((*loaded)->symbol(ngraph::abi::variableSymbol("W")));
  ASSERT_TRUE(step && W);
  EXPECT_EQ((*loaded)->symbol("no_such_symbol"), nullptr);
  W[0] = 1, W[1] = 2, W[2] = 3;
  double x[3] = {0.5, 1.0, -1.0}, e[3] = {0, 0, 0};
  // The packed convention: one pointer per argument to a pointer to its
  // descriptor (Runtime.cpp).
  Descriptor dx{x, x, 0, 3, 1}, de{e, e, 0, 3, 1};
  void *descs[2] = {&dx, &de};
  void *args[2] = {&descs[0], &descs[1]};
  // Calls into libm (exp) go through the loader's stubs.
  step(args);
  EXPECT_DOUBLE_EQ(e[0], std::exp(0.5));
  EXPECT_DOUBLE_EQ(e[1], std::exp(2.0));
  EXPECT_DOUBLE_EQ(e[2], std::exp(-3.0));
  EXPECT_DOUBLE_EQ(W[2], -3.0);
  // Two loads of one object have their own variables.
  auto second = LoadedObject::load(object, fromProcess);
  ASSERT_TRUE(bool(second));
  EXPECT_NE((*second)->symbol(ngraph::abi::variableSymbol("W")), W);
}

TEST(ObjectLoader, ReportsWhatItCannotLink) {
  std::string object = compiledObject();
  ASSERT_FALSE(object.empty());
  auto none = LoadedObject::load(object, [](const std::string &) -> void * {
    return nullptr;
  });
  ASSERT_FALSE(bool(none));
  std::string message = llvm::toString(none.takeError());
  EXPECT_NE(message.find("undefined symbol '"), std::string::npos) << message;

  auto fails = [](const std::string &bytes) {
    llvm::Error e = LoadedObject::check(bytes);
    return e ? llvm::toString(std::move(e)) : std::string();
  };
  EXPECT_EQ(fails("not an object"), "not an ELF object");
  std::string wrong = object;
  wrong[offsetof(Elf64_Ehdr, e_machine)] = EM_AARCH64;
  EXPECT_EQ(fails(wrong), "not a 64-bit little-endian x86-64 object");
  std::string shared = object;
  shared[offsetof(Elf64_Ehdr, e_type)] = ET_DYN;
  EXPECT_EQ(fails(shared), "not a relocatable object (ELF type 3)");
  // The section headers are at the end: cutting the file loses them.
  EXPECT_EQ(fails(object.substr(0, object.size() - 8)),
            "the section header table is truncated");
  // Every prefix is refused, never followed out of bounds.
  for (size_t n = 0; n < object.size(); n += 97)
    EXPECT_NE(fails(object.substr(0, n)), "") << n;
}

TEST(CompiledGraph, RoundTripsTheInterface) {
  CompiledGraph g;
  ComputationInfo c;
  c.name = "step";
  c.inputs.push_back({"x", {{"C", 4, false, false}, {"N", -1, true, false}},
                      DType::F32});
  c.inputs.back().classAxis = {"Y", 10, false, false};
  ValueInfo effect;
  effect.isEffect = true;
  c.outputs = {{"", {}, DType::F64}, effect};
  g.computations = {c};
  g.variables = {{"W", {{"C", 4, false, false}}, DType::F32},
                 {"b", {{"T", 2, false, true}}, DType::I64}};
  g.dynamicAxes = {"N"};
  float w[4] = {1, 2, 3, 4};
  int64_t zero = 0;
  g.initialValues = {{false, llvm::StringRef((const char *)w, sizeof(w))},
                     {true, llvm::StringRef((const char *)&zero, 8)}};
  g.object = "object bytes";
  std::string bytes = encodeCompiledGraph(g);
  auto back = decodeCompiledGraph(bytes);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  ASSERT_EQ(back->computations.size(), 1u);
  EXPECT_EQ(back->computations[0].inputs[0].describe(),
            c.inputs[0].describe());
  EXPECT_EQ(back->computations[0].inputs[0].classAxis.length, 10);
  EXPECT_TRUE(back->computations[0].outputs[1].isEffect);
  EXPECT_EQ(back->variables[1].describe(), "b [T:2 recurrent] i64");
  EXPECT_EQ(back->dynamicAxes, g.dynamicAxes);
  EXPECT_EQ(back->object, "object bytes");
  int64_t b[2] = {7, 7};
  back->initialValues[1].writeTo(b, 2, 8);
  EXPECT_EQ(b[0], 0);
  EXPECT_EQ(b[1], 0);
  float w2[4];
  back->initialValues[0].writeTo(w2, 4, 4);
  EXPECT_EQ(w2[3], 4.0f);

  // Damage is reported, whatever is cut.
  for (size_t n = 0; n < bytes.size(); ++n)
    EXPECT_FALSE(bool(decodeCompiledGraph(bytes.substr(0, n)))) << n;
  g.initialValues[0].bytes = g.initialValues[0].bytes.drop_back(4);
  auto bad = decodeCompiledGraph(encodeCompiledGraph(g));
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "damaged compiled graph: variable 'W' has 12 bytes of initial "
            "value, not 16");
  EXPECT_EQ(llvm::toString(decodeCompiledGraph("ngraph").takeError()),
            "not a compiled graph of this compiler");
}
