//===- DataIO.h - .npy, .npz, CSV and checkpoint files ------------*- C++ -*-===//
#ifndef NGRAPH_RUNTIME_DATAIO_H
#define NGRAPH_RUNTIME_DATAIO_H

#include "NGraph/Support/FileIO.h"
#include "NGraph/Support/Tensor.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace ngraph {

/// Parses a .npy image (float32/float64/int32/int64, little endian, C order).
llvm::Expected<Tensor> parseNpy(const std::string &bytes, const std::string &what);
std::string serializeNpy(const Tensor &t);

llvm::Expected<Tensor> readNpy(const std::string &path);
/// Every array of a .npz archive image (stored or deflated members).
llvm::Expected<std::map<std::string, Tensor>> parseNpz(const std::string &bytes,
                                                       const std::string &what);
llvm::Expected<std::map<std::string, Tensor>> readNpz(const std::string &path);
/// Writes an uncompressed .npz that numpy.load reads, atomically: a
/// temporary file in the same directory, fsync, then rename.
llvm::Error writeNpzAtomic(const std::string &path,
                           const std::map<std::string, Tensor> &arrays);

/// An IDX image (the MNIST family's format: big-endian, a type code and
/// the dimensions in the header; raw or gzip-compressed). Unsigned and
/// signed bytes, 16- and 32-bit integers become i32; floats f32 and f64.
llvm::Expected<Tensor> parseIdx(const std::string &bytes, const std::string &what);
/// Reads a .idx file, decompressing it when it ends in .gz.
llvm::Expected<Tensor> readIdx(const std::string &path);

/// Characters as ids of a fixed vocabulary of kCharVocabulary: 0 for any
/// byte outside it, 1 newline, 2 tab, 3 + (c - 32) for printable ASCII
/// (space to '~'). Fixed, so a graph's one-hot axis does not depend on the
/// text it is trained on.
constexpr int64_t kCharVocabulary = 98;
int32_t charId(unsigned char c);
/// The character an id stands for ('?' for 0 and ids out of range).
char idChar(int64_t id);
/// A text file's bytes (decompressed when the name ends in ".gz").
llvm::Expected<std::string> readText(const std::string &path);

/// A CSV file; every cell parsed as a number. `.gz` files are decompressed.
struct CsvTable {
  std::vector<std::string> header;
  std::vector<std::vector<double>> columns;
};
/// What the first row is: column names; a line to skip (scikit-learn's
/// "count,count,names..." line); or data. Unnamed columns are c0, c1, ...
enum class CsvHeader { Names, Skip, None };
/// NaN and infinite cells are refused unless `allowNonFinite`.
llvm::Expected<CsvTable> parseCsv(const std::string &text, CsvHeader header,
                                  const std::string &what,
                                  bool allowNonFinite = false);
/// Decompresses a gzip image (refusing to grow past `limit` bytes).
llvm::Expected<std::string> gunzip(const std::string &bytes,
                                   const std::string &what,
                                   size_t limit = size_t(1) << 34);
llvm::Expected<CsvTable> readCsv(const std::string &path,
                                 CsvHeader header = CsvHeader::Names,
                                 bool allowNonFinite = false);

/// Samples for supervised training, row-major (samples, features).
struct LabeledData {
  Tensor x; ///< f64 (samples, features)
  Tensor y; ///< i64 (samples)
};
/// Splits off `testCount` samples chosen by a seeded shuffle (NumPy's
/// RandomState(seed) stream, Fisher-Yates), keeping the rest in order of
/// the shuffle too. With `standardize`, every feature is shifted and scaled
/// by the training part's mean and standard deviation (features with zero
/// deviation are only shifted).
/// Per feature: what standardization subtracts and divides by.
struct Standardization {
  std::vector<double> mean, deviation;
};
void splitAndStandardize(const LabeledData &all, int64_t testCount,
                         uint32_t seed, bool standardize, LabeledData &train,
                         LabeledData &test, Standardization *stats = nullptr);
/// (x - mean) / deviation per feature of `x` (f64, (samples, features)).
void applyStandardization(Tensor &x, const Standardization &stats);


/// The seed's gendata.MixtureGenerator(pvals, shape, seed), number for
/// number: genData(N, M) returns M batches of x with shape shape + (N,)
/// (float64) and y with shape (N,) (class indices).
class MixtureGenerator {
public:
  MixtureGenerator(std::vector<double> pvals, std::vector<int64_t> shape,
                   uint32_t seed = 0);
  ~MixtureGenerator();
  void genData(int64_t n, int64_t m, std::vector<Tensor> &xs,
               std::vector<Tensor> &ys);

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace ngraph

#endif
