// The minibatch training loop that LogisticRegression and MLP share, with LinearRegression's
// options, checks and batching: fit() on the calling thread, fitAsync() yielding between
// minibatches and computing each epoch's full-data loss on the addon's executor thread.
import { noGradSync } from '../autograd/grad_mode';
import { arange } from '../creation';
import { dataIter } from '../data/data_iter';
import { argumentError, stateError } from '../errors';
import { SGD } from '../optim/sgd';
import { Adam } from '../optim/adam';
import { randpermAsync } from '../random';
import { show } from '../shape';
import { bool, nonNegativeFinite, nonNegativeInt, optionalFunction, optionalGenerator, optionalSignal, optionsOf, positiveInt } from '../data/options';
import { runAsync } from '../async';
import { tidy } from '../memory';
import type { Tensor } from '../tensor';
import type { Generator } from '../random';

/** What a model gives the loop. */
export interface Trainable {
  parameters(): Tensor[];
  /** Switches dropout and the like on (true) or off; called with true before training. */
  setTraining(mode: boolean): void;
  /** The minibatch loss (a mean, as PyTorch's losses), recorded for autograd. */
  batchLoss(xb: Tensor, yb: Tensor): Tensor;
  /** The sum of the per-element losses over (x, y), without a graph, as a 0-d tensor. */
  lossSum(x: Tensor, y: Tensor): Tensor;
  /** How many loss elements one sample contributes to the mean (1, or the number of outputs). */
  readonly lossPerSample: number;
}

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: 'sgd' | 'adam';
  shuffle?: boolean;
  generator?: Generator;
  /** Called after each epoch with its number (from 1) and the loss over the whole data set. */
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface AsyncFitOptions {
  /** Aborts training; fitAsync then rejects with a STATE TensorError. */
  signal?: AbortSignal;
  onProgress?: (p: { epoch: number; batch: number; batches: number }) => void;
}

export type CheckedFitOptions = ReturnType<typeof fitOptions>;

/** Every option of fit/fitAsync checked (ARGUMENT on a bad one), with its default. */
export function fitOptions(op: string, options: (FitOptions & AsyncFitOptions) | null | undefined) {
  const o = optionsOf(op, options);
  const optimizer = o.optimizer ?? 'sgd';
  if (optimizer !== 'sgd' && optimizer !== 'adam') throw argumentError(`${op}: unknown optimizer '${show(optimizer)}' (use 'sgd' or 'adam')`);
  return {
    epochs: nonNegativeInt(op, 'epochs', o.epochs ?? 10),
    batchSize: positiveInt(op, 'batchSize', o.batchSize ?? 100),
    lr: nonNegativeFinite(op, 'lr', o.lr ?? 0.03),
    optimizer,
    shuffle: bool(op, 'shuffle', o.shuffle ?? true),
    generator: optionalGenerator(op, o.generator),
    onEpoch: optionalFunction(op, 'onEpoch', o.onEpoch),
    onProgress: optionalFunction(op, 'onProgress', o.onProgress),
    signal: optionalSignal(op, o.signal),
  };
}

function makeOptimizer(params: Tensor[], optimizer: 'sgd' | 'adam', lr: number): SGD | Adam {
  return optimizer === 'sgd' ? new SGD(params, { lr }) : new Adam(params, { lr });
}

/**
 * Rows per slice of an epoch's full-data loss. fitAsync queues each slice to the executor thread
 * (~0.3 ms of handoffs a slice): with 65,536 rows a 1,000,000 x 64 loss took 19-27 ms against
 * 14 ms in one piece, fitAsync ran at 0.85-0.94x fit (`npm run bench:server`); with 262,144 the
 * slices took 14 ms. A slice's outputs stay small (1 MiB of float32 per column).
 */
export const SLICE = 262144;

/**
 * fitAsync runs minibatches until this many milliseconds have passed, then yields to the event
 * loop. 2 ms gave an event-loop delay p99 of 5.9-7.2 ms while serving (`npm run bench:server`),
 * 1 ms gave 3.9-5.0, for a yield (~20 us) per millisecond of training.
 */
