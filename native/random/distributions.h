// PyTorch's CPU sampling algorithms (ATen's DistributionsHelper.h and cpu/DistributionTemplates.h)
// over the mt19937 state of lib/random.ts (random/mt19937.h), for contiguous outputs. Where
// Debian's PyTorch build contracts a * b + c into an FMA, these fuse it explicitly (std::fma), so
// the bits are PyTorch's on every machine.
#pragma once
#include <cstdint>

#include "kernels/table.h"

namespace tg {

// uniform_kernel: out[i] = fma(u, to - from, from), u the generator's raw uniform of T.
template <class T>
void UniformFill(uint32_t* state, T* out, int64_t n, T from, T to);

// normal_kernel: a contiguous tensor of n >= 16 fills n uniforms and transforms blocks of 16 (the
// last block redrawn when 16 does not divide n); fewer, or `serial` (a non-contiguous tensor's
// elements in iteration order), draw normal_distribution<double> one at a time, using and
// refilling the generator's cached second value: cache[0] != 0 when it holds one, cache[1] it.
template <class T>
void NormalFill(const KernelTable& table, uint32_t* state, T* out, int64_t n, double mean, double std, bool serial,
                double* cache);

// exponential_kernel: exponential_distribution<double>: -1 / lambda * log(1 - u), u a double
// uniform, stored in T.
template <class T>
void ExponentialFill(uint32_t* state, T* out, int64_t n, double lambda);

// Steps from <= i < to of randperm_cpu over perm[0..n) (which lib/random.ts fills with 0..n-1
// first): swap perm[i] and perm[i + random() % (n - i)].
void RandpermSteps(uint32_t* state, int32_t* perm, int64_t n, int64_t from, int64_t to);

}  // namespace tg
