// The optimizer-step loop for servers: batches from a DataLoader (for await, which yields to the
// event loop between batches), one caller-supplied step per batch, cancellable.
import { argumentError, stateError } from '../errors';
import type { DataLoader } from '../data/dataset';
import type { Tensor } from '../tensor';
import { nonNegativeInt, optionalFunction, optionalSignal, optionsOf } from '../data/options';

export interface TrainAsyncOptions {
  epochs?: number;
  signal?: AbortSignal;
  onEpoch?: (epoch: number) => void | Promise<void>;
}

/**
 * Runs `step(batch)` over `epochs` passes of `loader`, letting the event loop run between
 * batches. `step` does the forward, backward and optimizer step; it may be async. Rejects
 * with a STATE TensorError when `signal` aborts. Never throws synchronously: bad arguments or
 * options (`epochs` a non-negative integer, `signal` an AbortSignal, `onEpoch` a function)
 * reject with an ARGUMENT TensorError.
 */
export async function trainAsync(loader: DataLoader, step: (batch: Tensor[]) => unknown, opts: TrainAsyncOptions = {}): Promise<void> {
  if (typeof step !== 'function') throw argumentError('trainAsync: step must be a function');
  if (loader === null || typeof loader !== 'object' || typeof loader[Symbol.asyncIterator] !== 'function') {
    throw argumentError('trainAsync: expected a DataLoader');
  }
  const o = optionsOf('trainAsync', opts);
  const epochs = nonNegativeInt('trainAsync', 'epochs', o.epochs ?? 1);
  const signal = optionalSignal('trainAsync', o.signal);
  const onEpoch = optionalFunction('trainAsync', 'onEpoch', o.onEpoch);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    if (signal?.aborted) throw stateError('trainAsync: aborted');
    for await (const batch of loader) {
      if (signal?.aborted) throw stateError('trainAsync: aborted');
      await step(batch);
    }
    await onEpoch?.(epoch);
  }
}
