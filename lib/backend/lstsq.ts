// Least squares for linalg.lstsq with the results of LAPACK's gelsy (PyTorch's CPU default):
// a QR with column pivoting, the rank from rcond, and the minimum-norm solution of a
// rank-deficient system through a second QR (gelsy's complete orthogonal factorization). Float64
// JS loops over small systems; the solution is rounded to the input's dtype.
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { copyInto, outputRaw } from './raw';
import { batchOf } from './factor';

/** Householder QR in place of a row-major [m, n] (with column pivoting when `perm` is given): R above the diagonal, reflectors below, tau. */
function householder(a: Float64Array, m: number, n: number, tau: Float64Array, perm: Int32Array | null): void {
  const k = Math.min(m, n);
  for (let j = 0; j < k; j++) {
    if (perm !== null) {
      let best = j;
      let bestNorm = -1;
      for (let c = j; c < n; c++) {
        let s = 0;
        for (let i = j; i < m; i++) s += a[i * n + c] * a[i * n + c];
        if (s > bestNorm) {
          bestNorm = s;
          best = c;
        }
      }
      if (best !== j) {
        for (let i = 0; i < m; i++) {
          const t = a[i * n + j];
          a[i * n + j] = a[i * n + best];
          a[i * n + best] = t;
        }
        const t = perm[j];
        perm[j] = perm[best];
        perm[best] = t;
      }
    }
    const alpha = a[j * n + j];
    let xnorm = 0;
    for (let i = j + 1; i < m; i++) xnorm = Math.hypot(xnorm, a[i * n + j]);
    if (xnorm === 0) {
      tau[j] = 0;
      continue;
    }
    const beta = -Math.sign(alpha || 1) * Math.hypot(alpha, xnorm);
    tau[j] = (beta - alpha) / beta;
    for (let i = j + 1; i < m; i++) a[i * n + j] /= alpha - beta;
    a[j * n + j] = beta;
    for (let c = j + 1; c < n; c++) {
      let w = a[j * n + c];
      for (let i = j + 1; i < m; i++) w += a[i * n + j] * a[i * n + c];
      w *= tau[j];
      a[j * n + c] -= w;
      for (let i = j + 1; i < m; i++) a[i * n + c] -= w * a[i * n + j];
    }
  }
}

/** b [m, k] <- Q^T b for the reflectors householder() left in a [m, n]. */
function applyQt(a: Float64Array, m: number, n: number, tau: Float64Array, b: Float64Array, k: number): void {
  for (let j = 0; j < Math.min(m, n); j++) {
    if (tau[j] === 0) continue;
    for (let c = 0; c < k; c++) {
      let w = b[j * k + c];
      for (let i = j + 1; i < m; i++) w += a[i * n + j] * b[i * k + c];
      w *= tau[j];
      b[j * k + c] -= w;
      for (let i = j + 1; i < m; i++) b[i * k + c] -= w * a[i * n + j];
    }
  }
}

/** One system: x [n, k] minimising |A x - B| with the least norm among rank-r solutions; returns r. */
function solveOne(a: Float64Array, m: number, n: number, b: Float64Array, k: number, rcond: number, x: Float64Array): number {
  const perm = Int32Array.from({ length: n }, (_, i) => i);
  const tau = new Float64Array(Math.min(m, n));
  householder(a, m, n, tau, perm);
  applyQt(a, m, n, tau, b, k);
  let r = 0;
  const top = Math.abs(a[0] ?? 0);
  while (r < Math.min(m, n) && Math.abs(a[r * n + r]) > rcond * top && top > 0) r++;
  // T = R[:r, :] (r x n); the least-norm z with T z = c: T^T = Q2 R2, z = Q2 (R2^-T c).
  const t = new Float64Array(n * r);
  for (let i = 0; i < r; i++) for (let c = i; c < n; c++) t[c * r + i] = a[i * n + c];
  const tau2 = new Float64Array(Math.min(n, r));
  householder(t, n, r, tau2, null);
  const z = new Float64Array(n * k);
  for (let c = 0; c < k; c++) {
    for (let i = 0; i < r; i++) {
      let s = b[i * k + c];
      for (let j = 0; j < i; j++) s -= t[j * r + i] * z[j * k + c];
      z[i * k + c] = s / t[i * r + i];
    }
  }
  // z <- Q2 z: the reflectors in reverse order.
  for (let j = Math.min(n, r) - 1; j >= 0; j--) {
    if (tau2[j] === 0) continue;
    for (let c = 0; c < k; c++) {
      let w = z[j * k + c];
      for (let i = j + 1; i < n; i++) w += t[i * r + j] * z[i * k + c];
      w *= tau2[j];
      z[j * k + c] -= w;
      for (let i = j + 1; i < n; i++) z[i * k + c] -= w * t[i * r + j];
    }
  }
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) x[perm[i] * k + c] = z[i * k + c];
  return r;
}

/** gelsy over broadcast A [...batch, m, n] and B [...batch, m, k]: X [...batch, n, k] and the ranks. */
export function lstsqRaw(a: Tensor, b: Tensor, rcond: number): { solution: Tensor; rank: Int32Array } {
  const m = a._shape[a.ndim - 2];
  const n = a._shape[a.ndim - 1];
  const k = b._shape[b.ndim - 1];
  const batch = batchOf(a._shape);
  const batchShape: Shape = a._shape.slice(0, -2);
  const a64 = outputRaw(a._shape, 'float64');
  copyInto(a64, a);
  const b64 = outputRaw(b._shape, 'float64');
  copyInto(b64, b);
  const x64 = outputRaw([...batchShape, n, k], 'float64');
  (x64._storage.data as Float64Array).fill(0);
  const rank = new Int32Array(batch);
  const ad = a64._storage.data as Float64Array;
  const bd = b64._storage.data as Float64Array;
  const xd = x64._storage.data as Float64Array;
  for (let i = 0; i < batch; i++) {
    const ai = ad.slice(i * m * n, (i + 1) * m * n);
    const bi = bd.slice(i * m * k, (i + 1) * m * k);
    rank[i] = solveOne(ai, m, n, bi, k, rcond, xd.subarray(i * n * k, (i + 1) * n * k));
  }
  if (a.dtype === 'float64') return { solution: x64, rank };
  const solution = outputRaw(x64._shape, a.dtype);
  copyInto(solution, x64);
  return { solution, rank };
}
