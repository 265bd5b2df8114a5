#include "random/distributions.h"

#include <cmath>
#include <utility>

#include "random/mt19937.h"

namespace tg {
namespace {

// 2.0f * c10::pi<double>: the double 2 pi that PyTorch's double sampler uses.
constexpr double kTwoPi = 6.283185307179586;

// normal_distribution<double>: Box-Muller from two double uniforms; the sine half is cached.
double NormalDouble(Mt19937& g, double* cache) {
  if (cache[0] != 0) {
    cache[0] = 0;
    return cache[1];
  }
  const double u1 = g.UniformF64();
  const double u2 = g.UniformF64();
  const double r = std::sqrt(-2.0 * std::log(1.0 - u2));
  const double theta = kTwoPi * u1;
  cache[0] = 1;
  cache[1] = r * std::sin(theta);
  return r * std::cos(theta);
}

// normal_fill_16<double>: lanes j and j + 8 of a block of 16 uniforms.
void NormalBlockF64(double* d, double mean, double std) {
  for (int j = 0; j < 8; ++j) {
    const double radius = std::sqrt(-2.0 * std::log(1.0 - d[j]));
    const double theta = kTwoPi * d[j + 8];
    d[j] = std::fma(radius * std::cos(theta), std, mean);
    d[j + 8] = std::fma(radius * std::sin(theta), std, mean);
  }
}

template <class T>
T Uniform(Mt19937& g) {
  if constexpr (sizeof(T) == 4) {
    return g.UniformF32();
  } else {
    return g.UniformF64();
  }
}

template <class T>
void Blocks(const KernelTable& table, T* data, int64_t blocks, double mean, double std) {
  if constexpr (sizeof(T) == 4) {
    table.normal_f32(data, blocks, static_cast<float>(mean), static_cast<float>(std));
  } else {
    for (int64_t b = 0; b < blocks; ++b) NormalBlockF64(data + 16 * b, mean, std);
  }
}

}  // namespace

template <class T>
void UniformFill(uint32_t* state, T* out, int64_t n, T from, T to) {
  Mt19937 g(state);
  const T range = to - from;
  for (int64_t i = 0; i < n; ++i) out[i] = std::fma(Uniform<T>(g), range, from);
  g.Save(state);
}

template <class T>
void NormalFill(const KernelTable& table, uint32_t* state, T* out, int64_t n, double mean, double std, bool serial,
                double* cache) {
  Mt19937 g(state);
  if (n >= 16 && !serial) {
    for (int64_t i = 0; i < n; ++i) out[i] = Uniform<T>(g);
    Blocks(table, out, n / 16, mean, std);
    if (n % 16 != 0) {
      T* tail = out + n - 16;
      for (int i = 0; i < 16; ++i) tail[i] = Uniform<T>(g);
      Blocks(table, tail, 1, mean, std);
    }
  } else {
    for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(std::fma(NormalDouble(g, cache), std, mean));
  }
  g.Save(state);
}

template <class T>
void ExponentialFill(uint32_t* state, T* out, int64_t n, double lambda) {
  Mt19937 g(state);
  for (int64_t i = 0; i < n; ++i) out[i] = static_cast<T>(-1.0 / lambda * std::log(1.0 - g.UniformF64()));
  g.Save(state);
}

void RandpermSteps(uint32_t* state, int32_t* perm, int64_t n, int64_t from, int64_t to) {
  Mt19937 g(state);
  for (int64_t i = from; i < to; ++i) {
    const int64_t z = static_cast<int64_t>(g.Next() % static_cast<uint64_t>(n - i));
    std::swap(perm[i], perm[z + i]);
  }
  g.Save(state);
}

template void UniformFill<float>(uint32_t*, float*, int64_t, float, float);
template void UniformFill<double>(uint32_t*, double*, int64_t, double, double);
template void ExponentialFill<float>(uint32_t*, float*, int64_t, double);
template void ExponentialFill<double>(uint32_t*, double*, int64_t, double);
template void NormalFill<float>(const KernelTable&, uint32_t*, float*, int64_t, double, double, bool, double*);
template void NormalFill<double>(const KernelTable&, uint32_t*, double*, int64_t, double, double, bool, double*);

}  // namespace tg
