//===- RunnerTest.cpp - the runner library: specs, feeds, expressions -----===//
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/Runner.h"
#include "NGraph/Support/Expression.h"
#include "ToolSupport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace ngraph;

/// The error's message, or "" for success.
template <typename T> static std::string errorOf(llvm::Expected<T> v) {
  return v ? std::string() : llvm::toString(v.takeError());
}
static std::string errorOf(llvm::Error e) {
  return e ? llvm::toString(std::move(e)) : std::string();
}

TEST(Expression, EvaluatesWithPrecedence) {
  auto e = ScalarExpr::parse("5.0/(1+epoch) - -step*2", {"epoch", "step"});
  ASSERT_TRUE(bool(e)) << llvm::toString(e.takeError());
  EXPECT_DOUBLE_EQ(e->evaluate({4, 3}), 1.0 + 6.0);
}

TEST(Expression, PowersFunctionsAndSchedules) {
  std::vector<std::string> names = {"epoch", "step", "epochs", "batches"};
  auto value = [&](const std::string &text, std::vector<double> at) {
    auto e = ScalarExpr::parse(text, names);
    EXPECT_TRUE(bool(e)) << llvm::toString(e.takeError());
    return e ? e->evaluate(at) : NAN;
  };
  std::vector<double> at = {2, 25, 10, 10};
  // Python's rules: right-associative, tighter than a sign on the left.
  EXPECT_DOUBLE_EQ(value("2^3^2", at), 512);
  EXPECT_DOUBLE_EQ(value("2**3**2", at), 512);
  EXPECT_DOUBLE_EQ(value("-2^2", at), -4);
  EXPECT_DOUBLE_EQ(value("2^-1", at), 0.5);
  EXPECT_DOUBLE_EQ(value("3*2^2", at), 12);
  EXPECT_DOUBLE_EQ(value("min(3, epoch, 7) + max(1, 2)", at), 4);
  EXPECT_DOUBLE_EQ(value("floor(7.5) + ceil(0.2) + abs(-1)", at), 9);
  EXPECT_DOUBLE_EQ(value("exp(log(3)) + sqrt(16) + sin(0) + cos(0)", at), 8);
  // Step decay, exponential decay, cosine with linear warm-up.
  EXPECT_DOUBLE_EQ(value("0.1 * 0.5^floor(epoch / 2)", at), 0.05);
  EXPECT_DOUBLE_EQ(value("0.1 * exp(-0.5 * epoch)", at), 0.1 * std::exp(-1.0));
  const char *cosine = "0.1 * min(1, (step + 1) / 10) * 0.5 * (1 + cos(pi * "
                       "step / (epochs * batches)))";
  EXPECT_DOUBLE_EQ(value(cosine, {0, 0, 10, 10}), 0.01);
  EXPECT_NEAR(value(cosine, {5, 50, 10, 10}), 0.05, 1e-15);
  EXPECT_NEAR(value(cosine, {9, 100, 10, 10}), 0.0, 1e-15);
}

TEST(Expression, BadCallsNameTheFunction) {
  EXPECT_EQ(errorOf(ScalarExpr::parse("cosh(1)", {})),
            "in expression 'cosh(1)': unknown function 'cosh' (known: exp, "
            "log, sqrt, sin, cos, floor, ceil, abs, min, max) at column 1");
  EXPECT_EQ(errorOf(ScalarExpr::parse("min(1)", {})),
            "in expression 'min(1)': min() takes 2 or more arguments, got 1 "
            "at column 7");
  EXPECT_EQ(errorOf(ScalarExpr::parse("exp(1, 2)", {})),
            "in expression 'exp(1, 2)': exp() takes 1 argument, got 2 at "
            "column 10");
  EXPECT_EQ(errorOf(ScalarExpr::parse("exp(1", {})),
            "in expression 'exp(1': expected ',' or ')' at column 6");
  EXPECT_EQ(errorOf(ScalarExpr::parse("2^", {})),
            "in expression '2^': expected a number, a name or '(' at column 3");
  std::string tower = "2";
  for (int i = 0; i < 100000; ++i)
    tower += "^2";
  EXPECT_NE(errorOf(ScalarExpr::parse(tower, {})), "");
}

