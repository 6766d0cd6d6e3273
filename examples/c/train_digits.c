/* train_digits.c: trains the digits MLP from a library ngraph-compile made,
 * with no LLVM, MLIR or Python in the process; prints what
 * examples/run-digits.sh prints (batches of 32 in order, as --shuffle 0).
 *
 *   ngraph-compile examples/digits_mlp_manual.mlir --prefix digits -o digits.o
 *   cc -O2 -I. examples/c/train_digits.c digits.o -lm -o train_digits
 *   ngraph-runner examples/digits_mlp_manual.mlir --data ... --dump-data-npz data.npz
 *   ./train_digits data.npz 20
 *
 * data.npz holds x (samples x 64 pixels), y (labels) and test_x, test_y, as
 * ngraph-runner --dump-data-npz writes them (standardized when the --data
 * spec says so). examples/run-digits-c.sh does all of it.
 */
#include "digits.h"
#include "npz.h"

/* Columns [first, first + count) of a samples-by-features array (f8) as a
 * features-by-samples f32 block: the graph's [P, N] layout. */
static void transpose(const npz_array *a, long long first, long long count,
                      float *out) {
  const double *x = (const double *)a->data;
  long long features = a->shape[1], s, p;
  for (p = 0; p < features; ++p)
    for (s = 0; s < count; ++s)
      out[p * count + s] = (float)x[(first + s) * features + p];
}

static void labels(const npz_array *a, long long first, long long count,
                   int32_t *out) {
  const int64_t *y = (const int64_t *)a->data;
  long long s;
  for (s = 0; s < count; ++s)
    out[s] = (int32_t)y[first + s];
}

static npz_array load(const char *path, const char *key, const char *dtype,
                      long long columns) {
  npz_array a;
  char err[256];
  if (npz_read(path, key, &a, err, sizeof err) != 0) {
    fprintf(stderr, "train_digits: %s\n", err);
    exit(1);
  }
  if (strcmp(a.dtype, dtype) != 0 || a.rank != (columns ? 2 : 1) ||
      (columns && a.shape[1] != columns)) {
    fprintf(stderr, "train_digits: %s: array '%s' is not %s%s\n", path, key,
            dtype, columns ? " with 64 columns" : " of one axis");
    exit(1);
  }
  return a;
}

int main(int argc, char **argv) {
  enum { N = 32, P = 64, T = 359 };
  static float X[P * N], Xe[P * T];
  static int32_t L[N], Le[T];
  npz_array x, y, tx, ty;
  long long batches, b;
  int epochs, e;
  if (argc != 3 || (epochs = atoi(argv[2])) < 1) {
    fprintf(stderr, "usage: train_digits data.npz epochs\n");
    return 1;
  }
  x = load(argv[1], "x", "<f8", P);
  y = load(argv[1], "y", "<i8", 0);
  tx = load(argv[1], "test_x", "<f8", P);
  ty = load(argv[1], "test_y", "<i8", 0);
  if (y.shape[0] != x.shape[0] || tx.shape[0] != T || ty.shape[0] != T) {
    fprintf(stderr, "train_digits: the arrays' sample counts do not match "
                    "the graph's (test split of %d)\n", T);
    return 1;
  }
  batches = x.shape[0] / N;
  transpose(&tx, 0, T, Xe);
  labels(&ty, 0, T, Le);
  for (e = 0; e < epochs; ++e) {
    double sum = 0;
    float loss, eloss, accuracy;
    for (b = 0; b < batches; ++b) {
      transpose(&x, b * N, N, X);
      labels(&y, b * N, N, L);
      if (digits_train_step(X, L, &loss) != 0) {
        char message[512];
        fprintf(stderr, "train_digits: %s\n",
                digits_error_message(message, sizeof message));
        return 1;
      }
      sum += loss;
    }
    if (digits_evaluate(Xe, Le, &eloss, &accuracy) != 0)
      return 1;
    printf("epoch %d: train loss %.9g, test loss %.9g, test accuracy %.9g\n", e,
           sum / batches, eloss, accuracy);
  }
  free(x.data);
  free(y.data);
  free(tx.data);
  free(ty.data);
  return 0;
}
