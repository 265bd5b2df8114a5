import { argumentError, dtypeError } from './errors';

export type DType = 'float32' | 'float64' | 'int32' | 'bool';
export type TypedArray = Float32Array | Float64Array | Int32Array | Uint8Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32', 'bool'];

export function isDType(v: unknown): v is DType {
  return typeof v === 'string' && (DTYPES as readonly string[]).includes(v);
}

export function isFloating(d: DType): boolean {
  return d === 'float32' || d === 'float64';
}

// Arrays of at most POOLED_BYTES are views carved from shared 16 KiB slabs, as Node pools small
// Buffers: V8 allocates every ArrayBuffer on its own, about 1 µs even for 64 bytes, more than a
// small op itself, while a view of a slab costs about 0.1 µs. A slab is freed with its last view,
// so a small tensor kept for long can hold up to 16 KiB. Slabs are fresh, so views start zeroed.
const SLAB_BYTES = 16384;
const POOLED_BYTES = 1024;
const ALIGN = 16;
let slab = new ArrayBuffer(0);
let slabUsed = 0;

/** A zeroed array of `n` elements of `dtype`; small ones share a slab (see above). */
export function allocate(dtype: DType, n: number): TypedArray {
  const bytes = n * (dtype === 'float64' ? 8 : dtype === 'bool' ? 1 : 4);
  if (bytes <= POOLED_BYTES && Number.isInteger(n) && n >= 0) {
    if (slabUsed + bytes > slab.byteLength) {
      slab = new ArrayBuffer(SLAB_BYTES);
      slabUsed = 0;
    }
    const at = slabUsed;
    slabUsed += (bytes + ALIGN - 1) & -ALIGN;
    switch (dtype) {
      case 'float32':
        return new Float32Array(slab, at, n);
      case 'float64':
        return new Float64Array(slab, at, n);
      case 'int32':
        return new Int32Array(slab, at, n);
      case 'bool':
        return new Uint8Array(slab, at, n);
    }
  }
  try {
    return allocateUnchecked(dtype, n);
  } catch (e) {
    if (e instanceof RangeError) throw argumentError(`cannot allocate ${n} elements of ${dtype}: ${e.message}`);
    throw e;
  }
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
  }
}

/** The dtype a TypedArray stands for, or undefined for other kinds. */
export function dtypeOfArray(a: unknown): DType | undefined {
  if (a instanceof Float32Array) return 'float32';
  if (a instanceof Float64Array) return 'float64';
  if (a instanceof Int32Array) return 'int32';
  if (a instanceof Uint8Array) return 'bool';
  return undefined;
}

export function checkDType(d: unknown, op: string): DType {
  if (!isDType(d)) throw dtypeError(`${op}: unknown dtype ${typeof d === 'string' ? d : typeof d} (expected one of ${DTYPES.join(', ')})`);
  return d;
}

/** PyTorch's printed name, e.g. torch.float32. */
export function torchName(d: DType): string {
  return `torch.${d}`;
}

// PyTorch's promotion lattice restricted to our dtypes: bool < int32 < float32 < float64.
const RANK: Record<DType, number> = { bool: 0, int32: 1, float32: 2, float64: 3 };

export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/**
 * Result dtype of a tensor op with a JS number operand, as PyTorch treats Python scalars: a
 * number never widens a tensor of the same category; an integer number keeps int32 int32, a
 * fractional one turns an integer or bool tensor into the default float32.
 */
export function promoteWithScalar(t: DType, v: number): DType {
  if (Number.isInteger(v)) return t === 'bool' ? 'int32' : t;
  return isFloating(t) ? t : 'float32';
}
