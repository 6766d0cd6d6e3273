//===- CompileCacheTest.cpp - compiled objects kept on disk ---------------===//
#include "NGraph/Runtime/AheadOfTime.h"
#include "NGraph/Runtime/CompileCache.h"
#include "NGraph/Runtime/Runtime.h"
#include "ToolSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "gtest/gtest.h"

#include <fstream>

using namespace ngraph;

namespace {
struct CacheDir : ::testing::Test {
  llvm::SmallString<128> dir;
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("ngraph-cache", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }
  std::string read(const std::string &path) {
    auto b = llvm::MemoryBuffer::getFile(path);
    return b ? (*b)->getBuffer().str() : "";
  }
  void write(const std::string &path, const std::string &text) {
    std::ofstream(path, std::ios::binary) << text;
  }
};
} // namespace

TEST(CompileCache, KeysDependOnEveryPart) {
  std::string k = CompileCache::key("graph", "O2");
  EXPECT_EQ(k.size(), 64u);
  EXPECT_EQ(k, CompileCache::key("graph", "O2"));
  EXPECT_NE(k, CompileCache::key("graph ", "O2"));
  EXPECT_NE(k, CompileCache::key("graph", "O3"));
  // Parts are length-prefixed: moving text between them changes the key.
  EXPECT_NE(CompileCache::key("ab", "c"), CompileCache::key("a", "bc"));
}

TEST(CompileCache, DecodeRefusesDamagedEntries) {
  std::string key = CompileCache::key("g", "o");
  std::string object("\x7f" "ELF\0\1\2", 7);
  std::string entry = CompileCache::encode(key, object);
  std::string problem;
  auto back = CompileCache::decode(entry, key, problem);
  ASSERT_TRUE(back.has_value()) << problem;
  EXPECT_EQ(*back, object);

  auto refused = [&](const std::string &e, const std::string &k) {
    problem.clear();
    EXPECT_FALSE(CompileCache::decode(e, k, problem).has_value());
    return problem;
  };
  EXPECT_EQ(refused(entry.substr(0, entry.size() - 2), key),
            "truncated: 5 of 7 bytes");
  EXPECT_EQ(refused(entry.substr(0, 30), key), "truncated or damaged header");
  EXPECT_EQ(refused("", key), "not a cache entry of this compiler (unknown "
                              "header)");
  std::string flipped = entry;
  flipped.back() ^= 1;
  EXPECT_EQ(refused(flipped, key), "corrupt: its checksum does not match");
  std::string other = CompileCache::key("g", "p");
  EXPECT_EQ(refused(entry, other), "it belongs to another key (" + key + ")");
}

TEST_F(CacheDir, StoreThenLookupAndDamagedEntriesAreRemoved) {
  CompileCache cache(std::string(dir) + "/sub/dir");
  std::string key = CompileCache::key("g", "o");
  EXPECT_FALSE(cache.lookup(key).object.has_value());
  EXPECT_EQ(cache.lookup(key).problem, "");
  ASSERT_FALSE(bool(cache.store(key, "object bytes")));
  auto hit = cache.lookup(key);
  ASSERT_TRUE(hit.object.has_value());
  EXPECT_EQ(*hit.object, "object bytes");

  std::string path = cache.pathOf(key);
  write(path, read(path).substr(0, 60));
  auto damaged = cache.lookup(key);
  EXPECT_FALSE(damaged.object.has_value());
  EXPECT_NE(damaged.problem, "");
  EXPECT_FALSE(llvm::sys::fs::exists(path));
}

TEST_F(CacheDir, TrimKeepsTheMostRecentlyUsedWithinTheBound) {
  // Room for about two entries of 1000 bytes.
  CompileCache cache(std::string(dir), 2500);
  std::string a = CompileCache::key("a", ""), b = CompileCache::key("b", ""),
              c = CompileCache::key("c", "");
  std::string object(1000, 'x');
  ASSERT_FALSE(bool(cache.store(a, object)));
  ASSERT_FALSE(bool(cache.store(b, object)));
  // a is older than b; make the ordering certain, then use a.
  llvm::sys::fs::file_status st;
  ASSERT_FALSE(llvm::sys::fs::status(cache.pathOf(b), st));
  int fd;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(cache.pathOf(b), fd,
                                               llvm::sys::fs::CD_OpenExisting));
  ASSERT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(
      fd, st.getLastModificationTime() - std::chrono::hours(1)));
  ::close(fd);
  ASSERT_TRUE(cache.lookup(a).object.has_value());
  ASSERT_FALSE(bool(cache.store(c, object)));
  EXPECT_TRUE(llvm::sys::fs::exists(cache.pathOf(a)));
  EXPECT_FALSE(llvm::sys::fs::exists(cache.pathOf(b)));
  EXPECT_TRUE(llvm::sys::fs::exists(cache.pathOf(c)));
}