export const YIELD_AFTER_MS = 1;

/** The mean loss over the whole data set, in eval mode (no dropout), sliced. */
function fullLoss(m: Trainable, x: Tensor, y: Tensor): number {
  const n = x.shape[0];
  let total = 0;
  for (let start = 0; start < n; start += SLICE) {
    const len = Math.min(SLICE, n - start);
    total += noGradSync(() => m.lossSum(x.narrow(0, start, len), y.narrow(0, start, len))).item();
  }
  return total / (n * m.lossPerSample);
}

/**
 * One minibatch step: `step` runs inside tidy and the batch is disposed after it, so the next
 * batch's gather and intermediates take the same pooled buffers instead of faulting in fresh
 * pages (a 1024 x 64 float32 gather took 130 us fresh against 32 us warm).
 */
export function batchStep(xb: Tensor, yb: Tensor, step: () => void): void {
  try {
    tidy(step);
  } finally {
    xb.dispose();
    yb.dispose();
  }
}

/** Trains `m` on (x, y) in place; the losses are each epoch's full-data loss after it. */
export function fitLoop(m: Trainable, x: Tensor, y: Tensor, o: CheckedFitOptions): { losses: number[] } {
  const opt = makeOptimizer(m.parameters(), o.optimizer, o.lr);
  const losses: number[] = [];
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    m.setTraining(true);
    for (const [xb, yb] of dataIter(x, y, o.batchSize, { shuffle: o.shuffle, generator: o.generator })) {
      batchStep(xb, yb, () => {
        m.batchLoss(xb, yb).backward();
        opt.step();
        opt.zeroGrad();
      });
    }
    m.setTraining(false);
    const loss = fullLoss(m, x, y);
    losses.push(loss);
    o.onEpoch?.(epoch, loss);
  }
  m.setTraining(false);
  return { losses };
}

/** fitLoop that keeps the event loop free, as LinearRegression.fitAsync. */
export async function fitLoopAsync(m: Trainable, x: Tensor, y: Tensor, o: CheckedFitOptions): Promise<{ losses: number[] }> {
  const opt = makeOptimizer(m.parameters(), o.optimizer, o.lr);
  const losses: number[] = [];
  const n = x.shape[0];
  const batches = Math.ceil(n / o.batchSize);
  let last = performance.now();
  const checkAbort = () => {
    if (o.signal?.aborted) throw stateError('fitAsync: aborted');
  };
  checkAbort();
  try {
    for (let epoch = 1; epoch <= o.epochs; epoch++) {
      m.setTraining(true);
      let batch = 0;
      // The same batches as dataIter gives fit(), with the shuffle itself done in slices.
      const order = o.shuffle ? await randpermAsync(n, { generator: o.generator, dtype: 'int32' }) : arange(n, { dtype: 'int32' });
      for (let start = 0; start < n; start += o.batchSize) {
        const idx = order.narrow(0, start, Math.min(o.batchSize, n - start));
        const xb = x.indexSelect(0, idx);
        const yb = y.indexSelect(0, idx);
        checkAbort();
        batchStep(xb, yb, () => {
          m.batchLoss(xb, yb).backward();
          opt.step();
          opt.zeroGrad();
        });
        o.onProgress?.({ epoch, batch: ++batch, batches });
        if (performance.now() - last > YIELD_AFTER_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          last = performance.now();
        }
      }
      order.dispose();
      checkAbort();
      m.setTraining(false);
      // The full-data loss in slices, each on the executor thread.
      let total = 0;
      for (let start = 0; start < n; start += SLICE) {
        const len = Math.min(SLICE, n - start);
        const xs = x.narrow(0, start, len);
        const ys = y.narrow(0, start, len);
        total += (await runAsync([xs, ys, ...m.parameters()], () => noGradSync(() => m.lossSum(xs, ys)))).item();
      }
      const loss = total / (n * m.lossPerSample);
      last = performance.now();
      losses.push(loss);
      o.onEpoch?.(epoch, loss);
    }
  } finally {
    m.setTraining(false);
  }
  return { losses };
}
