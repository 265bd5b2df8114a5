// Typed entries of the random-number exports (native/napi/exports_random.cc): each writes the
// metadata in the order its export reads it and runs it now (a draw advances the generator's
// state at once, even while async ops are being queued).
import { beginMeta, jobs, putNum, runNow } from './native';

export const randomNative = {
  /** Fills `out` from PyTorch's uniform sampler over [from, to) (native/random/distributions.h); always runs now. */
  rngUniform(state: Int32Array, out: Float32Array | Float64Array, from: number, to: number): void {
    beginMeta();
    putNum(from);
    putNum(to);
    runNow(jobs.rngUniform, state, out);
  },

  /** Fills `out` from PyTorch's normal sampler, using and refilling `cache` ([valid, value]); always runs now. */
  rngNormal(state: Int32Array, out: Float32Array | Float64Array, cache: Float64Array, mean: number, std: number, serial: boolean): void {
    beginMeta();
    putNum(mean);
    putNum(std);
    putNum(serial ? 1 : 0);
    runNow(jobs.rngNormal, state, out, cache);
  },

  /** Fills `out` from PyTorch's exponential sampler; always runs now. */
  rngExponential(state: Int32Array, out: Float32Array | Float64Array, lambda: number): void {
    beginMeta();
    putNum(lambda);
    runNow(jobs.rngExponential, state, out);
  },

  /** Swap steps [from, to) of PyTorch's randperm over `perm`; always runs now. */
  rngRandperm(state: Int32Array, perm: Int32Array, from: number, to: number): void {
    beginMeta();
    putNum(from);
    putNum(to);
    runNow(jobs.rngRandperm, state, perm);
  },
};
