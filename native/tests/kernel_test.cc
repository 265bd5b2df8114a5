// Kernel tests without Node: every ISA table this binary holds and this CPU runs is compared
// slot by slot with the reference table, and the GEMM driver with a naive product, on odd sizes.
// Built and run by scripts/test_kernels.sh, natively and for arm64 under qemu.
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "cpu/dispatch.h"
#include "gemm/gemm.h"
#include "kernels/table.h"

namespace tg {
namespace {

int failures = 0;
int checks = 0;
uint32_t seed = 12345;

double Rand() {
  seed = seed * 1103515245u + 12345u;
  return (seed >> 8) / 16777216.0 * 2 - 1;
}

template <class T>
void Check(const std::string& what, const std::vector<T>& got, const std::vector<T>& want, double tol) {
  ++checks;
  for (size_t i = 0; i < want.size(); ++i) {
    const double g = got[i], w = want[i];
    if (std::isnan(w) ? !std::isnan(g) : !(std::fabs(g - w) <= tol * std::max(1.0, std::fabs(w)))) {
      std::printf("FAIL %s at %zu: got %.9g want %.9g\n", what.c_str(), i, g, w);
      ++failures;
      return;
    }
  }
}

template <class T>
void TestTable(const char* isa, const TypedKernels<T>& k, const TypedKernels<T>& r, double tol) {
  const std::string tag = std::string(isa) + (sizeof(T) == 4 ? " f32 " : " f64 ");
  for (int n : {1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1001}) {
    std::vector<T> a(n), b(n), o(n), w(n);
    for (int i = 0; i < n; ++i) {
      a[i] = static_cast<T>(Rand() + 2);
      b[i] = static_cast<T>(Rand() + 2);
    }
    for (int op = 0; op < kNumBinaryOps; ++op) {
      for (int layout = 0; layout < kNumLayouts; ++layout) {
        k.binary[op][layout](a.data(), b.data(), o.data(), n);
        r.binary[op][layout](a.data(), b.data(), w.data(), n);
        Check(tag + "binary " + std::to_string(op) + "/" + std::to_string(layout) + " n=" + std::to_string(n), o, w, tol);
      }
    }
    for (int op = 0; op < kNumUnaryOps; ++op) {
      k.unary[op](a.data(), o.data(), n);
      r.unary[op](a.data(), w.data(), n);
      Check(tag + "unary " + std::to_string(op) + " n=" + std::to_string(n), o, w, tol);
    }
    Check(tag + "sum n=" + std::to_string(n), std::vector<T>{k.sum(a.data(), n)}, std::vector<T>{r.sum(a.data(), n)}, tol * 8);
    Check(tag + "dot n=" + std::to_string(n), std::vector<T>{k.dot(a.data(), b.data(), n)},
          std::vector<T>{r.dot(a.data(), b.data(), n)}, tol * 8);
    o = b;
    w = b;
    k.axpy(n, T(0.5), a.data(), o.data());
    r.axpy(n, T(0.5), a.data(), w.data());
    Check(tag + "axpy n=" + std::to_string(n), o, w, tol);
    // Three rows `n + 2` apart (a strided matrix), added onto b; the same order, so exact.
    std::vector<T> rows(3 * (n + 2));
    for (auto& v : rows) v = static_cast<T>(Rand());
    o = b;
    w = b;
    k.add_rows(o.data(), rows.data(), n + 2, 3, n);
    r.add_rows(w.data(), rows.data(), n + 2, 3, n);
    Check(tag + "add_rows n=" + std::to_string(n), o, w, 0);
  }
  // The micro-kernel on packed panels against a naive product of the same panels.
  const int mr = k.gemm.mr, nr = k.gemm.nr;
  for (int kc : {1, 5, 64}) {
    std::vector<T> ap(mr * kc), bp(nr * kc), c(mr * nr), want(mr * nr, T(0));
    for (auto& v : ap) v = static_cast<T>(Rand());
    for (auto& v : bp) v = static_cast<T>(Rand());
    for (int i = 0; i < mr; ++i)
      for (int j = 0; j < nr; ++j)
        for (int p = 0; p < kc; ++p) want[i * nr + j] += ap[p * mr + i] * bp[p * nr + j];
    k.gemm.fn(kc, ap.data(), bp.data(), c.data(), nr, false);
    Check(tag + "gemm micro-kernel kc=" + std::to_string(kc), c, want, tol * kc);
  }
}

template <class T>
void TestGemmDriver(double tol) {
  for (auto [m, kk, n] : std::vector<std::array<int, 3>>{{1, 1, 1}, {5, 3, 7}, {17, 33, 31}, {70, 257, 65}, {130, 40, 129}, {1, 300, 200}, {300, 64, 1}}) {
    for (bool trans_b : {false, true}) {
      std::vector<T> a(m * kk), b(kk * n), c(m * n), want(m * n, T(0));
      for (auto& v : a) v = static_cast<T>(Rand());
      for (auto& v : b) v = static_cast<T>(Rand());
      MatRef<T> ar{a.data(), kk, 1};
      MatRef<T> br = trans_b ? MatRef<T>{b.data(), 1, kk} : MatRef<T>{b.data(), n, 1};
      for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j)
          for (int p = 0; p < kk; ++p) want[i * n + j] += a[i * kk + p] * (trans_b ? b[j * kk + p] : b[p * n + j]);
      Gemm<T>(m, n, kk, ar, br, c.data(), n);
      Check(std::string("gemm driver ") + std::to_string(m) + "x" + std::to_string(kk) + "x" + std::to_string(n) +
                (trans_b ? " B^T" : "") + (sizeof(T) == 4 ? " f32" : " f64"),
            c, want, tol * std::sqrt(static_cast<double>(kk)) * 4);
    }
  }
}


}  // namespace
}  // namespace tg

int main() {
  using namespace tg;
  const KernelTable& ref_table = ref::Table();
  for (const std::string& isa : SupportedIsas()) {
    const KernelTable t = TableFor(isa);
    TestTable<float>(isa.c_str(), t.f32, ref_table.f32, 2e-6);
    TestTable<double>(isa.c_str(), t.f64, ref_table.f64, 1e-13);
  }
  TestGemmDriver<float>(2e-6);
  TestGemmDriver<double>(1e-13);
  std::printf("kernel_test: isa %s (cpu: ", Kernels().isa);
  for (const std::string& isa : SupportedIsas()) std::printf("%s ", isa.c_str());
  std::printf("): %d checks, %d failures\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
