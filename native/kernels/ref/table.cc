#include "kernels/body/activation_body.h"
#include "kernels/body/gemm_body.h"
#include "kernels/body/kernels_body.h"
#include "kernels/body/optim_body.h"
#include "kernels/ref/scalar_vec.h"

namespace tg {
namespace ref {
namespace {

// mc, kc, nc of the GEMM driver (see GemmBlocking).
constexpr GemmBlocking kBlocking{96, 256, 2048};

KernelTable Build() {
  KernelTable t{};
  t.isa = "ref";
  body::FillElementwise<ScalarVec<float>>(t.f32);
  body::FillElementwise<ScalarVec<double>>(t.f64);
  body::FillElementwise<ScalarVec<int32_t>>(t.i32);
  body::FillActivations<ScalarVec<float>>(t.f32);
  body::FillActivations<ScalarVec<double>>(t.f64);
  body::FillOptim<ScalarVec<float>>(t.f32);
  body::FillOptim<ScalarVec<double>>(t.f64);
  body::FillElementwise<ScalarVec<int64_t>>(t.i64);
  t.f32.gemm = body::MakeGemm<ScalarVec<float>, 4, 4>(kBlocking);
  t.f64.gemm = body::MakeGemm<ScalarVec<double>, 4, 4>(kBlocking);
  t.i32.gemm = body::MakeGemm<ScalarVec<int32_t>, 4, 4>(kBlocking);
  t.normal_f32 = &NormalBlocksF32;
  t.i64.gemm = body::MakeGemm<ScalarVec<int64_t>, 4, 4>(kBlocking);
  return t;
}

}  // namespace

const KernelTable& Table() {
  static const KernelTable table = Build();
  return table;
}

}  // namespace ref
}  // namespace tg
