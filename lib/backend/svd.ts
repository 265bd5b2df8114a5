// Singular values (and the singular vectors their gradient needs) by one-sided Jacobi rotations
// (Hestenes), in float64 JS loops over small matrices: enough for the 'nuc' and ±2 matrix norms.
import type { Tensor } from '../tensor';
import { batchOf } from './factor';
import { copyInto, outputRaw } from './raw';

/** One matrix a [m, n] (row-major, m >= n): s [n] descending, u [m, n], v [n, n] (columns). */
function jacobi(a: Float64Array, m: number, n: number): { s: Float64Array; u: Float64Array; v: Float64Array } {
  const u = a.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = u[i * n + p];
          const y = u[i * n + q];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = u[i * n + p];
          const y = u[i * n + q];
          u[i * n + p] = c * x - s * y;
          u[i * n + q] = s * x + c * y;
        }
        for (let i = 0; i < n; i++) {
          const x = v[i * n + p];
          const y = v[i * n + q];
          v[i * n + p] = c * x - s * y;
          v[i * n + q] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let i = 0; i < m; i++) s += u[i * n + j] * u[i * n + j];
    return Math.sqrt(s);
  });
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const s = new Float64Array(n);
  const uo = new Float64Array(m * n);
  const vo = new Float64Array(n * n);
  const tiny = 1e-13 * Math.max(0, ...norms);
  const missing: number[] = [];
  order.forEach((j, k) => {
    s[k] = norms[j];
    if (norms[j] > tiny) for (let i = 0; i < m; i++) uo[i * n + k] = u[i * n + j] / norms[j];
    else missing.push(k);
    for (let i = 0; i < n; i++) vo[i * n + k] = v[i * n + j];
  });
  // Left vectors of (numerically) zero singular values: completed to an orthonormal set
  // (Gram-Schmidt over the unit vectors), so U is orthogonal, as the cofactors by SVD need.
  let e = 0;
  for (const k of missing) {
    for (; e < m; e++) {
      const w = new Float64Array(m);
      w[e] = 1;
      for (let c = 0; c < n; c++) {
        if (c === k || (missing.includes(c) && missing.indexOf(c) > missing.indexOf(k))) continue;
        let d = 0;
        for (let i = 0; i < m; i++) d += uo[i * n + c] * w[i];
        for (let i = 0; i < m; i++) w[i] -= d * uo[i * n + c];
      }
      const len = Math.sqrt(w.reduce((t, x) => t + x * x, 0));
      if (len > 0.5) {
        for (let i = 0; i < m; i++) uo[i * n + k] = w[i] / len;
        e++;
        break;
      }
    }
  }
  return { s, u: uo, v: vo };
}

function cast(t: Tensor, dtype: Tensor['dtype']): Tensor {
  if (t.dtype === dtype) return t;
  const o = outputRaw(t._shape, dtype);
  copyInto(o, t);
  return o;
}

/**
 * Thin SVD of A [..., m, n]: S [..., k] descending (k = min(m, n)), U [..., m, k], V [..., n, k],
 * in A's dtype (computed in float64).
 */
export function svdRaw(a: Tensor): { s: Tensor; u: Tensor; v: Tensor } {
  const m = a._shape[a.ndim - 2];
  const n = a._shape[a.ndim - 1];
  const k = Math.min(m, n);
  const wide = m < n;
  const batch = batchOf(a._shape);
  const lead = a._shape.slice(0, -2);
  const a64 = outputRaw(a._shape, 'float64');
  copyInto(a64, a);
  const s = outputRaw([...lead, k], 'float64');
  const u = outputRaw([...lead, m, k], 'float64');
  const v = outputRaw([...lead, n, k], 'float64');
  const [rows, cols] = wide ? [n, m] : [m, n];
  const data = a64._storage.data as Float64Array;
  for (let b = 0; b < batch; b++) {
    const src = data.subarray(b * m * n, (b + 1) * m * n);
    // A wide matrix goes through its transpose: A^T = V S U^T.
    const x = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) x[wide ? j * m + i : i * n + j] = src[i * n + j];
    const r = jacobi(x, rows, cols);
    (s._storage.data as Float64Array).set(r.s, b * k);
    ((wide ? v : u)._storage.data as Float64Array).set(r.u, b * rows * k);
    ((wide ? u : v)._storage.data as Float64Array).set(r.v, b * cols * k);
  }
  return { s: cast(s, a.dtype), u: cast(u, a.dtype), v: cast(v, a.dtype) };
}
