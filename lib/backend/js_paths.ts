// The small-tensor JS loops: below these sizes crossing into the addon costs more than the work
// (npm run bench:thresholds: a float32 add into a preallocated output is 0.31 us through the
// addon at 4 to 128 elements, and as much in JS at 128). Each loop gives the
// kernel's bits exactly (same IEEE operations in the same order, rounded to the dtype), so a
// result never depends on which path ran. None runs while calls are deferred (it would touch
// data now).
import { isFloating, type NumberArray } from '../dtype';
import type { Shape } from '../shape';
import { broadcastStrides } from '../shape';
import type { Tensor } from '../tensor';
import { BinaryCode, UnaryCode } from './codes';
import { deferring } from './deferral';
import { fma32, fma64 } from './fma';

// Elementwise ops on at most SMALL elements (any layout), and binary ops on at most JS_LOOP
// elements read as flat runs or scalars. Only ops whose JS result is bit-identical to the
// kernel's (IEEE +, -, *, /, negation, abs, relu, sign; int32 add, sub, mul) take this path.
const SMALL = 16;
const JS_LOOP = 128;
// Row gathers of at most this many rows and elements are copied in JS (a plain copy).
const JS_GATHER_ROWS = 256;
const JS_GATHER = 1024;
// Optimizer steps over parameters of at most this many elements (a bias, a short weight).
export const JS_STEP = 16;

// A fresh process runs these loops in V8's interpreter, at ~30x their optimised cost: until V8
// has compiled them, a 100-element add costs more in JS than through the addon. So loops over
// more than SMALL elements wait for WARMUP_CALLS calls of the small paths (counted here, whichever
// path they took) before they replace the addon. Measured with `node bench/first_steps.js`: the
// tutorial's first 100-step train took 36-44 ms with the loops open from the start and 28-34 with
// this warm-up; warm trains are unchanged (1.4 ms).
const WARMUP_CALLS = 1000;
let calls = 0;

/** True once the small paths have been called WARMUP_CALLS times (their loops are compiled by then). */
function warm(): boolean {
  return calls > WARMUP_CALLS || ++calls > WARMUP_CALLS;
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
  const st = broadcastStrides(t._shape, t._strides, shape);
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

/** out = a (op) b in JS when small enough and exact; false when the addon must do it. */
export function smallBinary(code: BinaryCode, out: Tensor, a: Tensor, b: Tensor): boolean {
  const n = out.numel;
  if (n > JS_LOOP || !out.isContiguous() || deferring()) return false;
  // int32 only of the integers: its wrapping is Math.imul and the typed array's store; int64 is native.
  const int = out.dtype === 'int32';
  if (!int && !isFloating(out.dtype)) return false;
  if (int && code !== BinaryCode.Add && code !== BinaryCode.Sub && code !== BinaryCode.Mul) return false;
  if (!int && code > BinaryCode.Div) return false;
  if (n > SMALL && !warm()) return false;
  const sa = flatStep(a, n);
  const sb = flatStep(b, n);
  if ((sa < 0 || sb < 0) && n > SMALL) return false;
  const o = out._storage.data as NumberArray;
  const x = a._storage.data as NumberArray;
  const y = b._storage.data as NumberArray;
  const oo = out.offset;
  if (sa < 0 || sb < 0) {
    smallOffsets(a, out._shape, n, offA);
    smallOffsets(b, out._shape, n, offB);
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

const SMALL_UNARY: Record<number, boolean> = { [UnaryCode.Neg]: true, [UnaryCode.Abs]: true, [UnaryCode.Relu]: true, [UnaryCode.Sign]: true };

/** out = op(x) in JS when small enough and exact; false when the addon must do it. */
export function smallUnary(code: UnaryCode, out: Tensor, x: Tensor): boolean {
  const n = out.numel;
  if (deferring() || n > SMALL || !isFloating(x.dtype) || code > UnaryCode.Sign || !SMALL_UNARY[code]) return false;
  smallOffsets(x, out._shape, n, offA);
  const o = out._storage.data as NumberArray;
  const d = x._storage.data as NumberArray;
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

/** The whole sum of a small contiguous float tensor / divisor into the 0-d `out`; false when the addon must do it. */
export function smallSumInto(out: Tensor, x: Tensor, divisor: number): boolean {
  if (x.numel > SMALL || !isFloating(x.dtype) || !x.isContiguous() || deferring()) return false;
  // In order, rounding each step to the dtype: the kernel's order below its vector width.
  const d = x._storage.data as NumberArray;
  const round = x.dtype === 'float32' ? Math.fround : (v: number) => v;
  let s = 0;
  for (let i = x.offset, end = x.offset + x.numel; i < end; i++) s = round(s + d[i]);
  out._storage.data[0] = s / divisor;
  return true;
}

/**
 * A few rows of a contiguous tensor (a minibatch of a small data set) gathered along dim 0 into
 * `out`, cheaper than the crossing; false when the addon must do it. Many rows go native, which
 * prefetches the cache misses of random rows.
 */
export function smallIndexSelect(out: Tensor, x: Tensor, dim: number, index: Int32Array): boolean {
  if (dim !== 0 || x.ndim === 0 || index.length > JS_GATHER_ROWS || out.numel > JS_GATHER || !x.isContiguous() || deferring()) return false;
  if (out.numel > SMALL && !warm()) return false;
  const row = x._shape[0] === 0 ? 0 : x.numel / x._shape[0];
  // Plain element copies: right for every dtype (bigints included), whatever the union type says.
  const src = x._storage.data as Float64Array;
  const dst = out._storage.data as Float64Array;
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
  return true;
}

export interface SgdHyper {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  /** The momentum buffer's first step (it takes d as is). */
  first: boolean;
}

/**
 * The addon's SgdStep (native/optim/optim.cc) as a JS loop, for parameters too small to be
 * worth the crossing: the same operations in the same order, each rounded to the dtype, so the
 * same bits. False when the addon must do it.
 */
export function smallSgdStep(p: Tensor, g: Tensor, buf: Tensor | undefined, h: SgdHyper): boolean {
  if (p.numel > JS_STEP || deferring()) return false;
  const r = p.dtype === 'float32' ? Math.fround : (v: number) => v;
  const fma = p.dtype === 'float32' ? fma32 : fma64;
  const lr = r(h.lr);
  const mom = r(h.momentum);
  const damp = r(1 - h.dampening);
  const wd = r(h.weightDecay);
  const pd = p._storage.data as NumberArray;
  const gd = g._storage.data as NumberArray;
  const bd = buf?._storage.data as NumberArray | undefined;
  for (let i = 0; i < p.numel; i++) {
    const pi = p.offset + i;
    let d = gd[g.offset + i];
    if (wd !== 0) d = fma(pd[pi], wd, d);
    if (bd !== undefined) {
      const bi = buf!.offset + i;
      bd[bi] = h.first ? d : fma(d, damp, r(bd[bi] * mom));
      d = h.nesterov ? fma(bd[bi], mom, d) : bd[bi];
    }
    pd[pi] = fma(d, -lr, pd[pi]);
  }
  return true;
}
