#include "kernels/avx2/pack.h"
#include "kernels/avx512/vec.h"
#include "kernels/body/activation_body.h"
#include "kernels/body/gemm_body.h"
#include "kernels/body/kernels_body.h"
#include "kernels/body/optim_body.h"

namespace tg {
namespace avx512 {

// mc, kc, nc tuned on AVX-512 hardware (Zen 5, `node bench/gemm.js --compare A.node B.node`):
// A with contiguous rows is read in place, 512 deep (kc_in_place), in blocks of 48 rows, in
// products of fewer than 1024 columns: 0-10% faster there than packing it (no packing, fewer
// passes over C); 640 and 1024 deep were no faster. From 1024 columns up packing A in blocks of
// 192 rows, 512 deep, was 14-16% faster than reading it in place on 1 thread and 14-21% on 2 (n
// = 1024-2048), as was packing A^T so rather than 48 x 384 (6-17%); 256 deep was 7% slower,
// mc 64, 96, 256 and 384 no better at n = 2048, nc 512-4096 no different. Both paths 512 deep:
// the same bits in every layout. Products at most 256 deep pack blocks of 48 rows: 16-20% faster
// than 192 at k = 64-128 and 5% at 256 (n = 2048); at k = 384, 192 rows were best.
constexpr GemmBlocking kBlocking{192, 512, 2048, 512, 48, 1024, 48};
// float64 (16-wide slivers, twice the bytes per value) reads A in place as deep as it packs it:
// 4% faster than packing at n = 256-512; from 1024 columns up packed (96 rows) was 6-11% faster
// than in place (48 rows), and A^T in blocks of 96 rows 1-10% faster than of 48. Products at
// most 192 deep pack blocks of 48 rows: 31% faster at k = 64 (n = 2048), the same at 128-192.
constexpr GemmBlocking kBlockingF64{96, 384, 2048, 384, 48, 1024, 48};

KernelTable Table() {
  KernelTable t = ref::Table();
  t.isa = "avx512";
  body::FillElementwise<VecF32>(t.f32);
  body::FillElementwise<VecF64>(t.f64);
  body::FillActivations<VecF32>(t.f32);
  body::FillActivations<VecF64>(t.f64);
  body::FillOptim<VecF32>(t.f32);
  body::FillOptim<VecF64>(t.f64);
  // 8 x 32 floats: 16 accumulators of the 32 zmm registers, room for loads and broadcasts.
  t.f32.gemm = body::MakeGemm<VecF32, 8, 2>(kBlocking);
  t.f32.gemm.pack_a = &avx2::PackAPanelF32<8>;
  t.f64.gemm = body::MakeGemm<VecF64, 8, 2>(kBlockingF64);
  // 16 uniforms are one AVX2 block; the AVX2 version gives the same bits on any x86 with AVX2.
  t.normal_f32 = &avx2::NormalBlocksF32;
  return t;
}

}  // namespace avx512
}  // namespace tg
