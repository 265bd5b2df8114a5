// Fisher-Yates shuffling with lib/random.ts's generator, for permutations too long for a JS loop.
#pragma once
#include <cstdint>

namespace tg {

// Steps i = from down to to + 1 of Fisher-Yates over perm: swaps perm[i] with perm[j], j drawn
// uniformly in [0, i] from the xoshiro128** state (four words, updated in place) by rejection,
// exactly as Generator.nextBelow does, so a state gives the same permutation here and in JS.
void Shuffle(uint32_t state[4], int32_t* perm, int64_t from, int64_t to);

}  // namespace tg
