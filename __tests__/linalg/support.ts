// Float64 reference helpers for the linalg tests: naive loops over nested arrays.
import * as tg from '../../lib';
import { values } from '../helpers';

export type Mat = number[][];

/** A random [..shape] float64 tensor (values in [-1, 1)) plus `diag` on the last two dims' diagonal. */
export function randMat(shape: number[], seed: number, diag = 0, dtype: tg.DType = 'float64'): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = values(n, seed);
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  for (let i = 0; i < n; i++) if (Math.floor(i / cols) % rows === i % cols) v[i] += diag;
  return tg.tensor(v, { shape, dtype: 'float64' }).to(dtype);
}

export function matmulRef(a: Mat, b: Mat): Mat {
  return a.map((row) => b[0].map((_, j) => row.reduce((s, v, k) => s + v * b[k][j], 0)));
}

export function transposeRef(a: Mat): Mat {
  return a[0].map((_, j) => a.map((row) => row[j]));
}

/** det by cofactor expansion along the first row. */
export function detRef(a: Mat): number {
  const n = a.length;
  if (n === 0) return 1;
  if (n === 1) return a[0][0];
  let d = 0;
  for (let j = 0; j < n; j++) {
    const minor = a.slice(1).map((row) => row.filter((_, c) => c !== j));
    d += (j % 2 === 0 ? 1 : -1) * a[0][j] * detRef(minor);
  }
  return d;
}

export function identity(n: number): Mat {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

export function expectMatClose(actual: Mat, expected: Mat, tol: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) => {
    expect(row.length).toBe(expected[i].length);
    row.forEach((v, j) => {
      if (!(Math.abs(v - expected[i][j]) <= tol * Math.max(1, Math.abs(expected[i][j])))) {
        throw new Error(`[${i}][${j}]: got ${v}, expected ${expected[i][j]} (tolerance ${tol})`);
      }
    });
  });
}

/** The matrices of a [..., m, n] tensor as nested arrays. */
export function matrices(t: tg.Tensor): Mat[] {
  const m = t.shape[t.ndim - 2];
  const n = t.shape[t.ndim - 1];
  const flat = Array.from(t.contiguous().dataSync() as ArrayLike<number>, Number);
  const out: Mat[] = [];
  for (let b = 0; b < flat.length / Math.max(1, m * n); b++) {
    out.push(Array.from({ length: m }, (_, i) => flat.slice(b * m * n + i * n, b * m * n + (i + 1) * n)));
  }
  return out;
}
