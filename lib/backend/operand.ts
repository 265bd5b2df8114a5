// Shared argument handling for ops: operand checks, dtype promotion of tensor/number pairs.
import { isFloating, promoteTypes, promoteWithScalar, type DType } from '../dtype';
import { argumentError, stateError } from '../errors';
import { isTensor, Tensor } from '../tensor';
import { castRaw, scalarRaw } from './raw';

/** A tensor, or a scalar: a number (an integer when Number.isInteger), or a bigint (an integer, exact for int64). */
export type Operand = Tensor | number | bigint;

export function checkTensor(op: string, v: unknown, what = 'input'): Tensor {
  if (!isTensor(v)) throw argumentError(`${op}: ${what} must be a Tensor, got ${describe(v)}`);
  if (v._storage.disposed) throw stateError(`${op}: ${what} has been disposed`);
  return v;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v;
}

function category(d: DType): number {
  return d === 'bool' ? 0 : isFloating(d) ? 2 : 1;
}

/**
 * PyTorch's result type for two tensors: a dimensioned tensor wins over a 0-d one of the same
 * category; a 0-d tensor of a higher category decides the result.
 */
export function resultType(a: Tensor, b: Tensor): DType {
  const aDim = a.ndim > 0;
  const bDim = b.ndim > 0;
  if (aDim === bDim) return promoteTypes(a.dtype, b.dtype);
  const [dim, zero] = aDim ? [a, b] : [b, a];
  return category(zero.dtype) > category(dim.dtype) ? zero.dtype : dim.dtype;
}

// Wrapped numbers, reused: creating a 0-d tensor costs more than a small op. They never reach
// user code (ops only read them), so sharing is safe. Zero is not cached: Map keys equate -0
// and 0, which multiply differently.
const wrapped: Record<DType, Map<number, Tensor>> = { float32: new Map(), float64: new Map(), int32: new Map(), int64: new Map(), bool: new Map() };

/** `v` as a shared 0-d tensor of `dtype`, for an operand that is only read. */
export function wrapNumber(v: number, dtype: DType): Tensor {
  if (v === 0) return scalarRaw(v, dtype);
  const cache = wrapped[dtype];
  let t = cache.get(v);
  if (t === undefined) {
    if (cache.size >= 256) cache.clear();
    t = scalarRaw(v, dtype);
    t._storage.kept = true; // made inside a tg.tidy perhaps, but shared by later calls
    cache.set(v, t);
  }
  return t;
}

/** The right operand as a tensor: a number becomes a 0-d tensor of the dtype PyTorch would use. */
export function wrapOperand(op: string, a: Tensor, b: unknown): Tensor {
  if (typeof b === 'number') return wrapNumber(b, promoteWithScalar(a.dtype, b));
  if (typeof b === 'bigint') return scalarRaw(b, promoteWithScalar(a.dtype, b));
  if (typeof b === 'boolean') return scalarRaw(b ? 1 : 0, a.dtype === 'bool' ? 'bool' : a.dtype);
  return checkTensor(op, b, 'other');
}

/** `t` converted to `dtype` (no copy when it already is). */
export function asDType(t: Tensor, dtype: DType): Tensor {
  return t.dtype === dtype ? t : castRaw(t, dtype);
}

/** Refuses to write into `t` when a broadcast dim makes elements share memory (PyTorch's message). */
export function checkWritable(op: string, t: Tensor): void {
  if (t._strides.some((st, i) => st === 0 && t._shape[i] > 1)) {
    throw argumentError(
      `${op}: unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.`,
    );
  }
}
