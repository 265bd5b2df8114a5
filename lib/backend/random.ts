// Raw entries of the random module: shuffles long enough to be worth the crossing.
import { native } from './entries';

/**
 * Fisher-Yates steps from down to to+1 over `perm` in the addon, with the generator state (four
 * int32 words, read and updated): the JS generator's algorithm, so the same permutation.
 */
export function shuffleRaw(state: Int32Array, perm: Int32Array, from: number, to: number): void {
  native.shuffle(state, perm, from, to);
}
