// The addon's process-wide settings: its thread pool and the kernel set it dispatched to.
import { argumentError } from '../errors';
import { native } from './entries';

/**
 * Threads the native kernels use (the addon's own pool, shared by every worker_thread of the
 * process). Starts at TENSORGRAD_NUM_THREADS, else the machine's cores.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw argumentError(`setNumThreads: expected a positive integer, got ${n}`);
  native.setNumThreads(n);
}

export function getNumThreads(): number {
  return native.getNumThreads();
}

/** The SIMD kernel set in use ('avx512', 'avx2', 'neon' or 'ref'); TENSORGRAD_ISA forces one. */
export function backendInfo(): { isa: string; cpuIsas: string[] } {
  return { isa: native.isa(), cpuIsas: native.cpuIsas() };
}
