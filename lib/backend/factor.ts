// Raw batched factorizations (native/linalg/): LU with partial pivoting, its solve, Cholesky and
// Householder QR, on contiguous row-major copies [batch, m, n]. No autograd, no checks of the
// mathematical kind (singular, not positive-definite): callers read `info` and raise.
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { native } from './entries';
import { cloneRaw, emptyRaw, outputRaw, viewRaw } from './raw';

/** The product of a shape's leading dims (all but the last two). */
export function batchOf(shape: Shape): number {
  let b = 1;
  for (let i = 0; i < shape.length - 2; i++) b *= shape[i];
  return b;
}

export interface LuResult {
  /** L (unit, strictly below the diagonal) and U, in a new contiguous tensor of A's shape. */
  lu: Tensor;
  /** LAPACK's 1-based row interchanges, n per matrix. */
  pivots: Int32Array;
  /** Per matrix: 0, or the 1-based index of the first exactly zero pivot (getrf's info). */
  info: Int32Array;
  /** The factors are A^T's (solves then run getrs with trans). */
  transposed: boolean;
}

/** The last two dims swapped, a view (PyTorch's mT). */
export function mTRaw(a: Tensor): Tensor {
  const nd = a.ndim;
  return viewRaw(
    a,
    [...a._shape.slice(0, -2), a._shape[nd - 1], a._shape[nd - 2]],
    [...a._strides.slice(0, -2), a._strides[nd - 1], a._strides[nd - 2]],
    a.offset,
  );
}

/**
 * getrf over A [..., n, n] (any strides, float), or over A^T when `transposed`: PyTorch's solve
 * and inv factor A^T for a row-major A (LAPACK, column-major, then sees A), so their info (which
 * pivot is zero) is A^T's.
 */
export function luFactorRaw(a: Tensor, transposed = false): LuResult {
  const n = a._shape[a.ndim - 1];
  const batch = batchOf(a._shape);
  const lu = cloneRaw(transposed ? mTRaw(a) : a);
  const pivots = new Int32Array(batch * n);
  const info = new Int32Array(batch);
  if (lu.numel > 0) native.luFactor(batch, n, lu._storage.data, pivots, info);
  return { lu, pivots, info, transposed };
}

/** getrs: A^-1 B for LU factors of [batch, n, n] and B [..., n, k] with the same batch count; B is copied. */
export function luSolveRaw(f: LuResult, b: Tensor): Tensor {
  const n = b._shape[b.ndim - 2];
  const k = b._shape[b.ndim - 1];
  const x = cloneRaw(b);
  if (x.numel > 0) native.luSolve(batchOf(b._shape), n, k, f.transposed, f.lu._storage.data, f.pivots, x._storage.data);
  return x;
}

/**
 * getrf + getrs in one native pass, the factors in scratch: X = A^-1 B for A [..., n, n] (any
 * strides, broadcast batch dims included) and B [..., n, k] of the same batch shape; `transposed`
 * factors A^T (see luFactorRaw). X is meaningless where info is nonzero.
 */
export function solveRaw(a: Tensor, b: Tensor, transposed: boolean): { x: Tensor; info: Int32Array } {
  const n = a._shape[a.ndim - 1];
  const k = b._shape[b.ndim - 1];
  const batch = batchOf(a._shape);
  // One batch stride: more than one batch dim must be contiguous to fold into one, else copied.
  let src = a;
  let sb = 0;
  if (a.ndim === 3) sb = a._strides[0];
  else if (a.ndim > 3) {
    if (!a.isContiguous()) src = cloneRaw(a);
    sb = n * n;
  }
  const x = cloneRaw(b);
  const info = new Int32Array(batch);
  const nd = src.ndim;
  if (x.numel > 0 && n > 0) {
    native.solve(batch, n, k, transposed, src._storage.data, [sb, src._strides[nd - 2], src._strides[nd - 1]], src.offset, x._storage.data, info);
  }
  return { x, info };
}

/** potrf (lower) over A [..., n, n] reading its lower triangle: L (upper part zero) and info. */
export function choleskyRaw(a: Tensor): { l: Tensor; info: Int32Array } {
  const n = a._shape[a.ndim - 1];
  const batch = batchOf(a._shape);
  const l = cloneRaw(a);
  const info = new Int32Array(batch);
  if (l.numel > 0) native.cholesky(batch, n, l._storage.data, info);
  return { l, info };
}

/**
 * geqrf + orgqr over A [..., m, n]: R [..., m, n] (zero below the diagonal) and Q's first `kq`
 * columns [..., m, kq] (kq = 0: Q is empty).
 */
export function qrRaw(a: Tensor, kq: number): { q: Tensor; r: Tensor } {
  const m = a._shape[a.ndim - 2];
  const n = a._shape[a.ndim - 1];
  const batch = batchOf(a._shape);
  const r = cloneRaw(a);
  const q = outputRaw([...a._shape.slice(0, -2), m, kq], a.dtype);
  if (batch > 0 && m > 0) native.qr(batch, m, n, kq, r._storage.data, q._storage.data);
  return { q, r };
}

/** Identity matrices [...batch, n, n] (contiguous). */
export function identityRaw(batch: Shape, n: number, dtype: Tensor['dtype']): Tensor {
  const out = emptyRaw([...batch, n, n], dtype);
  const data = out._storage.data;
  const count = out.numel / Math.max(1, n * n);
  for (let b = 0; b < count; b++) for (let i = 0; i < n; i++) data[b * n * n + i * n + i] = 1;
  return out;
}

/** det from LU factors: the product of U's diagonal, negated once per row interchange. */
export function detFromLuRaw(f: LuResult): Tensor {
  const shape = f.lu._shape;
  const n = shape[shape.length - 1];
  const out = outputRaw(shape.slice(0, -2), f.lu.dtype);
  const lu = f.lu._storage.data as Float32Array | Float64Array;
  const round = f.lu.dtype === 'float32' ? Math.fround : (v: number) => v;
  for (let b = 0; b < out.numel; b++) {
    let d = 1;
    for (let i = 0; i < n; i++) {
      d = round(d * lu[b * n * n + i * n + i]);
      if (f.pivots[b * n + i] !== i + 1) d = -d;
    }
    out._storage.data[b] = d;
  }
  return out;
}

/** A constant [n, n] mask: 1 on and below the diagonal (`lower`) or above it, `diag` on it. */
export function triMaskRaw(n: number, dtype: Tensor['dtype'], lower: boolean, diag: number): Tensor {
  const out = emptyRaw([n, n], dtype);
  const data = out._storage.data;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = i === j ? diag : lower === i > j ? 1 : 0;
  return out;
}
