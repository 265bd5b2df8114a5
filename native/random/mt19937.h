// PyTorch's CPU generator (at::mt19937, ATen/core/MT19937RNGEngine.h): the 32-bit Mersenne
// Twister with PyTorch's seeding and its left/next bookkeeping, over a state that lib/random.ts
// owns: 624 words, then left, then next (an Int32Array of kMtWords), updated in place.
#pragma once
#include <cstdint>

namespace tg {

constexpr int kMtN = 624;
constexpr int kMtM = 397;
constexpr int kMtWords = kMtN + 2;

class Mt19937 {
 public:
  // Copies the state in; Save() writes it back. Locals keep the hot loop off the shared array.
  explicit Mt19937(const uint32_t* words) {
    for (int i = 0; i < kMtN; ++i) s_[i] = words[i];
    left_ = static_cast<int32_t>(words[kMtN]);
    next_ = words[kMtN + 1];
  }
  void Save(uint32_t* words) const {
    for (int i = 0; i < kMtN; ++i) words[i] = s_[i];
    words[kMtN] = static_cast<uint32_t>(left_);
    words[kMtN + 1] = next_;
  }
  // What PyTorch's mt19937::is_valid() accepts (left in [1, 624], next <= 624).
  static bool Valid(const uint32_t* words) {
    const auto left = static_cast<int32_t>(words[kMtN]);
    return left > 0 && left <= kMtN && words[kMtN + 1] <= static_cast<uint32_t>(kMtN);
  }

  uint32_t Next() {
    if (--left_ == 0) Twist();
    uint32_t y = s_[next_++];
    y ^= (y >> 11);
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    y ^= (y >> 18);
    return y;
  }
  // CPUGeneratorImpl::random64: the first draw is the high word.
  uint64_t Next64() {
    const uint64_t hi = Next();
    return (hi << 32) | Next();
  }
  // uniform_real_distribution's raw value: the low 24 (float) or 53 (double) bits, scaled.
  float UniformF32() { return static_cast<float>(Next() & 0xffffffu) * (1.0f / 16777216.0f); }
  double UniformF64() { return static_cast<double>(Next64() & ((uint64_t{1} << 53) - 1)) * (1.0 / 9007199254740992.0); }

 private:
  static uint32_t Twisted(uint32_t u, uint32_t v) {
    return (((u & 0x80000000u) | (v & 0x7fffffffu)) >> 1) ^ ((v & 1u) ? 0x9908b0dfu : 0u);
  }
  void Twist() {
    left_ = kMtN;
    next_ = 0;
    int i = 0;
    for (; i < kMtN - kMtM; ++i) s_[i] = s_[i + kMtM] ^ Twisted(s_[i], s_[i + 1]);
    for (; i < kMtN - 1; ++i) s_[i] = s_[i + kMtM - kMtN] ^ Twisted(s_[i], s_[i + 1]);
    s_[kMtN - 1] = s_[kMtM - 1] ^ Twisted(s_[kMtN - 1], s_[0]);
  }

  uint32_t s_[kMtN];
  int32_t left_;
  uint32_t next_;
};

}  // namespace tg
