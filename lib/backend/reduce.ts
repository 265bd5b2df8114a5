// Raw reductions: sums (and means) over flagged dims, first extremes along a dim.
import { INDEX_DTYPE } from '../dtype';
import type { Shape } from '../shape';
import { Tensor } from '../tensor';
import { ArgReduceKind } from './codes';
import { deferring } from './deferral';
import { native } from './entries';
import { smallSumInto } from './js_paths';
import { fullRaw, outputRaw } from './raw';

/** Sum over the flagged dims divided by `divisor` (mean's count); the result has the kept dims only. */
export function sumRaw(x: Tensor, reduce: readonly boolean[], divisor: number): Tensor {
  const outShape: number[] = [];
  for (let i = 0; i < reduce.length; i++) if (!reduce[i]) outShape.push(x._shape[i]);
  const out = outputRaw(outShape, x.dtype);
  if (outShape.length === 0 && smallSumInto(out, x, divisor)) return out;
  native.sum(x._shape, x._storage.data, x._strides, x.offset, reduce, out._storage.data, divisor);
  return out;
}

/**
 * A tensor of `shape` filled with the one value of `g` divided by `divisor` (a mean's gradient),
 * computed in JS: the division rounded to the dtype is the kernel's for divisors below 2^24.
 * Null when g's value cannot be read now (calls are being deferred) or the divisor is too large.
 */
export function spreadDivRaw(g: Tensor, shape: Shape, divisor: number): Tensor | null {
  if (deferring() || g.numel !== 1 || divisor >= 2 ** 24) return null;
  return fullRaw(shape, g.item() / divisor, g.dtype);
}

/** The first maximum or minimum along dim with its index (INDEX_DTYPE, int64); the dim is removed. */
export function argReduceRaw(kind: ArgReduceKind, x: Tensor, dim: number): { values: Tensor; indices: Tensor } {
  const shape = x._shape.filter((_, i) => i !== dim);
  const values = Tensor.empty(shape, x.dtype);
  const indices = Tensor.empty(shape, INDEX_DTYPE);
  native.argReduce(kind, x._shape, x._storage.data, x._strides, x.offset, dim, values._storage.data, indices._storage.data as BigInt64Array);
  return { values, indices };
}
