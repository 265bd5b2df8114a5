// Independent references for tests: float64 plain-TS implementations and comparison helpers.
import * as tg from '../lib';

export type Nested = number | Nested[];

/** The elements as numbers in row-major order (bools as 0/1; int64 through Number, exact up to 2^53). */
export function flat(x: tg.Tensor): number[] {
  return Array.from(x.dataSync<tg.TypedArray>(), (v: number | bigint) => Number(v));
}

export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-5): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === e) continue; // equal infinities too (their difference is NaN)
    if (Number.isNaN(e)) {
      expect(Number.isNaN(a)).toBe(true);
      continue;
    }
    const err = Math.abs(a - e);
    if (!(err <= tol * Math.max(1, Math.abs(e)))) {
      throw new Error(`element ${i}: got ${a}, expected ${e} (tolerance ${tol})`);
    }
  }
}

/** Deterministic pseudo-random float64 values in [-1, 1) (independent of tensorgrad's generator). */
export function values(n: number, seed: number): Float64Array {
  const out = new Float64Array(n);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[i] = (s / 4294967296) * 2 - 1;
  }
  return out;
}

export function strides(shape: readonly number[]): number[] {
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= shape[i];
  }
  return st;
}

/** Calls f for every multi-index of `shape` in row-major order. */
export function forEachIndex(shape: readonly number[], f: (idx: number[], flat: number) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    f(idx, k);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++idx[d] < shape[d]) break;
      idx[d] = 0;
    }
  }
}

/** A float64 reference of NumPy broadcasting for a binary function. */
export function refBinary(
  a: ArrayLike<number>,
  aShape: readonly number[],
  b: ArrayLike<number>,
  bShape: readonly number[],
  f: (x: number, y: number) => number,
): { shape: number[]; data: Float64Array } {
  const n = Math.max(aShape.length, bShape.length);
  const pa = [...new Array(n - aShape.length).fill(1), ...aShape];
  const pb = [...new Array(n - bShape.length).fill(1), ...bShape];
  const shape = pa.map((s, i) => (s === 1 ? pb[i] : s));
  const sa = strides(pa);
  const sb = strides(pb);
  const data = new Float64Array(shape.reduce((x, y) => x * y, 1));
  forEachIndex(shape, (idx, k) => {
    let ia = 0;
    let ib = 0;
    idx.forEach((v, d) => {
      ia += (pa[d] === 1 ? 0 : v) * sa[d];
      ib += (pb[d] === 1 ? 0 : v) * sb[d];
    });
    data[k] = f(a[ia], b[ib]);
  });
  return { shape, data };
}

/** float64 naive batched matmul of row-major [batch, m, k] x [batch, k, n]. */
export function refMatmul(a: ArrayLike<number>, b: ArrayLike<number>, batch: number, m: number, k: number, n: number): Float64Array {
  const out = new Float64Array(batch * m * n);
  for (let q = 0; q < batch; q++)
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += a[q * m * k + i * k + p] * b[q * k * n + p * n + j];
        out[q * m * n + i * n + j] = s;
      }
  return out;
}

/** Expects fn to throw a TensorError with `code` and a message matching `pattern`. */
export function expectTensorError(fn: () => unknown, code: tg.ErrorCode, pattern?: RegExp | string): void {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(tg.TensorError);
  expect((caught as tg.TensorError).code).toBe(code);
  if (pattern !== undefined) expect((caught as Error).message).toMatch(pattern);
}
