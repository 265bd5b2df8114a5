// torch.nn.functional's losses beyond mse/l1/bce-with-logits: PyTorch's argument checks, its
// reduction semantics, and its graph (one node where PyTorch has one, its composite otherwise).
import { isFloating, isIntegral } from '../dtype';
import { argumentError, dtypeError, indexError, shapeError } from '../errors';
import { broadcastShapes, fmt, sameShape, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { where, minimum } from '../ops/compare';
import { scalarName } from '../ops/factor_support';
import { logSoftmax } from '../ops/softmax';
import { checkReduction, nllLossOp, type Reduction } from '../ops/loss_nll';
import { binaryCrossEntropyOp, clampMin, divScalar, huberLossOp, smoothL1LossOp } from '../ops/loss_pointwise';

export type { Reduction };

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

function optNumber(op: string, name: string, v: unknown, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || Number.isNaN(v)) throw argumentError(`${op}: ${name} must be a number, got ${show(v)}`);
  return v;
}

function optWeight(op: string, w: unknown): Tensor | null {
  return w === undefined || w === null ? null : checkTensor(op, w, 'weight');
}

export interface NLLLossOptions {
  /** A rescaling weight per class, [C]. */
  weight?: Tensor | null;
  /** A target value that is ignored and does not count in the mean (default -100). */
  ignoreIndex?: number;
  reduction?: Reduction;
}

/**
 * Negative log likelihood of log-probabilities [C], [N, C] or [N, C, d1, ...] against class
 * indices (int32 or int64) [], [N] or [N, d1, ...] (torch.nn.functional.nll_loss).
 */
export function nllLoss(input: Tensor, target: Tensor, opts: NLLLossOptions = {}): Tensor {
  opts = optionsBag('nllLoss', opts) ?? {};
  const op = 'nll_loss';
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  return nllLossOp(input, target, optWeight(op, opts?.weight), reduction, optNumber(op, 'ignoreIndex', opts?.ignoreIndex, -100));
}

export interface CrossEntropyOptions extends NLLLossOptions {
  /** Mixes the target with the uniform distribution: (1 - s) * target + s / C (default 0). */
  labelSmoothing?: number;
}

/** weight viewed [1, C, 1, ...] to broadcast along the class dim of an input of `ndim` dims. */
function classView(weight: Tensor, ndim: number): Tensor {
  if (ndim <= 1) return weight;
  const shape = new Array<number>(ndim).fill(1);
  shape[1] = weight.shape[0];
  return weight.view(shape);
}

/**
 * Cross entropy of logits [C], [N, C] or [N, C, d1, ...] against class indices (int32 or int64;
 * the target has the input's shape without the class dim) or class probabilities (a float target
 * of the input's shape), with PyTorch's weight, ignoreIndex and labelSmoothing
 * (torch.nn.functional.cross_entropy).
 */
