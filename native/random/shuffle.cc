#include "random/shuffle.h"

#include <utility>

namespace tg {
namespace {

inline uint32_t Rotl(uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

inline uint32_t Next(uint32_t* s) {
  const uint32_t result = Rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = Rotl(s[3], 11);
  return result;
}

// Uniform in [0, n) for 2 <= n <= 2^32: draws at or above 2^32 - (2^32 mod n) are rejected.
inline uint64_t Below(uint32_t* s, uint64_t n) {
  constexpr uint64_t kRange = uint64_t{1} << 32;
  uint64_t x = Next(s);
  if (x >= kRange - n) {
    const uint64_t limit = kRange - kRange % n;
    while (x >= limit) x = Next(s);
  }
  return x % n;
}

}  // namespace

void Shuffle(uint32_t state[4], int32_t* perm, int64_t from, int64_t to) {
  for (int64_t i = from; i > to; --i) std::swap(perm[i], perm[Below(state, static_cast<uint64_t>(i) + 1)]);
}

}  // namespace tg
