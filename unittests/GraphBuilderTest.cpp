//===- GraphBuilderTest.cpp - building graphs op by op --------------------===//
#include "NGraph/Runtime/GraphBuilder.h"
#include "NGraph/Runtime/Runtime.h"
#include "ToolSupport.h"

#include "gtest/gtest.h"

using namespace ngraph;

namespace {
const SourceLocation here{"model.py", 7, 3};

GraphBuilder::Handle one(llvm::Expected<std::vector<GraphBuilder::Handle>> r) {
  EXPECT_TRUE(bool(r)) << (r ? "" : llvm::toString(r.takeError()));
  return r && r->size() == 1 ? r->front() : -1;
}

GraphBuilder::Handle placeholder(GraphBuilder &b, const char *name,
                                 const char *type) {
  return one(b.create("ng.placeholder", {},
                      std::string("{name = \"") + name + "\"}", {type}, here));
}
} // namespace

TEST(GraphBuilder, InfersTypesByTheAxisRules) {
  GraphBuilder b;
  auto c = placeholder(b, "c", "!ng.tensor<[C:3], f32>");
  auto hn = placeholder(b, "hn", "!ng.tensor<[H:2, N:4 batch], f32>");
  auto sum = one(b.create("ng.add", {c, hn}, "", {}, here));
  EXPECT_EQ(*b.typeText(sum), "!ng.tensor<[C:3, H:2, N:4 batch], f32>");
  auto reduced = one(b.create("ng.sum", {sum}, "{reduce = [\"H\"]}", {}, here));
  EXPECT_EQ(*b.typeText(reduced), "!ng.tensor<[C:3, N:4 batch], f32>");
  auto info = b.describe(hn);
  ASSERT_TRUE(bool(info));
  EXPECT_EQ(info->name, "hn");
  ASSERT_EQ(info->axes.size(), 2u);
  EXPECT_TRUE(info->axes[1].batch);
}

TEST(GraphBuilder, ErrorsCarryTheSourceLocationAndKeepNothing) {
  GraphBuilder b;
  auto c = placeholder(b, "c", "!ng.tensor<[C:3, N:4 batch], f32>");
  auto d = placeholder(b, "d", "!ng.tensor<[D:2, N:4 batch], f32>");
  auto bad = b.create("ng.cross_entropy_binary", {c, d}, "", {}, here);
  ASSERT_FALSE(bool(bad));
  std::string message = llvm::toString(bad.takeError());
  EXPECT_NE(message.find("model.py:7:3: error:"), std::string::npos) << message;
  EXPECT_NE(message.find("[C:3, N:4 batch]"), std::string::npos) << message;
  // Nothing of the failed op is left: the graph still cuts out cleanly.
  auto source = b.graphSource("g", {{"f", {c}, {c}, {}}}, false);
  ASSERT_TRUE(bool(source)) << llvm::toString(source.takeError());
  EXPECT_EQ(source->find("cross_entropy"), std::string::npos);

  // Verifier failures (not only inference) and malformed requests.
  auto badVar = b.create("ng.variable", {}, "{name = \"v\", init = dense<0.0> : tensor<5xf32>}",
                         {"!ng.tensor<[C:3], f32>"}, here);
  ASSERT_FALSE(bool(badVar));
  EXPECT_NE(llvm::toString(badVar.takeError()).find("does not match"), std::string::npos);
  for (auto [op, attrs, type] :
       std::vector<std::tuple<const char *, const char *, const char *>>{
           {"ng.nonsense", "", ""},
           {"ng.add", "{", ""},
           {"ng.placeholder", "{name = \"p\"}", "!ng.tensor<[C:0], f32>"},
           {"ng.placeholder", "{name = \"p\"}", "not a type"},
           {"ng.placeholder", "{name = \"p\"}", ""}}) {
    std::vector<std::string> types;
    if (*type)
      types.push_back(type);
    auto r = b.create(op, {}, attrs, types, here);
    EXPECT_FALSE(bool(r)) << op << " " << attrs << " " << type;
    if (!r)
      EXPECT_FALSE(llvm::toString(r.takeError()).empty());
  }
  // Attributes of the wrong kind are refused before the op infers types
  // from them; effects are refused as operands of computing ops.
  auto wrongKind = b.create("ng.sum", {c}, "{reduce = [1, 2]}", {}, here);
  ASSERT_FALSE(bool(wrongKind));
  EXPECT_NE(llvm::toString(wrongKind.takeError()).find("reduce"), std::string::npos);
  auto w = one(b.create("ng.variable", {}, "{name = \"w\", init = dense<0.0> : tensor<3x4xf32>}",
                        {"!ng.tensor<[C:3, N:4 batch], f32>"}, here));
  auto effect = one(b.create("ng.assign", {w, c}, "", {}, here));
  auto withEffect = b.create("ng.add", {effect, c}, "", {}, here);
  ASSERT_FALSE(bool(withEffect));
  EXPECT_NE(llvm::toString(withEffect.takeError()).find("operand #0 of 'ng.add' is an effect"),
            std::string::npos);
  for (auto [op, n] : std::vector<std::pair<const char *, size_t>>{
           {"ng.negative", 0}, {"ng.add", 1}, {"ng.dot", 3}, {"ng.sum", 2}}) {
    std::vector<GraphBuilder::Handle> args(n, c);
    auto r = b.create(op, args, "", {}, here);
    ASSERT_FALSE(bool(r)) << op;
    EXPECT_NE(llvm::toString(r.takeError()).find("operand"), std::string::npos);
  }
  for (const char *op : {"arith.constant", "ng.graph", "ng.computation", "func.func"}) {
    auto r = b.create(op, {}, "", {}, here);
    ASSERT_FALSE(bool(r)) << op;
    llvm::consumeError(r.takeError());
  }
  auto badHandle = b.create("ng.negative", {12345}, "", {}, here);
  ASSERT_FALSE(bool(badHandle));
  EXPECT_NE(llvm::toString(badHandle.takeError()).find("no value with handle"),
            std::string::npos);
}

