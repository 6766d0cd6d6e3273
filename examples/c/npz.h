/* npz.h: read one array from a .npz file, for the C examples.
 *
 * Handles what NumPy's np.savez and ngraph-runner (--save, --dump-data-npz)
 * write: a zip archive of .npy files stored without compression, little-
 * endian, C order. Anything else is refused with a message, never misread.
 */
#ifndef NGRAPH_EXAMPLES_NPZ_H
#define NGRAPH_EXAMPLES_NPZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  char dtype[8];      /* "<f4", "<f8", "<i4", "<i8" */
  int rank;
  long long shape[8];
  size_t size;        /* elements */
  void *data;         /* malloc'ed; free() it */
} npz_array;

static inline uint32_t npz_u16(const unsigned char *p) { return p[0] | p[1] << 8; }
static inline uint32_t npz_u32(const unsigned char *p) {
  return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}
static inline uint64_t npz_u64(const unsigned char *p) {
  return npz_u32(p) | (uint64_t)npz_u32(p + 4) << 32;
}

/* Parses the .npy file in [p, p + n) into `out`. */
static inline int npz_parse_npy(const unsigned char *p, size_t n, npz_array *out,
                         char *err, size_t errsize) {
  size_t header, start, width;
  const char *h, *s;
  char text[512];
  if (n < 10 || memcmp(p, "\x93NUMPY", 6) != 0)
    return snprintf(err, errsize, "not a .npy array"), -1;
  start = p[6] == 1 ? 10 : 12;
  if (n < start)
    return snprintf(err, errsize, "truncated .npy header"), -1;
  header = p[6] == 1 ? npz_u16(p + 8) : npz_u32(p + 8);
  if (header >= sizeof text || start + header > n)
    return snprintf(err, errsize, "truncated .npy header"), -1;
  memcpy(text, p + start, header);
  text[header] = 0;
  h = strstr(text, "'descr': '");
  if (!h || sscanf(h + 10, "%7[^']", out->dtype) != 1)
    return snprintf(err, errsize, "no dtype in the .npy header"), -1;
  if (strstr(text, "'fortran_order': True"))
    return snprintf(err, errsize, "Fortran-order arrays are not supported"), -1;
  width = strcmp(out->dtype, "<f4") == 0 || strcmp(out->dtype, "<i4") == 0 ? 4
          : strcmp(out->dtype, "<f8") == 0 || strcmp(out->dtype, "<i8") == 0
              ? 8
              : 0;
  if (!width)
    return snprintf(err, errsize, "unsupported dtype %s", out->dtype), -1;
  s = strstr(text, "'shape': (");
  if (!s)
    return snprintf(err, errsize, "no shape in the .npy header"), -1;
  s += 10;
  out->rank = 0;
  out->size = 1;
  while (*s && *s != ')') {
    char *end;
    long long d = strtoll(s, &end, 10);
    if (end == s || d < 0 || out->rank == 8)
      return snprintf(err, errsize, "bad shape in the .npy header"), -1;
    /* No product that could wrap: the data must hold every element. */
    if (d > 0 && out->size > n / width / (size_t)d)
      return snprintf(err, errsize, "the shape needs more data than the "
                                    "file has"), -1;
    out->shape[out->rank++] = d;
    out->size *= (size_t)d;
    s = end;
    while (*s == ',' || *s == ' ')
      ++s;
  }
  if (start + header + out->size * width != n)
    return snprintf(err, errsize, "array data has %zu bytes, not %zu",
                    n - start - header, out->size * width), -1;
  out->data = malloc(out->size * width + 1);
  if (!out->data)
    return snprintf(err, errsize, "out of memory"), -1;
  memcpy(out->data, p + start + header, out->size * width);
  return 0;
}

/* Finds array `key` in the .npz file image [buf, buf + size). Returns 0, or
 * -1 with a message in err. */
static inline int npz_find(const unsigned char *buf, size_t size, const char *key,
                    npz_array *out, char *err, size_t errsize) {
  size_t at = 0, want = strlen(key) + 4;
  snprintf(err, errsize, "no array '%s'", key);
  /* Local file headers one after another. */
  while (at + 30 <= size && npz_u32(buf + at) == 0x04034b50) {
    const unsigned char *h = buf + at;
    uint64_t csize = npz_u32(h + 18), usize = npz_u32(h + 22);
    size_t name = npz_u16(h + 26), extra = npz_u16(h + 28), x;
    size_t data = at + 30 + name + extra;
    if (data > size) {
      snprintf(err, errsize, "truncated zip entry header");
      return -1;
    }
    for (x = 0; x + 4 <= extra;) { /* zip64 sizes */
      const unsigned char *e = h + 30 + name + x;
      size_t len = npz_u16(e + 2);
      if (npz_u16(e) == 1 && len >= 16 && x + 4 + 16 <= extra) {
        usize = npz_u64(e + 4);
        csize = npz_u64(e + 12);
      }
      x += 4 + len;
    }
    if (npz_u16(h + 6) & 8) {
      snprintf(err, errsize, "entries with trailing sizes are not supported");
      return -1;
    }
    if (csize > size - data) {
      snprintf(err, errsize, "truncated zip entry");
      return -1;
    }
    if (name == want && memcmp(h + 30, key, want - 4) == 0 &&
        memcmp(h + 30 + want - 4, ".npy", 4) == 0) {
      if (npz_u16(h + 8) != 0 || csize != usize) {
        snprintf(err, errsize, "array '%s' is compressed (write it with "
                               "np.savez, not savez_compressed)", key);
        return -1;
      }
      return npz_parse_npy(buf + data, (size_t)csize, out, err, errsize);
    }
    at = data + (size_t)csize;
  }
  return -1;
}

/* Reads array `key` of the .npz file `path`. Returns 0, or -1 with a
 * message in err. */
static inline int npz_read(const char *path, const char *key, npz_array *out,
                    char *err, size_t errsize) {
  FILE *f = fopen(path, "rb");
  unsigned char *buf;
  long size;
  int result;
  char why[200];
  if (!f)
    return snprintf(err, errsize, "cannot open %s", path), -1;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = (unsigned char *)malloc(size > 0 ? (size_t)size : 1);
  if (!buf || size < 0 || fread(buf, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    free(buf);
    return snprintf(err, errsize, "cannot read %s", path), -1;
  }
  fclose(f);
  result = npz_find(buf, (size_t)size, key, out, why, sizeof why);
  if (result != 0)
    snprintf(err, errsize, "%s: %s", path, why);
  free(buf);
  return result;
}

#endif
