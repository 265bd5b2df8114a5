// Tensor creation: from data, constants and ranges. Default dtype float32 (API.md).
import { allocate, checkDType, dtypeOfArray, isIntegral, type DType, type TypedArray } from './dtype';
import { argumentError, shapeError } from './errors';
import { checkTensor } from './backend/operand';
import { checkFillValue, convertArray, elementOf, fullRaw } from './backend/raw';
import { contiguousStrides, fmt, MAX_DIMS, numelOf, optionsArg, shapeArg, show, sizeAndOptions } from './shape';
import { Storage } from './storage';
import { Tensor, type NestedArray } from './tensor';

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

export interface FromDataOptions extends TensorOptions {
  /** The shape of a flat TypedArray or array (default: 1-D). */
  shape?: readonly number[];
}

function finish(t: Tensor, opts: TensorOptions | undefined): Tensor {
  if (opts?.requiresGrad !== undefined) t.requiresGrad = opts.requiresGrad;
  return t;
}

function dtypeOpt(op: string, opts: TensorOptions | undefined, fallback: DType): DType {
  return opts?.dtype === undefined ? fallback : checkDType(opts.dtype, op);
}

type Kind = 'bool' | 'int64' | 'float32';

/** Shape and flat values of nested arrays, checking that they are rectangular, and the dtype they suggest. */
function flatten(data: NestedArray): { shape: number[]; values: (number | bigint)[]; kind: Kind } {
  const shape: number[] = [];
  let probe: NestedArray = data;
  while (Array.isArray(probe)) {
    // Bounded, so a self-referencing array is an error, not an endless walk (PyTorch: "too many dimensions").
    if (shape.length === MAX_DIMS) throw argumentError(`tensor: too many dimensions (nested arrays deeper than ${MAX_DIMS})`);
    shape.push(probe.length);
    if (probe.length === 0) break;
    probe = probe[0];
  }
  const values: (number | bigint)[] = [];
  let sawNumber = false;
  let sawBigint = false;
  const walk = (v: NestedArray, dim: number): void => {
    if (dim === shape.length) {
      if (Array.isArray(v)) throw shapeError(`tensor: expected a number at dim ${dim}, got a sequence`);
      if (typeof v === 'boolean') values.push(v ? 1 : 0);
      else if (typeof v === 'number') {
        values.push(v);
        sawNumber = true;
      } else if (typeof v === 'bigint') {
        values.push(v);
        sawBigint = true;
      } else throw argumentError(`tensor: could not convert ${show(v)} (${typeof v}) to a number`);
      return;
    }
    if (!Array.isArray(v)) throw shapeError(`tensor: expected sequence of length ${shape[dim]} at dim ${dim} (got a number)`);
    if (v.length !== shape[dim]) throw shapeError(`tensor: expected sequence of length ${shape[dim]} at dim ${dim} (got ${v.length})`);
    for (const x of v) walk(x, dim + 1);
  };
  walk(data, 0);
  // As PyTorch infers from Python values: a float (any JS number) wins, then an int (bigint), then bool.
  const kind: Kind = sawNumber || values.length === 0 ? 'float32' : sawBigint ? 'int64' : 'bool';
  return { shape, values, kind };
}

/** Flat values (numbers, bigints, booleans as 0/1) into a new array of `dtype`, refusing what an integer dtype cannot hold. */
function fromFlat(values: readonly (number | bigint)[], dtype: DType): TypedArray {
  const out = allocate(dtype, values.length);
  if (isIntegral(dtype)) for (const v of values) checkFillValue('tensor', dtype, v);
  const o = out as { [i: number]: number | bigint };
  for (let i = 0; i < values.length; i++) o[i] = elementOf(dtype, values[i]);
  return out;
}

/**
 * torch.tensor: from a number, a boolean, a bigint, nested arrays, or a TypedArray (with
 * `shape`). Always copies. Numbers give float32 by default, bigints int64 (PyTorch's Python
 * ints), booleans bool; a TypedArray keeps its kind (BigInt64Array: int64). An integer dtype
 * refuses values it cannot hold (NaN, ±Infinity, out of range) and truncates fractions, as PyTorch.
 */
export function tensor(data: NestedArray | TypedArray, opts?: FromDataOptions): Tensor {
  opts = optionsArg<FromDataOptions>('tensor', opts);
  const arrayKind = dtypeOfArray(data);
  let shape: number[];
  let values: TypedArray;
  let dtype: DType;
  if (arrayKind !== undefined) {
    const src = data as TypedArray;
    dtype = dtypeOpt('tensor', opts, arrayKind);
    shape = opts?.shape !== undefined ? shapeArg('tensor', [opts.shape]) : [src.length];
    if (numelOf(shape) !== src.length) {
      throw shapeError(`tensor: shape ${fmt(shape)} does not fit ${src.length} elements`);
    }
    values = dtype === arrayKind ? src.slice() : convertArray(src, dtype);
  } else {
    if (ArrayBuffer.isView(data)) {
      throw argumentError('tensor: unsupported typed array kind (use Float32Array, Float64Array, Int32Array, BigInt64Array or Uint8Array)');
    }
    const flat = flatten(data);
    dtype = dtypeOpt('tensor', opts, flat.kind);
    shape = flat.shape;
    if (opts?.shape !== undefined) {
      const s = shapeArg('tensor', [opts.shape]);
      if (numelOf(s) !== flat.values.length) throw shapeError(`tensor: shape ${fmt(s)} does not fit ${flat.values.length} elements`);
      shape = s;
    }
    values = fromFlat(flat.values, dtype);
  }
  return finish(new Tensor(new Storage(values), shape, contiguousStrides(shape), 0, dtype), opts);
}

