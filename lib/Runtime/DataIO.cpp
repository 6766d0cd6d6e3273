//===- DataIO.cpp - .npy, .npz, CSV, the seed's generator ----------------===//
#include "NGraph/Runtime/DataIO.h"
#include "NGraph/Support/RandomState.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

using namespace ngraph;
using llvm::createStringError;

//===----------------------------------------------------------------------===//
// .npy
//===----------------------------------------------------------------------===//

/// Value of `key` in the npy header dict, e.g. 'descr': '<f4'.
static std::string headerField(const std::string &h, const std::string &key) {
  size_t k = h.find("'" + key + "'");
  if (k == std::string::npos)
    return "";
  size_t colon = h.find(':', k);
  if (colon == std::string::npos)
    return "";
  size_t i = colon + 1;
  while (i < h.size() && h[i] == ' ')
    ++i;
  if (i >= h.size())
    return "";
  if (h[i] == '\'') {
    size_t e = h.find('\'', i + 1);
    return e == std::string::npos ? "" : h.substr(i + 1, e - i - 1);
  }
  if (h[i] == '(') {
    size_t e = h.find(')', i);
    return e == std::string::npos ? "" : h.substr(i, e - i + 1);
  }
  size_t e = h.find_first_of(",}", i);
  return h.substr(i, e - i);
}

