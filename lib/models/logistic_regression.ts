// Multinomial logistic regression: one linear layer with `classes` logits trained with
// cross entropy, i.e. PyTorch's nn.Linear(nFeatures, classes) + nn.CrossEntropyLoss with zero
// initial weights; two classes use two logits too, so that accuracy and losses compare with
// that PyTorch model step for step (softmax over two logits is sigmoid(z1 - z0): the same family
// of models as scikit-learn's binary LogisticRegression, without its L2 penalty).
import { noGradSync } from '../autograd/grad_mode';
import { zeros } from '../creation';
import { argumentError, shapeError } from '../errors';
import { loadWithMetadata, save } from '../io/safetensors';
import { addmm } from '../ops/linalg';
import { softmax } from '../ops/softmax';
import { fmt, show } from '../shape';
import { Tensor } from '../tensor';
import { accuracy, classTargets, crossEntropySum, extraMetadata, features } from './common';
import type { AsyncFitOptions, FitOptions } from './trainer';
import { fitLoop, fitLoopAsync, fitOptions, type Trainable } from './trainer';

export interface LogisticRegressionOptions {
  /** The number of classes (default 2). */
  classes?: number;
}

export class LogisticRegression {
  readonly nFeatures: number;
  readonly classes: number;
  /** [classes, nFeatures] float32, zero-initialised (nn.Linear's layout and scikit-learn's coef_). */
  readonly weight: Tensor;
  /** [classes] float32, zero-initialised. */
  readonly bias: Tensor;

  constructor(nFeatures: number, opts: LogisticRegressionOptions = {}) {
    if (!Number.isSafeInteger(nFeatures) || nFeatures < 1)
      throw argumentError(`LogisticRegression: nFeatures must be a positive integer, got ${show(nFeatures)}`);
    if (opts !== undefined && opts !== null && typeof opts !== 'object') throw argumentError('LogisticRegression: options must be an object');
    const classes = opts?.classes ?? 2;
    if (!Number.isSafeInteger(classes) || classes < 2) throw argumentError(`LogisticRegression: classes must be an integer >= 2, got ${show(classes)}`);
    this.nFeatures = nFeatures;
    this.classes = classes;
    this.weight = zeros([classes, nFeatures], { requiresGrad: true });
    this.bias = zeros([classes], { requiresGrad: true });
  }

  parameters(): Tensor[] {
    return [this.weight, this.bias];
  }

  /** The logits x W^T + b, [n, classes], recorded for autograd. */
  forward(x: Tensor): Tensor {
    return addmm(this.bias, features('forward', x, this.nFeatures), this.weight.t());
  }

  /** Class probabilities [n, classes] (softmax of the logits; rows sum to 1), as predict_proba. */
  predictProba(x: Tensor): Tensor {
    return noGradSync(() => softmax(this.forward(x), 1));
  }

  /** The most probable class of each row, int64 [n] (the first one on a tie, as argmax). */
  predict(x: Tensor): Tensor {
    return noGradSync(() => this.forward(x).argmax(1));
  }

  /** Accuracy of predict(x) against the labels y. */
  score(x: Tensor, y: Tensor): number {
    const labels = classTargets('score', y, features('score', x, this.nFeatures).shape[0], this.classes);
    return accuracy(this.predict(x), labels);
  }

  /** Mean cross entropy over a whole data set. */
  loss(x: Tensor, y: Tensor): number {
    const xs = features('loss', x, this.nFeatures);
    const labels = classTargets('loss', y, xs.shape[0], this.classes);
    return noGradSync(() => crossEntropySum(this.forward(xs), labels).item()) / xs.shape[0];
  }

  private trainable(): Trainable {
    return {
      parameters: () => this.parameters(),
      setTraining: () => {},
      batchLoss: (xb, yb) => crossEntropySum(this.forward(xb), yb).div(xb.shape[0]),
      lossSum: (xs, ys) => crossEntropySum(this.forward(xs), ys),
      lossPerSample: 1,
    };
  }

  /**
   * Minibatch training on the mean cross entropy. x is [n, nFeatures], y holds n class labels
   * in [0, classes). Options as LinearRegression.fit: `epochs` (default 10), `batchSize` (100),
   * `lr` (0.03), `optimizer` ('sgd' or 'adam'), `shuffle` (true), `generator`, `onEpoch`.
   */
  fit(x: Tensor, y: Tensor, opts: FitOptions = {}): { losses: number[] } {
    const xs = features('fit', x, this.nFeatures);
    const labels = classTargets('fit', y, xs.shape[0], this.classes);
    return fitLoop(this.trainable(), xs, labels, fitOptions('fit', opts));
  }

  /** fit() that keeps the event loop free, as LinearRegression.fitAsync (signal, onProgress). */
  async fitAsync(x: Tensor, y: Tensor, opts: FitOptions & AsyncFitOptions = {}): Promise<{ losses: number[] }> {
    const xs = features('fitAsync', x, this.nFeatures);
    const labels = classTargets('fitAsync', y, xs.shape[0], this.classes);
    return fitLoopAsync(this.trainable(), xs, labels, fitOptions('fitAsync', opts));
  }

  /** Writes weight and bias to a .safetensors file (with `metadata` added to the model's own). */
  save(path: string, opts: { metadata?: Record<string, string> } = {}): void {
    const meta = extraMetadata('save', opts?.metadata);
    save({ weight: this.weight.detach(), bias: this.bias.detach() }, path, {
      metadata: { ...meta, model: 'LogisticRegression', nFeatures: String(this.nFeatures), classes: String(this.classes) },
    });
  }

  /** Reads a model written by save() (or a PyTorch nn.Linear state_dict saved as safetensors). */
  static load(path: string): LogisticRegression {
    const { tensors } = loadWithMetadata(path);
    const w = tensors.weight;
    const b = tensors.bias;
    if (!(w instanceof Tensor) || w.ndim !== 2 || w.shape[0] < 2 || w.shape[1] < 1) {
      throw argumentError(`LogisticRegression.load: ${path} has no weight of shape [classes, nFeatures]`);
    }
    if (!(b instanceof Tensor) || b.ndim !== 1 || b.shape[0] !== w.shape[0]) {
      throw shapeError(`LogisticRegression.load: ${path} has a bias of shape ${b instanceof Tensor ? fmt(b.shape) : 'none'}, expected [${w.shape[0]}]`);
    }
    const model = new LogisticRegression(w.shape[1], { classes: w.shape[0] });
    noGradSync(() => {
      model.weight.copy_(w);
      model.bias.copy_(b);
    });
    return model;
  }
}