/**
 * Wraps a TypedArray as a tensor without copying (torch.from_numpy's counterpart): the tensor
 * and the array share memory, which may be a SharedArrayBuffer shared with worker threads.
 */
export function fromArray(data: TypedArray, opts: { shape?: readonly number[]; requiresGrad?: boolean } = {}): Tensor {
  const kind = dtypeOfArray(data);
  if (kind === undefined) throw argumentError('fromArray: expected a Float32Array, Float64Array, Int32Array, BigInt64Array or Uint8Array');
  // A resizable ArrayBuffer can shrink under a queued native job (resize() is not a transfer, so
  // the untransferable mark of lib/async.ts does not stop it): its memory would be freed mid-read.
  if ((data.buffer as ArrayBuffer & { resizable?: boolean }).resizable === true) {
    throw argumentError('fromArray: the array is over a resizable ArrayBuffer, which could shrink under the tensor; use a fixed-length ArrayBuffer');
  }
  const shape = opts?.shape !== undefined ? shapeArg('fromArray', [opts.shape]) : [data.length];
  if (numelOf(shape) !== data.length) throw shapeError(`fromArray: shape ${fmt(shape)} does not fit ${data.length} elements`);
  return finish(new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, kind), opts);
}

/** zeros(2, 3), zeros([2, 3]), zeros(2, 3, opts) or zeros([2, 3], opts), as torch.zeros(*size). */
export function zeros(...args: (number | readonly number[] | TensorOptions)[]): Tensor {
  const [shape, opts] = sizeAndOptions<TensorOptions>('zeros', args);
  return finish(fullRaw(shape, 0, dtypeOpt('zeros', opts, 'float32')), opts);
}

/** ones(2, 3), ones([2, 3]), ones(2, 3, opts) or ones([2, 3], opts), as torch.ones(*size). */
export function ones(...args: (number | readonly number[] | TensorOptions)[]): Tensor {
  const [shape, opts] = sizeAndOptions<TensorOptions>('ones', args);
  return finish(fullRaw(shape, 1, dtypeOpt('ones', opts, 'float32')), opts);
}

/**
 * torch.full: `shape` an array (as PyTorch's `size` tuple; `full(2, 3)` is an ARGUMENT error, not a
 * shape [2] of 3s). `value` a number, boolean or bigint (exact for int64). An integer tensor
 * refuses NaN, ±Infinity, values outside its range and fractions.
 */
export function full(shape: readonly number[], value: number | bigint | boolean, opts?: TensorOptions): Tensor {
  if (!Array.isArray(shape)) throw argumentError(`full: size must be an array of integers, got ${show(shape)}`);
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') {
    throw argumentError(`full: fill value must be a number, got ${show(value)}`);
  }
  opts = optionsArg<TensorOptions>('full', opts);
  const s = shapeArg('full', [shape]);
  const dtype = dtypeOpt('full', opts, 'float32');
  const v = typeof value === 'bigint' ? value : Number(value);
  if (isIntegral(dtype) && typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) {
    throw argumentError(`full: value ${v} cannot be converted to type ${dtype}_t without losing its fraction`);
  }
  return finish(fullRaw(s, v, dtype, 'full'), opts);
}

export function zerosLike(t: Tensor, opts?: TensorOptions): Tensor {
  checkTensor('zerosLike', t);
  return finish(fullRaw(t._shape, 0, dtypeOpt('zerosLike', opts, t.dtype)), opts);
}

export function onesLike(t: Tensor, opts?: TensorOptions): Tensor {
  checkTensor('onesLike', t);
  return finish(fullRaw(t._shape, 1, dtypeOpt('onesLike', opts, t.dtype)), opts);
}

function fromValues(op: string, values: Float64Array, opts: TensorOptions | undefined, fallback: DType): Tensor {
  const dtype = dtypeOpt(op, opts, fallback);
  const data = convertArray(values, dtype);
  return finish(new Tensor(new Storage(data), [values.length], [1], 0, dtype), opts);
}

/**
 * torch.arange: [start, end) by step; `arange(n)` is [0, n). The length is ceil((end - start) /
 * step). float32 by default (API.md); {dtype: 'int64'} or 'int32' for integers.
 */