TEST(GraphBuilder, CutsOutOnlyWhatComputationsNeed) {
  GraphBuilder b;
  auto x = placeholder(b, "x", "!ng.tensor<[C:3], f32>");
  auto w = one(b.create("ng.variable", {}, "{name = \"w\", init = dense<1.0> : tensor<3xf32>}",
                        {"!ng.tensor<[C:3], f32>"}, here));
  auto unused = one(b.create("ng.variable", {}, "{name = \"w\", init = dense<2.0> : tensor<3xf32>}",
                             {"!ng.tensor<[C:3], f32>"}, here));
  auto y = one(b.create("ng.multiply", {w, x}, "", {}, here));
  auto loss = one(b.create("ng.sum", {y}, "", {}, here));
  ASSERT_GE(unused, 0);
  auto vars = b.variablesOf(loss);
  ASSERT_TRUE(bool(vars));
  EXPECT_EQ(*vars, std::vector<GraphBuilder::Handle>{w});

  // The unused variable of the same name is left out, so names stay unique.
  auto source = b.graphSource("g", {{"f", {loss, w}, {x}, {"model.py", 9, 1}}}, true);
  ASSERT_TRUE(bool(source)) << llvm::toString(source.takeError());
  EXPECT_NE(source->find("ng.computation @f"), std::string::npos);
  EXPECT_EQ(source->find("2.000000e+00"), std::string::npos) << *source;
  EXPECT_NE(source->find("loc(\"model.py\":9:1)"), std::string::npos) << *source;

  // Both in one graph: two variables named w.
  auto both = b.graphSource("g", {{"f", {loss}, {x}, {}}, {"g", {unused}, {}, {}}}, false);
  ASSERT_FALSE(bool(both));
  EXPECT_NE(llvm::toString(both.takeError()).find("w"), std::string::npos);
  ASSERT_FALSE(bool(b.rename(x, "x2")));
  ASSERT_FALSE(bool(b.rename(unused, "other")));
  both = b.graphSource("g", {{"f", {loss}, {x}, {}}, {"g", {unused}, {}, {}}}, false);
  ASSERT_TRUE(bool(both)) << llvm::toString(both.takeError());
  EXPECT_NE(both->find("ng.variable \"other\""), std::string::npos);
  llvm::Error notNamed = b.rename(y, "y");
  ASSERT_TRUE(bool(notNamed));
  EXPECT_NE(llvm::toString(std::move(notNamed)).find("only placeholders and variables"),
            std::string::npos);

  // A missing input is the computation's error.
  auto missing = b.graphSource("g", {{"f", {loss}, {}, {"model.py", 11, 5}}}, false);
  ASSERT_FALSE(bool(missing));
  std::string message = llvm::toString(missing.takeError());
  EXPECT_NE(message.find("model.py:11:5"), std::string::npos) << message;
  EXPECT_NE(message.find("placeholder 'x2'"), std::string::npos) << message;
}

