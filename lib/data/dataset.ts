// Datasets and the DataLoader, as torch.utils.data: TensorDataset, Subset/randomSplit, and a
// loader that batches by index (indexSelect for tensor datasets, stack otherwise).
import { INDEX_DTYPE } from '../dtype';
import { argumentError, indexError, shapeError } from '../errors';
import { arange, tensor } from '../creation';
import { stack } from '../ops/join';
import { defaultGenerator, Generator as RandomGenerator, randperm } from '../random';
import { fmt, show } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { bool, nonNegativeInt, optionalGenerator, optionsOf } from './options';

export interface Dataset {
  readonly length: number;
  get(index: number): Tensor[];
}

/** A dataset's length, checked: a non-negative integer (else the loops would never end). */
function datasetLength(op: string, dataset: Dataset): number {
  return nonNegativeInt(op, 'dataset.length', dataset.length);
}

function checkIndex(i: number, n: number): void {
  if (!Number.isInteger(i) || i < -n || i >= n) throw indexError(`index ${i} is out of range for a dataset of length ${n}`);
}

/** Rows of equally long tensors: get(i) returns [t0[i], t1[i], ...]. */
export class TensorDataset implements Dataset {
  readonly tensors: Tensor[];

  constructor(...tensors: Tensor[]) {
    if (tensors.length === 0) throw argumentError('TensorDataset: expected at least one tensor');
    for (const t of tensors) {
      if (!isTensor(t) || t.ndim === 0) throw argumentError('TensorDataset: every argument must be a tensor with at least one dimension');
      if (t._shape[0] !== tensors[0]._shape[0]) {
        throw shapeError(`TensorDataset: Size mismatch between tensors (${fmt(tensors[0]._shape)} and ${fmt(t._shape)})`);
      }
    }
    this.tensors = tensors;
  }

  get length(): number {
    return this.tensors[0]._shape[0];
  }

  get(index: number): Tensor[] {
    checkIndex(index, this.length);
    const i = index < 0 ? index + this.length : index;
    return this.tensors.map((t) => t.narrow(0, i, 1).squeeze(0));
  }

  /** Rows at `indices`, batched (one indexSelect per tensor). */
  gather(indices: Tensor): Tensor[] {
    return this.tensors.map((t) => t.indexSelect(0, indices));
  }
}

/** A view of `dataset` at the given indices. */
export class Subset implements Dataset {
  constructor(
    readonly dataset: Dataset,
    readonly indices: readonly number[],
  ) {}

  get length(): number {
    return this.indices.length;
  }

  get(index: number): Tensor[] {
    checkIndex(index, this.length);
    return this.dataset.get(this.indices[index < 0 ? index + this.length : index]);
  }
}

/**
 * Splits a dataset into non-overlapping random subsets (torch.utils.data.random_split). Lengths
 * are counts summing to the dataset's length, or fractions summing to 1 (remainders go
 * round-robin to the first subsets, as PyTorch does).
 */
export function randomSplit(dataset: Dataset, lengths: readonly number[], opts: { generator?: RandomGenerator } = {}): Subset[] {
  const generator = optionalGenerator('randomSplit', optionsOf('randomSplit', opts).generator);
  if (dataset === null || typeof dataset !== 'object' || typeof dataset.get !== 'function' || !Number.isInteger(dataset.length)) {
    throw argumentError('randomSplit: expected a dataset');
  }
  if (!Array.isArray(lengths) || !lengths.every((v) => typeof v === 'number')) throw argumentError('randomSplit: lengths must be an array of numbers');
  const n = dataset.length;
  let counts = lengths.slice();
  const total = counts.reduce((a, b) => a + b, 0);
  if (counts.every((v) => v >= 0 && v <= 1) && Math.abs(total - 1) < 1e-9 && total !== n) {
    counts = lengths.map((f) => Math.floor(n * f));
    let rest = n - counts.reduce((a, b) => a + b, 0);
    for (let i = 0; rest > 0; i = (i + 1) % counts.length, rest--) counts[i] += 1;
  }
  if (counts.some((v) => !Number.isInteger(v) || v < 0) || counts.reduce((a, b) => a + b, 0) !== n) {
    throw argumentError('randomSplit: Sum of input lengths does not equal the length of the input dataset!');
  }
  const perm = randperm(n, { generator }).toArray() as number[];
  const out: Subset[] = [];
  let at = 0;
  for (const c of counts) {
    out.push(new Subset(dataset, perm.slice(at, at + c)));
    at += c;
  }
  return out;
}

