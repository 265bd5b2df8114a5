// Float64 references for the activation tests, from the formulas, independent of tensorgrad.
import type * as tg from '../../lib';

/** erf by its everywhere-positive series erf(x) = 2/sqrt(pi) e^-x^2 sum 2^n x^(2n+1) / (2n+1)!!. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (Math.abs(x) > 6) return Math.sign(x);
  let term = x;
  let sum = x;
  for (let n = 1; n < 400 && Math.abs(term) > 1e-18 * Math.abs(sum); n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
}

const K0 = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
export const ref = {
  gelu: (x: number) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  geluTanh: (x: number) => 0.5 * x * (1 + Math.tanh(K0 * (x + 0.044715 * x * x * x))),
  silu: (x: number) => x / (1 + Math.exp(-x)),
  softplus: (x: number, beta = 1, threshold = 20) => (x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta),
  mish: (x: number) => x * Math.tanh(Math.log1p(Math.exp(x))),
  logSigmoid: (x: number) => Math.min(x, 0) - Math.log1p(Math.exp(-Math.abs(x))),
  elu: (x: number, alpha = 1) => (x > 0 ? x : alpha * Math.expm1(x)),
  leakyRelu: (x: number, slope = 0.01) => (x > 0 ? x : x * slope),
  hardtanh: (x: number, lo = -1, hi = 1) => Math.min(Math.max(x, lo), hi),
};

/** Relative comparison (absolute below 1) that also requires matching NaN, infinities and (where `signedZero`) zero signs. */
export function expectRelClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol: number, signedZero = false): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    const ok = Number.isFinite(e) ? Math.abs(a - e) <= tol * Math.max(Math.abs(e), 1) : Object.is(a, e) || (Number.isNaN(e) && Number.isNaN(a));
    if (!ok || (signedZero && e === 0 && !Object.is(a, e))) throw new Error(`element ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
  }
}

/** softmax / log_softmax along `dim` of a row-major array, in float64. */
export function refSoftmax(data: ArrayLike<number>, shape: readonly number[], dim: number, log: boolean): Float64Array {
  const out = new Float64Array(data.length);
  const n = shape.length === 0 ? 1 : shape[dim];
  const inner = shape.slice(dim + 1).reduce((p, q) => p * q, 1);
  const outer = shape.slice(0, dim).reduce((p, q) => p * q, 1);
  for (let o = 0; o < outer; o++) {
    for (let j = 0; j < inner; j++) {
      const at = (i: number) => (o * n + i) * inner + j;
      let m = -Infinity;
      for (let i = 0; i < n; i++) m = Math.max(m, data[at(i)]);
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.exp(data[at(i)] - m);
      for (let i = 0; i < n; i++) out[at(i)] = log ? data[at(i)] - m - Math.log(s) : Math.exp(data[at(i)] - m) / s;
    }
  }
  return out;
}

export function data(t: tg.Tensor): number[] {
  return Array.from(t.contiguous().dataSync() as ArrayLike<number>);
}
