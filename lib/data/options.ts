// Checks for the options of the training loops and loaders (fit, fitAsync, trainAsync,
// DataLoader, dataIter): each bad value is an ARGUMENT TensorError naming the op, the option
// and the value, so that no option can make a loop spin forever (a batch size of 0) or
// silently train on nonsense (a NaN learning rate).
import { argumentError } from '../errors';
import { Generator } from '../random';
import { show } from '../shape';

/** The options object itself: undefined and null mean none; anything else must be an object. */
export function optionsOf<T extends object>(op: string, opts: T | null | undefined): Partial<T> {
  if (opts === undefined || opts === null) return {};
  if (typeof opts !== 'object') throw argumentError(`${op}: options must be an object, got ${show(opts)}`);
  return opts;
}

export function positiveInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw argumentError(`${op}: ${name} must be a positive integer, got ${show(v)}`);
  return v;
}

export function nonNegativeInt(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw argumentError(`${op}: ${name} must be a non-negative integer, got ${show(v)}`);
  return v;
}

/** A finite number >= 0 (a learning rate: PyTorch accepts 0). */
export function nonNegativeFinite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw argumentError(`${op}: ${name} must be a finite non-negative number, got ${show(v)}`);
  return v;
}

export function bool(op: string, name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw argumentError(`${op}: ${name} must be a boolean, got ${show(v)}`);
  return v;
}

/** A function, or undefined (null counts as undefined). */
export function optionalFunction<F>(op: string, name: string, v: F | null | undefined): F | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'function') throw argumentError(`${op}: ${name} must be a function, got ${show(v)}`);
  return v;
}

/** A tg.Generator, or undefined (null counts as undefined). */
export function optionalGenerator(op: string, v: unknown): Generator | undefined {
  if (v === undefined || v === null) return undefined;
  if (!(v instanceof Generator)) throw argumentError(`${op}: generator must be a tg.Generator, got ${show(v)}`);
  return v;
}

/** An AbortSignal (or anything with a boolean `aborted`), or undefined (null counts as undefined). */
export function optionalSignal(op: string, v: unknown): AbortSignal | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || typeof (v as { aborted?: unknown }).aborted !== 'boolean') {
    throw argumentError(`${op}: signal must be an AbortSignal, got ${show(v)}`);
  }
  return v as AbortSignal | undefined;
}
