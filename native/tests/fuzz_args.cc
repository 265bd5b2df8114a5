// libFuzzer target for the native boundary: every driver the N-API layer calls, with shapes,
// strides, offsets, dims, indices and buffer lengths taken from the fuzz input. A tg::Error is
// the expected answer to bad input; a crash, a sanitizer report or a hang is a bug.
// Built and run by scripts/fuzz.sh (clang -fsanitize=fuzzer,address,undefined).
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "core/error.h"
#include "cpu/dispatch.h"
#include "elementwise/elementwise.h"
#include "gemm/gemm.h"
#include "indexing/gather.h"
#include "indexing/index_select.h"
#include "optim/optim.h"
#include "reduce/arg_reduce.h"
#include "reduce/reduce.h"

namespace {

class Input {
 public:
  Input(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  int64_t Small(int64_t lo, int64_t hi) {  // in [lo, hi]
    const uint8_t b = Byte();
    return lo + static_cast<int64_t>(b) % (hi - lo + 1);
  }
  int64_t Any() {  // an arbitrary int64, often hostile
    int64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | Byte();
    switch (Byte() % 4) {
      case 0: return v;
      case 1: return static_cast<int8_t>(v);
      default: return static_cast<int64_t>(v & 15);
    }
  }
  uint8_t Byte() { return p_ < end_ ? *p_++ : 0; }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

struct Buffer {
  std::vector<uint8_t> bytes;
  tg::View view;
};

// A buffer of a fuzzed dtype and length (at most 256 elements) with fuzzed strides and offset.
Buffer MakeBuffer(Input& in, size_t ndim, tg::DType dtype) {
  Buffer b;
  const int64_t length = in.Small(0, 255);
  b.bytes.assign(static_cast<size_t>(length) * tg::DTypeSize(dtype) + 8, 0);
  for (auto& x : b.bytes) x = in.Byte();
  b.view.data = b.bytes.data();
  b.view.length = length;
  b.view.dtype = dtype;
  for (size_t i = 0; i < ndim; ++i) b.view.strides.push_back(in.Any());
  b.view.offset = in.Any();
  return b;
}

tg::DType AnyDtype(Input& in) { return static_cast<tg::DType>(in.Small(0, 4)); }  // kF32 .. kI64

// Every kernel table this CPU runs; each input picks one by its size, so the corpus's inputs
// still parse as before.
const std::vector<tg::KernelTable>& Tables() {
  static const std::vector<tg::KernelTable> tables = [] {
    std::vector<tg::KernelTable> t;
    for (const std::string& isa : tg::SupportedIsas()) t.push_back(tg::TableFor(isa));
    return t;
  }();
  return tables;
}

// Keeps the work bounded: inputs may broadcast (stride 0) over huge shapes, legitimately slow.
bool Bounded(const tg::Dims& shape) {
  int64_t n = 1;
  for (int64_t s : shape) {
    if (s < 0 || s > 64) return false;
    n *= s;
  }
  return n <= 4096;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Input in(data, size);
  const tg::KernelTable& kernels = Tables()[size % Tables().size()];
  const int which = static_cast<int>(in.Small(0, 13));
  const size_t ndim = static_cast<size_t>(in.Small(0, 4));
  tg::Dims shape;
  for (size_t i = 0; i < ndim; ++i) shape.push_back(in.Small(-1, 8));
  const tg::DType dtype = AnyDtype(in);
  try {
    Buffer a = MakeBuffer(in, ndim, dtype), b = MakeBuffer(in, ndim, in.Small(0, 3) ? dtype : AnyDtype(in));
    Buffer o = MakeBuffer(in, ndim, in.Small(0, 3) ? dtype : AnyDtype(in));
    const int op = static_cast<int>(in.Small(-1, 10));
    const int64_t dim = in.Small(-2, 5);
    if (!Bounded(shape) && which != 9) return 0;
    switch (which) {
      case 0: tg::Binary(kernels, op, shape, o.view, a.view, b.view); break;
      case 1: tg::Unary(kernels, op, shape, o.view, a.view); break;
      case 2: tg::Copy(shape, o.view, a.view); break;
      case 3: tg::Fill(shape, o.view, static_cast<double>(in.Any())); break;
      case 4: tg::CompareOp(op, shape, o.view, a.view, b.view); break;
      case 5: {
        tg::Dims flags;
        for (size_t i = 0; i < ndim + in.Small(0, 1); ++i) flags.push_back(in.Byte() & 1);
        tg::ReduceSum(kernels, shape, a.view, flags, o.view, 2.0);
        break;
      }
      case 6: tg::ArgReduce(op & 1, shape, a.view, dim, o.view, b.view); break;
      case 7: {
        std::vector<int32_t> index(static_cast<size_t>(in.Small(0, 6)));
        for (auto& v : index) v = static_cast<int32_t>(in.Any());
        tg::IndexSelect(shape, a.view, dim, index.data(), static_cast<int64_t>(index.size()), o.view);
        tg::IndexAdd(kernels, shape, o.view, dim, index.data(), static_cast<int64_t>(index.size()), a.view);
        break;
      }
      case 8: {
        tg::Dims ishape = shape;
        tg::View index = b.view;
        // int32 or int64 indices (every index argument takes both), read from the same bytes.
        index.dtype = b.bytes.size() % 2 ? tg::DType::kI64 : tg::DType::kI32;
        index.length = static_cast<int64_t>(b.bytes.size() / tg::DTypeSize(index.dtype)) - 1;
        tg::Gather(shape, a.view, dim, ishape, index, o.view);
        tg::ScatterAdd(shape, o.view, dim, ishape, index, a.view);
        break;
      }
      case 9: {
        tg::Dims as{in.Small(0, 6), in.Small(0, 9), in.Small(0, 9)};
        tg::Dims bs{as[0], in.Small(0, 9), in.Small(0, 9)};
        a.view.strides = {in.Any(), in.Any(), in.Any()};
        b.view.strides = {in.Any(), in.Any(), in.Any()};
        tg::Matmul(kernels, as, a.view, bs, b.view, o.view);
        break;
      }
      case 10: tg::Where(shape, o.view, b.view, a.view, a.view); break;
      case 11: tg::Axpy(kernels, in.Small(-1, 300), 0.5, a.view, o.view); break;
      case 13: {
        tg::OptimHyper h{};
        h.op = in.Small(-1, tg::kNumOptimOps);
        for (bool& has : h.has) has = in.Byte() & 1;
        h.maximize = in.Byte() & 1;
        h.rectify = in.Byte() & 1;
        for (double& c : h.c) c = 0.5;
        const tg::View state[3] = {b.view, a.view, b.view};
        tg::OptimStep(in.Small(-1, 300), o.view, a.view, state, h);
        break;
      }
      default: {
        tg::AdamHyper h{
            0.01,           0.9, 0.999, 1e-8, 0.01, static_cast<bool>(in.Byte() & 1), static_cast<bool>(in.Byte() & 1),
            in.Small(-1, 3)};
        tg::AdamStep(in.Small(-1, 300), o.view, a.view, b.view, b.view, a.view, h);
        tg::SgdHyper s{0.1, 0.9, 0, 0.01, false, static_cast<bool>(in.Byte() & 1)};
        tg::SgdStep(in.Small(-1, 300), o.view, a.view, b.view, s);
      }
    }
  } catch (const tg::Error&) {
    // The expected answer to hostile input.
  }
  return 0;
}