llvm::Expected<Tensor> ngraph::parseNpy(const std::string &b,
                                        const std::string &what) {
  if (b.size() < 10 || b.compare(0, 6, "\x93NUMPY") != 0)
    return createStringError("%s: not a .npy file (bad magic)", what.c_str());
  unsigned major = (unsigned char)b[6];
  size_t headerLen, offset;
  if (major == 1) {
    headerLen = (unsigned char)b[8] | ((unsigned char)b[9] << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (b.size() < 12)
      return createStringError("%s: truncated .npy header", what.c_str());
    headerLen = 0;
    for (int i = 3; i >= 0; --i)
      headerLen = (headerLen << 8) | (unsigned char)b[8 + i];
    offset = 12;
  } else {
    return createStringError("%s: unsupported .npy version %u", what.c_str(), major);
  }
  if (offset + headerLen > b.size())
    return createStringError("%s: truncated .npy header", what.c_str());
  std::string h = b.substr(offset, headerLen);
  std::string descr = headerField(h, "descr");
  std::string order = headerField(h, "fortran_order");
  std::string shapeS = headerField(h, "shape");
  DType dtype;
  if (descr == "<f4")
    dtype = DType::F32;
  else if (descr == "<f8")
    dtype = DType::F64;
  else if (descr == "<i4")
    dtype = DType::I32;
  else if (descr == "<i8")
    dtype = DType::I64;
  else
    return createStringError("%s: unsupported dtype '%s' (float32, float64, "
                             "int32 or int64, little endian)",
                             what.c_str(), descr.c_str());
  if (order.find("False") == std::string::npos)
    return createStringError("%s: Fortran-order arrays are not supported; save "
                             "with np.ascontiguousarray",
                             what.c_str());
  if (shapeS.empty() || shapeS[0] != '(')
    return createStringError("%s: malformed shape in .npy header", what.c_str());
  std::vector<int64_t> shape;
  const int64_t limit = int64_t(1) << 40;
  int64_t count = 1;
  for (size_t i = 1; i < shapeS.size();) {
    while (i < shapeS.size() && (shapeS[i] == ' ' || shapeS[i] == ','))
      ++i;
    if (i >= shapeS.size() || shapeS[i] == ')')
      break;
    if (!isdigit((unsigned char)shapeS[i]))
      return createStringError("%s: malformed shape '%s'", what.c_str(),
                               shapeS.c_str());
    int64_t d = 0;
    while (i < shapeS.size() && isdigit((unsigned char)shapeS[i])) {
      d = d * 10 + (shapeS[i++] - '0');
      if (d > limit)
        return createStringError("%s: dimension too large", what.c_str());
    }
    shape.push_back(d);
    // Checked before multiplying: two large dimensions overflow int64
    // (found by fuzz/data_fuzzer).
    if (d != 0 && count > limit / d)
      return createStringError("%s: array too large", what.c_str());
    count *= d;
  }
  size_t dataOff = offset + headerLen;
  // Check the size before allocating: a header may claim far more than the file holds.
  uint64_t need = (uint64_t)count * dtypeSize(dtype);
  if (b.size() - dataOff < need)
    return createStringError("%s: file holds %zu bytes of data but shape %s "
                             "needs %llu",
                             what.c_str(), b.size() - dataOff, shapeS.c_str(),
                             (unsigned long long)need);
  Tensor t(dtype, shape);
  if (need) // an empty array has no buffer to copy into
    std::memcpy(t.bytes.data(), b.data() + dataOff, need);
  return t;
}

std::string ngraph::serializeNpy(const Tensor &t) {
  std::string shape = "(";
  for (size_t i = 0; i < t.shape.size(); ++i)
    shape += std::to_string(t.shape[i]) + (t.shape.size() == 1 || i + 1 < t.shape.size() ? "," : "");
  shape += ")";
  const char *descr = t.dtype == DType::F32   ? "<f4"
                      : t.dtype == DType::F64 ? "<f8"
                      : t.dtype == DType::I32 ? "<i4"
                                              : "<i8";
  std::string h = std::string("{'descr': '") + descr +
                  "', 'fortran_order': False, 'shape': " + shape + ", }";
  size_t total = 10 + h.size() + 1;
  h.append((64 - total % 64) % 64, ' ');
  h += '\n';
  std::string out = "\x93NUMPY";
  out += '\x01';
  out += '\x00';
  out += (char)(h.size() & 0xff);
  out += (char)(h.size() >> 8);
  out += h;
  out.append(reinterpret_cast<const char *>(t.bytes.data()), t.bytes.size());
  return out;
}

static llvm::Expected<std::string> readFile(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return createStringError("cannot open '%s': %s", path.c_str(),
                             std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// The file's contents, decompressed when its name ends in ".gz".
static llvm::Expected<std::string> readFileOrGzip(const std::string &path) {
  auto bytes = readFile(path);
  if (!bytes || !llvm::StringRef(path).ends_with(".gz"))
    return bytes;
  return gunzip(*bytes, path);
}

llvm::Expected<std::string> ngraph::readText(const std::string &path) {
  return readFileOrGzip(path);
}

int32_t ngraph::charId(unsigned char c) {
  if (c == '\n')
    return 1;
  if (c == '\t')
    return 2;
  if (c >= 32 && c <= 126)
    return 3 + (c - 32);
  return 0;
}

char ngraph::idChar(int64_t id) {
  if (id == 1)
    return '\n';
  if (id == 2)
    return '\t';
  if (id >= 3 && id < kCharVocabulary)
    return (char)(32 + id - 3);
  return '?';
}

llvm::Expected<Tensor> ngraph::readNpy(const std::string &path) {
  auto bytes = readFile(path);
  if (!bytes)
    return bytes.takeError();
  return parseNpy(*bytes, path);
}

//===----------------------------------------------------------------------===//
// IDX (MNIST, Fashion-MNIST)
//===----------------------------------------------------------------------===//

llvm::Expected<Tensor> ngraph::parseIdx(const std::string &b,
                                        const std::string &what) {
  auto byte = [&](size_t i) { return (uint32_t)(unsigned char)b[i]; };
  if (b.size() < 4 || byte(0) != 0 || byte(1) != 0)
    return createStringError("%s: not an IDX file (bad magic)", what.c_str());
  uint32_t type = byte(2), rank = byte(3);
  size_t width;
  DType dtype;
  switch (type) {
  case 0x08: case 0x09: width = 1; dtype = DType::I32; break;
  case 0x0B: width = 2; dtype = DType::I32; break;
  case 0x0C: width = 4; dtype = DType::I32; break;
  case 0x0D: width = 4; dtype = DType::F32; break;
  case 0x0E: width = 8; dtype = DType::F64; break;
  default:
    return createStringError("%s: unknown IDX element type 0x%02x",
                             what.c_str(), type);
  }
  size_t header = 4 + 4 * (size_t)rank;
  if (b.size() < header)
    return createStringError("%s: truncated IDX header", what.c_str());
  std::vector<int64_t> shape;
  uint64_t count = 1;
  for (uint32_t d = 0; d < rank; ++d) {
    size_t o = 4 + 4 * d;
    uint32_t n = byte(o) << 24 | byte(o + 1) << 16 | byte(o + 2) << 8 | byte(o + 3);
    shape.push_back(n);
    // Bounded by the data actually present: no allocation beyond the file.
    if (n && count > (b.size() - header) / n)
      return createStringError("%s: shape %s needs more data than the file "
                               "holds",
                               what.c_str(), shapeString(shape).c_str());
    count *= n;
  }
  if (b.size() - header != count * width)
    return createStringError("%s: holds %zu bytes of data but shape %s of "
                             "%zu-byte elements needs %llu",
                             what.c_str(), b.size() - header,
                             shapeString(shape).c_str(), width,
                             (unsigned long long)(count * width));
  Tensor t(dtype, shape);
  const unsigned char *p =
      reinterpret_cast<const unsigned char *>(b.data()) + header;
  for (uint64_t i = 0; i < count; ++i, p += width) {
    uint64_t v = 0;
    for (size_t k = 0; k < width; ++k)
      v = v << 8 | p[k];
    switch (type) {
    case 0x08: t.data<int32_t>()[i] = (uint8_t)v; break;
    case 0x09: t.data<int32_t>()[i] = (int8_t)(uint8_t)v; break;
    case 0x0B: t.data<int32_t>()[i] = (int16_t)(uint16_t)v; break;
    case 0x0C: t.data<int32_t>()[i] = (int32_t)(uint32_t)v; break;
    case 0x0D: {
      uint32_t bits = (uint32_t)v;
      std::memcpy(&t.data<float>()[i], &bits, 4);
      break;
    }
    case 0x0E: std::memcpy(&t.data<double>()[i], &v, 8); break;
    }
  }
  return t;
}

llvm::Expected<Tensor> ngraph::readIdx(const std::string &path) {
  auto bytes = readFileOrGzip(path);
  if (!bytes)
    return bytes.takeError();
  return parseIdx(*bytes, path);
}

//===----------------------------------------------------------------------===//
// .npz (zip)
//===----------------------------------------------------------------------===//

static uint32_t rd32(const std::string &b, size_t o) {
  return (unsigned char)b[o] | ((unsigned char)b[o + 1] << 8) |
         ((unsigned char)b[o + 2] << 16) | ((uint32_t)(unsigned char)b[o + 3] << 24);
}
static uint16_t rd16(const std::string &b, size_t o) {
  return (unsigned char)b[o] | ((unsigned char)b[o + 1] << 8);
}
static uint64_t rd64(const std::string &b, size_t o) {
  return rd32(b, o) | ((uint64_t)rd32(b, o + 4) << 32);
}

llvm::Expected<std::map<std::string, Tensor>>
ngraph::readNpz(const std::string &path) {
  auto file = readFile(path);
  if (!file)
    return file.takeError();
  return parseNpz(*file, path);
}

llvm::Expected<std::map<std::string, Tensor>>
ngraph::parseNpz(const std::string &b, const std::string &path) {
  // End of central directory: scan back over a possible comment.
  size_t eocd = std::string::npos;
  for (size_t i = b.size() >= 22 ? b.size() - 22 : 0; b.size() >= 22; --i) {
    if (rd32(b, i) == 0x06054b50) {
      eocd = i;
      break;
    }
    if (i == 0 || b.size() - i > 65557)
      break;
  }
  if (eocd == std::string::npos)
    return createStringError("%s: not a .npz (zip) file", path.c_str());
  uint16_t entries = rd16(b, eocd + 10);
  size_t cd = rd32(b, eocd + 16);
  std::map<std::string, Tensor> arrays;
  for (uint16_t e = 0; e < entries; ++e) {
    if (cd + 46 > b.size() || rd32(b, cd) != 0x02014b50)
      return createStringError("%s: corrupt zip central directory", path.c_str());
    uint16_t method = rd16(b, cd + 10);
    uint32_t crc = rd32(b, cd + 16);
    uint64_t csize = rd32(b, cd + 20), usize = rd32(b, cd + 24);
    uint16_t nlen = rd16(b, cd + 28), xlen = rd16(b, cd + 30), clen = rd16(b, cd + 32);
    uint64_t local = rd32(b, cd + 42);
    if (cd + 46 + nlen + xlen > b.size())
      return createStringError("%s: corrupt zip central directory", path.c_str());
    std::string name = b.substr(cd + 46, nlen);
    // Zip64 sizes and offset live in extra field 0x0001.
    size_t extraEnd = cd + 46 + nlen + xlen;
    for (size_t x = cd + 46 + nlen; x + 4 <= extraEnd;) {
      uint16_t id = rd16(b, x), sz = rd16(b, x + 2);
      if (id == 1) {
        // Each 8-byte field must lie inside this extra field.
        size_t p = x + 4, end = std::min(extraEnd, x + 4 + sz);
        auto next = [&](uint64_t &v) {
          if (v != 0xffffffff)
            return;
          if (p + 8 > end) {
            v = UINT64_MAX; // caught by the bounds checks below
            return;
          }
          v = rd64(b, p);
          p += 8;
        };
        next(usize);
        next(csize);
        next(local);
      }
      x += 4 + sz;
    }
    cd += 46 + nlen + xlen + clen;
    // Offsets and sizes come from the file: compare without overflowing.
    if (local > b.size() || b.size() - local < 30 ||
        rd32(b, local) != 0x04034b50)
      return createStringError("%s: corrupt zip entry '%s'", path.c_str(), name.c_str());
    size_t data = local + 30 + rd16(b, local + 26) + rd16(b, local + 28);
    if (data > b.size() || csize > b.size() - data)
      return createStringError("%s: truncated zip entry '%s'", path.c_str(), name.c_str());
    // Deflate expands at most ~1032:1; a larger claim is a corrupt header,
    // and must not turn into a huge allocation.
    if ((method == 0 && usize != csize) ||
        (method == 8 && usize > csize * 1032 + 1024))
      return createStringError("%s: entry '%s' declares an implausible size",
                               path.c_str(), name.c_str());
    std::string raw;
    if (method == 0) {
      raw = b.substr(data, csize);
    } else if (method == 8) {
      raw.resize(usize);
      z_stream zs{};
      if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return createStringError("zlib init failed");
      zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(b.data() + data));
      zs.avail_in = (uInt)csize;
      zs.next_out = (Bytef *)raw.data();
      zs.avail_out = (uInt)usize;
      int rc = inflate(&zs, Z_FINISH);
      inflateEnd(&zs);
      if (rc != Z_STREAM_END || zs.total_out != usize)
        return createStringError("%s: cannot decompress entry '%s'", path.c_str(),
                                 name.c_str());
    } else {
      return createStringError("%s: entry '%s' uses unsupported compression %u",
                               path.c_str(), name.c_str(), method);
    }
    // NumPy refuses a member whose CRC-32 does not match (zipfile's
    // BadZipFile); so do we, rather than train from a flipped bit.
    if (crc32(0, (const Bytef *)raw.data(), raw.size()) != crc)
      return createStringError("%s: entry '%s' is corrupt (CRC-32 mismatch)",
                               path.c_str(), name.c_str());
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".npy") == 0)
      name = name.substr(0, name.size() - 4);
    if (arrays.count(name))
      return createStringError("%s: the archive holds '%s' twice",
                               path.c_str(), name.c_str());
    auto t = parseNpy(raw, path + ":" + name);
    if (!t)
      return t.takeError();
    arrays[name] = std::move(*t);
  }
  return arrays;
}

