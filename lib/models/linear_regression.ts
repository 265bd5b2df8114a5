// The tutorial's linear regression, y = Xw + b, trained with minibatch SGD on the squared loss
// (y_hat - y)^2 / 2 averaged over the batch, built only from public tensor ops.
import { noGradSync } from '../autograd/grad_mode';
import { zeros } from '../creation';
import { dataIter } from '../data/data_iter';
import { argumentError, shapeError, stateError } from '../errors';
import { SGD } from '../optim/sgd';
import { Adam } from '../optim/adam';
import { load, save } from '../io/safetensors';
import { arange, tensor } from '../creation';
import { normal, randpermAsync, type Generator } from '../random';
import { fmt } from '../shape';
import { runAsync } from '../async';
import { cat } from '../ops/join';
import { isTensor, Tensor } from '../tensor';
import { addmm } from '../ops/linalg';
import { meanSquaredLoss, squaredLoss } from '../ops/loss';
import { extraMetadata } from './common';
import { tidy } from '../memory';
import { batchStep, fitOptions, SLICE, YIELD_AFTER_MS, type AsyncFitOptions, type FitOptions } from './trainer';

export interface LinearRegressionOptions {
  bias?: boolean;
  generator?: Generator;
}

// The fit options live with the shared training loop; exported here too, where they always were.
export type { FitOptions, AsyncFitOptions } from './trainer';

export class LinearRegression {
  readonly nFeatures: number;
  /** [nFeatures, 1], initialised from N(0, 0.01^2) as in the tutorial. */
  readonly weight: Tensor;
  /** [1], initialised to zero; null without bias. */
  readonly bias: Tensor | null;

  constructor(nFeatures: number, opts: LinearRegressionOptions = {}) {
    if (!Number.isInteger(nFeatures) || nFeatures < 1) throw argumentError(`LinearRegression: nFeatures must be a positive integer, got ${nFeatures}`);
    this.nFeatures = nFeatures;
    this.weight = normal(0, 0.01, [nFeatures, 1], { generator: opts.generator, requiresGrad: true });
    this.bias = (opts.bias ?? true) ? zeros([1], { requiresGrad: true }) : null;
  }

  parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  private checkX(op: string, x: Tensor): void {
    if (!isTensor(x)) throw argumentError(`${op}: x must be a Tensor`);
    // _shape: the public shape is a frozen copy made on first read, one per minibatch here.
    if (x.ndim !== 2 || x._shape[1] !== this.nFeatures) {
      throw shapeError(`${op}: expected x of shape [n, ${this.nFeatures}], got ${fmt(x.shape)}`);
    }
  }

  /** Xw + b, recorded for autograd. */
  forward(x: Tensor): Tensor {
    this.checkX('forward', x);
    const w = this.weight.to(x.dtype);
    return this.bias ? addmm(this.bias, x, w) : x.matmul(w);
  }

  /** Predictions [n, 1] without recording a graph. */
  predict(x: Tensor): Tensor {
    return noGradSync(() => this.forward(x));
  }

  /** Mean squared loss / 2 over a whole data set. */
  loss(x: Tensor, y: Tensor): number {
    return noGradSync(() => meanSquaredLoss(this.forward(x), y).item());
  }

  private checkFitArgs(x: Tensor, y: Tensor): void {
    this.checkX('fit', x);
    if (!isTensor(y) || y.numel !== x.shape[0] || (y.ndim === 2 && y.shape[1] !== 1) || y.ndim > 2) {
      throw shapeError(`fit: expected y of shape [${x.shape[0]}] or [${x.shape[0]}, 1], got ${isTensor(y) ? fmt(y.shape) : typeof y}`);
    }
  }

  private makeOptimizer(optimizer: 'sgd' | 'adam', lr: number): SGD | Adam {
    return optimizer === 'sgd' ? new SGD(this.parameters(), { lr }) : new Adam(this.parameters(), { lr });
  }

