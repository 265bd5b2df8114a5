import { argumentError, dtypeError } from './errors';
import { POOL_MIN_BYTES, sizeClass, takeBuffer } from './memory_pool';

export type DType = 'float32' | 'float64' | 'int32' | 'bool' | 'int64';
/** A tensor's storage: int64 is a BigInt64Array, whose elements are bigints. */
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array;
/** The storages whose elements are numbers (every dtype but int64). */
export type NumberArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool', 'int64'];

export function isDType(v: unknown): v is DType {
  return typeof v === 'string' && (DTYPES as readonly string[]).includes(v);
}

export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

/** Integer dtypes (not bool). */
export function isIntegral(d: DType): boolean {
  return d === 'int32' || d === 'int64';
}

/** The dtype of index results (argmax, max/min indices, nonzero, topk/sort indices), PyTorch's int64. */
export const INDEX_DTYPE: DType = 'int64';

/** int64's range, [-2^63, 2^63). */
export const INT64_MIN = -(2n ** 63n);
export const INT64_MAX = 2n ** 63n - 1n;

// Arrays of up to 4 KiB are views carved from shared slabs, as Node pools small Buffers: V8
// allocates every ArrayBuffer on its own, about 1 us even for 64 bytes and 1.5 us at 4 KiB, more
// than the op itself, while a view of a slab costs about 0.1 us. A slab is freed with its last
// view, so a small tensor kept for long holds its slab: up to 16 KiB for arrays of at most 1 KiB,
// up to 64 KiB for larger ones. Slabs are fresh, so views start zeroed.
interface Pool {
  maxBytes: number;
  slabBytes: number;
  slab: ArrayBuffer;
  used: number;
}
const POOLS: Pool[] = [
  { maxBytes: 1024, slabBytes: 16384, slab: new ArrayBuffer(0), used: 0 },
  { maxBytes: 4096, slabBytes: 65536, slab: new ArrayBuffer(0), used: 0 },
];
const ALIGN = 16;

export function elementBytes(dtype: DType): number {
  return dtype === 'float64' || dtype === 'int64' ? 8 : dtype === 'bool' ? 1 : 4;
}

/** `n` elements of `dtype` over `buffer` from `byteOffset`. */
function viewOf(dtype: DType, buffer: ArrayBufferLike, byteOffset: number, n: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, byteOffset, n);
    case 'float64':
      return new Float64Array(buffer, byteOffset, n);
    case 'int32':
      return new Int32Array(buffer, byteOffset, n);
    case 'bool':
      return new Uint8Array(buffer, byteOffset, n);
    case 'int64':
      return new BigInt64Array(buffer, byteOffset, n);
  }
}

/** `make()`, with a RangeError (a length V8 refuses) turned into an ARGUMENT TensorError. */
function sized<T>(dtype: DType, n: number, make: () => T): T {
  try {
    return make();
  } catch (e) {
    // By name too: Buffer's RangeError comes from Node's realm, not a vm context's (jest).
    if (e instanceof RangeError || (e as Error | null)?.name === 'RangeError')
      throw argumentError(`cannot allocate ${n} elements of ${dtype}: ${(e as Error).message}`);
    throw e;
  }
}

/** A zeroed array of `n` elements of `dtype`; small ones share a slab (see above). */
export function allocate(dtype: DType, n: number): TypedArray {
  const bytes = n * elementBytes(dtype);
  if (bytes <= POOLS[1].maxBytes && Number.isInteger(n) && n >= 0) {
    const pool = bytes <= POOLS[0].maxBytes ? POOLS[0] : POOLS[1];
    if (pool.used + bytes > pool.slab.byteLength) {
      pool.slab = new ArrayBuffer(pool.slabBytes);
      pool.used = 0;
    }
    const at = pool.used;
    pool.used += (bytes + ALIGN - 1) & -ALIGN;
    return viewOf(dtype, pool.slab, at, n);
  }
  if (bytes >= POOL_MIN_BYTES && Number.isInteger(n)) {
    const warm = pooled(dtype, n, bytes);
    if (warm !== undefined) return warm instanceof BigInt64Array ? warm.fill(0n) : warm.fill(0);
    return sized(dtype, n, () => viewOf(dtype, fresh(new ArrayBuffer(sizeClass(bytes))), 0, n));
  }
  return sized(dtype, n, () => allocateUnchecked(dtype, n));
}

// Buffers made for the pool (memory_pool.ts) and not yet claimed by a storage: the first Storage
// built over one owns it, and only an owner gives its buffer back to the pool.
const unclaimed = new WeakSet<ArrayBufferLike>();

function fresh(buf: ArrayBuffer): ArrayBuffer {
  unclaimed.add(buf);
  if (buf.byteLength >= HUGE_PAGE_MIN_BYTES) adviseFresh(buf);
  return buf;
}

