// What the CPU (and the OS, for register state) supports.
#pragma once

namespace tg {

struct CpuFeatures {
  bool avx2_fma = false;  // AVX2 and FMA3 with YMM state enabled by the OS
  bool avx512f = false;   // AVX-512F with ZMM state enabled by the OS
  bool neon = false;      // AArch64 Advanced SIMD
};

CpuFeatures DetectCpu();

}  // namespace tg
