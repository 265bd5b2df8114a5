// Raw tensors: allocation, views, fills, copies and casts. No autograd here; ops' forwards and
// the engine build on these. Callers have checked shapes and dtypes (the addon re-checks).
import { allocate, allocateUninit, isFloating, type DType, type TypedArray } from '../dtype';
import { broadcastStrides, contiguousStrides, numelOf, sameShape, type Shape } from '../shape';
import { argumentError } from '../errors';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { deferring } from './deferral';
import { native } from './entries';

export function emptyRaw(shape: Shape, dtype: DType): Tensor {
  return Tensor.empty(shape, dtype);
}

/**
 * A contiguous output for a kernel that writes every element of it (contents unspecified until
 * then; see allocateUninit). Zero-initialised outputs (accumulations) use emptyRaw.
 */
export function outputRaw(shape: Shape, dtype: DType): Tensor {
  return new Tensor(new Storage(allocateUninit(dtype, numelOf(shape))), shape, contiguousStrides(shape), 0, dtype);
}

/**
 * Fills `t` with `value` (fill_, full): an int32 tensor refuses a value it cannot hold (NaN,
 * ±Infinity, outside [-2^31, 2^31 - 1]) with PyTorch's message, rather than saturating.
 */
export function fillRaw(t: Tensor, value: number, op = 'fill_'): Tensor {
  if (t.dtype === 'int32') checkInt32(op, value);
  return fillUnchecked(t, value);
}

/** ARGUMENT unless `value` converts to int32 without overflow (c10::checked_convert; a fraction truncates). */
export function checkInt32(op: string, value: number): void {
  if (!(value >= -2147483648 && value <= 2147483647)) throw argumentError(`${op}: value cannot be converted to type int32_t without overflow (got ${value})`);
}

function fillUnchecked(t: Tensor, value: number): Tensor {
  // A contiguous fill whose value converts the same way in JS is TypedArray.fill.
  const exact = t.dtype === 'bool' || isFloating(t.dtype) || (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647);
  if (exact && t.isContiguous() && !deferring()) {
    const v = t.dtype === 'bool' ? (value !== 0 ? 1 : 0) : value;
    t._storage.data.fill(v, t.offset, t.offset + t.numel);
    return t;
  }
  native.fill(t.shape, t._storage.data, t.strides, t.offset, value);
  return t;
}

/** A new contiguous tensor of `value` (checked as fillRaw does, naming `op`). */
export function fullRaw(shape: Shape, value: number, dtype: DType, op = 'full'): Tensor {
  const t = Tensor.empty(shape, dtype);
  return Object.is(value, 0) ? t : fillRaw(t, value, op); // storage starts +0; -0 must be written
}

export function onesRaw(shape: Shape, dtype: DType): Tensor {
  return fullRaw(shape, 1, dtype);
}

/** A 0-d tensor holding `v` (a wrapped scalar operand). */
export function scalarRaw(v: number, dtype: DType): Tensor {
  // An operand, not a fill: converted as PyTorch's TensorIterator converts a wrapped number (unchecked).
  const t = Tensor.empty([], dtype);
  return Object.is(v, 0) ? t : fillUnchecked(t, v);
}

/** dst[...] = src broadcast to dst's shape, converting dtype. Writes dst's storage in place. */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (dst.numel === 0) return;
  // Same layout, and a conversion JS performs exactly as the addon does: TypedArray.set.
  const sameKind = dst.dtype === src.dtype || (isFloating(dst.dtype) && isFloating(src.dtype));
  if (sameKind && !deferring() && sameShape(dst.shape, src.shape) && dst.isContiguous() && src.isContiguous()) {
    const n = dst.numel;
    dst._storage.data.set(src._storage.data.subarray(src.offset, src.offset + n), dst.offset);
    return;
  }
  const st = broadcastStrides(src.shape, src.strides, dst.shape);
  native.copy(dst.shape, dst._storage.data, dst.strides, dst.offset, src._storage.data, st, src.offset);
}

/** A typed array converted to `dtype` with PyTorch's conversion rules (through the addon). */
export function convertArray(src: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, src.length);
  native.copy([src.length], out, [1], 0, src, [1], 0);
  return out;
}

/** A contiguous copy of `t` converted to `dtype`. */
export function castRaw(t: Tensor, dtype: DType): Tensor {
  const out = outputRaw(t.shape, dtype);
  copyInto(out, t);
  return out;
}

export function cloneRaw(t: Tensor): Tensor {
  return castRaw(t, t.dtype);
}

/** A tensor viewing `t`'s storage with new geometry (sharing its version counter). */
export function viewRaw(t: Tensor, shape: Shape, strides: readonly number[], offset: number): Tensor {
  const v = new Tensor(t._storage, shape, strides, offset, t.dtype, t._version);
  v._base = t._base ?? t;
  return v;
}

/** A contiguous tensor over `data` from element `offset` (no copy, its own version counter). */
export function fromStorage(data: Storage, shape: Shape, dtype: DType, offset = 0): Tensor {
  return new Tensor(data, shape, contiguousStrides(shape), offset, dtype);
}

/** `t` itself when contiguous, else a contiguous copy. */
export function contiguousRaw(t: Tensor): Tensor {
  return t.isContiguous() ? t : cloneRaw(t);
}