TEST(Expression, ErrorsNameTheColumn) {
  EXPECT_EQ(errorOf(ScalarExpr::parse("1+", {"epoch"})),
            "in expression '1+': expected a number, a name or '(' at column 3");
  EXPECT_EQ(errorOf(ScalarExpr::parse("epochs", {"epoch", "step"})),
            "in expression 'epochs': unknown name 'epochs' (known: epoch, "
            "step, pi) at column 1");
  EXPECT_EQ(errorOf(ScalarExpr::parse("(1", {})),
            "in expression '(1': expected ')' at column 3");
  EXPECT_EQ(errorOf(ScalarExpr::parse("nan", {})),
            "in expression 'nan': unknown name 'nan' (known: pi) at column 1");
}

TEST(Expression, HostileInputIsBounded) {
  EXPECT_NE(errorOf(ScalarExpr::parse(std::string(100000, '('), {})), "");
  EXPECT_NE(errorOf(ScalarExpr::parse(std::string(100000, '-') + "1", {})), "");
  std::string sum = "1";
  for (int i = 0; i < 100000; ++i)
    sum += "+1";
  EXPECT_EQ(errorOf(ScalarExpr::parse(sum, {})),
            "in expression '" + sum.substr(0, 57) +
                "...': expression too long at column 4098");
}

TEST(DataSpec, NumbersAreRangeChecked) {
  EXPECT_EQ(errorOf(parseInteger("abc", 1, 10, "--x")),
            "--x: 'abc' is not an integer (expected one in [1, 10])");
  EXPECT_EQ(errorOf(parseInteger("0", 1, 10, "--x")),
            "--x: 0 is out of range (expected an integer in [1, 10])");
  EXPECT_EQ(errorOf(parseInteger("99999999999999999999", 1, 10, "--x")),
            "--x: 99999999999999999999 is out of range (expected an integer "
            "in [1, 10])");
  EXPECT_EQ(errorOf(parseNumber("1e400", 0, 1, "--y")),
            "--y: 1e400 is out of range (expected a number in [0, 1])");
  EXPECT_EQ(errorOf(parseNumber("inf", 0, 1, "--y")),
            "--y: 'inf' is not a number (expected one in [0, 1])");
  EXPECT_EQ(*parseInteger("7", 1, 10, "--x"), 7);
}

TEST(DataSpec, MixtureKeysAndValuesAreChecked) {
  EXPECT_EQ(errorOf(loadDataSet("mixture:batch=abc")),
            "--data mixture batch=: 'abc' is not an integer (expected one in "
            "[1, 2147483647])");
  EXPECT_EQ(errorOf(loadDataSet("mixture:batches=-1")),
            "--data mixture batches=: -1 is out of range (expected an integer "
            "in [1, 2147483647])");
  EXPECT_EQ(errorOf(loadDataSet("mixture:batch=0")),
            "--data mixture batch=: 0 is out of range (expected an integer in "
            "[1, 2147483647])");
  EXPECT_EQ(errorOf(loadDataSet("mixture:tset=38")),
            "--data mixture: unknown key 'tset' (it takes: pvals, shape, "
            "batch, batches, eval_batches, seed)");
  EXPECT_EQ(errorOf(loadDataSet("mixture:seed=abc")),
            "--data mixture seed=: 'abc' is not an integer (expected one in "
            "[0, 4294967295])");
  // Refused before anything is allocated.
  std::string big = errorOf(loadDataSet("mixture:batches=1000000000"));
  EXPECT_NE(big.find("more than the limit"), std::string::npos) << big;
  big = errorOf(loadDataSet("mixture:shape=100000"));
  EXPECT_NE(big.find("more than the limit"), std::string::npos) << big;
  auto d = loadDataSet("mixture:shape=2;batch=3;batches=2;eval_batches=1");
  ASSERT_TRUE(bool(d)) << llvm::toString(d.takeError());
  EXPECT_EQ((*d)["x"].shape, (std::vector<int64_t>{2, 6}));
  EXPECT_EQ((*d)["eval_y"].shape, (std::vector<int64_t>{3}));
}

