// The random-number exports: PyTorch's samplers over the generator state that lib/random.ts
// owns (an Int32Array of 624 mt19937 words, then left and next), updated in place. Each fills a
// whole contiguous typed array; lib/random.ts shapes it.
#include <algorithm>
#include <string>

#include "cpu/dispatch.h"
#include "napi/args.h"
#include "napi/export_job.h"
#include "napi/exports.h"
#include "random/distributions.h"
#include "random/mt19937.h"

namespace tg {
namespace {

uint32_t* State(const Args& args, const char* op) {
  const View state = args.Buffer(0);
  if (state.dtype != DType::kI32 || state.length != kMtWords) {
    throw Error(Code::kArgument, std::string(op) + ": the generator state must be an Int32Array of " +
                                     std::to_string(kMtWords) + " words");
  }
  auto* words = static_cast<uint32_t*>(state.data);
  if (!Mt19937::Valid(words)) throw Error(Code::kArgument, std::string(op) + ": invalid mt19937 state");
  return words;
}

View FloatOutput(const Args& args, const char* op) {
  const View out = args.Buffer(1);
  if (out.dtype != DType::kF32 && out.dtype != DType::kF64) {
    throw Error(Code::kDtype, std::string(op) + ": expected a float32 or float64 output, got " + DTypeName(out.dtype));
  }
  return out;
}

// rngUniform(state, out) meta: from, to
auto UniformJob(const Napi::CallbackInfo& info) {
  Args args(info, "uniform_", 2);
  uint32_t* state = State(args, "uniform_");
  const View out = FloatOutput(args, "uniform_");
  const double from = args.Number();
  const double to = args.Number();
  return [=]() {
    if (out.dtype == DType::kF32) {
      UniformFill(state, out.As<float>(), out.length, static_cast<float>(from), static_cast<float>(to));
    } else {
      UniformFill(state, out.As<double>(), out.length, from, to);
    }
  };
}

// rngNormal(state, out, cache) meta: mean, std, serial. cache: Float64Array [valid, value], the
// generator's second Box-Muller value, used and refilled.
auto NormalJob(const Napi::CallbackInfo& info) {
  Args args(info, "normal_", 3);
  uint32_t* state = State(args, "normal_");
  const View out = FloatOutput(args, "normal_");
  const View cache = args.Buffer(2);
  if (cache.dtype != DType::kF64 || cache.length != 2) {
    throw Error(Code::kArgument, "normal_: the normal cache must be a Float64Array of 2");
  }
  const double mean = args.Number();
  const double std = args.Number();
  const bool serial = args.Int() != 0;
  return [=]() {
    double* c = cache.As<double>();
    if (out.dtype == DType::kF32) {
      NormalFill(Kernels(), state, out.As<float>(), out.length, mean, std, serial, c);
    } else {
      NormalFill(Kernels(), state, out.As<double>(), out.length, mean, std, serial, c);
    }
  };
}

// rngExponential(state, out) meta: lambda
auto ExponentialJob(const Napi::CallbackInfo& info) {
  Args args(info, "exponential_", 2);
  uint32_t* state = State(args, "exponential_");
  const View out = FloatOutput(args, "exponential_");
  const double lambda = args.Number();
  return [=]() {
    if (out.dtype == DType::kF32) {
      ExponentialFill(state, out.As<float>(), out.length, lambda);
    } else {
      ExponentialFill(state, out.As<double>(), out.length, lambda);
    }
  };
}

// rngRandperm(state, perm) meta: from, to. Swap steps [from, to) over perm (an Int32Array).
auto RandpermJob(const Napi::CallbackInfo& info) {
  Args args(info, "randperm", 2);
  uint32_t* state = State(args, "randperm");
  const View perm = args.Buffer(1);
  if (perm.dtype != DType::kI32) throw Error(Code::kDtype, "randperm: the permutation must be an Int32Array");
  const int64_t from = args.Int();
  const int64_t to = args.Int();
  if (from < 0 || to < from || to > std::max<int64_t>(perm.length - 1, 0)) {
    throw Error(Code::kArgument, "randperm: steps [" + std::to_string(from) + ", " + std::to_string(to) +
                                     ") outside a permutation of " + std::to_string(perm.length));
  }
  return [=]() { RandpermSteps(state, perm.As<int32_t>(), perm.length, from, to); };
}

}  // namespace

void RegisterRandom(Napi::Env env, Napi::Object exports) {
  ExportJob<UniformJob>(env, exports, "rngUniform");
  ExportJob<NormalJob>(env, exports, "rngNormal");
  ExportJob<ExponentialJob>(env, exports, "rngExponential");
  ExportJob<RandpermJob>(env, exports, "rngRandperm");
}

}  // namespace tg
