// The tutorial's linear regression, y = Xw + b, trained with minibatch SGD on the squared loss
// (y_hat - y)^2 / 2 averaged over the batch, built only from public tensor ops.
import { noGrad } from '../autograd/grad_mode';
import { zeros } from '../creation';
import { dataIter } from '../data/data_iter';
import { argumentError, shapeError } from '../errors';
import { SGD } from '../optim/sgd';
import { normal, type Generator } from '../random';
import { fmt } from '../shape';
import { Tensor } from '../tensor';

export interface LinearRegressionOptions {
  bias?: boolean;
  generator?: Generator;
}

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  lr?: number;
  optimizer?: 'sgd';
  shuffle?: boolean;
  generator?: Generator;
  /** Called after each epoch with its number (from 1) and the loss over the whole data set. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/** (y_hat - y)^2 / 2 per element, the tutorial's squared_loss. */
export function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  return yHat.sub(y.reshape(yHat.shape)).pow(2).div(2);
}

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
    this.bias = opts.bias ?? true ? zeros([1], { requiresGrad: true }) : null;
  }

  parameters(): Tensor[] {
    return this.bias ? [this.weight, this.bias] : [this.weight];
  }

  private checkX(op: string, x: Tensor): void {
    if (!(x instanceof Tensor)) throw argumentError(`${op}: x must be a Tensor`);
    if (x.ndim !== 2 || x.shape[1] !== this.nFeatures) {
      throw shapeError(`${op}: expected x of shape [n, ${this.nFeatures}], got ${fmt(x.shape)}`);
    }
  }

  /** Xw + b, recorded for autograd. */
  forward(x: Tensor): Tensor {
    this.checkX('forward', x);
    const y = x.matmul(this.weight.to(x.dtype));
    return this.bias ? y.add(this.bias) : y;
  }

  /** Predictions [n, 1] without recording a graph. */
  predict(x: Tensor): Tensor {
    return noGrad(() => this.forward(x));
  }

  /** Mean squared loss / 2 over a whole data set. */
  loss(x: Tensor, y: Tensor): number {
    return noGrad(() => squaredLoss(this.forward(x), y).mean().item());
  }

  fit(x: Tensor, y: Tensor, opts: FitOptions = {}): { losses: number[] } {
    this.checkX('fit', x);
    if (!(y instanceof Tensor) || y.numel !== x.shape[0] || (y.ndim === 2 && y.shape[1] !== 1) || y.ndim > 2) {
      throw shapeError(`fit: expected y of shape [${x.shape[0]}] or [${x.shape[0]}, 1], got ${y instanceof Tensor ? fmt(y.shape) : typeof y}`);
    }
    const { epochs = 10, batchSize = 100, lr = 0.03, optimizer = 'sgd', shuffle = true, generator, onEpoch } = opts;
    if (!Number.isInteger(epochs) || epochs < 0) throw argumentError(`fit: epochs must be a non-negative integer, got ${epochs}`);
    if (optimizer !== 'sgd') throw argumentError(`fit: unknown optimizer '${String(optimizer)}' (this version supports 'sgd')`);
    const opt = new SGD(this.parameters(), { lr });
    const losses: number[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      for (const [xb, yb] of dataIter(x, y, batchSize, { shuffle, generator })) {
        const l = squaredLoss(this.forward(xb), yb).mean();
        l.backward();
        opt.step();
        opt.zeroGrad();
      }
      const loss = this.loss(x, y);
      losses.push(loss);
      onEpoch?.(epoch, loss);
    }
    return { losses };
  }

  /** The coefficient of determination R^2 of the predictions on (x, y). */
  score(x: Tensor, y: Tensor): number {
    return noGrad(() => {
      const target = y.reshape([-1]).to('float64');
      const pred = this.predict(x).reshape([-1]).to('float64');
      const ssRes = pred.sub(target).pow(2).sum().item();
      const ssTot = target.sub(target.mean()).pow(2).sum().item();
      return 1 - ssRes / ssTot;
    });
  }
}
