/* Calls the ahead-of-time compiled embedding (test/runner/Inputs/embed.mlir)
 * with the ids given on the command line (6 of them, [T:3, N:2] row-major)
 * and prints the rows, or the error message and status 1. */
#include "embed.h"

int main(int argc, char **argv) {
  int32_t ids[EMBED_EMBED_IN0_SIZE];
  float rows[EMBED_EMBED_OUT0_SIZE];
  char message[512];
  int i;
  if (argc != 1 + EMBED_EMBED_IN0_SIZE) {
    fprintf(stderr, "usage: embed_main id x6\n");
    return 2;
  }
  for (i = 0; i < EMBED_EMBED_IN0_SIZE; ++i)
    ids[i] = atoi(argv[i + 1]);
  if (embed_embed(ids, rows) != 0) {
    fprintf(stderr, "error: %s\n", embed_error_message(message, sizeof message));
    return 1;
  }
  /* A good call after a failed one clears the error. */
  if (embed_last_error()->site != NULL)
    return 3;
  for (i = 0; i < EMBED_EMBED_OUT0_SIZE; ++i)
    printf("%.6f%s", rows[i], i % 4 == 3 ? "\n" : " ");
  return 0;
}
