//===- data_fuzzer.cpp - the .npy / .npz / IDX / CSV / gzip readers -------===//
//
// The first byte picks a reader (0xff: IDX); the rest is the file image. Malformed
// input must give an error, never a crash or a huge allocation.
//
//===----------------------------------------------------------------------===//
#include "NGraph/Runtime/DataIO.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1)
    return 0;
  std::string bytes(reinterpret_cast<const char *>(data) + 1, size - 1);
  // 0xff: IDX (kept apart so the older inputs keep their meaning).
  if (data[0] == 0xff) {
    llvm::consumeError(ngraph::parseIdx(bytes, "fuzz.idx").takeError());
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
