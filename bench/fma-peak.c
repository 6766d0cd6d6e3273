// The FMA peak of one core: 12 independent chains of vector FMAs (AVX2,
// or AVX-512 where the CPU has it), enough to cover the FMA latency on
// both pipes. bench/run.sh prints it beside the table, so GFLOP/s figures
// can be read as fractions of what the core can do in the same minutes.
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

#define FMA12(R)                                                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "0\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "1\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "2\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "3\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "4\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "5\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "6\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "7\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "8\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "9\n"                              \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "10\n"                             \
  "vfmadd231ps %%" R "12, %%" R "13, %%" R "11\n"

// n iterations of FMA12 on registers R ("ymm" or "zmm").
#define FMA_LOOP(NAME, R, ATTR)                                               \
  ATTR static void NAME(long n) {                                             \
    __asm__ volatile("vxorps %%" R "12, %%" R "12, %%" R "12\n"               \
                     "vxorps %%" R "13, %%" R "13, %%" R "13\n"               \
                     "1:\n" FMA12(R) "dec %0\n jnz 1b\n"                      \
                     : "+r"(n)                                                \
                     :                                                        \
                     : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",        \
                       "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",      \
                       "xmm12", "xmm13", "cc");                               \
  }

FMA_LOOP(avx2, "ymm", )
FMA_LOOP(avx512, "zmm", __attribute__((target("avx512f"))))

int main(void) {
  __builtin_cpu_init();
  int wide = __builtin_cpu_supports("avx512f");
  if (!wide && !(__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))) {
    printf("{\"fma_peak_gflops\": null, \"isa\": \"no AVX2+FMA\"}\n");
    return 0;
  }
  long n = 20000000;
  double best = 1e30;
  for (int r = 0; r < 5; ++r) {
    double t = now();
    if (wide)
      avx512(n);
    else
      avx2(n);
    t = now() - t;
    if (t < best)
      best = t;
  }
  // 12 FMAs of 8 (or 16) lanes, 2 flops each, per iteration.
  double flops = (double)n * 12 * (wide ? 16 : 8) * 2;
  printf("{\"fma_peak_gflops\": %.1f, \"isa\": \"%s\"}\n", flops / best / 1e9,
         wide ? "AVX-512" : "AVX2");
  return 0;
}
