/* Calls the MLP step ngraph-compile made (bench/graphs/mlp_small.mlir) on
 * X and T from inputs.npz twice and prints both losses. */
#include "mlp.h"
#include "npz.h"

int main(int argc, char **argv) {
  npz_array x, t;
  char err[256];
  float loss;
  int i;
  if (argc != 2 || npz_read(argv[1], "X", &x, err, sizeof err) != 0 ||
      npz_read(argv[1], "T", &t, err, sizeof err) != 0) {
    fprintf(stderr, "mlp_main: %s\n", argc == 2 ? err : "usage: mlp_main inputs.npz");
    return 1;
  }
  if (x.size != MLP_STEP_IN0_SIZE || t.size != MLP_STEP_IN1_SIZE) {
    fprintf(stderr, "mlp_main: X and T have the wrong sizes\n");
    return 1;
  }
  for (i = 0; i < 2; ++i) {
    if (mlp_step((const float *)x.data, (const float *)t.data, &loss) != 0)
      return 1;
    printf("%.9g\n", loss);
  }
  free(x.data);
  free(t.data);
  return 0;
}