export interface DataLoaderOptions {
  batchSize?: number;
  shuffle?: boolean;
  dropLast?: boolean;
  generator?: RandomGenerator;
}

/**
 * Batches of a dataset as arrays of tensors (one per dataset field), iterable with for...of,
 * and with for await...of, which yields to the event loop between batches.
 */
export class DataLoader implements Iterable<Tensor[]>, AsyncIterable<Tensor[]> {
  readonly batchSize: number;
  readonly shuffle: boolean;
  readonly dropLast: boolean;
  private readonly generator?: RandomGenerator;

  constructor(
    readonly dataset: Dataset,
    opts: DataLoaderOptions = {},
  ) {
    if (dataset === null || typeof dataset !== 'object' || typeof dataset.get !== 'function') throw argumentError('DataLoader: expected a dataset');
    datasetLength('DataLoader', dataset);
    const o = optionsOf('DataLoader', opts);
    const batchSize = o.batchSize ?? 1;
    if (typeof batchSize !== 'number' || !Number.isSafeInteger(batchSize) || batchSize < 1)
      throw argumentError(`DataLoader: batch_size should be a positive integer value, but got batch_size=${show(batchSize)}`);
    this.batchSize = batchSize;
    this.shuffle = bool('DataLoader', 'shuffle', o.shuffle ?? false);
    this.dropLast = bool('DataLoader', 'dropLast', o.dropLast ?? false);
    this.generator = optionalGenerator('DataLoader', o.generator);
  }

  /** Number of batches per epoch. */
  get length(): number {
    const n = datasetLength('DataLoader', this.dataset);
    return this.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
  }

  private batch(indices: Tensor): Tensor[] {
    const ds = this.dataset;
    if (ds instanceof TensorDataset) return ds.gather(indices);
    if (ds instanceof Subset && ds.dataset instanceof TensorDataset) {
      const idx = Int32Array.from(indices.toArray() as number[], (i) => ds.indices[i]);
      return ds.dataset.gather(tensor(idx));
    }
    const rows = Array.from(indices.toArray() as number[], (i) => {
      const row = ds.get(i);
      if (!Array.isArray(row) || row.length === 0 || !row.every((t) => isTensor(t))) {
        throw argumentError(`DataLoader: dataset.get(${i}) must return a non-empty array of Tensors, got ${show(row)}`);
      }
      return row;
    });
    const fields = rows[0].length;
    if (rows.some((r) => r.length !== fields)) throw argumentError(`DataLoader: dataset.get returned arrays of different lengths`);
    return rows[0].map((_, f) => stack(rows.map((r) => r[f])));
  }

  /**
   * An epoch's order as torch.utils.data draws it: the iterator first takes a base seed (one
   * 64-bit draw) from the loader's generator or the default one; a shuffle is then RandomSampler's
   * randperm, from the loader's generator, else from a new generator seeded by a second draw.
   */
  private order(n: number): Tensor {
    const g = this.generator ?? defaultGenerator;
    g.nextUint64();
    if (!this.shuffle) return arange(n, { dtype: INDEX_DTYPE });
    const sampler = this.generator ?? new RandomGenerator().manualSeed(defaultGenerator.nextUint64() % (1n << 63n));
    return randperm(n, { generator: sampler });
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const n = datasetLength('DataLoader', this.dataset);
    const order = this.order(n);
    for (let i = 0; i < n; i += this.batchSize) {
      const size = Math.min(this.batchSize, n - i);
      if (size < this.batchSize && this.dropLast) return;
      yield this.batch(order.narrow(0, i, size));
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Tensor[]> {
    for (const batch of this) {
      yield batch;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
