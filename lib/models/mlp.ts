// A multilayer perceptron as a PyTorch user writes it: nn.Sequential(Linear, activation,
// [Dropout], Linear, ..., Linear), with nn.Linear's default init drawn from PyTorch's stream
// (a seeded MLP equals torch.manual_seed(seed) + that nn.Sequential), trained with
// cross entropy (classification) or MSE (regression) by the loop LogisticRegression uses.
import { noGradSync } from '../autograd/grad_mode';
import { argumentError } from '../errors';
import { loadWithMetadata, save } from '../io/safetensors';
import { Dropout, Linear, Sequential } from '../nn/layers';
import { ELU, GELU, LeakyReLU, ReLU, SiLU, Sigmoid, Tanh } from '../nn/activation_modules';
import { Module } from '../nn/module';
import { softmax } from '../ops/softmax';
import { optionalGenerator } from '../data/options';
import type { Generator } from '../random';
import { show } from '../shape';
import type { Tensor } from '../tensor';
import { accuracy, classTargets, crossEntropySum, extraMetadata, features, r2, regressionTargets } from './common';
import type { AsyncFitOptions, FitOptions } from './trainer';
import { fitLoop, fitLoopAsync, fitOptions, type Trainable } from './trainer';

// The modules PyTorch's Sequential would hold, so the MLP prints and behaves as that Sequential.
const ACTIVATIONS = {
  relu: () => new ReLU(),
  gelu: () => new GELU(),
  tanh: () => new Tanh(),
  sigmoid: () => new Sigmoid(),
  silu: () => new SiLU(),
  leakyRelu: () => new LeakyReLU(),
  elu: () => new ELU(),
};

export type MLPActivation = keyof typeof ACTIVATIONS;
export type MLPTask = 'regression' | 'classification';

export interface MLPOptions {
  /** Between hidden layers: 'relu' (default), 'gelu', 'tanh', 'sigmoid', 'silu', 'leakyRelu' (slope 0.01), 'elu'. */
  activation?: MLPActivation;
  /** Dropout probability after each hidden activation (default 0: no Dropout layers). */
  dropout?: number;
  /** 'regression' (MSE, R^2; default) or 'classification' (cross entropy, accuracy). */
  task?: MLPTask;
  /** Draws the initial weights and the dropout masks (default: tensorgrad's global generator, as PyTorch's). */
  generator?: Generator;
}

interface Checked {
  sizes: number[];
  activation: MLPActivation;
  dropout: number;
  task: MLPTask;
  generator: Generator | undefined;
}

function check(sizes: unknown, opts: MLPOptions | null | undefined): Checked {
  if (!Array.isArray(sizes) || sizes.length < 2)
    throw argumentError(`MLP: sizes must be an array of at least two layer sizes [in, ..., out], got ${show(sizes)}`);
  for (const s of sizes) if (!Number.isSafeInteger(s) || (s as number) < 1) throw argumentError(`MLP: every size must be a positive integer, got ${show(s)}`);
  if (opts !== undefined && opts !== null && typeof opts !== 'object') throw argumentError('MLP: options must be an object');
  const activation = opts?.activation ?? 'relu';
  if (typeof activation !== 'string' || !Object.hasOwn(ACTIVATIONS, activation)) {
    throw argumentError(`MLP: unknown activation ${show(activation)} (use ${Object.keys(ACTIVATIONS).join(', ')})`);
  }
  const p = opts?.dropout ?? 0;
  if (typeof p !== 'number' || !(p >= 0 && p < 1)) throw argumentError(`MLP: dropout must be a probability in [0, 1), got ${show(p)}`);
  const task = opts?.task ?? 'regression';
  if (task !== 'regression' && task !== 'classification') throw argumentError(`MLP: task must be 'regression' or 'classification', got ${show(task)}`);
  const out = sizes[sizes.length - 1] as number;
  if (task === 'classification' && out < 2) throw argumentError(`MLP: a classifier needs at least 2 outputs (one logit per class), got ${out}`);
  return { sizes: (sizes as number[]).slice(), activation, dropout: p, task, generator: optionalGenerator('MLP', opts?.generator) };
}

function layers(c: Checked): Module[] {
  const out: Module[] = [];
  for (let i = 0; i + 1 < c.sizes.length; i++) {
    out.push(new Linear(c.sizes[i], c.sizes[i + 1], { generator: c.generator }));
    if (i + 2 < c.sizes.length) {
      out.push(ACTIVATIONS[c.activation]());
      if (c.dropout > 0) out.push(new Dropout(c.dropout, { generator: c.generator }));
    }
  }
  return out;
}

/**
 * `new MLP([4, 64, 32, 3], {task: 'classification'})`: Linear layers of these sizes with the
 * activation (and Dropout when dropout > 0) after each hidden one. Its stateDict keys are those
 * of the same nn.Sequential in PyTorch ("0.weight", "2.weight", ...; Dropout takes an index too).
 */
