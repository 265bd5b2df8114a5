// Promise variants of the heavy ops. The op runs as usual, except that every native call it
// makes is queued on the addon's executor thread instead of running on the event loop; the
// Promise settles when the last one has run. Ops run in submission order.
//
// The rule for tensors in flight: while an async op is pending, its input tensors' storage is
// marked busy, and any in-place write to it (add_, copy_, an optimizer step, a .grad
// accumulation...) throws a TensorError with code STATE. Reading them is fine. The result is
// only handed out once it is complete.
//
// The mark belongs to the storage, not to the tensor: `x.data = y` during the op is allowed (as
// in PyTorch, where it is always allowed): the queued work keeps reading x's old storage, which
// stays marked until the op ends, and x now writes to y's storage, which the op never reads. So
// the storages marked at the start are the ones unmarked at the end, whatever x points at then.
//
// Transfers: the executor reads an input's memory through a raw pointer, and N-API can hold a
// typed array but not its memory: postMessage(buf, [buf]) or structuredClone(buf, {transfer})
// detaches the buffer and moves the memory to the receiver, which frees it when collected. So
// the inputs' buffers are marked untransferable (worker_threads.markAsUntransferable, as Node
// marks its Buffer pool): a transfer list that names one copies it on Node 20 and throws a
// DataCloneError on Node 21+, and the op reads memory that stays alive. The mark is permanent:
// such a buffer can still be posted, as a copy, not moved.
import { markAsUntransferable } from 'worker_threads';
import { TensorError } from './errors';
import { beginDeferred, endDeferred } from './backend/deferral';
import { isTensor, Tensor } from './tensor';
import { tracking } from './storage';

function tensorsIn(args: readonly unknown[]): Tensor[] {
  const out: Tensor[] = [];
  for (const a of args) {
    if (isTensor(a)) out.push(a);
    else if (Array.isArray(a)) out.push(...a.filter((t): t is Tensor => isTensor(t)));
  }
  return out;
}

/** Runs `fn` with its native work deferred to the executor thread; resolves with its result. */
export async function runAsync<T>(args: readonly unknown[], fn: () => T): Promise<T> {
  const callSite = new Error().stack ?? '';
  const locked = tensorsIn(args).map((t) => t._storage);
  for (const s of locked) {
    s.busy++;
    markAsUntransferable(s.data.buffer);
  }
  let jobs: Promise<void>[];
  // A tg.tidy around the call must not dispose what the queued work reads or writes after it
  // ends: nothing made here is recorded by a scope, and no buffer is pooled until the op settles.
  const scope = tracking.scope;
  tracking.asyncPending++;
  try {
    let result: T;
    beginDeferred();
    tracking.scope = null;
    try {
      result = fn();
    } catch (e) {
      tracking.scope = scope;
      await Promise.allSettled(endDeferred()); // what was queued still reads the inputs
      throw e;
    }
    tracking.scope = scope;
    jobs = endDeferred();
    try {
      await Promise.all(jobs);
    } catch (e) {
      await Promise.allSettled(jobs);
      // Errors from the executor thread carry no JS stack: give them the caller's.
      if (e instanceof TensorError) e.stack = `${e.name}: ${e.message}\n${callSite.split('\n').slice(2).join('\n')}`;
      throw e;
    }
    return result;
  } finally {
    tracking.asyncPending--;
    for (const s of locked) s.busy--;
  }
}
