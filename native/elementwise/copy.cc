#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>

#include "elementwise/elementwise.h"

namespace tg {
namespace {

// Float to int truncates toward zero as PyTorch does. NaN and out-of-range values, undefined in
// C++, give the type's minimum, as PyTorch on x86 does (cvttss2si/cvttsd2si return the "integer
// indefinite" value), instead of trapping.
template <class To, class From>
To Convert(From v) {
  if constexpr (std::is_same_v<To, uint8_t>) {
    return v != From(0) ? 1 : 0;
  } else if constexpr (std::is_integral_v<To> && std::is_floating_point_v<From>) {
    // 2^(bits-1), exact in float and double; v in [-limit, limit) truncates to a value of To.
    constexpr From kLimit = -static_cast<From>(std::numeric_limits<To>::min());
    if (!(v >= -kLimit && v < kLimit)) return std::numeric_limits<To>::min();
    return static_cast<To>(v);
  } else {
    return static_cast<To>(v);
  }
}

template <class To, class From>
void CopyTyped(const Dims& shape, const View& dst, const View& src) {
  To* d = dst.As<To>();
  const From* s = src.As<From>();
  NdLoop<2> loop(shape, {&dst.strides, &src.strides}, {dst.offset, src.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    To* rd = d + off[0];
    const From* rs = s + off[1];
    if constexpr (std::is_same_v<To, From>) {
      if (st[0] == 1 && st[1] == 1) {
        std::memmove(rd, rs, n * sizeof(To));
        return;
      }
    }
    for (int64_t i = 0; i < n; ++i) rd[i * st[0]] = Convert<To>(rs[i * st[1]]);
  });
}

}  // namespace

void Copy(const Dims& shape, const View& dst, const View& src) {
  CheckOutput(shape, dst, "copy");
  CheckView(shape, src, "copy", "source");
  VisitDType(dst.dtype, [&](auto to) {
    VisitDType(src.dtype, [&](auto from) {
      SplitOuter(
          shape, [](auto&&... v) { CopyTyped<typename decltype(to)::type, typename decltype(from)::type>(v...); }, dst,
          src);
    });
  });
}

void Fill(const Dims& shape, const View& dst, double value) {
  CheckOutput(shape, dst, "fill");
  VisitDType(dst.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    const T v = Convert<T>(value);
    SplitOuter(
        shape,
        [v](const Dims& s, const View& out) {
          T* d = out.As<T>();
          NdLoop<1> loop(s, {&out.strides}, {out.offset});
          loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
            T* r = d + off[0];
            for (int64_t i = 0; i < n; ++i) r[i * st[0]] = v;
          });
        },
        dst);
  });
}

}  // namespace tg
