#include "kernels/avx2/pack.h"
#include "kernels/avx2/vec.h"
#include "kernels/body/activation_body.h"
#include "kernels/body/gemm_body.h"
#include "kernels/body/kernels_body.h"
#include "kernels/body/optim_body.h"

namespace tg {
namespace avx2 {

// mc, kc, nc: the reference values (kc changes results' bits). A with contiguous rows is read in
// place, 512 deep: 1-2% faster than packing it on Zen 5 with AVX2 forced (mc 48 or 96 alike), at
// every width (packing it from n = 1024 up made no difference: 1.01, 1.00 at n = 1024, 2048).
constexpr GemmBlocking kBlocking{96, 256, 2048, 512, 96, kAnyWidth};
// float64 reads A in place 256 deep, as it packs it: 512 deep was 6% slower at n = 2048.
constexpr GemmBlocking kBlockingF64{96, 256, 2048, 256, 96, kAnyWidth};

KernelTable Table() {
  KernelTable t = ref::Table();
  t.isa = "avx2";
  body::FillElementwise<VecF32>(t.f32);
  body::FillElementwise<VecF64>(t.f64);
  body::FillActivations<VecF32>(t.f32);
  body::FillActivations<VecF64>(t.f64);
  body::FillOptim<VecF32>(t.f32);
  body::FillOptim<VecF64>(t.f64);
  // 6 x 16 floats: 12 accumulators + 2 B vectors + 1 broadcast fit the 16 ymm registers.
  t.f32.gemm = body::MakeGemm<VecF32, 6, 2>(kBlocking);
  t.f32.gemm.pack_a = &PackAPanelF32<6>;
  t.f64.gemm = body::MakeGemm<VecF64, 6, 2>(kBlockingF64);
  t.normal_f32 = &NormalBlocksF32;
  return t;
}

}  // namespace avx2
}  // namespace tg