static void put16(std::string &s, uint16_t v) {
  s += (char)(v & 0xff);
  s += (char)(v >> 8);
}
static void put32(std::string &s, uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

llvm::Error ngraph::writeNpzAtomic(const std::string &path,
                                   const std::map<std::string, Tensor> &arrays) {
  std::string zip, central;
  uint16_t count = 0;
  for (const auto &[name, t] : arrays) {
    std::string data = serializeNpy(t), fname = name + ".npy";
    if (data.size() >= 0xffffffffu)
      return createStringError("array '%s' is too large for a .npz", name.c_str());
    uint32_t crc = crc32(0, (const Bytef *)data.data(), data.size());
    uint32_t offset = zip.size();
    put32(zip, 0x04034b50); put16(zip, 20); put16(zip, 0); put16(zip, 0);
    put16(zip, 0); put16(zip, 0x21); put32(zip, crc);
    put32(zip, data.size()); put32(zip, data.size());
    put16(zip, fname.size()); put16(zip, 0);
    zip += fname;
    zip += data;
    put32(central, 0x02014b50); put16(central, 20); put16(central, 20);
    put16(central, 0); put16(central, 0); put16(central, 0); put16(central, 0x21);
    put32(central, crc); put32(central, data.size()); put32(central, data.size());
    put16(central, fname.size()); put16(central, 0); put16(central, 0);
    put16(central, 0); put16(central, 0); put32(central, 0); put32(central, offset);
    central += fname;
    ++count;
  }
  uint32_t cdOffset = zip.size();
  zip += central;
  put32(zip, 0x06054b50); put16(zip, 0); put16(zip, 0);
  put16(zip, count); put16(zip, count);
  put32(zip, central.size()); put32(zip, cdOffset); put16(zip, 0);
  return writeFileAtomic(path, zip);
}

//===----------------------------------------------------------------------===//
// CSV
//===----------------------------------------------------------------------===//

llvm::Expected<std::string> ngraph::gunzip(const std::string &bytes,
                                           const std::string &what,
                                           size_t limit) {
  z_stream zs{};
  // 16 + MAX_WBITS: a gzip header, not a raw zlib stream.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
    return createStringError("zlib init failed");
  std::string out;
  char buf[1 << 16];
  zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.data()));
  zs.avail_in = (uInt)bytes.size();
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef *>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return createStringError("%s: corrupt gzip data", what.c_str());
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > limit) {
      inflateEnd(&zs);
      return createStringError("%s: decompresses to more than %zu bytes",
                               what.c_str(), limit);
    }
  } while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return createStringError("%s: truncated gzip data", what.c_str());
  return out;
}

