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

/**
 * The most elements one tensor may have: the longest TypedArray this V8 allocates (2^32 in Node
 * 20). A shape past it, or whose strides would pass 2^53 (inexact in a JS number), is an ARGUMENT
 * error here rather than a RangeError in an allocation.
 */
export const MAX_ELEMENTS = 2 ** 32;

/** PyTorch's limit on a tensor's dims is 64 (its TensorIterator and indexing); nested data is refused past it. */
export const MAX_DIMS = 64;

function sizeError(op: string, list: readonly unknown[]): never {
  throw argumentError(`${op}: sizes must be non-negative integers (below 2^53), got ${fmtList(list)}`);
}

/**
 * Checks that a shape's element count, and the strides of a contiguous layout, stay exact: the
 * product of its sizes (zeros counted as ones, as strides count them) at most 2^53 - 1, and the
 * element count at most MAX_ELEMENTS when `alloc` (the tensor gets storage of its own).
 */
export function checkExtent(op: string, shape: Shape, alloc: boolean): void {
  let extent = 1;
  let n = 1;
  for (let i = 0; i < shape.length; i++) {
    const s = shape[i];
    n *= s;
    if (s > 1) extent *= s;
  }
  if (extent > Number.MAX_SAFE_INTEGER) throw argumentError(`${op}: Storage size calculation overflowed with sizes=${fmt(shape)}`);
  if (alloc && n > MAX_ELEMENTS) throw argumentError(`${op}: cannot allocate ${n} elements (sizes=${fmt(shape)}); at most ${MAX_ELEMENTS} fit one tensor`);
}

/**
 * The one shape parser of the public entry points: `f([2, 3])` and `f(2, 3)` alike (an Array,
 * or numbers spread; not an object, a string or an array with holes), every entry a
 * non-negative safe integer, the count checked by checkExtent. Returns a fresh array.
 */
export function shapeArg(op: string, args: readonly unknown[], alloc = true): number[] {
  if (!Array.isArray(args)) throw argumentError(`${op}: expected a shape, got ${show(args)}`);
  let list: readonly unknown[] = args;
  if (args.length === 1 && typeof args[0] !== 'number') {
    if (!Array.isArray(args[0])) throw argumentError(`${op}: size must be an array of integers or integers spread, got ${show(args[0])}`);
    list = args[0] as unknown[];
  }
  if (list.length > MAX_DIMS) throw argumentError(`${op}: a tensor has at most ${MAX_DIMS} dims, got ${list.length} sizes`);
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) sizeError(op, list);
    out[i] = v;
  }
  checkExtent(op, out, alloc);
  return out;
}

/**
 * Signed sizes (view, reshape, expand, permute: -1 and negative dims are the op's to judge), as
 * an array or spread; every entry a safe integer. Returns a fresh array.
 */
export function signedSizes(op: string, args: readonly unknown[], what = 'sizes'): number[] {
  let list: unknown = args;
  if (args.length === 1 && typeof args[0] !== 'number') list = args[0];
  return intList(op, list, what);
}

function fmtList(list: readonly unknown[], depth = 0): string {
  if (depth > 2) return '[...]';
  const shown: string[] = [];
  for (let i = 0; i < Math.min(list.length, 8); i++) shown.push(show(list[i], depth + 1));
  if (list.length > 8) shown.push(`... (${list.length} entries)`);
  return `[${shown.join(', ')}]`;
}

/** A value for an error message, safe for symbols, bigints, odd objects and self-referencing arrays. */
export function show(v: unknown, depth = 0): string {
  if (typeof v === 'symbol' || typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return fmtList(v, depth);
  if (typeof v === 'object' && v !== null && !isPlainObject(v)) {
    // a Tensor (this floor cannot import the class): its dtype and shape, not [object Object]
    const t = v as { constructor?: { name?: unknown }; shape?: unknown; dtype?: unknown };
    if (t.constructor?.name === 'Tensor' && Array.isArray(t.shape)) return `a ${String(t.dtype)} tensor of shape ${fmt(t.shape as number[])}`;
    return Object.prototype.toString.call(v);
  }
  try {
    return typeof v === 'object' && v !== null ? JSON.stringify(v).slice(0, 80) : String(v);
  } catch {
    return typeof v;
  }
}

/** An integer list argument (a number counts as a list of one), checked: an Array without holes of safe integers. Returns a fresh array. */
export function intList(op: string, v: unknown, what = 'dims'): number[] {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return [v];
  if (!Array.isArray(v)) throw argumentError(`${op}: ${what} must be an integer or an array of integers, got ${show(v)}`);
  const list = v as unknown[];
  if (list.length > MAX_DIMS) throw argumentError(`${op}: a tensor has at most ${MAX_DIMS} dims, got ${list.length} ${what}`);
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) {
    const d = list[i];
    if (typeof d !== 'number' || !Number.isSafeInteger(d)) {
      throw argumentError(`${op}: ${what} must be an integer or an array of integers, got ${show(v)}`);
    }
    out[i] = d;
  }
  return out;
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

/** A plain object (an options bag), not an array, a Map, a tensor or a class instance. */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A trailing options argument: undefined, null or a plain object; anything else is ARGUMENT. */
export function optionsArg<O extends object>(op: string, v: unknown): O | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainObject(v)) throw argumentError(`${op}: options must be an object, got ${show(v)}`);
  return v as O;
}

/**
 * An options bag where a module passes itself (`F.conv1d(x, w, b, this)`): undefined, null or an
 * object that is neither an array nor a tensor. A string (PyTorch's positional mode), a number or a
 * tensor (PyTorch's positional weight) would otherwise be ignored silently: ARGUMENT.
 */
export function optionsBag<O extends object>(op: string, v: unknown): O | undefined {
  if (v === undefined || v === null) return undefined;
  const tensor = typeof v === 'object' && (v as { constructor?: { name?: unknown } }).constructor?.name === 'Tensor';
  if (typeof v !== 'object' || Array.isArray(v) || tensor) throw argumentError(`${op}: options must be an object, got ${show(v)}`);
  return v as O;
}

/**
 * zero_grad's set_to_none: `{setToNone}`, or a boolean (PyTorch's positional argument); true
 * (PyTorch 2's default) when absent. Anything else is ARGUMENT.
 */
export function zeroGradMode(op: string, opts: unknown): boolean {
  if (typeof opts === 'boolean') return opts;
  const v = optionsBag<{ setToNone?: unknown }>(op, opts)?.setToNone ?? true;
  if (typeof v !== 'boolean') throw argumentError(`${op}: setToNone must be a boolean, got ${show(v)}`);
  return v;
}

/**
 * `f(2, 3)`, `f([2, 3])`, `f(2, 3, opts)`, `f([2, 3], opts)` (PyTorch's `*size` and `size=`
 * forms): the shape by shapeArg and the trailing plain-object options. No size at all is an
 * ARGUMENT error (PyTorch: "missing 1 required positional arguments: size"); `f([])` is 0-d.
 */
export function sizeAndOptions<O extends object>(op: string, args: readonly unknown[]): [number[], O | undefined] {
  const hasOpts = args.length > 0 && isPlainObject(args[args.length - 1]);
  const dims = hasOpts ? args.slice(0, -1) : args;
  if (dims.length === 0) throw argumentError(`${op}: missing the size (an array of integers, or integers spread)`);
  return [shapeArg(op, dims), hasOpts ? (args[args.length - 1] as O) : undefined];
}