TEST(GraphBuilder, TheCutGraphCompilesAndRuns) {
  GraphBuilder b;
  auto x = placeholder(b, "x", "!ng.tensor<[], f32>");
  auto c = one(b.create("ng.constant", {}, "{value = dense<1.0> : tensor<f32>}",
                        {"!ng.tensor<[], f32>"}, here));
  auto y = one(b.create("ng.add", {x, c}, "", {}, here));
  auto source = b.graphSource("g", {{"plus_one", {y}, {x}, {}}}, true);
  ASSERT_TRUE(bool(source)) << llvm::toString(source.takeError());
  CompileOptions o;
  o.target = tools::hostTarget();
  auto t = Transformer::loadFromString(*source, o);
  ASSERT_TRUE(bool(t)) << llvm::toString(t.takeError());
  std::vector<Tensor> outs;
  Tensor in = Tensor::scalar(DType::F32, 41);
  ASSERT_FALSE(bool((*t)->call("plus_one", {in}, outs)));
  EXPECT_EQ(outs[0].get(0), 42.0);
}

TEST(GraphBuilder, RecurrenceBodies) {
  GraphBuilder b;
  auto xs = placeholder(b, "xs", "!ng.tensor<[T:3 recurrent, C:2], f32>");
  auto h0 = placeholder(b, "h0", "!ng.tensor<[C:2], f32>");
  auto outside = placeholder(b, "o", "!ng.tensor<[C:2], f32>");
  const char *attrs = "{axis = \"T\", operandSegmentSizes = array<i32: 0, 1, 1>}";
  std::vector<std::string> types = {"!ng.tensor<[C:2], f32>",
                                    "!ng.tensor<[T:3 recurrent, C:2], f32>"};
  // A body that reaches outside is refused, and its values die with it.
  auto args = b.beginBody({"!ng.tensor<[C:2], f32>", "!ng.tensor<[C:2], f32>"});
  ASSERT_TRUE(bool(args));
  auto bad = b.create("ng.add", {(*args)[0], outside}, "", {}, here);
  ASSERT_FALSE(bool(bad));
  EXPECT_NE(llvm::toString(bad.takeError()).find("from outside this recurrence body"),
            std::string::npos);
  b.abandonBody();
  EXPECT_FALSE(bool(b.describe((*args)[0])));
  llvm::consumeError(b.describe((*args)[0]).takeError());

  // h' = x + h, stacked.
  args = b.beginBody({"!ng.tensor<[C:2], f32>", "!ng.tensor<[C:2], f32>"});
  ASSERT_TRUE(bool(args));
  auto sum = one(b.create("ng.add", {(*args)[0], (*args)[1]}, "", {}, here));
  // Graph values are not visible while the body is open, body values not
  // after it closes.
  auto fromGraph = b.create("ng.negative", {xs}, "", {}, here);
  ASSERT_FALSE(bool(fromGraph));
  llvm::consumeError(fromGraph.takeError());
  auto r = b.finishBody("ng.recurrence", {xs, h0}, attrs, types, "ng.yield",
                        {sum, sum}, here);
  ASSERT_TRUE(bool(r)) << llvm::toString(r.takeError());
  ASSERT_EQ(r->size(), 2u);
  auto leak = b.create("ng.negative", {sum}, "", {}, here);
  ASSERT_FALSE(bool(leak));
  EXPECT_NE(llvm::toString(leak.takeError()).find("inside a recurrence body"),
            std::string::npos);
  auto source = b.graphSource("g", {{"f", {(*r)[0], (*r)[1]}, {xs, h0}, {}}}, false);
  ASSERT_TRUE(bool(source)) << llvm::toString(source.takeError());
  EXPECT_NE(source->find("ng.recurrence over T"), std::string::npos) << *source;
  auto inner = b.graphSource("g", {{"f", {sum}, {}, {}}}, false);
  ASSERT_FALSE(bool(inner));
  llvm::consumeError(inner.takeError());

  // A failing finish (wrong result types) discards the body.
  args = b.beginBody({"!ng.tensor<[C:2], f32>", "!ng.tensor<[C:2], f32>"});
  ASSERT_TRUE(bool(args));
  auto r2 = b.finishBody("ng.recurrence", {xs, h0}, attrs,
                         {"!ng.tensor<[C:2], f32>"}, "ng.yield",
                         {(*args)[0], (*args)[1]}, here);
  ASSERT_FALSE(bool(r2));
  llvm::consumeError(r2.takeError());
  EXPECT_FALSE(bool(b.typeText((*args)[0])));
  llvm::consumeError(b.typeText((*args)[0]).takeError());
  // Region ops only through bodies; no body left to finish.
  auto noBody = b.create("ng.recurrence", {xs, h0}, attrs, types, here);
  ASSERT_FALSE(bool(noBody));
  llvm::consumeError(noBody.takeError());
  auto nothing = b.finishBody("ng.recurrence", {}, "", {}, "ng.yield", {}, here);
  ASSERT_FALSE(bool(nothing));
  llvm::consumeError(nothing.takeError());
}