class TempDir : public ::testing::Test {
protected:
  llvm::SmallString<128> dir;
  void SetUp() override {
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("ngraph-runner-test", dir));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(dir); }
  std::string path(const std::string &name) {
    return (dir + "/" + name).str();
  }
  void write(const std::string &name, const std::string &text) {
    ASSERT_FALSE(bool(writeFileAtomic(path(name), text)));
  }
};

using DataSpecFiles = TempDir;

TEST_F(DataSpecFiles, CsvSpecsAreChecked) {
  write("d.csv", "a,b,c\n1,2,0\n3,4,1\n5,6,2\n7,8,1\n");
  std::string csv = "csv:" + path("d.csv");
  EXPECT_EQ(errorOf(loadDataSet(csv + ";label=first")),
            "--data csv label=: 'first' is not an integer (expected one in [0, "
            "2]) (the file has 3 columns; label= takes a column number from 0 "
            "or 'last')");
  EXPECT_EQ(errorOf(loadDataSet(csv + ";label=last;standardize=abc")),
            "--data csv standardize=: cannot open 'abc': No such file or directory "
            "(give 0, 1, or the checkpoint of a standardize=1 run)");
  EXPECT_EQ(errorOf(loadDataSet(csv + ";label=last;test=1e400")),
            "--data csv test=: 1e400 is out of range (expected a number in "
            "[0, 4])");
  EXPECT_EQ(errorOf(loadDataSet(csv + ";label=last;test=4")),
            "--data csv test=: holding out 4 of 4 samples leaves none to "
            "train on");
  EXPECT_EQ(errorOf(loadDataSet(csv + ";test=1")),
            "--data csv test=: needs label= (the split and standardization "
            "apply to records: label=N, last or none)");
  auto d = loadDataSet(csv + ";label=last;test=1;seed=3");
  ASSERT_TRUE(bool(d)) << llvm::toString(d.takeError());
  EXPECT_EQ((*d)["x"].shape, (std::vector<int64_t>{3, 2}));
  EXPECT_EQ((*d)["test_y"].shape, (std::vector<int64_t>{1}));

  // A header without rows: empty columns (found by fuzz/runner_fuzzer:
  // memcpy from a null pointer).
  write("empty.csv", "a,b\n");
  auto empty = loadDataSet("csv:" + path("empty.csv"));
  ASSERT_TRUE(bool(empty)) << llvm::toString(empty.takeError());
  EXPECT_EQ((*empty)["a"].shape, (std::vector<int64_t>{0}));
  EXPECT_NE(errorOf(loadDataSet("csv:" + path("empty.csv") + ";label=last"))
                .find("leaves none to train on"),
            std::string::npos);

  write("nan.csv", "a,b\n1,0\nnan,1\n");
  EXPECT_NE(errorOf(loadDataSet("csv:" + path("nan.csv") + ";label=last"))
                .find("nan.csv:3: column 'a': 'nan' is not a finite number"),
            std::string::npos);
  EXPECT_EQ(errorOf(loadDataSet("csv:" + path("nan.csv") +
                                ";label=last;nonfinite=allow")),
            "");
  write("neg.csv", "a,b\n1,0\n2,-1\n");
  EXPECT_NE(errorOf(loadDataSet("csv:" + path("neg.csv") + ";label=last"))
                .find("data row 2: label -1 is not a class index"),
            std::string::npos);
}

