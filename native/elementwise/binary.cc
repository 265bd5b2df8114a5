#include <cstring>
#include <string>

#include "elementwise/elementwise.h"

namespace tg {

const char* BinaryOpName(int op) {
  static const char* kNames[kNumBinaryOps] = {"add",     "sub",   "mul",   "div",  "pow",      "maximum",
                                              "minimum", "atan2", "hypot", "fmod", "remainder"};
  return op >= 0 && op < kNumBinaryOps ? kNames[op] : "binary";
}

namespace {

template <class T>
void BinaryTyped(const BinaryRunFn<T>* fns, const Dims& shape, const View& out, const View& a, const View& b) {
  T* o = out.As<T>();
  const T* pa = a.As<T>();
  const T* pb = b.As<T>();
  NdLoop<3> loop(shape, {&out.strides, &a.strides, &b.strides}, {out.offset, a.offset, b.offset});
  loop.ForEachRun([&](const int64_t* off, int64_t n, const int64_t* st) {
    T* ro = o + off[0];
    const T* ra = pa + off[1];
    const T* rb = pb + off[2];
    if (st[0] == 1) {
      if (st[1] == 1 && st[2] == 1) return fns[kVecVec](ra, rb, ro, n);
      if (st[1] == 1 && st[2] == 0) return fns[kVecScalar](ra, rb, ro, n);
      if (st[1] == 0 && st[2] == 1) return fns[kScalarVec](ra, rb, ro, n);
    }
    T ba[kChunk], bb[kChunk], bo[kChunk];
    for (int64_t i = 0; i < n; i += kChunk) {
      const int64_t c = n - i < kChunk ? n - i : kChunk;
      const T* ca = GatherChunk(ra + i * st[1], st[1], c, ba);
      const T* cb = GatherChunk(rb + i * st[2], st[2], c, bb);
      T* co = st[0] == 1 ? ro + i : bo;
      fns[kVecVec](ca, cb, co, c);
      if (st[0] != 1) {
        for (int64_t j = 0; j < c; ++j) ro[(i + j) * st[0]] = bo[j];
      }
    }
  });
}

}  // namespace

void Axpy(const KernelTable& kernels, int64_t n, double alpha, const View& x, const View& y) {
  CheckSameDtype(x, y, "axpy");
  const Dims shape{n};
  View xv = x, yv = y;
  xv.strides = yv.strides = Dims{1};
  CheckView(shape, xv, "axpy", "x");
  CheckOutput(shape, yv, "axpy");
  VisitFloat(x.dtype, "axpy", [&](auto tag) {
    using T = typename decltype(tag)::type;
    kernels.For<T>().axpy(n, static_cast<T>(alpha), x.As<T>() + x.offset, y.As<T>() + y.offset);
  });
}

void Binary(const KernelTable& kernels, int op, const Dims& shape, const View& out, const View& a, const View& b) {
  if (op < 0 || op >= kNumBinaryOps) throw Error(Code::kArgument, "binary: unknown op " + std::to_string(op));
  const char* name = BinaryOpName(op);
  CheckSameDtype(out, a, name);
  CheckSameDtype(out, b, name);
  CheckOutput(shape, out, name);
  CheckView(shape, a, name, "first operand");
  CheckView(shape, b, name, "second operand");
  switch (out.dtype) {
    case DType::kF32:
      return SplitOuter(
          shape, [&](auto&&... v) { BinaryTyped(kernels.f32.binary[op], v...); }, out, a, b);
    case DType::kF64:
      return SplitOuter(
          shape, [&](auto&&... v) { BinaryTyped(kernels.f64.binary[op], v...); }, out, a, b);
    case DType::kI32:
      return SplitOuter(
          shape, [&](auto&&... v) { BinaryTyped(kernels.i32.binary[op], v...); }, out, a, b);
    case DType::kI64:
      return SplitOuter(
          shape, [&](auto&&... v) { BinaryTyped(kernels.i64.binary[op], v...); }, out, a, b);
    default: throw Error(Code::kDtype, std::string(name) + ": not supported for " + DTypeName(out.dtype));
  }
}

}  // namespace tg
