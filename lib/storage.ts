import { allocate, claimBuffer, type DType, type TypedArray } from './dtype';
import { giveBuffer, poolStats } from './memory_pool';

/**
 * A V8-owned typed buffer that native kernels read and write in place (zero copy). Views of
 * one tensor share a Storage.
 */
const live = { storages: 0, bytes: 0 };
const EMPTY = new Float32Array(0);
// Counts storages as the garbage collector frees them, so tg.memory() reports what is live.
const collected = new FinalizationRegistry<number>((bytes) => {
  live.storages--;
  live.bytes -= bytes;
});

// A storage registered with a FinalizationRegistry costs about a microsecond to register and
// about two more in garbage collection: measured, a 1024-element subtraction took 6 us tracked and
// 4 us untracked. So only storages of at least this many bytes are tracked.
const TRACKED_BYTES = 65536;

/**
 * Live tensor storages (a tensor and its views share one) of at least 64 KiB, and their bytes.
 * Smaller tensors are not counted: tracking them would cost more than the ops that make them.
 */
export function memory(): { tensors: number; bytes: number; pooledBytes: number; poolLimit: number; poolReuses: number } {
  return { tensors: live.storages, bytes: live.bytes, ...poolStats() };
}

/**
 * Where new storages are recorded: the innermost tg.tidy/tg.scope's list (memory.ts), or null
 * outside any (a single null check per storage). `asyncPending` counts async ops in flight
 * (async.ts): while one is, a disposed buffer is not pooled, since a queued native job may still
 * read a storage that the caller could not know it uses (a parameter reached through a model).
 */
export const tracking: { scope: Storage[] | null; asyncPending: number } = { scope: null, asyncPending: 0 };

let serials = 0;

export class Storage {
  /** Pending async ops using this storage; writes are refused while it is non-zero (backend/busy.ts). */
  busy = 0;
  disposed = false;
  /** Set when a tensor over this storage went somewhere long-lived (a .grad, tg.keep): tidy leaves it. */
  kept = false;
  /** Creation order, so the backward engine can tell the storages it made (autograd/engine.ts). */
  readonly serial = ++serials;
  private readonly tracked: boolean;
  /** This storage alone references its buffer, which the pool made: dispose() gives it back. */
  private readonly owner: boolean;

  constructor(public data: TypedArray) {
    this.tracked = data.byteLength >= TRACKED_BYTES;
    this.owner = false;
    if (this.tracked) {
      live.storages++;
      live.bytes += data.byteLength;
      collected.register(this, data.byteLength, this);
      this.owner = claimBuffer(data.buffer);
    }
    if (tracking.scope !== null) tracking.scope.push(this);
  }

  /**
   * Releases the buffer now instead of at garbage collection; the storage is unusable after.
   * A buffer the pool made returns to it: `data` is dropped first, and no other object holds the
   * buffer (views share this Storage, not its array; reads copy out), so nothing can see it reused.
   */
  dispose(): void {
    if (this.disposed) return;
    const data = this.data;
    if (this.tracked) {
      collected.unregister(this);
      live.storages--;
      live.bytes -= data.byteLength;
    }
    this.data = EMPTY;
    this.disposed = true;
    if (this.owner && this.busy === 0 && tracking.asyncPending === 0) giveBuffer(data.buffer as ArrayBuffer);
  }

  /** Number of the most recently created storage (autograd/engine.ts compares serials). */
  static lastSerial(): number {
    return serials;
  }

  static alloc(dtype: DType, n: number): Storage {
    return new Storage(allocate(dtype, n));
  }
}

/**
 * PyTorch's version counter: bumped by every in-place write, shared by a tensor and its views,
 * checked by saved tensors at backward time. `.data` gets a fresh one so writes through it go
 * unnoticed, exactly as in PyTorch.
 */
export class VersionCounter {
  value = 0;
}
