import { argumentError, shapeError } from '../errors';
import { randperm, type Generator as RandomGenerator } from '../random';
import { arange } from '../creation';
import { fmt } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { bool, optionalGenerator, optionsOf, positiveInt } from './options';

export interface DataIterOptions {
  shuffle?: boolean;
  generator?: RandomGenerator;
}

/**
 * The tutorial's data_iter: yields [x, y] minibatches of `batchSize` rows gathered with
 * indexSelect, in a random order (a fresh permutation per call) unless shuffle is false; the
 * last batch may be short. The arguments are checked when it is called, before the first batch:
 * `batchSize` a positive integer, `shuffle` a boolean, `generator` a tg.Generator (else an
 * ARGUMENT TensorError).
 */
export function dataIter(samples: Tensor, labels: Tensor, batchSize: number, opts: DataIterOptions = {}): Generator<[Tensor, Tensor]> {
  if (!isTensor(samples) || !isTensor(labels)) throw argumentError('dataIter: samples and labels must be Tensors');
  positiveInt('dataIter', 'batchSize', batchSize);
  if (samples.ndim === 0 || labels.ndim === 0 || samples._shape[0] !== labels._shape[0]) {
    throw shapeError(`dataIter: samples ${fmt(samples._shape)} and labels ${fmt(labels._shape)} must have the same number of rows`);
  }
  const o = optionsOf('dataIter', opts);
  const shuffle = bool('dataIter', 'shuffle', o.shuffle ?? true);
  const generator = optionalGenerator('dataIter', o.generator);
  return batches(samples, labels, batchSize, shuffle, generator);
}

function* batches(samples: Tensor, labels: Tensor, batchSize: number, shuffle: boolean, generator: RandomGenerator | undefined): Generator<[Tensor, Tensor]> {
  const n = samples._shape[0];
  // int32, the gather kernels' index type: the same permutation as int64, not converted per batch.
  const order = shuffle ? randperm(n, { generator, dtype: 'int32' }) : arange(n, { dtype: 'int32' });
  try {
    for (let i = 0; i < n; i += batchSize) {
      const idx = order.narrow(0, i, Math.min(batchSize, n - i));
      yield [samples.indexSelect(0, idx), labels.indexSelect(0, idx)];
    }
  } finally {
    order.dispose(); // the next epoch's permutation takes its buffer warm
  }
}