TEST_F(CacheDir, TransformerLoadsWhatItStored) {
  const char *graph = R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3], f32>
  %W = ng.variable "W" init [1.0, 2.0, 3.0] : !ng.tensor<[K:3], f32>
  %y = ng.multiply %W, %x : !ng.tensor<[K:3], f32>, !ng.tensor<[K:3], f32>
  ng.computation @f outputs(%y : !ng.tensor<[K:3], f32>) inputs(%x : !ng.tensor<[K:3], f32>)
})";
  CompileOptions o;
  o.target = tools::hostTarget();
  o.cacheDirectory = std::string(dir);
  Tensor x(DType::F32, {3});
  x.set(0, 1), x.set(1, 10), x.set(2, 100);
  for (CacheReport::Status expected : {CacheReport::Miss, CacheReport::Hit}) {
    auto t = Transformer::loadFromString(graph, o);
    ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
    EXPECT_EQ((*t)->cacheReport().status, expected);
    std::vector<Tensor> outs;
    ASSERT_FALSE(bool((*t)->call("f", {&x}, outs)));
    // Initial values are written after loading, from the graph.
    EXPECT_EQ(outs[0].get(2), 300);
  }
  o.cacheDirectory.clear();
  auto t = Transformer::loadFromString(graph, o);
  ASSERT_TRUE(bool(t));
  EXPECT_EQ((*t)->cacheReport().status, CacheReport::Off);
}

TEST(AheadOfTime, HeaderDeclaresEveryEntryPoint) {
  AheadOfTimeOptions o;
  o.compile.target = *cpu::lookupTarget("x86-64-v3");
  o.prefix = "m";
  auto lib = compileAheadOfTime(R"(
ng.graph @g {
  %x = ng.placeholder "x" : !ng.tensor<[K:3], f64>
  %W = ng.variable "W" init [1.0, 2.0, 3.0] : !ng.tensor<[K:3], f64>
  %y = ng.multiply %W, %x : !ng.tensor<[K:3], f64>, !ng.tensor<[K:3], f64>
  %u = ng.assign %W, %y : !ng.tensor<[K:3], f64>, !ng.tensor<[K:3], f64>
  ng.computation @step outputs(%y, %u : !ng.tensor<[K:3], f64>, !ng.effect) inputs(%x : !ng.tensor<[K:3], f64>)
})",
                                "g.mlir", o);
  ASSERT_TRUE(bool(lib)) << llvm::toString(lib.takeError());
  EXPECT_EQ(lib->object.substr(0, 4), "\x7f" "ELF");
  for (const char *decl :
       {"int m_step(const double *x, double *out0);", "#define M_STEP_IN0_SIZE 3",
        "void m_read_W(double *dst);", "void m_write_W(const double *src);",
        "const m_error *m_last_error(void);",
        "static inline const char *m_error_message(char *buf, size_t size)"})
    EXPECT_NE(lib->header.find(decl), std::string::npos) << decl;

  o.weights["W"] = Tensor(DType::F32, {2});
  o.useWeights = true;
  auto bad = compileAheadOfTime("ng.graph @g {\n"
                                "  %W = ng.variable \"W\" init 0.0 : "
                                "!ng.tensor<[K:3], f32>\n"
                                "  ng.computation @f outputs(%W : "
                                "!ng.tensor<[K:3], f32>) inputs()\n}",
                                "g.mlir", o);
  ASSERT_FALSE(bool(bad));
  EXPECT_EQ(llvm::toString(bad.takeError()),
            "weights: array 'W' has shape (2,), variable W [K:3] f32 needs (3,)");
  EXPECT_EQ(cIdentifier("digits-mlp.v2"), "digits_mlp_v2");
  EXPECT_EQ(cIdentifier("2x"), "_2x");
}