export function arange(start: number, end?: number | TensorOptions, step?: number | TensorOptions, opts?: TensorOptions): Tensor {
  if (typeof end === 'object') [opts, end] = [end, undefined];
  if (typeof step === 'object') [opts, step] = [step, undefined];
  let lo = start;
  let hi = end;
  if (hi === undefined) [lo, hi] = [0, start];
  const st = step === undefined ? 1 : step;
  for (const v of [lo, hi, st]) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw argumentError(`arange: start, end and step must be finite numbers`);
  }
  const dtype = dtypeOpt('arange', opts, 'float32');
  if (dtype === 'int32' || dtype === 'int64') return finish(arangeIntegral(lo, hi, st, dtype), opts);
  if (st === 0) throw argumentError('arange: step must be nonzero');
  if ((hi - lo) / st < 0) {
    throw argumentError(`arange: upper bound and larger bound inconsistent with step sign (start ${lo}, end ${hi}, step ${st})`);
  }
  const n = Math.ceil((hi - lo) / st);
  const values = allocate('float64', n) as Float64Array;
  for (let i = 0; i < n; i++) values[i] = lo + i * st;
  return fromValues('arange', values, opts, dtype);
}

/**
 * PyTorch's arange for an integer dtype: start, end and step converted to int64 first (a fraction
 * truncates; a value int64 cannot hold is refused), the values start + i * step computed exactly.
 * The length is ceil((end - start) / step) of those integers for int64, and of the given numbers
 * for int32 (as PyTorch's arange_out). A value the dtype cannot hold is refused: PyTorch 1.13
 * wraps int32 values silently.
 */
function arangeIntegral(lo: number, hi: number, st: number, dtype: 'int32' | 'int64'): Tensor {
  const [start, end, step] = [lo, hi, st].map((v) => {
    if (v >= -(2 ** 63) && v < 2 ** 63) return BigInt(Math.trunc(v));
    throw argumentError(`arange: value cannot be converted to type int64_t without overflow (got ${v})`);
  });
  if (step === 0n) throw argumentError('arange: step must be nonzero');
  if (!((step > 0n && end >= start) || (step < 0n && end <= start))) {
    throw argumentError(`arange: upper bound and larger bound inconsistent with step sign (start ${lo}, end ${hi}, step ${st})`);
  }
  const size = dtype === 'int64' ? Math.ceil(Number(end - start) / Number(step)) : Math.ceil((hi - lo) / st);
  const n = shapeArg('arange', [Math.max(size, 0)])[0];
  if (n > 0) {
    const [min, max] = dtype === 'int32' ? [-(2n ** 31n), 2n ** 31n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
    for (const v of [start, start + step * BigInt(n - 1)]) {
      if (v < min || v > max) throw argumentError(`arange: value cannot be converted to type ${dtype}_t without overflow (got ${v})`);
    }
  }
  if (dtype === 'int32') {
    const data = allocate('int32', n) as Int32Array;
    const [a, d] = [Number(start), Number(step)];
    for (let i = 0; i < n; i++) data[i] = a + i * d; // exact: every value is an int32
    return new Tensor(new Storage(data), [n], [1], 0, dtype);
  }
  const data = allocate('int64', n) as BigInt64Array;
  for (let i = 0, v = start; i < n; i++, v += step) data[i] = v;
  return new Tensor(new Storage(data), [n], [1], 0, dtype);
}

/**
 * torch.linspace: `steps` evenly spaced values from start to end inclusive, with PyTorch's
 * symmetric formula computed in the output's precision (float32 arithmetic for float32), so
 * every value matches PyTorch's bit for bit.
 */
export function linspace(start: number, end: number, steps: number, opts?: TensorOptions): Tensor {
  if (!Number.isInteger(steps) || steps < 0) throw argumentError(`linspace: number of steps must be non-negative, got ${show(steps)}`);
  const dtype = dtypeOpt('linspace', opts, 'float32');
  const r = dtype === 'float32' ? Math.fround : (v: number) => v;
  const s = r(start);
  const e = r(end);
  const values = allocate('float64', steps) as Float64Array;
  if (steps === 1) values[0] = s;
  else if (steps > 1) {
    const step = r(r(e - s) / (steps - 1));
    const half = Math.floor(steps / 2);
    for (let i = 0; i < steps; i++) values[i] = i < half ? r(s + r(step * i)) : r(e - r(step * (steps - i - 1)));
  }
  return fromValues('linspace', values, opts, 'float32');
}

/** torch.eye: an n x m identity (m defaults to n). */
export function eye(n: number, m?: number | TensorOptions, opts?: TensorOptions): Tensor {
  if (typeof m === 'object') [opts, m] = [m, undefined];
  const cols = m === undefined ? n : m;
  const shape = shapeArg('eye', [n, cols]);
  const t = fullRaw(shape, 0, dtypeOpt('eye', opts, 'float32'));
  const d = t._storage.data as { [i: number]: number | bigint };
  const one = t.dtype === 'int64' ? 1n : 1;
  for (let i = 0; i < Math.min(shape[0], shape[1]); i++) d[i * shape[1] + i] = one;
  return finish(t, opts);
}
