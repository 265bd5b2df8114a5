// Deterministic memory: tg.tidy / tg.scope, tg.keep, tg.dispose and the pool's limit. A storage
// is recorded by the innermost open scope when it is made (storage.ts); at the scope's end every
// recorded storage is disposed (its buffer back to the pool) except:
//  - the storages of tensors in the returned value (a tensor, or arrays and plain objects of them,
//    at any depth), which move to the enclosing scope, if any;
//  - storages marked kept: a leaf that requires grad (a parameter), anything assigned as a `.grad`
//    (by backward or by hand) or through `x.data = y`, and anything passed to tg.keep (optimizer
//    state, a model's buffers made inside the scope, a cache);
//  - storages in use by a pending async op (busy): the GC frees them as before.
// Views share their base's storage and make none, so a view taken inside the scope of a tensor
// made outside it never disposes that tensor. What the rule cannot see is a tensor made inside and
// stored somewhere long-lived by hand (a global, a Map): keep() it or return it.
// A scope is synchronous: a function returning a Promise is refused (ARGUMENT), and an async op
// started inside records nothing (async.ts), since its work finishes after the scope ends.
import { argumentError } from './errors';
import { setPoolLimit } from './memory_pool';
import { Storage, tracking } from './storage';
import { Tensor } from './tensor';

/** What tidy returns and keep/dispose take: tensors, in arrays and plain objects at any depth. */
export type TensorContainer = Tensor | null | undefined | number | string | boolean | bigint | readonly TensorContainer[] | { [k: string]: TensorContainer };

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Calls fn on every tensor in `v` (arrays and plain objects at any depth, each visited once). */
function eachTensor(v: unknown, fn: (t: Tensor) => void, seen = new Set<object>()): void {
  if (v instanceof Tensor) {
    fn(v);
    return;
  }
  if (typeof v !== 'object' || v === null || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) for (const x of v) eachTensor(x, fn, seen);
  else if (isPlainObject(v)) for (const k of Object.keys(v)) eachTensor((v as Record<string, unknown>)[k], fn, seen);
}

function isThenable(v: unknown): boolean {
  return (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';
}

/** Disposes the scope's storages but those in `returned`; the returned ones go to `outer`. */
function close(mine: Storage[], returned: Set<Storage>, outer: Storage[] | null): void {
  for (const s of mine) {
    if (returned.has(s)) outer?.push(s);
    else if (!s.kept && s.busy === 0) s.dispose();
  }
}

/**
 * Runs `fn` and disposes every tensor storage it made, except those of the returned value and
 * kept ones (parameters, `.grad`s, tg.keep), so a loop reuses the pool's warm memory. TF.js's
 * tf.tidy; `fn` must be synchronous.
 */
export function tidy<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw argumentError('tidy: expected a function');
  const outer = tracking.scope;
  const mine: Storage[] = [];
  tracking.scope = mine;
  let result: T;
  try {
    result = fn();
  } catch (e) {
    tracking.scope = outer;
    close(mine, new Set(), outer);
    throw e;
  }
  tracking.scope = outer;
  if (isThenable(result)) {
    // The async function is still running over what it made: dispose nothing, hand it to the
    // enclosing scope, and keep its rejection from going unhandled (the caller never gets it).
    if (outer !== null) outer.push(...mine);
    (result as PromiseLike<unknown>).then(undefined, () => undefined);
    throw argumentError('tidy: fn returned a Promise; tidy and scope take synchronous functions (dispose tensors in async code with dispose() or `using`)');
  }
  const returned = new Set<Storage>();
  eachTensor(result, (t) => returned.add(t._storage));
  close(mine, returned, outer);
  return result;
}

/** tg.tidy under the name of a scope helper: disposes what `fn` made except what it returns. */
export function scope<T>(fn: () => T): T {
  return tidy(fn);
}

/** Exempts the tensors in `v` from every enclosing tidy (TF.js's tf.keep); returns `v`. */
export function keep<T extends TensorContainer>(v: T): T {
  eachTensor(v, (t) => {
    t._storage.kept = true;
  });
  return v;
}

/**
 * Disposes every tensor in `v` (arrays and plain objects at any depth), TF.js's tf.dispose. A
 * tensor in use by a pending async op is refused (STATE), as by tensor.dispose().
 */
export function dispose(v: TensorContainer): void {
  eachTensor(v, (t) => t.dispose());
}

/**
 * Sets how many bytes of freed buffers the pool may hold (default 256 MiB, or the environment's
 * TENSORGRAD_MEMORY_POOL_LIMIT); lowering it releases buffers now. 0 turns pooling off.
 */
export function setMemoryPoolLimit(bytes: number): void {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) {
    throw argumentError(`setMemoryPoolLimit: expected a non-negative number of bytes, got ${String(bytes)}`);
  }
  setPoolLimit(Math.floor(bytes));
}
