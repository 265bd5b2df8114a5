#include "cpu/dispatch.h"

#include <cstdio>
#include <cstdlib>

#include "cpu/features.h"

namespace tg {
namespace {

KernelTable Decide() {
  const std::vector<std::string> isas = SupportedIsas();
  const char* forced = std::getenv("TENSORGRAD_ISA");
  if (forced && *forced) {
    for (const std::string& isa : isas) {
      if (isa == forced) return TableFor(isa);
    }
    std::fprintf(stderr, "tensorgrad: TENSORGRAD_ISA=%s is not supported on this CPU; using %s\n", forced,
                 isas.back().c_str());
  }
  return TableFor(isas.back());
}

}  // namespace

KernelTable TableFor(const std::string& isa) {
#if defined(__x86_64__)
  if (isa == "avx512") return avx512::Table();
  if (isa == "avx2") return avx2::Table();
#endif
#if defined(__aarch64__)
  if (isa == "neon") return neon::Table();
#endif
  return ref::Table();
}

std::vector<std::string> SupportedIsas() {
  const CpuFeatures f = DetectCpu();
  std::vector<std::string> isas{"ref"};
#if defined(__x86_64__)
  if (f.avx2_fma) isas.push_back("avx2");
  if (f.avx512f) isas.push_back("avx512");
#endif
#if defined(__aarch64__)
  if (f.neon) isas.push_back("neon");
#endif
  return isas;
}

const KernelTable& Kernels() {
  // Immutable after initialisation, so sharing it between worker threads is safe.
  static const KernelTable table = Decide();
  return table;
}

}  // namespace tg
