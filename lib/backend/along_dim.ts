// Raw kernels that work along dims of a tensor laid out as [outer, n, inner]: var/mean, running
// sums and products, sort and topk. Inputs are made contiguous here (a no-op when they are).
import { INDEX_DTYPE, type DType } from '../dtype';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { stateError } from '../errors';
import { deferring } from './deferral';
import { native } from './entries';
import { contiguousRaw, outputRaw } from './raw';

export interface Lines {
  /** Contiguous, in the layout of outer/n/inner. */
  x: Tensor;
  outer: number;
  n: number;
  inner: number;
}

const prod = (s: Shape, from: number, to: number): number => {
  let p = 1;
  for (let i = from; i < to; i++) p *= s[i];
  return p;
};

/** x as [outer, shape[dim], inner]. */
export function linesAlong(x: Tensor, dim: number): Lines {
  return { x: contiguousRaw(x), outer: prod(x._shape, 0, dim), n: x._shape[dim], inner: prod(x._shape, dim + 1, x.ndim) };
}

/**
 * x as [outer, n, inner] with n the product of the flagged dims: in place when they are adjacent,
 * else with the kept dims moved first (a copy).
 */
export function linesOver(x: Tensor, flags: readonly boolean[]): Lines {
  const dims = flags.flatMap((f, i) => (f ? [i] : []));
  if (dims.length === 0) return { x: contiguousRaw(x), outer: x.numel, n: 1, inner: 1 };
  const first = dims[0];
  const last = dims[dims.length - 1];
  if (last - first + 1 === dims.length) {
    return { x: contiguousRaw(x), outer: prod(x._shape, 0, first), n: prod(x._shape, first, last + 1), inner: prod(x._shape, last + 1, x.ndim) };
  }
  const kept = flags.flatMap((f, i) => (f ? [] : [i]));
  const moved = x.permute([...kept, ...dims]);
  const n = prod(
    dims.map((d) => x._shape[d]),
    0,
    dims.length,
  );
  return { x: contiguousRaw(moved), outer: x.numel / Math.max(n, 1), n, inner: 1 };
}

/** Variance and mean over the flagged dims (dropped from the shape), PyTorch's divisor max(0, n - correction). */
export function varMeanRaw(x: Tensor, flags: readonly boolean[], correction: number): { v: Tensor; mean: Tensor } {
  const shape = x._shape.filter((_, i) => !flags[i]);
  const l = linesOver(x, flags);
  const v = outputRaw(shape, x.dtype);
  const mean = outputRaw(shape, x.dtype);
  // outer is exact only when n > 0; an empty reduction has outer * inner outputs all the same.
  const outer = l.n === 0 ? v.numel : l.outer;
  native.varMean(outer, l.n, l.n === 0 ? 1 : l.inner, l.x._storage.data, l.x.offset, correction, v._storage.data, mean._storage.data);
  return { v, mean };
}

export const enum CumulativeKind {
  Sum = 0,
  Prod = 1,
}

/** Running sum or product along dim, in x's dtype (accumulated in double or int64). */
export function cumulativeRaw(kind: CumulativeKind, x: Tensor, dim: number): Tensor {
  const l = linesAlong(x, dim);
  const out = outputRaw(x._shape, x.dtype);
  native.cumulative(kind, l.outer, l.n, l.inner, l.x._storage.data, l.x.offset, out._storage.data);
  return out;
}

/** Sorted values and their indices (INDEX_DTYPE) along dim. */
export function sortRaw(x: Tensor, dim: number, descending: boolean, stable: boolean): { values: Tensor; indices: Tensor } {
  const l = linesAlong(x, dim);
  const values = outputRaw(x._shape, x.dtype);
  const indices = outputRaw(x._shape, INDEX_DTYPE);
  native.sort(l.outer, l.n, l.inner, l.x._storage.data, l.x.offset, descending, stable, values._storage.data, indices._storage.data);
  return { values, indices };
}

/** The k largest (or smallest) along dim, PyTorch's selection and order. */
export function topkRaw(x: Tensor, dim: number, k: number, largest: boolean, sorted: boolean): { values: Tensor; indices: Tensor } {
  const l = linesAlong(x, dim);
  const shape = x._shape.map((s, i) => (i === dim ? k : s));
  const values = outputRaw(shape, x.dtype);
  const indices = outputRaw(shape, INDEX_DTYPE);
  native.topk(l.outer, l.n, l.inner, l.x._storage.data, l.x.offset, k, largest, sorted, values._storage.data, indices._storage.data);
  return { values, indices };
}

/** dtype of a sum or product of integers: PyTorch's int64, the widest integer this build has. */
export function wideInt(): DType {
  return INDEX_DTYPE;
}

/** For ops that read results in TypeScript (median's pick, prod's loop): not while an async op is being queued. */
export function checkReadable(op: string): void {
  if (deferring()) throw stateError(`${op}: has no Promise variant and cannot run inside an async op (its data is read in TypeScript)`);
}
