//===- DataIOTest.cpp - .npy / .npz reading and writing -------------------===//
#include "NGraph/Runtime/DataIO.h"

#include "gtest/gtest.h"
#include <cstdio>
#include <fstream>
#include <unistd.h>

using namespace ngraph;

static std::string tempPath(const char *name) {
  return std::string(::testing::TempDir()) + "/" + name + "." +
         std::to_string(getpid());
}

TEST(DataIO, NpyRoundTrip) {
  Tensor t(DType::F32, {2, 3});
  for (int i = 0; i < 6; ++i)
    t.set(i, i * 0.5);
  auto back = parseNpy(serializeNpy(t), "mem");
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(back->shape, t.shape);
  EXPECT_EQ(back->bytes, t.bytes);
}

TEST(DataIO, NpzRoundTripIsAtomic) {
  std::string path = tempPath("ckpt.npz");
  Tensor a(DType::F64, {3}), b(DType::I32, {});
  a.set(0, 1.5), a.set(1, -2), a.set(2, 3.25), b.set(0, 7);
  ASSERT_FALSE(bool(writeNpzAtomic(path, {{"a", a}, {"b", b}})));
  auto back = readNpz(path);
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(back->at("a").bytes, a.bytes);
  EXPECT_EQ(back->at("b").get(0), 7);
  std::remove(path.c_str());
}

TEST(DataIO, HugeDeclaredShapeIsRejectedWithoutAllocating) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (100000000000,), }";
  std::string npy = std::string("\x93NUMPY\x01\x00", 8);
  npy += (char)header.size();
  npy += (char)0;
  npy += header + "abcd";
  auto t = parseNpy(npy, "huge");
  ASSERT_FALSE(bool(t));
  EXPECT_NE(llvm::toString(t.takeError()).find("file holds 4 bytes"),
            std::string::npos);
}

TEST(DataIO, WrongDtypeIsAClearError) {
  std::string header = "{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }";
  std::string npy = std::string("\x93NUMPY\x01\x00", 8);
  npy += (char)header.size();
  npy += (char)0;
  npy += header + "x";
  auto t = parseNpy(npy, "bytes");
  ASSERT_FALSE(bool(t));
  EXPECT_NE(llvm::toString(t.takeError()).find("unsupported dtype '|u1'"),
            std::string::npos);
}

TEST(DataIO, UnwritableCheckpointKeepsNothingHalfWritten) {
  Tensor a(DType::F32, {1});
  llvm::Error e = writeNpzAtomic("/nonexistent-dir/ckpt.npz", {{"a", a}});
  ASSERT_TRUE(bool(e));
  EXPECT_NE(llvm::toString(std::move(e)).find("cannot write"), std::string::npos);
}

// Found by data_fuzzer: a zero-element array copied through a null pointer.
TEST(DataIO, EmptyArrayParses) {
  Tensor t(DType::F32, {0, 3});
  auto back = parseNpy(serializeNpy(t), "empty");
  ASSERT_TRUE(bool(back)) << llvm::toString(back.takeError());
  EXPECT_EQ(back->shape, (std::vector<int64_t>{0, 3}));
  EXPECT_EQ(back->numElements(), 0);
}

// Two dimensions whose product overflows int64 are refused (found by
// fuzz/data_fuzzer: signed overflow before the size check).
TEST(DataIO, ShapeProductOverflowIsRefused) {
  std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': "
                       "(194264612800, 194264613), }";
  std::string npy = std::string("\x93NUMPY\x01\x00", 8);
  npy += (char)header.size();
  npy += (char)0;
  npy += header;
  auto t = parseNpy(npy, "big.npy");
  ASSERT_FALSE(bool(t));
  EXPECT_EQ(llvm::toString(t.takeError()), "big.npy: array too large");
}

TEST(DataIO, CharacterIdsRoundTrip) {
  for (int c = 0; c < 256; ++c) {
    int32_t id = ngraph::charId((unsigned char)c);
    ASSERT_GE(id, 0);
    ASSERT_LT(id, ngraph::kCharVocabulary);
    if (c == '\n' || c == '\t' || (c >= 32 && c <= 126))
      EXPECT_EQ(ngraph::idChar(id), (char)c) << c;
    else
      EXPECT_EQ(id, 0) << c;
  }
  EXPECT_EQ(ngraph::idChar(ngraph::kCharVocabulary), '?');
}
