// Argument checks and messages shared by the linalg factorizations (PyTorch's wording).
import { isFloating, scalarTypeName, type DType } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { checkTensor } from '../backend/operand';
import type { Tensor } from '../tensor';

/** PyTorch's ScalarType name (Float, Double, Int, Long, Bool). */
export function scalarName(d: DType): string {
  return scalarTypeName(d);
}

/** A tensor of at least 2 dims (SHAPE) and a float dtype (DTYPE), as linalg's checks. */
export function checkMatrices(op: string, a: unknown, what = 'A'): Tensor {
  const t = checkTensor(op, a, what);
  if (t.ndim < 2) throw shapeError(`${op}: The input tensor ${what} must have at least 2 dimensions.`);
  if (!isFloating(t.dtype)) throw dtypeError(`${op}: Expected a floating point or complex tensor as input. Got ${scalarName(t.dtype)}`);
  return t;
}

/** checkMatrices, and square: [..., n, n]. */
export function checkSquare(op: string, a: unknown): Tensor {
  const t = checkMatrices(op, a);
  const m = t._shape[t.ndim - 2];
  const n = t._shape[t.ndim - 1];
  if (m !== n) throw shapeError(`${op}: A must be batches of square matrices, but they are ${m} by ${n} matrices`);
  return t;
}

/** Throws ARGUMENT for the first nonzero info, with "(Batch element b): " when A is batched. */
export function raiseInfo(op: string, info: Int32Array, batched: boolean, message: (i: number) => string): void {
  for (let b = 0; b < info.length; b++) {
    if (info[b] !== 0) throw argumentError(`${op}: ${batched ? `(Batch element ${b}): ` : ''}${message(info[b])}`);
  }
}

/** The options object (or undefined), refusing anything else and unknown keys. */
export function options<O extends object>(op: string, v: unknown, keys: readonly string[]): Partial<O> {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw argumentError(`${op}: options must be an object`);
  for (const k of Object.keys(v)) if (!keys.includes(k)) throw argumentError(`${op}: unknown option '${k}' (expected ${keys.join(', ')})`);
  return v;
}

/** The last two dims swapped (PyTorch's mT). */
export function mT(x: Tensor): Tensor {
  return x.transpose(-2, -1);
}
