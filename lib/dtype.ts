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

export function allocate(dtype: DType, n: number): TypedArray {
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