TEST_F(DataSpecFiles, NpzMembersAreCrcChecked) {
  Tensor w(DType::F32, {4});
  for (int i = 0; i < 4; ++i)
    w.set(i, i + 0.5);
  ASSERT_FALSE(bool(writeNpzAtomic(path("a.npz"), {{"w", w}})));
  auto bytes = llvm::MemoryBuffer::getFile(path("a.npz"));
  ASSERT_TRUE(bool(bytes));
  std::string b = (*bytes)->getBuffer().str();
  // Flip one bit of the last float's data (inside the member, before the
  // central directory).
  size_t data = b.find(std::string("\0\0\x60\x40", 4)); // 3.5f
  ASSERT_NE(data, std::string::npos);
  b[data + 2] ^= 1;
  write("flipped.npz", b);
  EXPECT_EQ(errorOf(readNpz(path("flipped.npz"))),
            path("flipped.npz") + ": entry 'w.npy' is corrupt (CRC-32 mismatch)");
}

TEST_F(DataSpecFiles, IdxImagesAndLabels) {
  // Two 2x3 unsigned-byte images (MNIST's layout), big-endian dimensions.
  std::string images("\0\0\x08\x03\0\0\0\x02\0\0\0\x02\0\0\0\x03", 16);
  for (int i = 0; i < 12; ++i)
    images += (char)(i * 20);
  std::string labels("\0\0\x08\x01\0\0\0\x02\x07\x09", 10);
  write("img.idx", images);
  write("lab.idx", labels);
  auto d = loadDataSet("idx:x=" + path("img.idx") + ",y=" + path("lab.idx"));
  ASSERT_TRUE(bool(d)) << llvm::toString(d.takeError());
  EXPECT_EQ((*d)["x"].shape, (std::vector<int64_t>{2, 2, 3}));
  EXPECT_EQ((*d)["x"].get(11), 220);
  EXPECT_EQ((*d)["y"].get(1), 9);
  // Big-endian floats; a short file is an error, not an overread.
  auto f = parseIdx(std::string("\0\0\x0d\x01\0\0\0\x01\xc0\x20\0\0", 12),
                    "f.idx");
  ASSERT_TRUE(bool(f));
  EXPECT_EQ(f->get(0), -2.5);
  EXPECT_EQ(errorOf(parseIdx(images.substr(0, 20), "short.idx")),
            "short.idx: shape (2, 2, 3) needs more data than the file holds");
  EXPECT_EQ(errorOf(parseIdx(images + "x", "long.idx")),
            "long.idx: holds 13 bytes of data but shape (2, 2, 3) of 1-byte "
            "elements needs 12");
  EXPECT_EQ(errorOf(parseIdx(std::string("\0\0\x08\x01\xff\xff\xff\xff", 8),
                             "huge.idx")),
            "huge.idx: shape (4294967295,) needs more data than the file holds");
}

TEST_F(DataSpecFiles, OutputPathsAreCheckedUpFront) {
  EXPECT_EQ(errorOf(checkWritable(path("ok.npz"))), "");
  EXPECT_EQ(errorOf(checkWritable(path("missing/x.npz"))),
            "cannot write '" + path("missing/x.npz") + "': directory '" +
                path("missing") + "': No such file or directory");
  EXPECT_EQ(errorOf(checkWritable(dir.str().str())),
            "cannot write '" + dir.str().str() + "': it is a directory");
  EXPECT_NE(errorOf(checkWritable("/dev/null")).find("not a regular file"),
            std::string::npos);
}

TEST(Tensor, ConversionsAreExactOrRefused) {
  Tensor t(DType::F64, {2, 2});
  t.set(0, 1), t.set(1, 2), t.set(2, NAN), t.set(3, 4);
  EXPECT_EQ(errorOf(t.convertTo(DType::I32, "labels")),
            "labels: element [1, 0] is nan, which is not an integer i32 can "
            "hold");
  t.set(2, 2147483648.0);
  EXPECT_EQ(errorOf(t.convertTo(DType::I32, "labels")),
            "labels: element [1, 0] is 2147483648, which is not an integer i32 "
            "can hold");
  t.set(2, 3);
  auto ok = t.convertTo(DType::I32, "labels");
  ASSERT_TRUE(bool(ok));
  EXPECT_EQ(ok->data<int32_t>()[2], 3);
  // set() never has undefined behaviour, whatever it is given.
  Tensor i(DType::I32, {3});
  i.set(0, NAN), i.set(1, 1e300), i.set(2, -1e300);
  EXPECT_EQ(i.data<int32_t>()[0], 0);
  EXPECT_EQ(i.data<int32_t>()[1], INT32_MAX);
  EXPECT_EQ(i.data<int32_t>()[2], INT32_MIN);
}

