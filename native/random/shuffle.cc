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

// Uniform in [0, n) for 2 <= n < 2^32 (here n <= 2^31): draws at or above 2^32 - (2^32 mod n)
// are rejected, all in 32-bit arithmetic.
inline uint32_t Below(uint32_t* s, uint32_t n) {
  uint32_t x = Next(s);
  if (x >= 0u - n) {                     // 2^32 - n: only then can x reach the rejected tail
    const uint32_t tail = (0u - n) % n;  // 2^32 mod n, as 2^32 - n = 2^32 (mod n)
    if (tail != 0) {
      while (x >= 0u - tail) x = Next(s);
    }
  }
  return x % n;
}

}  // namespace

void Shuffle(uint32_t state[4], int32_t* perm, int64_t from, int64_t to) {
  // The state in locals: perm and state are both 32-bit words, so through the pointer every
  // swap would force the state out to memory and back (a store-to-load round trip per draw).
  uint32_t s[4] = {state[0], state[1], state[2], state[3]};
  for (int64_t i = from; i > to; --i) std::swap(perm[i], perm[Below(s, static_cast<uint32_t>(i + 1))]);
  for (int k = 0; k < 4; ++k) state[k] = s[k];
}

}  // namespace tg
