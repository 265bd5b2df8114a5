import { argumentError, indexError, shapeError } from './errors';

export type Shape = readonly number[];

export function fmt(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

export function numelOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

const NO_STRIDES: readonly number[] = [];
const UNIT_STRIDE: readonly number[] = [1];

/** Row-major strides (shared, read-only arrays for 0-d and 1-D shapes). */
export function contiguousStrides(shape: Shape): readonly number[] {
  if (shape.length === 0) return NO_STRIDES;
  if (shape.length === 1) return UNIT_STRIDE;
  const st = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    st[i] = s;
    s *= Math.max(shape[i], 1);
  }
  return st;
}

/** Accepts `f([2, 3])` and `f(2, 3)` alike, and checks every entry is a non-negative integer. */
export function shapeArg(op: string, args: readonly unknown[]): number[] {
  if (!Array.isArray(args)) throw argumentError(`${op}: expected a shape, got ${show(args)}`);
  const list = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  return list.map((v) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
      throw argumentError(`${op}: sizes must be non-negative integers, got ${fmtList(list)}`);
    }
    return v;
  });
}

function fmtList(list: readonly unknown[]): string {
  return `[${list.map((v) => show(v)).join(', ')}]`;
}

/** A value for an error message, safe for symbols, bigints and odd objects. */
export function show(v: unknown): string {
  if (typeof v === 'symbol' || typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return fmtList(v);
  try {
    return String(v);
  } catch {
    return typeof v;
  }
}

/** An integer list argument (a number counts as a list of one), checked. */
export function intList(op: string, v: unknown, what = 'dims'): number[] {
  const list = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list) || !list.every((d) => typeof d === 'number' && Number.isInteger(d))) {
    throw argumentError(`${op}: ${what} must be an integer or an array of integers, got ${show(v)}`);
  }
  return (list as number[]).slice();
}

/** Wraps a possibly negative dim into [0, ndim); a 0-d tensor accepts dims -1 and 0 as PyTorch does. */
export function normDim(op: string, dim: unknown, ndim: number): number {
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw argumentError(`${op}: dim must be an integer, got ${show(dim)}`);
  const n = Math.max(ndim, 1);
  if (dim < -n || dim >= n) {
    throw indexError(`${op}: Dimension out of range (expected to be in range of [${-n}, ${n - 1}], but got ${dim})`);
  }
  return dim < 0 ? dim + n : dim;
}

/** NumPy broadcasting of two shapes. */
export function broadcastShapes(op: string, a: Shape, b: Shape): Shape {
  if (a === b || sameShape(a, b)) return a;
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)];
    const db = i < n - b.length ? 1 : b[i - (n - b.length)];
    if (da !== db && da !== 1 && db !== 1) {
      throw shapeError(`${op}: shapes ${fmt(a)} and ${fmt(b)} cannot be broadcast (size ${da} != ${db} at dimension ${i})`);
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if expanded to `target` (0 on broadcast dims). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): readonly number[] {
  if (shape === target || sameShape(shape, target)) return strides;
  const off = target.length - shape.length;
  const out = new Array<number>(target.length).fill(0);
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 ? 0 : strides[i];
  return out;
}

export function sameShape(a: Shape, b: Shape): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
