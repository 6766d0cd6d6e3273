/* classify_digits.c: classifies the digits test images with a trained model
 * compiled into the program: no LLVM, MLIR or Python in the process.
 *
 *   examples/run-digits.sh --save trained.npz
 *   ngraph-compile examples/digits_mlp.mlir --batch-size 359 --prefix digits \
 *       --weights trained.npz -o digits.o
 *   cc -O2 -I. examples/c/classify_digits.c digits.o -lm -o classify_digits
 *   ./classify_digits data.npz
 *
 * data.npz as for train_digits.c. Prints the first predictions with their
 * probability, then the accuracy over all 359 test images.
 */
#include "digits.h"
#include "npz.h"

int main(int argc, char **argv) {
  enum { P = 64, T = 359, K = 10 };
  static float Xe[P * T], probabilities[K * T];
  static int32_t predicted[T];
  npz_array tx, ty;
  char err[256];
  long long s, p, right = 0;
  const double *x;
  const int64_t *y;
  if (argc != 2) {
    fprintf(stderr, "usage: classify_digits data.npz\n");
    return 1;
  }
  if (npz_read(argv[1], "test_x", &tx, err, sizeof err) != 0 ||
      npz_read(argv[1], "test_y", &ty, err, sizeof err) != 0) {
    fprintf(stderr, "classify_digits: %s\n", err);
    return 1;
  }
  if (strcmp(tx.dtype, "<f8") != 0 || tx.rank != 2 || tx.shape[0] != T ||
      tx.shape[1] != P || strcmp(ty.dtype, "<i8") != 0 || ty.rank != 1 ||
      ty.shape[0] != T) {
    fprintf(stderr, "classify_digits: %s: test_x must be f8 %dx%d and test_y "
                    "i8 %d\n", argv[1], T, P, T);
    return 1;
  }
  x = (const double *)tx.data;
  y = (const int64_t *)ty.data;
  /* The graph takes pixels by images: [P:64, T:359]. */
  for (p = 0; p < P; ++p)
    for (s = 0; s < T; ++s)
      Xe[p * T + s] = (float)x[s * P + p];
  if (digits_predict(Xe, predicted, probabilities) != 0) {
    fprintf(stderr, "classify_digits: %s\n",
            digits_error_message(err, sizeof err));
    return 1;
  }
  for (s = 0; s < T; ++s) {
    right += predicted[s] == y[s];
    if (s < 5)
      printf("image %lld: digit %d (probability %.3f), label %lld\n", s,
             predicted[s], probabilities[predicted[s] * T + s], (long long)y[s]);
  }
  printf("accuracy %.9g\n", (double)right / T);
  printf("right: %lld of %d images\n", right, T);
  free(tx.data);
  free(ty.data);
  return 0;
}
