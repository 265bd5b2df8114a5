// Machine limits for `npm run bench`: the FMA peak (GFLOP/s, float32) and memory read bandwidth
// (GB/s), each for 1 and 2 threads. Built and run by bench/run.js with -O2 and explicit ISA flags.
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

// 10 independent accumulator chains of 8-lane FMAs keep both FMA pipes busy. Each chain starts
// from its own value: equal chains compute equal results, and the compiler merges them into one
// (which then measures FMA latency, not throughput).
static void* fma_avx2(void* arg) {
  long iters = *(long*)arg;
  __m256 a0 = _mm256_set1_ps(1.0f), a1 = _mm256_set1_ps(1.1f), a2 = _mm256_set1_ps(1.2f), a3 = _mm256_set1_ps(1.3f),
         a4 = _mm256_set1_ps(1.4f), a5 = _mm256_set1_ps(1.5f), a6 = _mm256_set1_ps(1.6f), a7 = _mm256_set1_ps(1.7f),
         a8 = _mm256_set1_ps(1.8f), a9 = _mm256_set1_ps(1.9f);
  const __m256 m = _mm256_set1_ps(0.999999f), c = _mm256_set1_ps(1e-7f);
  for (long i = 0; i < iters; i++) {
    a0 = _mm256_fmadd_ps(a0, m, c); a1 = _mm256_fmadd_ps(a1, m, c); a2 = _mm256_fmadd_ps(a2, m, c);
    a3 = _mm256_fmadd_ps(a3, m, c); a4 = _mm256_fmadd_ps(a4, m, c); a5 = _mm256_fmadd_ps(a5, m, c);
    a6 = _mm256_fmadd_ps(a6, m, c); a7 = _mm256_fmadd_ps(a7, m, c); a8 = _mm256_fmadd_ps(a8, m, c);
    a9 = _mm256_fmadd_ps(a9, m, c);
  }
  __m256 s = _mm256_add_ps(_mm256_add_ps(_mm256_add_ps(a0, a1), _mm256_add_ps(a2, a3)),
                           _mm256_add_ps(_mm256_add_ps(a4, a5), _mm256_add_ps(_mm256_add_ps(a6, a7), _mm256_add_ps(a8, a9))));
  float out[8];
  _mm256_storeu_ps(out, s);
  static volatile float sink;
  sink = out[0];
  return NULL;
}

#ifdef HAVE_AVX512
__attribute__((target("avx512f"))) static void* fma_avx512(void* arg) {
  long iters = *(long*)arg;
  __m512 a0 = _mm512_set1_ps(1.0f), a1 = _mm512_set1_ps(1.1f), a2 = _mm512_set1_ps(1.2f), a3 = _mm512_set1_ps(1.3f),
         a4 = _mm512_set1_ps(1.4f), a5 = _mm512_set1_ps(1.5f), a6 = _mm512_set1_ps(1.6f), a7 = _mm512_set1_ps(1.7f),
         a8 = _mm512_set1_ps(1.8f), a9 = _mm512_set1_ps(1.9f);
  const __m512 m = _mm512_set1_ps(0.999999f), c = _mm512_set1_ps(1e-7f);
  for (long i = 0; i < iters; i++) {
    a0 = _mm512_fmadd_ps(a0, m, c); a1 = _mm512_fmadd_ps(a1, m, c); a2 = _mm512_fmadd_ps(a2, m, c);
    a3 = _mm512_fmadd_ps(a3, m, c); a4 = _mm512_fmadd_ps(a4, m, c); a5 = _mm512_fmadd_ps(a5, m, c);
    a6 = _mm512_fmadd_ps(a6, m, c); a7 = _mm512_fmadd_ps(a7, m, c); a8 = _mm512_fmadd_ps(a8, m, c);
    a9 = _mm512_fmadd_ps(a9, m, c);
  }
  static volatile float sink;
  sink = _mm512_reduce_add_ps(_mm512_add_ps(_mm512_add_ps(_mm512_add_ps(a0, a1), _mm512_add_ps(a2, a3)),
                                            _mm512_add_ps(_mm512_add_ps(a4, a5), _mm512_add_ps(_mm512_add_ps(a6, a7), _mm512_add_ps(a8, a9)))));
  return NULL;
}
#endif

