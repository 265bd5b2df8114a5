// The GEMM micro-kernel and the packing of full panels, one body for every ISA (each
// kernels/<isa>/table.cc instantiates it with its vector traits V). The driver is gemm/gemm.cc.
#pragma once
#include <cstdint>

#include "kernels/table.h"

namespace tg {
namespace body {
namespace {  // internal linkage, see ops.h

// Register-blocked GEMM tile: MR rows of A times NV vectors (NR = NV * kLanes) of packed B,
// accumulated over k in registers and written once. A is packed (MR values per k) or, with
// kInPlace, read where it lies (MR rows lda apart, k contiguous values each).
template <class V, int MR, int NV, bool kInPlace>
void GemmTile(int64_t k, const typename V::T* a, int64_t lda, const typename V::T* b, typename V::T* c, int64_t ldc,
              bool accumulate) {
  constexpr int L = V::kLanes;
  constexpr int NR = NV * L;
  typename V::R acc[MR][NV];
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NV; ++j) acc[i][j] = V::Zero();
    // The tile of C is read or written once, after the loop: start bringing it in now.
    __builtin_prefetch(c + i * ldc, 1);
    __builtin_prefetch(c + i * ldc + NR - 1, 1);
  }
#pragma GCC unroll 4
  for (int64_t p = 0; p < k; ++p) {
    typename V::R bv[NV];
    for (int j = 0; j < NV; ++j) bv[j] = V::Load(b + j * L);
    for (int i = 0; i < MR; ++i) {
      const typename V::R av = V::Set1(a[kInPlace ? i * lda : i]);
      for (int j = 0; j < NV; ++j) acc[i][j] = V::Fma(av, bv[j], acc[i][j]);
    }
    a += kInPlace ? 1 : MR;
    b += NR;
  }
  for (int i = 0; i < MR; ++i) {
    for (int j = 0; j < NV; ++j) {
      typename V::T* dst = c + i * ldc + j * L;
      V::Store(dst, accumulate ? V::Add(V::Load(dst), acc[i][j]) : acc[i][j]);
    }
  }
}

template <class V, int MR, int NV>
void GemmMicro(int64_t k, const typename V::T* a, const typename V::T* b, typename V::T* c, int64_t ldc,
               bool accumulate) {
  GemmTile<V, MR, NV, false>(k, a, 0, b, c, ldc, accumulate);
}

template <class V, int MR, int NV>
void GemmMicroInPlace(int64_t k, const typename V::T* a, int64_t lda, const typename V::T* b, typename V::T* c,
                      int64_t ldc, bool accumulate) {
  GemmTile<V, MR, NV, true>(k, a, lda, b, c, ldc, accumulate);
}

// Packs a full NR-wide sliver of B with unit column stride (kc rows rs apart) into the
// micro-kernel's layout: row after row, NR contiguous values each.
template <class V, int NV>
void PackBSliver(const typename V::T* src, int64_t rs, int64_t kc, typename V::T* dst) {
  constexpr int L = V::kLanes;
  for (int64_t p = 0; p < kc; ++p, src += rs, dst += NV * L) {
    for (int j = 0; j < NV; ++j) V::Store(dst + j * L, V::Load(src + j * L));
  }
}

// Packs a full MR-row panel of A with unit column stride (rows rs apart, kc long): column after
// column, MR contiguous values each. Row by row, so each row is read as one contiguous run.
template <class T, int MR>
void PackAPanel(const T* src, int64_t rs, int64_t kc, T* dst) {
  for (int i = 0; i < MR; ++i) {
    const T* row = src + i * rs;
    for (int64_t p = 0; p < kc; ++p) dst[p * MR + i] = row[p];
  }
}

// Packs a full MR-row panel of A^T's layout (A with unit row stride: kc columns rs apart, MR
// contiguous values each), column after column: each a copy of MR values.
template <class T, int MR>
void PackAColumns(const T* src, int64_t rs, int64_t kc, T* dst) {
  for (int64_t p = 0; p < kc; ++p, src += rs, dst += MR) {
    for (int i = 0; i < MR; ++i) dst[i] = src[i];
  }
}

// The configuration of an MR x (NV vectors) micro-kernel with the portable packing.
template <class V, int MR, int NV>
GemmConfig<typename V::T> MakeGemm(GemmBlocking blocking) {
  using T = typename V::T;
  return {MR,
          NV * V::kLanes,
          blocking,
          &GemmMicro<V, MR, NV>,
          &PackAPanel<T, MR>,
          &PackBSliver<V, NV>,
          &GemmMicroInPlace<V, MR, NV>,
          &PackAColumns<T, MR>,
          &PackAPanel<T, NV * V::kLanes>};
}

}  // namespace
}  // namespace body
}  // namespace tg
