// int64 kernels and drivers, exactly.
#include <limits>
#include <string>
#include <vector>

#include "elementwise/elementwise.h"
#include "reduce/arg_reduce.h"
#include "reduce/reduce.h"
#include "tests/kernel_test.h"

namespace tg {
namespace test {
namespace {

// int64 slots and drivers, exactly, against two's-complement arithmetic done in uint64_t (wrapping
// as PyTorch's int64 ops do) and hand-derived edge cases: INT64_MIN/MAX, floor division, powers.
constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();

void CheckI64(const std::string& what, const std::vector<int64_t>& got, const std::vector<int64_t>& want) {
  ++checks;
  for (size_t i = 0; i < want.size(); ++i) {
    if (got[i] != want[i]) {
      std::printf("FAIL %s at %zu: got %lld want %lld\n", what.c_str(), i, static_cast<long long>(got[i]),
                  static_cast<long long>(want[i]));
      ++failures;
      return;
    }
  }
}

int64_t U(uint64_t v) { return static_cast<int64_t>(v); }

}  // namespace

void TestInt64(const KernelTable& t) {
  const TypedKernels<int64_t>& k = t.i64;
  const std::string tag = std::string(t.isa) + " i64 ";
  const std::vector<int64_t> a = {kMax, kMin, -7, 7, 0, 1, -1, int64_t{1} << 40, 3, kMin, -9, 9, 5, 123456789012345,
                                  -2,   2,    11};
  const std::vector<int64_t> b = {1, -1, 2, -2, 5, kMax, kMin, int64_t{1} << 30, -4, 2, 4, -4, 0, -3, 63, 62, 1};
  const size_t n = a.size();
  std::vector<int64_t> o(n), want(n);
  for (int layout = 0; layout < kNumLayouts; ++layout) {
    auto x = [&](size_t i) { return layout == kScalarVec ? a[0] : a[i]; };
    auto y = [&](size_t i) { return layout == kVecScalar ? b[0] : b[i]; };
    const std::string l = "/" + std::to_string(layout);
    k.binary[kAdd][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) + static_cast<uint64_t>(y(i)));
    CheckI64(tag + "add" + l, o, want);
    k.binary[kSub][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) - static_cast<uint64_t>(y(i)));
    CheckI64(tag + "sub" + l, o, want);
    k.binary[kMul][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = U(static_cast<uint64_t>(x(i)) * static_cast<uint64_t>(y(i)));
    CheckI64(tag + "mul" + l, o, want);
    k.binary[kMaximum][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = x(i) > y(i) ? x(i) : y(i);
    CheckI64(tag + "maximum" + l, o, want);
    k.binary[kMinimum][layout](a.data(), b.data(), o.data(), n);
    for (size_t i = 0; i < n; ++i) want[i] = x(i) < y(i) ? x(i) : y(i);
    CheckI64(tag + "minimum" + l, o, want);
  }
  // Floor division (0 for a zero divisor: the library refuses it first), and powers by squaring.
  k.binary[kDiv][kVecVec](a.data(), b.data(), o.data(), n);
  CheckI64(tag + "floor div", o,
           {kMax, kMin, -4, -4, 0, 0, 0, 1024, -1, kMin / 2, -3, -3, 0, -41152263004115, -1, 0, 11});
  const std::vector<int64_t> base = {3, -2, -2, 2, 1, -1, -1, 0, 5, 7};
  const std::vector<int64_t> expo = {40, 63, 64, 64, -3, -3, -4, 0, 0, 1};
  std::vector<int64_t> p(base.size());
  k.binary[kPow][kVecVec](base.data(), expo.data(), p.data(), static_cast<int64_t>(base.size()));
  CheckI64(tag + "pow", p, {U(12157665459056928801ull), kMin, 0, 0, 1, -1, 1, 1, 1, 7});
  k.unary[kNeg](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = U(0 - static_cast<uint64_t>(a[i]));
  CheckI64(tag + "neg", o, want);
  k.unary[kAbs](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = a[i] < 0 ? U(0 - static_cast<uint64_t>(a[i])) : a[i];
  CheckI64(tag + "abs", o, want);
  k.unary[kSign](a.data(), o.data(), n);
  for (size_t i = 0; i < n; ++i) want[i] = a[i] > 0 ? 1 : a[i] < 0 ? -1 : 0;
  CheckI64(tag + "sign", o, want);
  uint64_t s = 0;
  for (int64_t v : a) s += static_cast<uint64_t>(v);
  CheckI64(tag + "sum", {k.sum(a.data(), static_cast<int64_t>(n))}, {U(s)});
  // The micro-kernel: exact integer products.
  const int mr = k.gemm.mr, nr = k.gemm.nr, kc = 9;
  std::vector<int64_t> ap(mr * kc), bp(nr * kc), c(mr * nr), cw(mr * nr, 0);
  for (size_t i = 0; i < ap.size(); ++i) ap[i] = static_cast<int64_t>(i % 7) - 3 + (int64_t{1} << 33);
  for (size_t i = 0; i < bp.size(); ++i) bp[i] = static_cast<int64_t>(i % 5) - 2;
  for (int i = 0; i < mr; ++i)
    for (int j = 0; j < nr; ++j)
      for (int q = 0; q < kc; ++q) cw[i * nr + j] += ap[q * mr + i] * bp[q * nr + j];
  k.gemm.fn(kc, ap.data(), bp.data(), c.data(), nr, false);
  CheckI64(tag + "gemm micro-kernel", c, cw);
  // Drivers: a broadcast binary, sums over each dim, and arg max with int64 indices.
  const int64_t rows = 5, cols = 37;
  std::vector<int64_t> m(rows * cols), row(cols), out(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i) m[i] = (i * 7919) % 1000 - 500 + (i % 3 == 0 ? kMax - 400 : 0);
  for (int64_t j = 0; j < cols; ++j) row[j] = j * 3 - 50;
  auto view = [](std::vector<int64_t>& v, Dims st) {
    View w;
    w.data = v.data();
    w.length = static_cast<int64_t>(v.size());
    w.dtype = DType::kI64;
    w.strides = st;
    return w;
  };
  Binary(t, kAdd, {rows, cols}, view(out, {cols, 1}), view(m, {cols, 1}), view(row, {0, 1}));
  std::vector<int64_t> bw(rows * cols);
  for (int64_t i = 0; i < rows * cols; ++i)
    bw[i] = U(static_cast<uint64_t>(m[i]) + static_cast<uint64_t>(row[i % cols]));
  CheckI64(tag + "binary driver broadcast", out, bw);
  for (const Dims& reduce : {Dims{1, 0}, Dims{0, 1}}) {
    std::vector<int64_t> got(reduce[0] ? cols : rows);
    std::vector<uint64_t> acc(got.size(), 0);
    ReduceSum(t, {rows, cols}, view(m, {cols, 1}), reduce, view(got, {}), 1.0);
    for (int64_t i = 0; i < rows * cols; ++i) acc[reduce[0] ? i % cols : i / cols] += static_cast<uint64_t>(m[i]);
    std::vector<int64_t> sw(acc.begin(), acc.end());
    CheckI64(tag + "sum driver over dim " + std::to_string(reduce[0] ? 0 : 1), got, sw);
  }
  std::vector<int64_t> vals(rows), idx(rows), iw(rows), vw(rows);
  ArgReduce(0, {rows, cols}, view(m, {cols, 1}), 1, view(vals, {}), view(idx, {}));
  for (int64_t r = 0; r < rows; ++r) {
    iw[r] = 0;
    for (int64_t j = 1; j < cols; ++j)
      if (m[r * cols + j] > m[r * cols + iw[r]]) iw[r] = j;
    vw[r] = m[r * cols + iw[r]];
  }
  CheckI64(tag + "arg max indices", idx, iw);
  CheckI64(tag + "arg max values", vals, vw);
}

// Casts to and from int64 (the copy driver): float truncates, NaN and out of range give INT64_MIN
// as on x86, int64 -> float32 rounds once to nearest even, int64 -> int32 wraps.
void TestInt64Casts() {
  std::vector<double> f = {2.9, -2.9, 1e30, -1e30, std::nan(""), 9223372036854775808.0, -9223372036854775808.0, 0.5};
  std::vector<int64_t> i(f.size());
  View src, dst;
  src.data = f.data(), src.length = static_cast<int64_t>(f.size()), src.dtype = DType::kF64, src.strides = {1};
  dst.data = i.data(), dst.length = static_cast<int64_t>(i.size()), dst.dtype = DType::kI64, dst.strides = {1};
  Copy({static_cast<int64_t>(f.size())}, dst, src);
  CheckI64("cast f64 -> i64", i, {2, -2, kMin, kMin, kMin, kMin, kMin, 0});
  std::vector<int64_t> big = {(int64_t{1} << 60) + (int64_t{1} << 36) + 1, (int64_t{1} << 24) + 1,
                              -((int64_t{1} << 53) + 1), kMax};
  std::vector<float> g(big.size());
  std::vector<int32_t> w(big.size());
  src.data = big.data(), src.length = static_cast<int64_t>(big.size()), src.dtype = DType::kI64;
  dst.data = g.data(), dst.length = static_cast<int64_t>(g.size()), dst.dtype = DType::kF32;
  Copy({static_cast<int64_t>(big.size())}, dst, src);
  // 2^60 + 2^36 + 1 is 2^60 + 2^36 + 1 / 2 ulp (ulp 2^37) above 2^60: rounds up, where a detour
  // through double (2^60 + 2^36, a tie) would round to even, down.
  // Valgrind converts through a double, so there the first value is the double-rounded one.
  Check("cast i64 -> f32", g,
        std::vector<double>{UnderMemcheck() ? 1152921504606846976.0 : 1152921642045800448.0, 16777216.0,
                            -9007199254740992.0, 9223372036854775808.0},
        0);
  dst.data = w.data(), dst.dtype = DType::kI32;
  Copy({static_cast<int64_t>(big.size())}, dst, src);
  std::vector<int64_t> wide(w.begin(), w.end());
  CheckI64("cast i64 -> i32", wide, {1, 16777217, -1, -1});
}

}  // namespace test
}  // namespace tg