export class MLP extends Sequential {
  readonly sizes: readonly number[];
  readonly activation: MLPActivation;
  readonly dropout: number;
  readonly task: MLPTask;

  constructor(sizes: readonly number[], opts: MLPOptions = {}) {
    const c = check(sizes, opts);
    super(...layers(c));
    this.sizes = c.sizes;
    this.activation = c.activation;
    this.dropout = c.dropout;
    this.task = c.task;
  }

  get nFeatures(): number {
    return this.sizes[0];
  }

  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** The network's output [n, outputs] (logits when classifying), recorded for autograd. */
  override forward(x: Tensor): Tensor {
    return super.forward(features('forward', x, this.nFeatures));
  }

  private evaluating<T>(fn: () => T): T {
    const was = this.training;
    this.eval();
    try {
      return noGradSync(fn);
    } finally {
      this.train(was);
    }
  }

  /** Regression: the outputs [n, outputs]; classification: the most probable class, int64 [n]. Runs in eval mode. */
  predict(x: Tensor): Tensor {
    return this.evaluating(() => (this.task === 'classification' ? this.forward(x).argmax(1) : this.forward(x)));
  }

  /** Class probabilities [n, classes] (softmax of the logits, in eval mode), as predict_proba. */
  predictProba(x: Tensor): Tensor {
    if (this.task !== 'classification') throw argumentError("predictProba: the MLP's task is 'regression', not 'classification'");
    return this.evaluating(() => softmax(this.forward(x), 1));
  }

  /** Accuracy (classification) or R^2 averaged over outputs (regression) on (x, y), in eval mode. */
  score(x: Tensor, y: Tensor): number {
    const xs = features('score', x, this.nFeatures);
    const target = this.targets('score', y, xs.shape[0]);
    return this.task === 'classification' ? accuracy(this.predict(xs), target) : r2(this.predict(xs), target);
  }

  private targets(op: string, y: unknown, n: number): Tensor {
    return this.task === 'classification' ? classTargets(op, y, n, this.outputs) : regressionTargets(op, y, n, this.outputs, 'float32');
  }

  private trainable(): Trainable {
    const lossSum = (xs: Tensor, ys: Tensor) =>
      this.task === 'classification' ? crossEntropySum(this.forward(xs), ys) : this.forward(xs).sub(ys).pow(2).sum();
    return {
      parameters: () => this.parameters(),
      setTraining: (mode) => void this.train(mode),
      batchLoss: (xb, yb) => lossSum(xb, yb).div(xb.shape[0] * (this.task === 'classification' ? 1 : this.outputs)),
      lossSum,
      lossPerSample: this.task === 'classification' ? 1 : this.outputs,
    };
  }

  /**
   * Minibatch training (in train mode: dropout on) on the mean cross entropy or MSE; each epoch's
   * loss is the full-data loss in eval mode, and fit leaves the model in eval mode. Options as
   * LinearRegression.fit: `epochs`, `batchSize`, `lr`, `optimizer`, `shuffle`, `generator`, `onEpoch`.
   */
  fit(x: Tensor, y: Tensor, opts: FitOptions = {}): { losses: number[] } {
    const xs = features('fit', x, this.nFeatures);
    return fitLoop(this.trainable(), xs, this.targets('fit', y, xs.shape[0]), fitOptions('fit', opts));
  }

  /** fit() that keeps the event loop free, as LinearRegression.fitAsync (signal, onProgress). */
  async fitAsync(x: Tensor, y: Tensor, opts: FitOptions & AsyncFitOptions = {}): Promise<{ losses: number[] }> {
    const xs = features('fitAsync', x, this.nFeatures);
    return fitLoopAsync(this.trainable(), xs, this.targets('fitAsync', y, xs.shape[0]), fitOptions('fitAsync', opts));
  }

  /** Writes the stateDict to a .safetensors file, with the architecture (and `metadata`) in its metadata. */
  save(path: string, opts: { metadata?: Record<string, string> } = {}): void {
    const meta = extraMetadata('save', opts?.metadata);
    save(this.stateDict(), path, {
      metadata: { ...meta, model: 'MLP', sizes: JSON.stringify(this.sizes), activation: this.activation, dropout: String(this.dropout), task: this.task },
    });
  }

  /** Reads a model written by save(). */
  static load(path: string): MLP {
    const { tensors, metadata } = loadWithMetadata(path);
    if (metadata?.model !== 'MLP') throw argumentError(`MLP.load: ${path} was not written by MLP.save (its metadata names no MLP)`);
    let sizes: unknown;
    try {
      sizes = JSON.parse(metadata.sizes);
    } catch {
      throw argumentError(`MLP.load: ${path} has unreadable layer sizes ${show(metadata.sizes)}`);
    }
    const model = new MLP(sizes as number[], {
      activation: metadata.activation as MLPActivation,
      dropout: Number(metadata.dropout ?? 0),
      task: metadata.task as MLPTask,
    });
    model.loadStateDict(tensors);
    model.eval();
    return model;
  }
}