llvm::Expected<CsvTable> ngraph::readCsv(const std::string &path,
                                         CsvHeader headerMode,
                                         bool allowNonFinite) {
  auto text = readFileOrGzip(path);
  if (!text)
    return text.takeError();
  return parseCsv(*text, headerMode, path, allowNonFinite);
}

llvm::Expected<CsvTable> ngraph::parseCsv(const std::string &text,
                                          CsvHeader headerMode,
                                          const std::string &path,
                                          bool allowNonFinite) {
  CsvTable table;
  std::istringstream in(text);
  std::string line;
  size_t lineNo = 0;
  auto split = [](const std::string &l) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream ls(l);
    while (std::getline(ls, cell, ','))
      cells.push_back(cell);
    if (!l.empty() && l.back() == ',')
      cells.push_back("");
    return cells;
  };
  bool skipped = headerMode != CsvHeader::Skip;
  while (std::getline(in, line)) {
    ++lineNo;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    if (!skipped) {
      skipped = true;
      continue;
    }
    std::vector<std::string> cells = split(line);
    if (table.header.empty()) {
      if (headerMode == CsvHeader::Names) {
        table.header = cells;
        table.columns.resize(cells.size());
        continue;
      }
      for (size_t c = 0; c < cells.size(); ++c)
        table.header.push_back("c" + std::to_string(c));
      table.columns.resize(cells.size());
    }
    if (cells.size() != table.header.size())
      return createStringError("%s:%zu: expected %zu columns, found %zu",
                               path.c_str(), lineNo, table.header.size(),
                               cells.size());
    for (size_t c = 0; c < cells.size(); ++c) {
      char *end = nullptr;
      double v = std::strtod(cells[c].c_str(), &end);
      if (cells[c].empty() || *end != '\0')
        return createStringError("%s:%zu: column '%s': '%s' is not a number",
                                 path.c_str(), lineNo, table.header[c].c_str(),
                                 cells[c].c_str());
      if (!allowNonFinite && !std::isfinite(v))
        return createStringError(
            "%s:%zu: column '%s': '%s' is not a finite number (missing "
            "values must be filled in, or allowed explicitly)",
            path.c_str(), lineNo, table.header[c].c_str(), cells[c].c_str());
      table.columns[c].push_back(v);
    }
  }
  if (table.header.empty())
    return createStringError("%s: empty CSV file", path.c_str());
  return table;
}

