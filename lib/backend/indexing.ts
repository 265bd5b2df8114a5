// Raw gathers and scatters along a dim (indices checked by the caller; the addon re-checks).
import { allocate } from '../dtype';
import { stateError } from '../errors';
import type { Shape } from '../shape';
import { Tensor } from '../tensor';
import { deferring } from './deferral';
import { native } from './entries';
import { smallIndexSelect } from './js_paths';
import { outputRaw } from './raw';

/**
 * The index an index_select may keep: a private copy (in pooled memory) when `keep` (saved for
 * backward) or when a queued async kernel reads it later, so later writes to the caller's index
 * change neither; else the index itself.
 */
export function stableIndex(index: Int32Array, keep: boolean): Int32Array {
  if (!keep && !deferring()) return index;
  const copy = allocate('int32', index.length) as Int32Array;
  copy.set(index);
  return copy;
}

export function gatherRaw(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = outputRaw(index._shape, x.dtype);
  native.gather(
    x._shape,
    x._storage.data,
    x._strides,
    x.offset,
    dim,
    index._shape,
    index._storage.data as Int32Array | BigInt64Array,
    index._strides,
    index.offset,
    out._storage.data,
  );
  return out;
}

/** zeros(shape).scatter_add_(dim, index, src) into a new contiguous tensor. */
export function scatterAddRaw(shape: Shape, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = Tensor.empty(shape, src.dtype);
  native.scatterAdd(
    shape,
    out._storage.data,
    dim,
    index._shape,
    index._storage.data as Int32Array | BigInt64Array,
    index._strides,
    index.offset,
    src._storage.data,
    src._strides,
    src.offset,
  );
  return out;
}

/** x.index_select(dim, index) into a new contiguous tensor. */
export function indexSelectRaw(x: Tensor, dim: number, index: Int32Array): Tensor {
  const shape = x._shape.slice();
  if (shape.length > 0) shape[dim] = index.length;
  const out = outputRaw(shape, x.dtype);
  if (smallIndexSelect(out, x, dim, index)) return out;
  native.indexSelect(x._shape, x._storage.data, x._strides, x.offset, dim, index, out._storage.data);
  return out;
}

/** zeros(shape).index_add_(dim, index, src) into a new contiguous tensor. */
export function indexAddRaw(shape: Shape, dim: number, index: Int32Array, src: Tensor): Tensor {
  const out = Tensor.empty(shape, src.dtype);
  native.indexAdd(shape, out._storage.data, dim, index, src._storage.data, src._strides, src.offset);
  return out;
}

/** out.scatter_add_(dim, index, src) into `out`, a contiguous tensor of its own storage from offset 0. */
export function scatterAddInto(out: Tensor, dim: number, index: Tensor, src: Tensor): void {
  native.scatterAdd(
    out._shape,
    out._storage.data,
    dim,
    index._shape,
    index._storage.data as Int32Array,
    index._strides,
    index.offset,
    src._storage.data,
    src._strides,
    src.offset,
  );
}

/** out.index_add_(dim, index, src) into `out`, a contiguous tensor of its own storage from offset 0. */
export function indexAddInto(out: Tensor, dim: number, index: Int32Array, src: Tensor): void {
  native.indexAdd(out._shape, out._storage.data, dim, index, src._storage.data, src._strides, src.offset);
}

/**
 * Refuses to run a JS loop over tensor data while an async op is being queued (its inputs may
 * not be computed yet): a STATE error naming the op.
 */
export function checkImmediate(op: string): void {
  if (deferring()) throw stateError(`${op}: runs its loop in JS and cannot be part of an async op`);
}