export function crossEntropy(input: Tensor, target: Tensor, opts: CrossEntropyOptions = {}): Tensor {
  opts = optionsBag('crossEntropy', opts) ?? {};
  const op = 'cross_entropy';
  checkTensor(op, input);
  checkTensor(op, target, 'target');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  const weight = optWeight(op, opts?.weight);
  const ignoreIndex = optNumber(op, 'ignoreIndex', opts?.ignoreIndex, -100);
  const ls = optNumber(op, 'labelSmoothing', opts?.labelSmoothing, 0);
  if (!isFloating(input.dtype)) throw dtypeError(`${op}: "log_softmax" not implemented for '${scalarName(input.dtype)}'`);
  const classDim = input.ndim === 1 ? 0 : 1;
  if (sameShape(input.shape, target.shape)) {
    if (!isFloating(target.dtype)) throw dtypeError(`${op}: Expected floating point type for target with class probabilities, got ${scalarName(target.dtype)}`);
    if (ignoreIndex >= 0) throw argumentError(`${op}: ignore_index is not supported for floating point target`);
    if (input.ndim === 0) throw indexError(`${op}: Dimension out of range (expected to be in range of [-1, 0], but got 1)`);
    const classes = input.shape[classDim];
    if (weight !== null && (weight.ndim !== 1 || weight.numel !== classes)) {
      throw shapeError(
        `${op}: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${fmt(weight.shape)}`,
      );
    }
    const logp = logSoftmax(input, classDim);
    if (ls > 1) throw argumentError(`${op}: label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
    const t = ls > 0 ? target.mul(1 - ls).add(ls / classes) : target;
    const prod = weight === null ? logp.mul(t) : logp.mul(t).mul(classView(weight, input.ndim));
    if (reduction === 'none') return prod.sum(classDim).neg();
    if (reduction === 'sum') return prod.sum().neg();
    if (input.numel === 0) return prod.sum().neg().mul(NaN);
    return divScalar(prod.sum().neg(), input.numel / classes);
  }
  if (ls > 1) throw argumentError(`${op}: label_smoothing must be between 0.0 and 1.0. Got: ${ls}`);
  const logp = logSoftmax(input, classDim);
  const nll = nllLossOp(logp, target, weight, reduction, ignoreIndex);
  if (!(ls > 0)) return nll;
  // cross_entropy_loss_label_smoothing: the NLL mixed with the (weighted) mean of -log p over classes.
  const classes = input.shape[classDim];
  const ignored = target.eq(ignoreIndex);
  let smooth = weight === null ? logp.sum(classDim).neg() : logp.mul(classView(weight, input.ndim)).sum(classDim).neg();
  smooth = where(ignored, 0, smooth);
  let ret: Tensor;
  if (reduction === 'mean') {
    const valid = ignored.logicalNot();
    const denom =
      weight === null ? valid.to(input.dtype).sum() : where(valid, weight.indexSelect(0, where(valid, target, 0).flatten()).view(target.shape), 0).sum();
    ret = smooth.sum().div(denom);
  } else ret = reduction === 'sum' ? smooth.sum() : smooth;
  return nll.mul(1 - ls).add(ret.mul(ls / classes));
}

export interface BCELossOptions {
  /** A rescaling weight broadcast to the input's shape. */
  weight?: Tensor | null;
  reduction?: Reduction;
}

/**
 * Binary cross entropy of probabilities in [0, 1] against targets of the same shape; each log is
 * clamped to >= -100 as PyTorch does (torch.nn.functional.binary_cross_entropy).
 */
export function binaryCrossEntropy(input: Tensor, target: Tensor, opts: BCELossOptions = {}): Tensor {
  opts = optionsBag('binaryCrossEntropy', opts) ?? {};
  const op = 'binary_cross_entropy';
  checkTensor(op, input);
  checkTensor(op, target, 'target');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  let weight = optWeight(op, opts?.weight);
  if (!sameShape(input.shape, target.shape)) {
    throw shapeError(
      `${op}: Using a target size (${fmt(target.shape)}) that is different to the input size (${fmt(input.shape)}) is deprecated. Please ensure they have the same size.`,
    );
  }
  if (!isFloating(input.dtype)) throw dtypeError(`${op}: "binary_cross_entropy" not implemented for '${scalarName(input.dtype)}'`);
  for (const t of weight === null ? [target] : [target, weight]) {
    if (t.dtype !== input.dtype) throw dtypeError(`${op}: Found dtype ${scalarName(t.dtype)} but expected ${scalarName(input.dtype)}`);
  }
  if (weight !== null) {
    const shape = broadcastShapes(op, target.shape, weight.shape);
    weight = weight.detach().expand(shape);
  }
  if (input.numel > 0 && !input.detach().ge(0).logicalAnd(input.detach().le(1)).all().item()) {
    throw argumentError(`${op}: all elements of input should be between 0 and 1`);
  }
  return binaryCrossEntropyOp(input, target, weight, reduction);
}

export interface HuberLossOptions {
  /** Where the loss turns from quadratic to linear (default 1, must be > 0). */
  delta?: number;
  reduction?: Reduction;
}

function smoothArgs(op: string, input: Tensor, target: Tensor): void {
  checkTensor(op, input);
  checkTensor(op, target, 'target');
  if (!isFloating(input.dtype) && !isFloating(target.dtype)) {
    const kernel = op === 'huber_loss' ? 'huber_cpu' : 'smooth_l1_cpu';
    throw dtypeError(`${op}: "${kernel}" not implemented for '${scalarName(input.dtype)}'`);
  }
}

/** A number as the third argument is delta (beta), else the options object. */
function numberOrOptions<O extends { reduction?: Reduction }>(op: string, v: number | O | undefined, key: string): O {
  // a string (PyTorch's positional reduction, `huber_loss(a, b, 'sum')`) must not be ignored
  return typeof v === 'number' ? ({ [key]: v } as unknown as O) : (optionsBag<O>(op, v) ?? ({} as O));
}

/**
 * Huber loss: 0.5 z^2 where z = |input - target| < delta, else delta (z - 0.5 delta)
 * (torch.nn.functional.huber_loss). Input and target broadcast, as in PyTorch.
 */
export function huberLoss(input: Tensor, target: Tensor, opts?: number | HuberLossOptions): Tensor {
  const op = 'huber_loss';
  const o = numberOrOptions(op, opts, 'delta');
  const reduction = checkReduction(op, o.reduction ?? 'mean');
  const delta = optNumber(op, 'delta', o.delta, 1);
  smoothArgs(op, input, target);
  if (!(delta > 0)) throw argumentError(`${op} does not support non-positive values for delta.`);
  return huberLossOp(input, target, delta, reduction);
}

export interface SmoothL1LossOptions {
  /** Where the loss turns from quadratic to linear (default 1, must be >= 0). */
  beta?: number;
  reduction?: Reduction;
}

/**
 * Smooth L1 loss: 0.5 z^2 / beta where z = |input - target| < beta, else z - 0.5 beta
 * (torch.nn.functional.smooth_l1_loss). Input and target broadcast, as in PyTorch.
 */
export function smoothL1Loss(input: Tensor, target: Tensor, opts?: number | SmoothL1LossOptions): Tensor {
  const op = 'smooth_l1_loss';
  const o = numberOrOptions(op, opts, 'beta');
  const reduction = checkReduction(op, o.reduction ?? 'mean');
  const beta = optNumber(op, 'beta', o.beta, 1);
  smoothArgs(op, input, target);
  if (beta < 0) throw argumentError(`${op} does not support negative values for beta.`);
  return smoothL1LossOp(input, target, beta, reduction);
}

export interface KLDivOptions {
  /** 'batchmean' divides the sum by the batch size (the KL divergence's definition). */
  reduction?: Reduction | 'batchmean';
  /** The target is given as log-probabilities (default false). */
  logTarget?: boolean;
}

/**
 * Pointwise KL divergence of log-probabilities `input` against probabilities `target`
 * (log-probabilities with logTarget): target * (log(target) - input), 0 where target = 0
 * (torch.nn.functional.kl_div). Input and target broadcast.
 */
export function klDiv(input: Tensor, target: Tensor, opts: KLDivOptions = {}): Tensor {
  opts = optionsBag('klDiv', opts) ?? {};
  const op = 'kl_div';
  checkTensor(op, input);
  checkTensor(op, target, 'target');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean', ['batchmean']) as Reduction | 'batchmean';
  if (isIntegral(input.dtype) || isIntegral(target.dtype) || input.dtype === 'bool' || target.dtype === 'bool') {
    throw dtypeError(`${op}: Integral inputs not supported.`);
  }
  broadcastShapes(op, target.shape, input.shape);
  let out: Tensor;
  if (opts?.logTarget === true) out = target.exp().mul(target.sub(input));
  else out = where(target.eq(0), 0, target.mul(target.log())).sub(target.mul(input)); // xlogy(t, t) - t * input
  if (reduction === 'batchmean') return input.ndim === 0 ? out.sum() : out.sum().div(input.shape[0]);
  return reduce(out, reduction);
}

export interface MarginOptions {
  margin?: number;
  reduction?: Reduction;
}

/**
 * 1 - cos(x1, x2) where target = 1, max(0, cos(x1, x2) - margin) where target = -1, 0 elsewhere,
 * for x1, x2 [N, D] and target [N] (or [D] and []) (torch.nn.functional.cosine_embedding_loss).
 */
export function cosineEmbeddingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  opts = optionsBag('cosineEmbeddingLoss', opts) ?? {};
  const op = 'cosine_embedding_loss';
  checkTensor(op, input1, 'input1');
  checkTensor(op, input2, 'input2');
  checkTensor(op, target, 'target');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  const margin = optNumber(op, 'margin', opts?.margin, 0);
  const td = target.ndim;
  if (td > 1) throw shapeError(`${op}: 0D or 1D target tensor expected, multi-target not supported`);
  if (input1.ndim !== td + 1 || input2.ndim !== td + 1) {
    throw shapeError(
      `${op}: ${td}D target tensor expects ${td + 1}D input tensors, but found inputs with sizes ${fmt(input1.shape)} and ${fmt(input2.shape)}.`,
    );
  }
  const prodSum = input1.mul(input2).sum(td);
  const mag1 = input1.mul(input1).sum(td).add(1e-12);
  const mag2 = input2.mul(input2).sum(td).add(1e-12);
  const cos = prodSum.div(mag1.mul(mag2).sqrt());
  const pos = cos.neg().add(1);
  const neg = cos.sub(margin).clamp(0, null);
  const out = where(target.eq(1), pos, 0).add(where(target.eq(-1), neg, 0));
  return reduce(out, reduction);
}

/**
 * max(0, -target * (input1 - input2) + margin) for targets 1 or -1
 * (torch.nn.functional.margin_ranking_loss); the three tensors have the same number of dims.
 */
export function marginRankingLoss(input1: Tensor, input2: Tensor, target: Tensor, opts: MarginOptions = {}): Tensor {
  opts = optionsBag('marginRankingLoss', opts) ?? {};
  const op = 'margin_ranking_loss';
  checkTensor(op, input1, 'input1');
  checkTensor(op, input2, 'input2');
  checkTensor(op, target, 'target');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  const margin = optNumber(op, 'margin', opts?.margin, 0);
  if (input1.ndim !== input2.ndim || input1.ndim !== target.ndim) {
    throw shapeError(
      `margin_ranking_loss : All input tensors should have same dimension but got sizes: input1: ${fmt(input1.shape)}, input2: ${fmt(input2.shape)}, target: ${fmt(target.shape)} `,
    );
  }
  return reduce(clampMin(target.neg().mul(input1.sub(input2)).add(margin), 0), reduction);
}

export interface TripletMarginOptions {
  margin?: number;
  /** The norm degree of the pairwise distance (default 2). */
  p?: number;
  /** Added to the differences before the norm (default 1e-6). */
  eps?: number;
  /** Uses the distance positive-negative when it is smaller (default false). */
  swap?: boolean;
  reduction?: Reduction;
}

/** torch.nn.functional.pairwise_distance: ||x1 - x2 + eps||_p over the last dim. */
function pairwiseDistance(x1: Tensor, x2: Tensor, p: number, eps: number): Tensor {
  return x1
    .sub(x2)
    .add(eps)
    .norm(p, Math.max(x1.ndim, x2.ndim) - 1);
}

/**
 * max(0, d(anchor, positive) - d(anchor, negative) + margin) with d the pairwise p-norm distance
 * (torch.nn.functional.triplet_margin_loss); inputs [N, D] or [D], broadcast.
 */
export function tripletMarginLoss(anchor: Tensor, positive: Tensor, negative: Tensor, opts: TripletMarginOptions = {}): Tensor {
  opts = optionsBag('tripletMarginLoss', opts) ?? {};
  const op = 'triplet_margin_loss';
  checkTensor(op, anchor, 'anchor');
  checkTensor(op, positive, 'positive');
  checkTensor(op, negative, 'negative');
  const reduction = checkReduction(op, opts?.reduction ?? 'mean');
  const margin = optNumber(op, 'margin', opts?.margin, 1);
  const p = optNumber(op, 'p', opts?.p, 2);
  const eps = optNumber(op, 'eps', opts?.eps, 1e-6);
  if (anchor.ndim !== positive.ndim || positive.ndim !== negative.ndim) {
    throw shapeError(`${op}: All inputs should have same dimension but got ${anchor.ndim}D, ${positive.ndim}D and ${negative.ndim}D inputs.`);
  }
  const distPos = pairwiseDistance(anchor, positive, p, eps);
  let distNeg = pairwiseDistance(anchor, negative, p, eps);
  if (opts?.swap === true) distNeg = minimum(distNeg, pairwiseDistance(positive, negative, p, eps));
  return reduce(clampMin(distPos.add(margin).sub(distNeg), 0), reduction);
}