//===----------------------------------------------------------------------===//
// Train/test split and standardization
//===----------------------------------------------------------------------===//

void ngraph::applyStandardization(Tensor &x, const Standardization &stats) {
  int64_t f = stats.mean.size();
  int64_t n = f ? x.numElements() / f : 0;
  double *v = x.data<double>();
  for (int64_t i = 0; i < n; ++i)
    for (int64_t k = 0; k < f; ++k)
      v[i * f + k] = (v[i * f + k] - stats.mean[k]) / stats.deviation[k];
}

void ngraph::splitAndStandardize(const LabeledData &all, int64_t testCount,
                                 uint32_t seed, bool standardize,
                                 LabeledData &train, LabeledData &test,
                                 Standardization *statsOut) {
  int64_t n = all.x.shape[0], f = all.x.numElements() / std::max<int64_t>(n, 1);
  std::vector<int64_t> order(n);
  for (int64_t i = 0; i < n; ++i)
    order[i] = i;
  RandomState rng(seed);
  for (int64_t i = n - 1; i > 0; --i) {
    int64_t j = (int64_t)(rng.randomSample() * (i + 1));
    std::swap(order[i], order[j]);
  }
  auto take = [&](int64_t from, int64_t count, LabeledData &out) {
    out.x = Tensor(DType::F64, {count, f});
    out.y = Tensor(DType::I64, {count});
    for (int64_t i = 0; i < count; ++i) {
      int64_t src = order[from + i];
      for (int64_t k = 0; k < f; ++k)
        out.x.data<double>()[i * f + k] = all.x.get(src * f + k);
      out.y.data<int64_t>()[i] = (int64_t)all.y.get(src);
    }
  };
  take(0, testCount, test);
  take(testCount, n - testCount, train);
  if (!standardize)
    return;
  int64_t m = train.x.shape[0];
  Standardization stats;
  for (int64_t k = 0; k < f; ++k) {
    double mean = 0, var = 0;
    for (int64_t i = 0; i < m; ++i)
      mean += train.x.data<double>()[i * f + k];
    mean /= std::max<int64_t>(m, 1);
    for (int64_t i = 0; i < m; ++i) {
      double d = train.x.data<double>()[i * f + k] - mean;
      var += d * d;
    }
    double sd = std::sqrt(var / std::max<int64_t>(m, 1));
    if (sd == 0)
      sd = 1;
    stats.mean.push_back(mean);
    stats.deviation.push_back(sd);
  }
  applyStandardization(train.x, stats);
  applyStandardization(test.x, stats);
  if (statsOut)
    *statsOut = std::move(stats);
}