// Large fresh buffers are faulted in at once before their first write (the addon's
// prepareFreshBuffer, native/core/fresh_memory.h, installed by backend/native.ts: this leaf
// cannot import it). Measured here, the first write to 4 MB of fresh pages took ~15 ms page by
// page and ~0.3 ms faulted in by one call.
const HUGE_PAGE_MIN_BYTES = 2 * 1024 * 1024;
let adviseFresh: (buf: ArrayBuffer) => void = () => undefined;

/** Sets what is done with each fresh buffer of at least 2 MiB before it is first written. */
export function setFreshBufferAdvice(advise: (buf: ArrayBuffer) => void): void {
  adviseFresh = advise;
}

/** True once for a buffer allocate/allocateUninit made for the pool: the caller now owns it. */
export function claimBuffer(buf: ArrayBufferLike): boolean {
  return unclaimed.delete(buf);
}

/** `n` elements over a free buffer of the pool, or undefined when it has none of this class. */
function pooled(dtype: DType, n: number, bytes: number): TypedArray | undefined {
  const buf = takeBuffer(sizeClass(bytes));
  return buf === undefined ? undefined : viewOf(dtype, fresh(buf), 0, n);
}

/**
 * An array of `n` elements with unspecified contents, for an output a kernel writes in full.
 * Above the pooled sizes it comes from Node's unzeroed allocation (Buffer.allocUnsafeSlow: malloc,
 * whose freed blocks are reused warm), not a fresh zeroed buffer whose pages fault in on first
 * write: measured, a 512 x 512 matmul on 2 threads ran at 98 GFLOP/s into a fresh zeroed output
 * and 136 into a reused one.
 */
export function allocateUninit(dtype: DType, n: number): TypedArray {
  const bytes = n * elementBytes(dtype);
  if (bytes <= POOLS[1].maxBytes || !Number.isInteger(n) || n < 0) return allocate(dtype, n);
  if (bytes < POOL_MIN_BYTES) {
    const own = sized(dtype, n, () => Buffer.allocUnsafeSlow(bytes));
    return viewOf(dtype, own.buffer, own.byteOffset, n);
  }
  const warm = pooled(dtype, n, bytes);
  if (warm !== undefined) return warm;
  // Buffer.allocUnsafeSlow's memory is its own ArrayBuffer (offset 0), made for this array alone.
  const buf = sized(dtype, n, () => Buffer.allocUnsafeSlow(sizeClass(bytes)));
  return viewOf(dtype, fresh(buf.buffer), 0, n);
}

function allocateUnchecked(dtype: DType, n: number): TypedArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(n);
    case 'float64':
      return new Float64Array(n);
    case 'int32':
      return new Int32Array(n);
    case 'bool':
      return new Uint8Array(n);
    case 'int64':
      return new BigInt64Array(n);
  }
}

/** The dtype a TypedArray stands for, or undefined for other kinds. */
export function dtypeOfArray(a: unknown): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  if (a instanceof BigInt64Array) return 'int64';
  return undefined;
}

export function checkDType(d: unknown, op: string): DType {
  if (!isDType(d)) throw dtypeError(`${op}: unknown dtype ${typeof d === 'string' ? d : typeof d} (expected one of ${DTYPES.join(', ')})`);
  return d;
}

const SCALAR_TYPE_NAMES: Record<DType, string> = { float32: 'Float', float64: 'Double', int32: 'Int', int64: 'Long', bool: 'Bool' };

/** PyTorch's ScalarType name of a dtype (Float, Double, Int, Long, Bool), as its messages print it. */
export function scalarTypeName(d: DType): string {
  return SCALAR_TYPE_NAMES[d] ?? d;
}

/** PyTorch's printed name, e.g. torch.float32. */
export function torchName(d: DType): string {
  return `torch.${d}`;
}

// PyTorch's promotion lattice restricted to our dtypes: bool < int32 < int64 < float32 < float64.
const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Result dtype of a tensor op with a JS number (or bigint) operand, as PyTorch treats Python
 * scalars: a number never widens a tensor of the same category; an integer keeps an integer
 * tensor's dtype and turns a bool tensor into int64 (PyTorch: `torch.tensor([True]) + 1` is
 * int64), a fractional one turns an integer or bool tensor into the default float32.
 */
export function promoteWithScalar(t: DType, v: number | bigint): DType {
  if (typeof v === 'bigint' || Number.isInteger(v)) return t === 'bool' ? 'int64' : t;
  return isFloating(t) ? t : 'float32';
}

/** An int64 element as a number: exact when it is a safe integer, else an ARGUMENT error naming `op`. */
export function int64ToNumber(op: string, v: bigint): number {
  if (v > 9007199254740991n || v < -9007199254740991n) {
    throw argumentError(`${op}: int64 value ${v} is not a safe integer (|v| > 2^53 - 1); read it with dataSync() as a BigInt64Array`);
  }
  return Number(v);
}