struct Slice {
  const float* p;
  long n;
  int reps;
  double sum;
};

static void* read_sum(void* arg) {
  struct Slice* s = arg;
  __m256 x0 = _mm256_setzero_ps(), x1 = x0, x2 = x0, x3 = x0;
  for (int r = 0; r < s->reps; r++) {
    for (long i = 0; i + 32 <= s->n; i += 32) {
      x0 = _mm256_add_ps(x0, _mm256_loadu_ps(s->p + i));
      x1 = _mm256_add_ps(x1, _mm256_loadu_ps(s->p + i + 8));
      x2 = _mm256_add_ps(x2, _mm256_loadu_ps(s->p + i + 16));
      x3 = _mm256_add_ps(x3, _mm256_loadu_ps(s->p + i + 24));
    }
  }
  float out[8];
  _mm256_storeu_ps(out, _mm256_add_ps(_mm256_add_ps(x0, x1), _mm256_add_ps(x2, x3)));
  s->sum = out[0];
  return NULL;
}

static double run_threads(int threads, void* (*fn)(void*), void** args) {
  pthread_t t[8];
  double t0 = now();
  for (int i = 0; i < threads; i++) pthread_create(&t[i], NULL, fn, args[i]);
  for (int i = 0; i < threads; i++) pthread_join(t[i], NULL);
  return now() - t0;
}

static int cmp(const void* a, const void* b) {
  double x = *(const double*)a, y = *(const double*)b;
  return x < y ? -1 : x > y;
}

static void fma_peak(int use512) {
  const long iters = 40000000;
  for (int threads = 1; threads <= 2; threads++) {
    double g[5];
    for (int r = 0; r < 5; r++) {
      long it = iters;
      void* args[2] = {&it, &it};
#ifdef HAVE_AVX512
      double dt = run_threads(threads, use512 ? fma_avx512 : fma_avx2, args);
      const int lanes = use512 ? 16 : 8;
#else
      (void)use512;
      double dt = run_threads(threads, fma_avx2, args);
      const int lanes = 8;
#endif
      g[r] = threads * (double)iters * 10 * lanes * 2 / dt / 1e9;
    }
    qsort(g, 5, sizeof(double), cmp);
    printf("fma_gflops_%dt %.1f\n", threads, g[2]);
  }
}

static void read_bandwidth(void) {
  const long n = 1L << 24;  // 16M floats, as the reductions benchmark
  float* buf = aligned_alloc(64, n * sizeof(float));
  for (long i = 0; i < n; i++) buf[i] = 1.0f;
  for (int threads = 1; threads <= 2; threads++) {
    double g[7];
    for (int r = 0; r < 7; r++) {
      struct Slice s[2];
      void* args[2];
      for (int i = 0; i < threads; i++) {
        s[i].p = buf + i * (n / threads);
        s[i].n = n / threads;
        s[i].reps = 4;
        args[i] = &s[i];
      }
      double dt = run_threads(threads, read_sum, args);
      g[r] = 4.0 * n * 4 / dt / 1e9;
    }
    qsort(g, 7, sizeof(double), cmp);
    printf("read_gbs_%dt %.1f\n", threads, g[3]);
  }
  free(buf);
}

// Usage: peak fma [avx512] | peak read. Prints "name value" lines.
int main(int argc, char** argv) {
  if (argc > 1 && strcmp(argv[1], "read") == 0) {
    read_bandwidth();
  } else {
    fma_peak(argc > 2 && strcmp(argv[2], "avx512") == 0);
  }
  return 0;
}