TEST(Metrics, LogIsJsonAndReadsBack) {
  std::vector<EpochRecord> records = {{0, 0.5, {1.0, 0.25}}, {1, NAN, {}}};
  std::string text = metricsLogText(records);
  EXPECT_EQ(text, "{\"epoch\": 0, \"loss\": 0.5, \"eval0\": 1.0, \"eval1\": "
                  "0.25}\n{\"epoch\": 1, \"loss\": null}\n");
  auto back = parseMetricsLog(text, "m.jsonl");
  ASSERT_TRUE(bool(back));
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[0].evals, (std::vector<double>{1.0, 0.25}));
  EXPECT_TRUE(std::isnan((*back)[1].loss));
  EXPECT_EQ(errorOf(parseMetricsLog("{\"epoch\": 0}\nnot json\n", "m.jsonl"))
                .substr(0, 10),
            "m.jsonl:2:");
}

/// A graph with a batched placeholder and labels that index a one_hot.
static const char *kFeedGraph = R"(
ng.graph @g {
  %X = ng.placeholder "X" : !ng.tensor<[F:3, N:3 batch], f32>
  %L = ng.placeholder "L" : !ng.tensor<[N:3 batch], i32>
  %t = ng.one_hot %L : !ng.tensor<[N:3 batch], i32> -> !ng.tensor<[K:4, N:3 batch], f32>
  ng.computation @f outputs(%X, %t : !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[K:4, N:3 batch], f32>)
                    inputs(%X, %L : !ng.tensor<[F:3, N:3 batch], f32>, !ng.tensor<[N:3 batch], i32>)
}
)";

class Feeds : public ::testing::Test {
protected:
  std::unique_ptr<Transformer> t;
  void SetUp() override {
    CompileOptions o;
    o.target = tools::hostTarget();
    auto loaded = Transformer::loadFromString(kFeedGraph, o);
    ASSERT_TRUE(bool(loaded)) << llvm::toString(loaded.takeError());
    t = std::move(*loaded);
  }
  std::string feedError(const DataSet &data,
                        std::vector<std::string> specs = {"X=data:x",
                                                          "L=data:y"}) {
    return errorOf(makeFeeds(*t->computation("f"), specs, data, "--feed"));
  }
};

TEST_F(Feeds, LayoutRuleRefusesAmbiguity) {
  Tensor labels(DType::I64, {6});
  DataSet data = {{"x", Tensor(DType::F64, {3, 3})}, {"y", labels}};
  EXPECT_EQ(feedError(data),
            "--feed X=data:x: array 'x' of shape (3, 3) can feed X [F:3, N:3 "
            "batch] f32 either as (samples, features) records or in the "
            "placeholder's axis order; say which with data:x:records or "
            "data:x:axes");
  EXPECT_EQ(feedError(data, {"X=data:x:records", "L=data:y"}), "");
  EXPECT_EQ(feedError(data, {"X=data:x:rows", "L=data:y"}),
            "--feed X=data:x:rows: unknown layout 'rows' (records or axes)");
  // (6, 3) can only be records; (3, 6) only the axis order.
  data["x"] = Tensor(DType::F64, {6, 3});
  auto feeds = makeFeeds(*t->computation("f"), {"X=data:x", "L=data:y"}, data,
                         "--feed");
  ASSERT_TRUE(bool(feeds));
  EXPECT_TRUE((*feeds)[0].records);
  EXPECT_EQ((*feeds)[0].samples, 6);
  data["x"] = Tensor(DType::F64, {3, 6});
  feeds = makeFeeds(*t->computation("f"), {"X=data:x", "L=data:y"}, data,
                    "--feed");
  ASSERT_TRUE(bool(feeds));
  EXPECT_FALSE((*feeds)[0].records);
  data["x"] = Tensor(DType::F64, {4, 4});
  EXPECT_NE(feedError(data).find("cannot feed X"), std::string::npos);
}

