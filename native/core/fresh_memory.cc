#include "core/fresh_memory.h"

#include <cstdint>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace tg {

namespace {

// [begin, end) of the whole `unit`-aligned blocks inside [p, p + n): advice never reaches
// memory outside the buffer.
bool Inner(void* p, size_t n, uintptr_t unit, uintptr_t* begin, uintptr_t* end) {
  *begin = (reinterpret_cast<uintptr_t>(p) + unit - 1) & ~(unit - 1);
  *end = (reinterpret_cast<uintptr_t>(p) + n) & ~(unit - 1);
  return *end > *begin;
}

}  // namespace

void PrepareFreshMemory(void* p, size_t n) {
#ifdef __linux__
  uintptr_t begin, end;
#ifdef MADV_HUGEPAGE
  if (Inner(p, n, uintptr_t{1} << 21, &begin, &end))
    madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#endif
  // Older headers lack the constant; older kernels answer EINVAL, which leaves the faults to the
  // first write as before.
  constexpr int kPopulateWrite = 23;  // MADV_POPULATE_WRITE
  if (Inner(p, n, 4096, &begin, &end)) madvise(reinterpret_cast<void*>(begin), end - begin, kPopulateWrite);
#else
  (void)p;
  (void)n;
#endif
}

}  // namespace tg
