// Raw tensors: allocation, views, fills, copies and casts. No autograd here; ops' forwards and
// the engine build on these. Callers have checked shapes and dtypes (the addon re-checks).
import { allocate, allocateUninit, INDEX_DTYPE, INT64_MAX, INT64_MIN, isFloating, type DType, type TypedArray } from '../dtype';
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
 * Fills `t` with `value` (fill_, full): an integer tensor refuses a value it cannot hold (NaN,
 * ±Infinity, outside its range) with PyTorch's message, rather than wrapping. A bigint is
 * accepted for every dtype (exact for int64).
 */
export function fillRaw(t: Tensor, value: number | bigint, op = 'fill_'): Tensor {
  checkFillValue(op, t.dtype, value);
  return fillUnchecked(t, value);
}

/** ARGUMENT unless `value` converts to an integer `dtype` without overflow (c10::checked_convert; a fraction truncates). */
export function checkFillValue(op: string, dtype: DType, value: number | bigint): void {
  if (dtype === 'int32') {
    if (typeof value === 'bigint' ? value >= -2147483648n && value <= 2147483647n : value >= -2147483648 && value <= 2147483647) return;
    throw argumentError(`${op}: value cannot be converted to type int32_t without overflow (got ${value})`);
  }
  if (dtype === 'int64') {
    // [-2^63, 2^63): 2^63 itself is a double, and out of range.
    if (typeof value === 'bigint' ? value >= INT64_MIN && value <= INT64_MAX : value >= -(2 ** 63) && value < 2 ** 63) return;
    throw argumentError(`${op}: value cannot be converted to type int64_t without overflow (got ${value})`);
  }
}

/**
 * `value` as an element of `dtype`'s storage, converted as a C++ static_cast from int64 or
 * double: integers wrap to int32/int64, fractions truncate, bool is value != 0.
 */
export function elementOf(dtype: DType, value: number | bigint): number | bigint {
  if (dtype === 'int64')
    return typeof value === 'bigint' ? BigInt.asIntN(64, value) : BigInt.asIntN(64, BigInt(Number.isFinite(value) ? Math.trunc(value) : 0));
  if (typeof value === 'bigint') return dtype === 'int32' ? Number(BigInt.asIntN(32, value)) : dtype === 'bool' ? (value !== 0n ? 1 : 0) : Number(value);
  return dtype === 'bool' ? (value !== 0 ? 1 : 0) : value; // int32: the typed array's store wraps and truncates
}

function fillUnchecked(t: Tensor, value: number | bigint): Tensor {
  const v = elementOf(t.dtype, value);
  if (t.isContiguous() && !deferring()) {
    (t._storage.data as { fill(v: number | bigint, start: number, end: number): unknown }).fill(v, t.offset, t.offset + t.numel);
    return t;
  }
  if (typeof v === 'number' && t.dtype !== 'int32') {
    native.fill(t._shape, t._storage.data, t._strides, t.offset, v);
    return t;
  }
  // Integers: one element holding the exact value, broadcast by a copy (the fill entry takes a double).
  const one = allocate(t.dtype, 1);
  (one as { [i: number]: number | bigint })[0] = v;
  native.copy(t._shape, t._storage.data, t._strides, t.offset, one, new Array<number>(t.ndim).fill(0), 0);
  return t;
}

/** A new contiguous tensor of `value` (checked as fillRaw does, naming `op`). */
export function fullRaw(shape: Shape, value: number | bigint, dtype: DType, op = 'full'): Tensor {
  const t = Tensor.empty(shape, dtype);
  if (Object.is(value, 0) || value === 0n) {
    checkFillValue(op, dtype, value);
    return t; // storage starts +0; -0 must be written
  }
  return fillRaw(t, value, op);
}

export function onesRaw(shape: Shape, dtype: DType): Tensor {
  return fullRaw(shape, 1, dtype);
}

/** A 0-d tensor holding `v` (a wrapped scalar operand). */
export function scalarRaw(v: number | bigint, dtype: DType): Tensor {
  // An operand, not a fill: converted as PyTorch's TensorIterator converts a wrapped number (unchecked).
  const t = Tensor.empty([], dtype);
  return Object.is(v, 0) || v === 0n ? t : fillUnchecked(t, v);
}

/** dst[...] = src broadcast to dst's shape, converting dtype. Writes dst's storage in place. */
export function copyInto(dst: Tensor, src: Tensor): void {
  if (dst.numel === 0) return;
  // Same layout, and a conversion JS performs exactly as the addon does: TypedArray.set.
  const sameKind = dst.dtype === src.dtype || (isFloating(dst.dtype) && isFloating(src.dtype));
  // (TypedArray.set between a BigInt64Array and a number array throws, so int64 mixes go native.)
  if (sameKind && !deferring() && sameShape(dst._shape, src._shape) && dst.isContiguous() && src.isContiguous()) {
    const n = dst.numel;
    // Same kind of array (both bigint or both number), which the union type cannot say.
    (dst._storage.data as Float64Array).set(src._storage.data.subarray(src.offset, src.offset + n) as Float64Array, dst.offset);
    return;
  }
  const st = broadcastStrides(src._shape, src._strides, dst._shape);
  native.copy(dst._shape, dst._storage.data, dst._strides, dst.offset, src._storage.data, st, src.offset);
}

/** A typed array converted to `dtype` with PyTorch's conversion rules (through the addon). */
export function convertArray(src: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, src.length);
  native.copy([src.length], out, [1], 0, src, [1], 0);
  return out;
}

/** Converts elements [at, at + len) of `src` into the same places of `out` (another dtype). */
export function convertSlice(src: TypedArray, out: TypedArray, at: number, len: number): void {
  native.copy([len], out, [1], at, src, [1], at);
}

/**
 * An index result (INDEX_DTYPE, int64) of `shape` from indices computed in JS as numbers: an int64
 * storage holds bigints, so JS loops fill an Int32Array or Float64Array and the addon converts it.
 */
export function indexResultRaw(values: Int32Array | Float64Array, shape: Shape): Tensor {
  return new Tensor(new Storage(convertArray(values, INDEX_DTYPE)), shape, contiguousStrides(shape), 0, INDEX_DTYPE);
}

/** A contiguous copy of `t` converted to `dtype`. */
export function castRaw(t: Tensor, dtype: DType): Tensor {
  const out = outputRaw(t._shape, dtype);
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
