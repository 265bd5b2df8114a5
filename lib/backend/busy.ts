// The in-use mark of storages read by pending async ops (lib/async.ts sets it).
import { stateError } from '../errors';
import type { Tensor } from '../tensor';

/** Throws STATE when `t`'s storage is in use by a pending async op (called before in-place writes). */
export function checkNotBusy(op: string, t: Tensor): void {
  if (t._storage.busy > 0) {
    throw stateError(`${op}: the tensor is in use by a pending async operation; await it before writing to the tensor`);
  }
}