//===----------------------------------------------------------------------===//
// The seed's MixtureGenerator
//===----------------------------------------------------------------------===//

struct MixtureGenerator::Impl {
  RandomState rng;
  std::vector<int64_t> shape;
  int64_t size = 1, nclasses;
  std::vector<double> as, bs, accum; // as: (size, size, K), bs: (size, K)
  Impl(uint32_t seed) : rng(seed) {}
};

MixtureGenerator::MixtureGenerator(std::vector<double> pvals,
                                   std::vector<int64_t> shape, uint32_t seed)
    : impl(std::make_unique<Impl>(seed)) {
  Impl &m = *impl;
  m.shape = shape;
  m.nclasses = pvals.size();
  for (int64_t s : shape)
    m.size *= s;
  for (int64_t i = 0, n = m.size * m.size * m.nclasses; i < n; ++i)
    m.as.push_back(m.rng.uniform(-1, 1));
  for (int64_t i = 0, n = m.size * m.nclasses; i < n; ++i)
    m.bs.push_back(m.rng.uniform(-1, 1));
  double s = 0;
  for (double p : pvals)
    m.accum.push_back(s += p);
  m.accum.back() = 2;
}

MixtureGenerator::~MixtureGenerator() = default;

void MixtureGenerator::genData(int64_t n, int64_t batches,
                               std::vector<Tensor> &xs, std::vector<Tensor> &ys) {
  Impl &m = *impl;
  int64_t size = m.size, k = m.nclasses;
  for (int64_t b = 0; b < batches; ++b) {
    std::vector<int64_t> xshape = m.shape;
    xshape.push_back(n);
    Tensor x(DType::F64, xshape), y(DType::I64, {n});
    for (int64_t i = 0; i < n; ++i) {
      double u = m.rng.uniform(0, 1);
      int64_t cls = 0;
      while (cls < k && !(u < m.accum[cls]))
        ++cls;
      y.data<int64_t>()[i] = cls;
    }
    // x is (size, n) row-major: feature f of sample i at f * n + i.
    double *xd = x.data<double>();
    for (int64_t i = 0, total = size * n; i < total; ++i)
      xd[i] = m.rng.normal(0, 0.3);
    std::vector<double> col(size);
    for (int64_t i = 0; i < n; ++i) {
      int64_t cls = y.data<int64_t>()[i];
      for (int64_t f = 0; f < size; ++f)
        col[f] = xd[f * n + i];
      for (int64_t r = 0; r < size; ++r) {
        double acc = 0;
        for (int64_t c = 0; c < size; ++c)
          acc += m.as[(r * size + c) * k + cls] * col[c];
        xd[r * n + i] = acc + m.bs[r * k + cls];
      }
    }
    xs.push_back(std::move(x));
    ys.push_back(std::move(y));
  }
}
