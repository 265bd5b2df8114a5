// Raw tensor kernels: allocate outputs and call the addon. No autograd here; ops' forwards and
// the engine build on these. Callers have checked shapes and dtypes (the addon re-checks).
import { allocateUninit, isFloating, type DType } from '../dtype';
import { deferring, native } from '../native';
import { checkNotBusy } from '../async';
import { broadcastShapes, broadcastStrides, contiguousStrides, numelOf, sameShape, type Shape } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';

// Elementwise ops on at most SMALL elements (any layout), and binary ops on at most JS_LOOP
// elements read as flat runs or scalars, run as JS loops: crossing into the addon costs more
// (measured: a 128-element add is ~0.3 us in JS, ~0.6 us through N-API). Only ops whose JS result
// is bit-identical to the kernel's (IEEE +, -, *, /, max, min, negation, abs, relu, sign; int32
// add, sub, mul) take this path, so results never depend on size.
const SMALL = 16;
const JS_LOOP = 128;
// Row gathers of at most this many rows and elements are copied in JS (a plain copy).
const JS_GATHER_ROWS = 256;
const JS_GATHER = 1024;

/** Values match native/kernels/table.h. */
export enum BinaryCode {
  Add = 0,
  Sub = 1,
  Mul = 2,
  Div = 3,
  Pow = 4,
  Maximum = 5,
  Minimum = 6,
}
export enum UnaryCode {
  Neg = 0,
  Exp = 1,
  Log = 2,
  Sqrt = 3,
  Abs = 4,
  Relu = 5,
  Sigmoid = 6,
  Tanh = 7,
  Sign = 8,
}

export function emptyRaw(shape: Shape, dtype: DType): Tensor {
  return Tensor.empty(shape, dtype);
}

/**
 * A contiguous output for a kernel that writes every element of it (contents unspecified until
 * then; see allocateUninit). Zero-initialised outputs (accumulations) use emptyRaw.
 */
function outputRaw(shape: Shape, dtype: DType): Tensor {
  return new Tensor(new Storage(allocateUninit(dtype, numelOf(shape))), shape, contiguousStrides(shape), 0, dtype);
}

