#include <string>

#include "elementwise/elementwise.h"

namespace tg {

const char* UnaryOpName(int op) {
  static const char* kNames[kNumUnaryOps] = {
      "neg",  "exp",        "log",   "sqrt",  "abs",   "relu",  "sigmoid", "tanh",  "sign",  "sin",   "cos",   "tan",
      "asin", "acos",       "atan",  "sinh",  "cosh",  "asinh", "acosh",   "atanh", "floor", "ceil",  "round", "trunc",
      "frac", "reciprocal", "rsqrt", "log1p", "expm1", "log2",  "log10",   "exp2",  "erf",   "erfinv"};
  return op >= 0 && op < kNumUnaryOps ? kNames[op] : "unary";
}

namespace {

template <class T>
void UnaryTyped(UnaryRunFn<T> fn, const Dims& shape, const View& out, const View& x) {
  T* o = out.As<T>();
  const T* px = x.As<T>();
  NdLoop<2> loop(shape, {&out.strides, &x.strides}, {out.offset, x.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    T* ro = o + off[0];
    const T* rx = px + off[1];
    if (st[0] == 1 && st[1] == 1) return fn(rx, ro, n);
    T bx[kChunk], bo[kChunk];
    for (int64_t i = 0; i < n; i += kChunk) {
      const int64_t c = n - i < kChunk ? n - i : kChunk;
      fn(GatherChunk(rx + i * st[1], st[1], c, bx), bo, c);
      for (int64_t j = 0; j < c; ++j) ro[(i + j) * st[0]] = bo[j];
    }
  });
}

}  // namespace

void Unary(const KernelTable& kernels, int op, const Dims& shape, const View& out, const View& x) {
  if (op < 0 || op >= kNumUnaryOps) throw Error(Code::kArgument, "unary: unknown op " + std::to_string(op));
  const char* name = UnaryOpName(op);
  CheckSameDtype(out, x, name);
  CheckOutput(shape, out, name);
  CheckView(shape, x, name, "input");
  switch (out.dtype) {
    case DType::kF32:
      return SplitOuter(
          shape, [&](auto&&... v) { UnaryTyped(kernels.f32.unary[op], v...); }, out, x);
    case DType::kF64:
      return SplitOuter(
          shape, [&](auto&&... v) { UnaryTyped(kernels.f64.unary[op], v...); }, out, x);
    case DType::kI32:
      return SplitOuter(
          shape, [&](auto&&... v) { UnaryTyped(kernels.i32.unary[op], v...); }, out, x);
    case DType::kI64:
      return SplitOuter(
          shape, [&](auto&&... v) { UnaryTyped(kernels.i64.unary[op], v...); }, out, x);
    default: throw Error(Code::kDtype, std::string(name) + ": not supported for " + DTypeName(out.dtype));
  }
}

}  // namespace tg
