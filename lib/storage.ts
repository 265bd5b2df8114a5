import { allocate, type DType, type TypedArray } from './dtype';

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
export function memory(): { tensors: number; bytes: number } {
  return { tensors: live.storages, bytes: live.bytes };
}

export class Storage {
  /** Pending async ops using this storage; writes are refused while it is non-zero (backend/busy.ts). */
  busy = 0;
  disposed = false;
  private readonly tracked: boolean;

  constructor(public data: TypedArray) {
    this.tracked = data.byteLength >= TRACKED_BYTES;
    if (this.tracked) {
      live.storages++;
      live.bytes += data.byteLength;
      collected.register(this, data.byteLength, this);
    }
  }

  /** Releases the buffer now instead of at garbage collection; the storage is unusable after. */
  dispose(): void {
    if (this.disposed) return;
    if (this.tracked) {
      collected.unregister(this);
      live.storages--;
      live.bytes -= this.data.byteLength;
    }
    this.data = EMPTY;
    this.disposed = true;
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
