// Raw entries of the random module: PyTorch's samplers in the addon, over a generator's mt19937
// state (624 words, then left and next), which they update in place.
import { randomNative as native } from './entries_random';

/** Fills `out` with PyTorch's uniform samples on [from, to) (uniform_). */
export function uniformRaw(state: Int32Array, out: Float32Array | Float64Array, from: number, to: number): void {
  native.rngUniform(state, out, from, to);
}

/**
 * Fills `out` with PyTorch's normal samples (normal_), using and refilling the cached Box-Muller
 * value; `serial` draws them one at a time, as PyTorch does for a non-contiguous tensor.
 */
export function normalRaw(state: Int32Array, out: Float32Array | Float64Array, cache: Float64Array, mean: number, std: number, serial = false): void {
  native.rngNormal(state, out, cache, mean, std, serial);
}

/** Fills `out` with PyTorch's exponential samples (exponential_). */
export function exponentialRaw(state: Int32Array, out: Float32Array | Float64Array, lambda: number): void {
  native.rngExponential(state, out, lambda);
}

/** Swap steps [from, to) of PyTorch's randperm over `perm`. */
export function randpermRaw(state: Int32Array, perm: Int32Array, from: number, to: number): void {
  native.rngRandperm(state, perm, from, to);
}