TEST_F(Feeds, LabelsAreCheckedAgainstTheOneHotAxis) {
  Tensor y(DType::I64, {6});
  for (int i = 0; i < 6; ++i)
    y.set(i, i % 4);
  y.set(4, 7);
  DataSet data = {{"x", Tensor(DType::F64, {6, 3})}, {"y", y}};
  EXPECT_EQ(feedError(data),
            "--feed L=data:y: sample 4 of array 'y' has label 7, outside "
            "one_hot axis K:4 of placeholder L [N:3 batch] i32 (labels are 0 "
            "to 3)");
  Tensor f(DType::F64, {6});
  f.set(2, 0.5);
  data["y"] = f;
  EXPECT_EQ(feedError(data),
            "--feed L=data:y: array 'y' feeding i32 placeholder L: element "
            "[2] is 0.5, which is not an integer i32 can hold");
}

TEST_F(Feeds, EveryInputOnceAndNoStrangers) {
  DataSet data = {{"x", Tensor(DType::F64, {6, 3})},
                  {"y", Tensor(DType::I64, {6})}};
  EXPECT_EQ(feedError(data, {"X=data:x"}),
            "computation 'f' needs input L [N:3 batch] i32; give it with "
            "--feed L=...");
  EXPECT_EQ(feedError(data, {"X=data:x", "L=data:y", "Z=1"}),
            "--feed Z=...: computation 'f' has no input named 'Z' (its "
            "inputs: X, L)");
  EXPECT_EQ(feedError(data, {"X=data:x", "L=data:y", "X=data:x"}),
            "--feed: 'X' is given twice");
  EXPECT_EQ(feedError(data, {"X=data:z", "L=data:y"}),
            "--feed X=data:z: no array 'z' in the data set (it has: x, y)");
}

TEST(Formats, KeysAreCheckedBeforeRunning) {
  ComputationInfo c;
  c.name = "f";
  c.outputs.resize(2);
  c.outputs[0].name = "W";
  c.outputs[1].isEffect = true;
  EXPECT_EQ(errorOf(checkFormat("{0} {W} {epoch}", &c, {"epoch"})), "");
  EXPECT_EQ(errorOf(checkFormat("{1}", &c, {"epoch"})),
            "format '{1}': '{1}' is not available here (available: {epoch}, "
            "{0}.. or {NAME} of the value outputs of 'f')");
  EXPECT_EQ(errorOf(checkFormat("loss {0", &c, {})),
            "format 'loss {0': unclosed '{' at column 6");
  EXPECT_EQ(errorOf(checkFormat("}", nullptr, {})),
            "format '}': unmatched '}' at column 1");
}

TEST(RunOptions, NothingToDoAndStrayOptionsAreErrors) {
  RunOptions o;
  EXPECT_EQ(errorOf(validateRunOptions(o)).substr(0, 14), "nothing to do:");
  o.train.computation = "t";
  o.inputs = {"x=1"};
  EXPECT_EQ(errorOf(validateRunOptions(o)), "--input needs --call or --generate");
  o.inputs.clear();
  o.save = "/nonexistent-dir/ck.npz";
  EXPECT_EQ(errorOf(validateRunOptions(o)),
            "--save: cannot write '/nonexistent-dir/ck.npz': directory "
            "'/nonexistent-dir': No such file or directory");
}

