//===- data_fuzzer.cpp - the .npy / .npz / IDX / CSV / gzip readers -------===//
//
// The first byte picks a reader (0xff: IDX, 0xfe: a compile cache entry,
// 0xfd: the C examples' .npz reader, 0xfc: GraphBuilder requests as the
// Python package sends them, 0xfb: a cache entry's compiled graph, 0xfa:
// the object loader's checks); the rest is the file image. Malformed input
// must give an error, never a crash or a huge allocation.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/CompileCache.h"
#include "NGraph/Runtime/CompiledGraph.h"
#include "NGraph/Runtime/ObjectLoader.h"
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Runtime/GraphBuilder.h"
#include "npz.h" // examples/c

#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

/// One request per line, "op|attributes|type;type|operand operand", then
/// a computation of every value made. Handles may name nothing.
static void buildGraph(const std::string &text) {
  ngraph::GraphBuilder b;
  std::vector<int64_t> made;
  std::istringstream lines(text);
  std::string line;
  for (int n = 0; std::getline(lines, line) && n < 64; ++n) {
    std::vector<std::string> part(4);
    size_t at = 0;
    for (int k = 0; k < 4; ++k) {
      size_t bar = k < 3 ? line.find('|', at) : std::string::npos;
      part[k] = line.substr(at, bar == std::string::npos ? std::string::npos : bar - at);
      if (bar == std::string::npos)
        break;
      at = bar + 1;
    }
    std::vector<std::string> types;
    std::istringstream t(part[2]);
    for (std::string type; std::getline(t, type, ';');)
      if (!type.empty())
        types.push_back(type);
    std::vector<int64_t> operands;
    std::istringstream o(part[3]);
    for (long long h; o >> h;)
      operands.push_back(h);
    auto r = b.create(part[0], operands, part[1], types, {"fuzz.py", 1, 1});
    if (!r) {
      llvm::consumeError(r.takeError());
      continue;
    }
    made.insert(made.end(), r->begin(), r->end());
    for (int64_t h : *r) {
      llvm::consumeError(b.describe(h).takeError());
      llvm::consumeError(b.variablesOf(h).takeError());
    }
  }
  auto source = b.graphSource("g", {{"f", made, {}, {}}}, true);
  if (!source)
    llvm::consumeError(source.takeError());
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  std::string bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
  // 0xff: IDX (kept apart so the older inputs keep their meaning).
  if (data[0] == 0xff) {
    llvm::consumeError(ngraph::parseIdx(bytes, "fuzz.idx").takeError());
    return 0;
  }
  if (data[0] == 0xfe) {
    static const std::string key = ngraph::CompileCache::key("fuzz", "");
    std::string problem;
    auto object = ngraph::CompileCache::decode(bytes, key, problem);
    if (object && *object != bytes.substr(bytes.size() - object->size()))
      __builtin_trap();
    return 0;
  }
  if (data[0] == 0xfb) {
    auto g = ngraph::decodeCompiledGraph(bytes);
    if (!g) {
      llvm::consumeError(g.takeError());
      return 0;
    }
    // What the decoder accepts must be usable: every initial value fits
    // its variable.
    for (size_t i = 0; i < g->variables.size(); ++i) {
      int64_t n = 1;
      for (const ngraph::AxisInfo &a : g->variables[i].axes)
        n *= a.length;
      size_t width = ngraph::dtypeSize(g->variables[i].dtype);
      if (!g->initialValues[i].splat && g->initialValues[i].bytes.size() != n * width)
        __builtin_trap();
    }
    return 0;
  }
  if (data[0] == 0xfa) {
    llvm::consumeError(ngraph::LoadedObject::check(bytes));
    return 0;
  }
  if (data[0] == 0xfc) {
    buildGraph(bytes);
    return 0;
  }
  if (data[0] == 0xfd) {
    npz_array a;
    char err[256];
    for (const char *key : {"x", "test_x"})
      if (npz_find(reinterpret_cast<const unsigned char *>(bytes.data()),
                   bytes.size(), key, &a, err, sizeof err) == 0)
        free(a.data);
    return 0;
  }
  switch (data[0] % 5) {
  case 0:
    llvm::consumeError(ngraph::parseNpy(bytes, "fuzz.npy").takeError());
    break;
  case 1:
    llvm::consumeError(ngraph::parseNpz(bytes, "fuzz.npz").takeError());
    break;
  case 2:
    llvm::consumeError(
        ngraph::parseCsv(bytes, ngraph::CsvHeader::Names, "fuzz.csv").takeError());
    break;
  case 3:
    llvm::consumeError(
        ngraph::parseCsv(bytes, ngraph::CsvHeader::Skip, "fuzz.csv").takeError());
    break;
  case 4: {
    auto text = ngraph::gunzip(bytes, "fuzz.csv.gz", 1 << 24);
    if (text)
      llvm::consumeError(
          ngraph::parseCsv(*text, ngraph::CsvHeader::None, "fuzz.csv.gz").takeError());
    else
      llvm::consumeError(text.takeError());
    break;
  }
  }
  return 0;
}