export function fillRaw(t: Tensor, value: number): Tensor {
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

export function fullRaw(shape: Shape, value: number, dtype: DType): Tensor {
  const t = Tensor.empty(shape, dtype);
  return Object.is(value, 0) ? t : fillRaw(t, value); // storage starts +0; -0 must be written
}

export function onesRaw(shape: Shape, dtype: DType): Tensor {
  return fullRaw(shape, 1, dtype);
}

/** A 0-d tensor holding `v` (a wrapped scalar operand). */
export function scalarRaw(v: number, dtype: DType): Tensor {
  return fullRaw([], v, dtype);
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

/** A contiguous copy of `t` converted to `dtype`. */
export function castRaw(t: Tensor, dtype: DType): Tensor {
  const out = outputRaw(t.shape, dtype);
  copyInto(out, t);
  return out;
}

export function cloneRaw(t: Tensor): Tensor {
  return castRaw(t, t.dtype);
}

/** out = a (op) b with broadcasting; a and b share a dtype. */
export function binaryRaw(code: BinaryCode, a: Tensor, b: Tensor, opName: string): Tensor {
  const shape = broadcastShapes(opName, a.shape, b.shape);
  const out = outputRaw(shape, a.dtype);
  binaryInto(code, out, a, b);
  return out;
}

/** out = a (op) b written into `out` (which may alias a); a and b broadcast to out's shape. */
export function binaryInto(code: BinaryCode, out: Tensor, a: Tensor, b: Tensor): void {
  if (smallBinary(code, out, a, b)) return;
  const s = out.shape;
  native.binary(
    code, s,
    out._storage.data, out.strides, out.offset,
    a._storage.data, broadcastStrides(a.shape, a.strides, s), a.offset,
    b._storage.data, broadcastStrides(b.shape, b.strides, s), b.offset,
  );
}

/** dst += src in place (src broadcast to dst), bumping dst's version as any in-place write does. */
export function addInto(dst: Tensor, src: Tensor): void {
  checkNotBusy('grad accumulation', dst);
  binaryInto(BinaryCode.Add, dst, dst, src);
  dst._version.value++;
}

export function unaryRaw(code: UnaryCode, x: Tensor): Tensor {
  const out = outputRaw(x.shape, x.dtype);
  if (smallUnary(code, out, x)) return out;
  native.unary(code, x.shape, out._storage.data, out.strides, 0, x._storage.data, x.strides, x.offset);
  return out;
}

/** Sum over the flagged dims divided by `divisor` (mean's count); the result has the kept dims only. */
export function sumRaw(x: Tensor, reduce: readonly boolean[], divisor: number): Tensor {
  const outShape: number[] = [];
  for (let i = 0; i < reduce.length; i++) if (!reduce[i]) outShape.push(x.shape[i]);
  const out = outputRaw(outShape, x.dtype);
  if (outShape.length === 0 && x.numel <= SMALL && isFloating(x.dtype) && x.isContiguous() && !deferring()) {
    // In order, rounding each step to the dtype: the kernel's order below its vector width.
    const d = x._storage.data;
    const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
    let s = 0;
    for (let i = x.offset, end = x.offset + x.numel; i < end; i++) s = round(s + d[i]);
    out._storage.data[0] = s / divisor;
    return out;
  }
  native.sum(x.shape, x._storage.data, x.strides, x.offset, reduce, out._storage.data, divisor);
  return out;
}

/**
 * Batched matrix product of 3-D operands [batch, m, k] x [batch, k, n], batch dims of size 1
 * broadcast; any strides (transposed views are packed by the GEMM driver, not copied). Writes a
 * new tensor, or `into`.
 */
export function bmmRaw(a: Tensor, b: Tensor, into?: Tensor): Tensor {
  const batch = Math.max(a.shape[0], b.shape[0]);
  const aShape = [batch, a.shape[1], a.shape[2]];
  const bShape = [batch, b.shape[1], b.shape[2]];
  const aStrides = [a.shape[0] === 1 ? 0 : a.strides[0], a.strides[1], a.strides[2]];
  const bStrides = [b.shape[0] === 1 ? 0 : b.strides[0], b.strides[1], b.strides[2]];
  // `into`: a contiguous tensor of the product's size sharing no storage with a or b.
  const out = into ?? outputRaw([batch, a.shape[1], b.shape[2]], a.dtype);
  native.matmul(aShape, a._storage.data, aStrides, a.offset, bShape, b._storage.data, bStrides, b.offset, out._storage.data, out.offset);
  return out;
}

/**
 * The [m, n] product of matrices x [m, k] and y [k, n] of one dtype, any strides: a new tensor,
 * or `into` (as for bmmRaw). The 2-D case of bmmRaw without its 3-D views.
 */
export function mmRaw(x: Tensor, y: Tensor, into?: Tensor): Tensor {
  const m = x.shape[0];
  const n = y.shape[1];
  const out = into ?? outputRaw([m, n], x.dtype);
  native.matmul(
    [1, m, x.shape[1]], x._storage.data, [0, x.strides[0], x.strides[1]], x.offset,
    [1, y.shape[0], n], y._storage.data, [0, y.strides[0], y.strides[1]], y.offset,
    out._storage.data, out.offset,
  );
  return out;
}

export enum CompareCode {
  Eq = 0,
  Ne = 1,
  Lt = 2,
  Le = 3,
  Gt = 4,
  Ge = 5,
}

/** a (cmp) b as a bool tensor, broadcasting; a and b share a dtype. */
export function compareRaw(code: CompareCode, a: Tensor, b: Tensor, opName: string): Tensor {
  const s = broadcastShapes(opName, a.shape, b.shape);
  const out = outputRaw(s, 'bool');
  native.compare(
    code, s,
    out._storage.data as Uint8Array, out.strides, 0,
    a._storage.data, broadcastStrides(a.shape, a.strides, s), a.offset,
    b._storage.data, broadcastStrides(b.shape, b.strides, s), b.offset,
  );
  return out;
}

/** cond ? a : b, broadcasting all three; a and b share a dtype. */
export function whereRaw(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const s = broadcastShapes('where', broadcastShapes('where', cond.shape, a.shape), b.shape);
  const out = outputRaw(s, a.dtype);
  native.where(
    s, out._storage.data, out.strides, 0,
    cond._storage.data as Uint8Array, broadcastStrides(cond.shape, cond.strides, s), cond.offset,
    a._storage.data, broadcastStrides(a.shape, a.strides, s), a.offset,
    b._storage.data, broadcastStrides(b.shape, b.strides, s), b.offset,
  );
  return out;
}

/** Max (kind 0) or min (kind 1) along dim with first-extreme indices; the dim is removed. */
export function argReduceRaw(kind: 0 | 1, x: Tensor, dim: number): { values: Tensor; indices: Tensor } {
  const shape = x.shape.filter((_, i) => i !== dim);
  const values = Tensor.empty(shape, x.dtype);
  const indices = Tensor.empty(shape, 'int32');
  native.argReduce(kind, x.shape, x._storage.data, x.strides, x.offset, dim, values._storage.data, indices._storage.data as Int32Array);
  return { values, indices };
}

export function gatherRaw(x: Tensor, dim: number, index: Tensor): Tensor {
  const out = outputRaw(index.shape, x.dtype);
  native.gather(x.shape, x._storage.data, x.strides, x.offset, dim, index.shape, index._storage.data as Int32Array, index.strides, index.offset, out._storage.data);
  return out;
}

/** zeros(shape).scatter_add_(dim, index, src) into a new contiguous tensor. */
export function scatterAddRaw(shape: Shape, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = Tensor.empty(shape, src.dtype);
  native.scatterAdd(shape, out._storage.data, dim, index.shape, index._storage.data as Int32Array, index.strides, index.offset, src._storage.data, src.strides, src.offset);
  return out;
}

/** x.index_select(dim, index) into a new contiguous tensor. */
export function indexSelectRaw(x: Tensor, dim: number, index: Int32Array): Tensor {
  const shape = x.shape.slice();
  if (shape.length > 0) shape[dim] = index.length;
  const out = outputRaw(shape, x.dtype);
  // A few rows of a contiguous tensor (a minibatch of a small data set): copied here, cheaper
  // than the crossing. Many rows go native, which prefetches the cache misses of random rows.
  // Indices were checked by the caller.
  if (dim === 0 && x.ndim > 0 && index.length <= JS_GATHER_ROWS && out.numel <= JS_GATHER && x.isContiguous() && !deferring()) {
    const row = x.shape[0] === 0 ? 0 : x.numel / x.shape[0];
    const src = x._storage.data;
    const dst = out._storage.data;
    const n = index.length;
    const base = x.offset;
    // Rows of one or two elements (the tutorial's y and X) unrolled: the general loop's inner
    // loop cost ~3x as much at these lengths.
    if (row === 1) {
      for (let i = 0; i < n; i++) dst[i] = src[base + index[i]];
    } else if (row === 2) {
      for (let i = 0, j = 0; i < n; i++, j += 2) {
        const k = base + 2 * index[i];
        dst[j] = src[k];
        dst[j + 1] = src[k + 1];
      }
    } else {
      for (let i = 0, j = 0; i < n; i++) {
        for (let k = base + index[i] * row, end = k + row; k < end; k++) dst[j++] = src[k];
      }
    }
    return out;
  }
  native.indexSelect(x.shape, x._storage.data, x.strides, x.offset, dim, index, out._storage.data);
  return out;
}

/** zeros(shape).index_add_(dim, index, src) into a new contiguous tensor. */
export function indexAddRaw(shape: Shape, dim: number, index: Int32Array, src: Tensor): Tensor {
  const out = Tensor.empty(shape, src.dtype);
  native.indexAdd(shape, out._storage.data, dim, index, src._storage.data, src.strides, src.offset);
  return out;
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

/**
 * Element offsets of `t` read as broadcast to `shape`, in row-major order: the general strided
 * walk, cheap at the sizes that take the JS path.
 */
function smallOffsets(t: Tensor, shape: Shape, n: number, out: number[]): void {
  const step = flatStep(t, n);
  if (step >= 0) {
    for (let i = 0; i < n; i++) out[i] = t.offset + i * step;
    return;
  }
  const st = broadcastStrides(t.shape, t.strides, shape);
  const nd = shape.length;
  for (let i = 0; i < n; i++) {
    let rem = i;
    let off = t.offset;
    for (let d = nd - 1; d >= 0; d--) {
      const s = shape[d];
      off += (rem % s) * st[d];
      rem = (rem - (rem % s)) / s;
    }
    out[i] = off;
  }
}

const offA: number[] = [];
const offB: number[] = [];

/** 1 when `t` reads as a flat run of n elements, 0 when it is one element, -1 otherwise. */
function flatStep(t: Tensor, n: number): number {
  if (t.numel === 1) return 0;
  return t.numel === n && t.isContiguous() ? 1 : -1;
}

function smallBinary(code: BinaryCode, out: Tensor, a: Tensor, b: Tensor): boolean {
  const n = out.numel;
  if (n > JS_LOOP || !out.isContiguous() || deferring()) return false;
  const int = out.dtype === 'int32';
  if (!int && !isFloating(out.dtype)) return false;
  if (int && code !== BinaryCode.Add && code !== BinaryCode.Sub && code !== BinaryCode.Mul) return false;
  if (!int && code > BinaryCode.Div) return false;
  const sa = flatStep(a, n);
  const sb = flatStep(b, n);
  if ((sa < 0 || sb < 0) && n > SMALL) return false;
  const o = out._storage.data;
  const x = a._storage.data;
  const y = b._storage.data;
  const oo = out.offset;
  if (sa < 0 || sb < 0) {
    smallOffsets(a, out.shape, n, offA);
    smallOffsets(b, out.shape, n, offB);
    for (let i = 0; i < n; i++) o[oo + i] = applyBinary(code, int, x[offA[i]], y[offB[i]]);
    return true;
  }
  // Flat or scalar operands: one loop per op. Stores into the typed array round to float32 or
  // wrap to int32 exactly as the kernel does.
  const end = oo + n;
  let i = a.offset;
  let j = b.offset;
  switch (code) {
    case BinaryCode.Add:
      for (let k = oo; k < end; k++, i += sa, j += sb) o[k] = x[i] + y[j];
      break;
    case BinaryCode.Sub:
      for (let k = oo; k < end; k++, i += sa, j += sb) o[k] = x[i] - y[j];
      break;
    case BinaryCode.Mul:
      if (int) for (let k = oo; k < end; k++, i += sa, j += sb) o[k] = Math.imul(x[i], y[j]);
      else for (let k = oo; k < end; k++, i += sa, j += sb) o[k] = x[i] * y[j];
      break;
    default:
      for (let k = oo; k < end; k++, i += sa, j += sb) o[k] = x[i] / y[j];
  }
  return true;
}

function applyBinary(code: BinaryCode, int: boolean, u: number, v: number): number {
  switch (code) {
    case BinaryCode.Add:
      return u + v;
    case BinaryCode.Sub:
      return u - v;
    case BinaryCode.Mul:
      return int ? Math.imul(u, v) : u * v;
    default:
      return u / v;
  }
}

function smallUnary(code: UnaryCode, out: Tensor, x: Tensor): boolean {
  const n = out.numel;
  if (deferring() || n > SMALL || !isFloating(x.dtype) || code > UnaryCode.Sign || !SMALL_UNARY[code]) return false;
  smallOffsets(x, out.shape, n, offA);
  const o = out._storage.data;
  const d = x._storage.data;
  for (let i = 0; i < n; i++) {
    const v = d[offA[i]];
    switch (code) {
      case UnaryCode.Neg:
        o[i] = -v;
        break;
      case UnaryCode.Abs:
        o[i] = Math.abs(v);
        break;
      case UnaryCode.Relu:
        o[i] = v < 0 ? 0 : v; // NaN and -0 stay, as the kernel and PyTorch
        break;
      default:
        o[i] = v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : v; // sign
    }
  }
  return true;
}

const SMALL_UNARY: Record<number, boolean> = { [UnaryCode.Neg]: true, [UnaryCode.Abs]: true, [UnaryCode.Relu]: true, [UnaryCode.Sign]: true };