TEST(DataSpec, TextIsCutIntoStreamsForTruncatedBackprop) {
  char path[] = "/tmp/ngraph-text-XXXXXX";
  int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  // 21 characters: 20 for training (holdout 0), 2 streams of 9 + 1.
  std::string text = "abcdefghij0123456789!";
  ASSERT_EQ(write(fd, text.data(), text.size()), (ssize_t)text.size());
  close(fd);
  auto data = loadDataSet(std::string("text:") + path + ";seq=3;streams=2;holdout=0");
  ASSERT_TRUE((bool)data) << llvm::toString(data.takeError());
  const Tensor &x = data->at("x"), &y = data->at("y");
  // per stream (21 - 1) / 2 = 10 characters, 3 chunks of 3.
  ASSERT_EQ(x.shape, (std::vector<int64_t>{6, 3}));
  auto at = [&](const Tensor &t, int r, int k) { return idChar((int64_t)t.get(r * 3 + k)); };
  // Record b * 2 + s is chunk b of stream s; y is x one character on.
  EXPECT_EQ(std::string({at(x, 0, 0), at(x, 0, 1), at(x, 0, 2)}), "abc");
  EXPECT_EQ(std::string({at(x, 1, 0), at(x, 1, 1), at(x, 1, 2)}), "012");
  EXPECT_EQ(std::string({at(x, 2, 0), at(x, 2, 1), at(x, 2, 2)}), "def");
  EXPECT_EQ(std::string({at(y, 5, 0), at(y, 5, 1), at(y, 5, 2)}), "789");
  EXPECT_EQ(data->count("eval_x"), 0u);
  EXPECT_EQ(errorOf(loadDataSet(std::string("text:") + path + ";seq=30;streams=2;holdout=0")),
            "--data text: the training part has 21 characters, too few for 2 "
            "streams of seq=30 (needs at least 61)");
  EXPECT_EQ(errorOf(loadDataSet(std::string("text:") + path + ";holdout=0.9")),
            "--data text holdout=: 0.9 is out of range (expected a number in "
            "[0, 0.5])");
  unlink(path);
}

namespace {
/// The "model" writes the next character of the alphabet: id + step.
const char *kShiftGraph = R"(
ng.graph @g {
  %c = ng.placeholder "c" : !ng.tensor<[B:1 batch], i32>
  %step = ng.placeholder "step" : !ng.tensor<[], i32>
  %n = ng.add %c, %step : !ng.tensor<[B:1 batch], i32>, !ng.tensor<[], i32>
  ng.computation @next outputs(%n : !ng.tensor<[B:1 batch], i32>) inputs(%c, %step : !ng.tensor<[B:1 batch], i32>, !ng.tensor<[], i32>)
  %x = ng.placeholder "x" : !ng.tensor<[K:2], f32>
  ng.computation @floaty outputs(%x : !ng.tensor<[K:2], f32>) inputs(%x : !ng.tensor<[K:2], f32>)
}
)";

std::unique_ptr<Transformer> shiftModel() {
  CompileOptions options;
  options.target = tools::hostTarget();
  auto t = Transformer::loadFromString(kShiftGraph, options);
  if (!t) {
    ADD_FAILURE() << llvm::toString(t.takeError());
    return nullptr;
  }
  return std::move(*t);
}

Tensor scalarI32(int v) {
  Tensor t(DType::I32, {});
  t.set(0, v);
  return t;
}
} // namespace

TEST(Generate, FeedsThePrimeThenItsOwnOutput) {
  auto t = shiftModel();
  ASSERT_TRUE(t);
  Tensor one = scalarI32(1);
  GenerateOptions o;
  o.computation = "next";
  o.prime = "ab";
  o.length = 3;
  auto text = generateText(*t, o, {{"step", one}});
  ASSERT_TRUE(bool(text)) << llvm::toString(text.takeError());
  EXPECT_EQ(*text, "abcde");
  o.length = 0;
  text = generateText(*t, o, {{"step", one}});
  ASSERT_TRUE(bool(text));
  EXPECT_EQ(*text, "ab");
}

TEST(Generate, BadContractsAreErrors) {
  auto t = shiftModel();
  ASSERT_TRUE(t);
  GenerateOptions o;
  o.computation = "next";
  auto message = [&](const std::map<std::string, Tensor> &inputs) {
    auto text = generateText(*t, o, inputs);
    return text ? std::string("no error") : llvm::toString(text.takeError());
  };
  // Two integer inputs of one element and neither given: which is the
  // character?
  EXPECT_NE(message({}).find("input step [] i32 is not given"), std::string::npos)
      << message({});
  Tensor big = scalarI32(500);
  EXPECT_NE(message({{"step", big}}).find("outside the vocabulary [0, 98)"),
            std::string::npos);
  Tensor one = scalarI32(1);
  EXPECT_NE(message({{"step", one}, {"nope", one}}).find("has no input named 'nope'"),
            std::string::npos);
  o.computation = "floaty";
  EXPECT_NE(message({}).find("input x [K:2] f32 is not given"), std::string::npos);
  o.computation = "missing";
  EXPECT_NE(message({}).find("unknown computation 'missing'"), std::string::npos);
  o.computation = "next";
  o.prime = "";
  EXPECT_NE(message({{"step", one}}).find("--prime"), std::string::npos);
}

