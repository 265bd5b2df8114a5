// Comparisons (bool results) and where(cond, a, b): strided loops, no SIMD yet.
#include <string>

#include "elementwise/elementwise.h"

namespace tg {

const char* CompareOpName(int op) {
  static const char* kNames[kNumCompareOps] = {"eq", "ne", "lt", "le", "gt", "ge"};
  return op >= 0 && op < kNumCompareOps ? kNames[op] : "compare";
}

namespace {

template <class T>
bool Compare(int op, T a, T b) {
  switch (op) {
    case kEq: return a == b;
    case kNe: return a != b;
    case kLt: return a < b;
    case kLe: return a <= b;
    case kGt: return a > b;
    default: return a >= b;
  }
}

}  // namespace

void CompareOp(int op, const Dims& shape, const View& out, const View& a, const View& b) {
  if (op < 0 || op >= kNumCompareOps) throw Error(Code::kArgument, "compare: unknown op " + std::to_string(op));
  const char* name = CompareOpName(op);
  if (out.dtype != DType::kBool) throw Error(Code::kDtype, std::string(name) + ": output must be bool");
  CheckSameDtype(a, b, name);
  CheckOutput(shape, out, name);
  CheckView(shape, a, name, "first operand");
  CheckView(shape, b, name, "second operand");
  VisitDType(a.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    uint8_t* o = out.As<uint8_t>();
    const T* pa = a.As<T>();
    const T* pb = b.As<T>();
    NdLoop<3> loop(shape, {&out.strides, &a.strides, &b.strides}, {out.offset, a.offset, b.offset});
    loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
      for (int64_t i = 0; i < n; ++i) {
        o[off[0] + i * st[0]] = Compare<T>(op, pa[off[1] + i * st[1]], pb[off[2] + i * st[2]]) ? 1 : 0;
      }
    });
  });
}

void Where(const Dims& shape, const View& out, const View& cond, const View& a, const View& b) {
  if (cond.dtype != DType::kBool) throw Error(Code::kDtype, "where: condition must be bool");
  CheckSameDtype(out, a, "where");
  CheckSameDtype(out, b, "where");
  CheckOutput(shape, out, "where");
  CheckView(shape, cond, "where", "condition");
  CheckView(shape, a, "where", "first operand");
  CheckView(shape, b, "where", "second operand");
  VisitDType(out.dtype, [&](auto tag) {
    using T = typename decltype(tag)::type;
    T* o = out.As<T>();
    const uint8_t* c = cond.As<uint8_t>();
    const T* pa = a.As<T>();
    const T* pb = b.As<T>();
    NdLoop<4> loop(shape, {&out.strides, &cond.strides, &a.strides, &b.strides},
                   {out.offset, cond.offset, a.offset, b.offset});
    loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
      for (int64_t i = 0; i < n; ++i) {
        o[off[0] + i * st[0]] = c[off[1] + i * st[1]] ? pa[off[2] + i * st[2]] : pb[off[3] + i * st[3]];
      }
    });
  });
}

}  // namespace tg
