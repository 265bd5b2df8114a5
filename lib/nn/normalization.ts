// Normalization layers: LayerNorm, RMSNorm (PyTorch 2.4's), BatchNorm1d with its running buffers.
import { noGradSync } from '../autograd/grad_mode';
import { ones, zeros } from '../creation';
import { argumentError, shapeError } from '../errors';
import { show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { Module, Parameter } from './module';
import { batchNorm, layerNorm, rmsNorm, shapeList } from './functional_norm';
import { py, pyFloat } from './repr';
import { LOAD_DEFAULTS } from './state_dict';

export interface LayerNormOptions {
  eps?: number;
  elementwiseAffine?: boolean;
  /** Whether to learn a bias too (PyTorch 2.1+); only with elementwiseAffine. */
  bias?: boolean;
}

/** Normalises over the trailing normalizedShape dims, with a learned weight (ones) and bias (zeros) (torch.nn.LayerNorm). */
export class LayerNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number;
  readonly elementwiseAffine: boolean;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;

  constructor(normalizedShape: number | readonly number[], opts: LayerNormOptions = {}) {
    super();
    opts = optionsBag('LayerNorm', opts) ?? {};
    this.normalizedShape = shapeList('LayerNorm', normalizedShape);
    this.eps = opts.eps ?? 1e-5;
    this.elementwiseAffine = opts.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? Parameter(ones(this.normalizedShape)) : null;
    this.bias = this.elementwiseAffine && (opts.bias ?? true) ? Parameter(zeros(this.normalizedShape)) : null;
  }

  forward(x: Tensor): Tensor {
    return layerNorm(x, this.normalizedShape, { weight: this.weight, bias: this.bias, eps: this.eps });
  }

  override extraRepr(): string {
    return `${py(this.normalizedShape)}, eps=${pyFloat(this.eps)}, elementwise_affine=${py(this.elementwiseAffine)}`;
  }
}

export interface RMSNormOptions {
  /** null (the default): torch.finfo(x.dtype).eps. */
  eps?: number | null;
  elementwiseAffine?: boolean;
}

/** y = x / sqrt(mean(x^2) + eps) * weight over the trailing dims (torch.nn.RMSNorm, PyTorch 2.4). */
export class RMSNorm extends Module {
  readonly normalizedShape: number[];
  readonly eps: number | null;
  readonly elementwiseAffine: boolean;
  readonly weight: Tensor | null;

  constructor(normalizedShape: number | readonly number[], opts: RMSNormOptions = {}) {
    super();
    opts = optionsBag('RMSNorm', opts) ?? {};
    this.normalizedShape = shapeList('RMSNorm', normalizedShape);
    this.eps = opts.eps ?? null;
    this.elementwiseAffine = opts.elementwiseAffine ?? true;
    this.weight = this.elementwiseAffine ? Parameter(ones(this.normalizedShape)) : null;
  }

  forward(x: Tensor): Tensor {
    return rmsNorm(x, this.normalizedShape, { weight: this.weight, eps: this.eps });
  }

  override extraRepr(): string {
    return `${py(this.normalizedShape)}, eps=${this.eps === null ? 'None' : pyFloat(this.eps)}, elementwise_affine=${py(this.elementwiseAffine)}`;
  }
}

export interface BatchNormOptions {
  eps?: number;
  /** null: a cumulative moving average (1 / numBatchesTracked). */
  momentum?: number | null;
  affine?: boolean;
  trackRunningStats?: boolean;
}

/**
 * Batch normalisation of [N, C] or [N, C, L] inputs over all but the channel dim
 * (torch.nn.BatchNorm1d): batch statistics in training, which also update the buffers
 * runningMean, runningVar and numBatchesTracked; the running statistics in eval().
 */
export class BatchNorm1d extends Module {
  readonly eps: number;
  momentum: number | null;
  readonly affine: boolean;
  readonly trackRunningStats: boolean;
  readonly weight: Tensor | null;
  readonly bias: Tensor | null;
  declare runningMean: Tensor | null;
  declare runningVar: Tensor | null;
  declare numBatchesTracked: Tensor | null;

  constructor(
    readonly numFeatures: number,
    opts: BatchNormOptions = {},
  ) {
    super();
    opts = optionsBag('BatchNorm1d', opts) ?? {};
    if (!Number.isInteger(numFeatures) || numFeatures < 0)
      throw argumentError(`BatchNorm1d: num_features must be a non-negative integer, got ${show(numFeatures)}`);
    this.eps = opts.eps ?? 1e-5;
    this.momentum = opts.momentum === undefined ? 0.1 : opts.momentum;
    this.affine = opts.affine ?? true;
    this.trackRunningStats = opts.trackRunningStats ?? true;
    this.weight = this.affine ? Parameter(ones([numFeatures])) : null;
    this.bias = this.affine ? Parameter(zeros([numFeatures])) : null;
    const track = this.trackRunningStats;
    this.registerBuffer('runningMean', track ? zeros([numFeatures]) : null);
    this.registerBuffer('runningVar', track ? ones([numFeatures]) : null);
    this.registerBuffer('numBatchesTracked', track ? zeros([], { dtype: 'int64' }) : null);
  }

  /** A state dict without num_batches_tracked loads with 0, as PyTorch's _load_from_state_dict (version < 2). */
  [LOAD_DEFAULTS](): Record<string, Tensor> {
    return this.trackRunningStats ? { num_batches_tracked: zeros([], { dtype: 'int64' }) } : {};
  }

  /** Zeroes the running mean and count and sets the running variance to ones (reset_running_stats). */
  resetRunningStats(): void {
    if (!this.trackRunningStats) return;
    noGradSync(() => {
      this.runningMean!.zero_();
      this.runningVar!.fill_(1);
      this.numBatchesTracked!.zero_();
    });
  }

  forward(x: Tensor): Tensor {
    if (x.ndim !== 2 && x.ndim !== 3) throw shapeError(`expected 2D or 3D input (got ${x.ndim}D input)`);
    if (x.shape[1] !== this.numFeatures) throw shapeError(`running_mean should contain ${x.shape[1]} elements not ${this.numFeatures}`);
    let factor = this.momentum ?? 0;
    if (this.training && this.trackRunningStats && this.numBatchesTracked !== null) {
      noGradSync(() => this.numBatchesTracked!.add_(1));
      if (this.momentum === null) factor = 1 / Number(this.numBatchesTracked.item());
    }
    // With no running statistics, batch statistics are used in eval() too.
    const useBatch = this.training || this.runningMean === null || this.runningVar === null;
    return batchNorm(x, this.runningMean, this.runningVar, {
      weight: this.weight,
      bias: this.bias,
      training: useBatch,
      momentum: factor,
      eps: this.eps,
    });
  }

  override extraRepr(): string {
    const m = this.momentum === null ? 'None' : pyFloat(this.momentum);
    return `${this.numFeatures}, eps=${pyFloat(this.eps)}, momentum=${m}, affine=${py(this.affine)}, track_running_stats=${py(this.trackRunningStats)}`;
  }
}