TEST(Generate, CallLimitIsCheckedBeforeCalling) {
  auto t = shiftModel();
  ASSERT_TRUE(t);
  Tensor one = scalarI32(1);
  GenerateOptions o;
  o.computation = "next";
  o.prime = "abc";
  o.length = 10;
  o.maxCalls = 11;
  auto text = generateText(*t, o, {{"step", one}});
  ASSERT_FALSE(bool(text));
  EXPECT_EQ(llvm::toString(text.takeError()),
            "--generate: the prime and --length need 12 calls, more than the "
            "limit of 11");
  o.maxCalls = 12;
  text = generateText(*t, o, {{"step", one}});
  ASSERT_TRUE(bool(text)) << llvm::toString(text.takeError());
  EXPECT_EQ(text->size(), 13u);
}

/// A computation with a `?` batch axis, as the Transformer describes it.
static ComputationInfo dynamicComputation() {
  ComputationInfo c;
  c.name = "step";
  ValueInfo x;
  x.name = "X";
  x.dtype = DType::F32;
  x.axes = {{"F", 3, false, false}, {"N", AxisInfo::kDynamic, true, false}};
  ValueInfo loss;
  loss.dtype = DType::F32;
  c.inputs = {x};
  c.outputs = {loss, x};
  return c;
}

TEST(BindBatch, GivesEveryQuestionMarkAxisTheLength) {
  ComputationInfo c = dynamicComputation();
  EXPECT_EQ(c.dynamicAxes(), std::vector<std::string>{"N"});
  EXPECT_EQ(c.inputs[0].describe(), "X [F:3, N:? batch] f32");
  auto b = bindBatch(c, 32, "--train", "--batch-size");
  ASSERT_TRUE(bool(b)) << llvm::toString(b.takeError());
  EXPECT_EQ(b->lengths, (AxisLengths{{"N", 32}}));
  EXPECT_EQ(b->info.inputs[0].shape(), (std::vector<int64_t>{3, 32}));
  EXPECT_EQ(b->info.outputs[1].shape(), (std::vector<int64_t>{3, 32}));
  EXPECT_TRUE(b->info.dynamicAxes().empty());
  EXPECT_EQ(errorOf(bindBatch(c, 0, "--train", "--batch-size")),
            "--train: computation 'step' has batch axes of length ? (N): give "
            "their length with --batch-size");
  // A computation of fixed lengths is returned as it is, with no lengths.
  ComputationInfo fixed = b->info;
  auto same = bindBatch(fixed, 0, "--eval", "--batch-size");
  ASSERT_TRUE(bool(same));
  EXPECT_TRUE(same->lengths.empty());
  EXPECT_EQ(same->info.inputs[0].shape(), (std::vector<int64_t>{3, 32}));
}

TEST(BindBatch, LengthsOfInputsAreChecked) {
  ComputationInfo c = dynamicComputation();
  Tensor x(DType::F32, {3, 5});
  auto l = c.lengthsOf({&x});
  ASSERT_TRUE(bool(l));
  EXPECT_EQ(*l, (AxisLengths{{"N", 5}}));
  Tensor flat(DType::F32, {15});
  EXPECT_EQ(errorOf(c.lengthsOf({&flat})),
            "input 'X' of 'step' expects 2 axes X [F:3, N:? batch] f32, got "
            "shape (15,)");
  EXPECT_EQ(describeLengths({{"N", 5}, {"M", 2}}), "M=2, N=5");
}