  /**
   * Minibatch training. Options: `epochs` (a non-negative integer, default 10), `batchSize` (a
   * positive integer, default 100), `lr` (a finite number >= 0, default 0.03), `optimizer`
   * ('sgd' or 'adam'), `shuffle` (a boolean, default true), `generator` (a tg.Generator),
   * `onEpoch` (a function); any other value throws an ARGUMENT TensorError before training.
   */
  fit(x: Tensor, y: Tensor, opts: FitOptions = {}): { losses: number[] } {
    this.checkFitArgs(x, y);
    const { epochs, batchSize, lr, optimizer, shuffle, generator, onEpoch } = fitOptions('fit', opts);
    const opt = this.makeOptimizer(optimizer, lr);
    const losses: number[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const [xb, yb] of dataIter(x, y, batchSize, { shuffle, generator })) {
        batchStep(xb, yb, () => {
          meanSquaredLoss(this.forward(xb), yb).backward();
          opt.step();
          opt.zeroGrad();
        });
      }
      const loss = tidy(() => this.loss(x, y));
      losses.push(loss);
      onEpoch?.(epoch, loss);
    }
    return { losses };
  }

  /**
   * fit() that keeps the event loop free: it yields between minibatches (after ~1 ms of work
   * between yields) and computes each epoch's full-data loss on the addon's executor thread.
   * `signal` (an AbortSignal) stops it with a STATE TensorError; `onProgress` reports batches.
   * The options are fit()'s, checked the same way; as every async API of tensorgrad, it never
   * throws synchronously: a bad argument or option rejects the Promise with a TensorError.
   */
  async fitAsync(x: Tensor, y: Tensor, opts: FitOptions & AsyncFitOptions = {}): Promise<{ losses: number[] }> {
    this.checkFitArgs(x, y);
    const { epochs, batchSize, lr, optimizer, shuffle, generator, onEpoch, onProgress, signal } = fitOptions('fitAsync', opts);
    const opt = this.makeOptimizer(optimizer, lr);
    const losses: number[] = [];
    const batches = Math.ceil(x.shape[0] / batchSize);
    let last = performance.now();
    const checkAbort = () => {
      if (signal?.aborted) throw stateError('fitAsync: aborted');
    };
    const n = x.shape[0];
    checkAbort();
    for (let epoch = 1; epoch <= epochs; epoch++) {
      let batch = 0;
      // The same batches as dataIter gives fit(), with the shuffle itself done in slices.
      const order = shuffle ? await randpermAsync(n, { generator, dtype: 'int32' }) : arange(n, { dtype: 'int32' });
      for (let start = 0; start < n; start += batchSize) {
        const idx = order.narrow(0, start, Math.min(batchSize, n - start));
        const xb = x.indexSelect(0, idx);
        const yb = y.indexSelect(0, idx);
        checkAbort();
        batchStep(xb, yb, () => {
          meanSquaredLoss(this.forward(xb), yb).backward();
          opt.step();
          opt.zeroGrad();
        });
        onProgress?.({ epoch, batch: ++batch, batches });
        if (performance.now() - last > YIELD_AFTER_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          last = performance.now();
        }
      }
      order.dispose();
      checkAbort();
      // The full-data loss in slices, each computed on the executor thread: no large
      // allocation or kernel runs on the event loop.
      let total = 0;
      for (let start = 0; start < n; start += SLICE) {
        const len = Math.min(SLICE, n - start);
        const xs = x.narrow(0, start, len);
        const ys = y.narrow(0, start, len);
        total += (await runAsync([xs, ys, ...this.parameters()], () => noGradSync(() => squaredLoss(this.forward(xs), ys).sum()))).item();
      }
      const loss = total / n;
      last = performance.now();
      losses.push(loss);
      onEpoch?.(epoch, loss);
    }
    return { losses };
  }

  /**
   * Sets weight and bias to the least-squares solution, solving the normal equations
   * (X^T X) beta = X^T y in float64 with a Cholesky factorisation. Returns this.
   */
  fitClosedForm(x: Tensor, y: Tensor): this {
    this.checkX('fitClosedForm', x);
    if (!isTensor(y) || y.numel !== x.shape[0]) throw shapeError(`fitClosedForm: expected y with ${x.shape[0]} rows`);
    const k = this.nFeatures + (this.bias ? 1 : 0);
    const beta = noGradSync(() => {
      const design = this.bias ? catOnes(x.to('float64')) : x.to('float64');
      const gram = Array.from(design.t().matmul(design).dataSync() as Float64Array);
      const rhs = Array.from(
        design
          .t()
          .matmul(y.reshape([-1, 1]).to('float64'))
          .dataSync() as Float64Array,
      );
      return choleskySolve(gram, rhs, k);
    });
    noGradSync(() => {
      this.weight.copy_(tensor(Float64Array.from(beta.slice(0, this.nFeatures)), { shape: [this.nFeatures, 1] }));
      if (this.bias) this.bias.copy_(tensor(Float64Array.from([beta[this.nFeatures]])));
    });
    return this;
  }

  /** Writes weight (and bias) to a .safetensors file (with `metadata` added to the model's own). */
  save(path: string, opts: { metadata?: Record<string, string> } = {}): void {
    const meta = extraMetadata('save', opts?.metadata);
    const state: Record<string, Tensor> = { weight: this.weight.detach() };
    if (this.bias) state.bias = this.bias.detach();
    save(state, path, { metadata: { ...meta, model: 'LinearRegression', nFeatures: String(this.nFeatures) } });
  }

  /** Reads a model written by save(). */
  static load(path: string): LinearRegression {
    const state = load(path);
    const w = state.weight;
    if (!isTensor(w) || w.ndim !== 2 || w.shape[1] !== 1) throw argumentError(`LinearRegression.load: ${path} has no weight of shape [n, 1]`);
    const model = new LinearRegression(w.shape[0], { bias: state.bias !== undefined });
    model.loadState(state);
    return model;
  }

  private loadState(state: Record<string, Tensor>): void {
    noGradSync(() => {
      this.weight.copy_(state.weight);
      if (this.bias) this.bias.copy_(state.bias);
    });
  }

  /** The coefficient of determination R^2 of the predictions on (x, y). */
  score(x: Tensor, y: Tensor): number {
    return noGradSync(() => {
      const target = y.reshape([-1]).to('float64');
      const pred = this.predict(x).reshape([-1]).to('float64');
      const ssRes = pred.sub(target).pow(2).sum().item();
      const ssTot = target.sub(target.mean()).pow(2).sum().item();
      return 1 - ssRes / ssTot;
    });
  }
}

/** [X, 1]: the design matrix with an intercept column. */
function catOnes(x: Tensor): Tensor {
  const ones = tensor(new Float64Array(x.shape[0]).fill(1), { shape: [x.shape[0], 1] });
  return x.shape[1] === 0 ? ones : cat([x, ones], 1);
}

/** Solves A z = b for a symmetric positive definite A (row-major k x k) by Cholesky. */
function choleskySolve(a: number[], b: number[], k: number): number[] {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * k + j];
      for (let p = 0; p < j; p++) s -= l[i * k + p] * l[j * k + p];
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(a[i * k + i])))) {
          throw argumentError('fitClosedForm: the features are linearly dependent (X^T X is singular); drop a column or use fit()');
        }
        l[i * k + i] = Math.sqrt(s);
      } else l[i * k + j] = s / l[j * k + j];
    }
  }
  const z = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let s = b[i];
    for (let p = 0; p < i; p++) s -= l[i * k + p] * z[p];
    z[i] = s / l[i * k + i];
  }
  const out = new Array<number>(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let p = i + 1; p < k; p++) s -= l[p * k + i] * out[p];
    out[i] = s / l[i * k + i];
  }
  return out;
}
