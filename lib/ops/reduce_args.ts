// Argument handling shared by the reductions of the 0.2 surface: `(dim?, {keepdim, ...})`.
import { argumentError } from '../errors';
import { optionsArg, show, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { fromStorage } from '../backend/raw';

export type Dim = number | readonly number[];

export interface VarOptions {
  /** Subtracted from the element count in the divisor (1: Bessel's correction, PyTorch's default). */
  correction?: number;
  keepdim?: boolean;
}

/** Splits `(dim?, opts?)` where the options may come first (`x.var({correction: 0})`). */
export function dimAndOptions<O extends object>(op: string, dim: unknown, opts: unknown): [Dim | undefined, O] {
  if (typeof dim === 'object' && dim !== null && !Array.isArray(dim)) return [undefined, optionsArg<O>(op, dim) ?? ({} as O)];
  return [dim as Dim | undefined, optionsArg<O>(op, opts) ?? ({} as O)];
}

export function keepdimOf(op: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw argumentError(`${op}: keepdim must be a boolean, got ${show(v)}`);
  return v;
}

/** The shape with the flagged dims kept as size 1. */
export function keptShape(shape: Shape, flags: readonly boolean[]): number[] {
  return shape.map((s, i) => (flags[i] ? 1 : s));
}

/** `t` (the flagged dims removed) reshaped to the keepdim shape when asked: a view, no copy. */
export function withKeepdim(t: Tensor, shape: Shape, flags: readonly boolean[], keepdim: boolean): Tensor {
  return keepdim ? fromStorage(t._storage, keptShape(shape, flags), t.dtype, t.offset) : t;
}
