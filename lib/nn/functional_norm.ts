// torch.nn.functional's normalization and distance functions: layer_norm, rms_norm, batch_norm,
// normalize, cosine_similarity, pairwise_distance, one_hot.
import { noGradSync } from '../autograd/grad_mode';
import { zeros } from '../creation';
import { INDEX_DTYPE, isFloating, isIntegral } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { fmt, normDim, show, optionsBag } from '../shape';
import { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { checkFloating, nativeBatchNormOp, nativeLayerNormOp } from '../ops/normalization';
import { where } from '../ops/compare';
import { scalarTypeName } from '../ops/softmax';

/** normalizedShape as an array of non-negative integers (a number means [number]). */
export function shapeList(op: string, normalizedShape: number | readonly number[]): number[] {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : Array.isArray(normalizedShape) ? [...(normalizedShape as number[])] : null;
  if (shape === null || !shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw argumentError(`${op}: normalized_shape must be an integer or a list of integers, got ${show(normalizedShape)}`);
  }
  return shape;
}

/** The trailing dims that normalizedShape covers, after checking that x ends with it. */
function trailingAxes(op: string, x: Tensor, shape: number[]): number[] {
  const k = shape.length;
  if (k === 0)
    throw argumentError(`${op}: Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []`);
  if (x.ndim < k || shape.some((n, i) => x.shape[x.ndim - k + i] !== n)) {
    throw shapeError(`Given normalized_shape=${fmt(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${fmt(x.shape)}`);
  }
  return shape.map((_, i) => x.ndim - k + i);
}

function affine(op: string, t: Tensor | null | undefined, name: string, shape: number[], x: Tensor): Tensor | null {
  if (t === null || t === undefined) return null;
  checkTensor(op, t, name);
  if (t.shape.length !== shape.length || t.shape.some((n, i) => n !== shape[i])) {
    throw shapeError(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${fmt(t.shape)} and normalized_shape = ${fmt(shape)}`);
  }
  if (t.dtype !== x.dtype) throw dtypeError(`${op}: expected ${name} to have dtype ${x.dtype}, got ${t.dtype}`);
  return t;
}

export interface LayerNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  eps?: number;
}

/** Normalises over the trailing `normalizedShape` dims, then scales and shifts (torch.nn.functional.layer_norm). */
export function layerNorm(x: Tensor, normalizedShape: number | readonly number[], opts: LayerNormOptions = {}): Tensor {
  opts = optionsBag('layerNorm', opts) ?? {};
  checkTensor('layer_norm', x);
  const shape = shapeList('layer_norm', normalizedShape);
  const axes = trailingAxes('layer_norm', x, shape);
  if (!isFloating(x.dtype)) throw dtypeError(`"LayerNormKernelImpl" not implemented for '${scalarTypeName(x.dtype)}'`);
  const w = affine('layer_norm', opts.weight, 'weight', shape, x);
  const b = affine('layer_norm', opts.bias, 'bias', shape, x);
  const inputs = [x, ...(w === null ? [] : [w]), ...(b === null ? [] : [b])];
  return nativeLayerNormOp(inputs, axes, opts.eps ?? 1e-5, w !== null, b !== null);
}

export interface RMSNormOptions {
  weight?: Tensor | null;
  /** null (the default) means the dtype's machine epsilon, torch.finfo(dtype).eps. */
  eps?: number | null;
}

/** x / sqrt(mean(x^2) + eps) over the trailing dims, times weight (torch.nn.functional.rms_norm, PyTorch 2.4; a composite). */
export function rmsNorm(x: Tensor, normalizedShape: number | readonly number[], opts: RMSNormOptions = {}): Tensor {
  opts = optionsBag('rmsNorm', opts) ?? {};
  checkTensor('rms_norm', x);
  const shape = shapeList('rms_norm', normalizedShape);
  const axes = trailingAxes('rms_norm', x, shape);
  checkFloating('rms_norm', x);
  const w = affine('rms_norm', opts.weight, 'weight', shape, x);
  const eps = opts.eps ?? (x.dtype === 'float32' ? 2 ** -23 : 2 ** -52);
  const y = x.mul(x.pow(2).mean(axes, true).add(eps).rsqrt());
  return w === null ? y : y.mul(w);
}

export interface BatchNormOptions {
  weight?: Tensor | null;
  bias?: Tensor | null;
  training?: boolean;
  /** Fraction of the batch statistic taken into the running one; 0.1 by default. */
  momentum?: number;
  eps?: number;
}

function channelVector(op: string, t: Tensor | null | undefined, name: string, c: number): Tensor | null {
  if (t === null || t === undefined) return null;
  checkTensor(op, t, name);
  if (t.numel !== c) throw shapeError(`${name} should contain ${c} elements not ${t.numel}`);
  if (!isFloating(t.dtype)) throw dtypeError(`${op}: expected ${name} to be floating point, got ${t.dtype}`);
  return t.ndim === 1 ? t : t.reshape([c]);
}

/**
 * Batch normalisation over every dim but dim 1 (torch.nn.functional.batch_norm). In training it
 * uses the batch's statistics and, when given, updates runningMean / runningVar in place;
 * otherwise it normalises with them.
 */
export function batchNorm(x: Tensor, runningMean: Tensor | null, runningVar: Tensor | null, opts: BatchNormOptions = {}): Tensor {
  opts = optionsBag('batchNorm', opts) ?? {};
  checkTensor('batch_norm', x);
  checkFloating('batch_norm', x);
  const training = opts.training ?? false;
  const c = x.ndim >= 2 ? x.shape[1] : 0;
  const rm = channelVector('batch_norm', runningMean, 'running_mean', c);
  const rv = channelVector('batch_norm', runningVar, 'running_var', c);
  if (!training && (rm === null || rv === null)) throw argumentError('batch_norm: running_mean and running_var must be defined in evaluation mode');
  if (x.ndim < 2) throw shapeError(`batch_norm: expected an input of at least 2 dims [N, C, ...], got ${fmt(x.shape)}`);
  if (training && x.numel / c === 1) {
    throw argumentError(`Expected more than 1 value per channel when training, got input size torch.Size(${fmt(x.shape)})`);
  }
  const w = channelVector('batch_norm', opts.weight, 'weight', c);
  const b = channelVector('batch_norm', opts.bias, 'bias', c);
  // ATen refuses mixed dtypes on CPU ("mixed dtype (CPU): expect parameter to have scalar type of Float")
  for (const [name, t] of [
    ['running_mean', rm],
    ['running_var', rv],
    ['weight', w],
    ['bias', b],
  ] as const) {
    if (t !== null && t.dtype !== x.dtype)
      throw dtypeError(
        `batch_norm: mixed dtype (CPU): expect ${name} to have the input's scalar type ${scalarTypeName(x.dtype)}, got ${scalarTypeName(t.dtype)}`,
      );
  }
  const momentum = opts.momentum ?? 0.1;
  if (typeof momentum !== 'number' || !Number.isFinite(momentum)) throw argumentError(`batch_norm: momentum must be a number, got ${show(momentum)}`);
  if (x.numel === 0) {
    // As ATen's _batch_norm_impl_index: an empty batch leaves the running statistics alone.
    let out = x.clone();
    if (w !== null && c > 0) out = out.mul(w.select(0, 0));
    if (b !== null && c > 0) out = out.add(b.select(0, 0));
    return out;
  }
  const inputs = [x, ...(w === null ? [] : [w]), ...(b === null ? [] : [b])];
  return nativeBatchNormOp(inputs, rm, rv, training, momentum, opts.eps ?? 1e-5, w !== null, b !== null);
}

export interface NormalizeOptions {
  p?: number;
  dim?: number;
  eps?: number;
}

/** x / max(||x||_p along dim, eps) (torch.nn.functional.normalize). */
export function normalize(x: Tensor, opts: NormalizeOptions = {}): Tensor {
  opts = optionsBag('normalize', opts) ?? {};
  checkTensor('normalize', x);
  const denom = x
    .norm(opts.p ?? 2, opts.dim ?? 1, { keepdim: true })
    .clamp(opts.eps ?? 1e-12)
    .expand(x.shape);
  return x.div(denom);
}

/**
 * sqrt(sum(x^2, dim)) clamped below at eps, as 1.13's ATen: it clamps the sqrt's result in place
 * under no_grad, so a clamped entry's gradient is g / (2 eps) through the sum of squares.
 */
function clampedNorm(x: Tensor, dim: number, eps: number): Tensor {
  const s = x.pow(2).sum(dim, true);
  // ATen's clamp_min_(eps * eps) under no_grad, then sqrt_: the value clamped, its gradient passed
  // through unchanged, and sqrt's backward dividing by the clamped norm (no 0 / 0 at a zero vector).
  const e2 = eps * eps;
  const clamped = where(s.detach().lt(e2), s.sub(s.detach()).add(e2), s);
  return clamped.sqrt();
}

/**
 * Cosine similarity along dim, as PyTorch 1.13's ATen computes it: each operand divided by its
 * norm sqrt(sum(x^2)) (clamped at eps) first, then the product summed (torch.nn.functional.cosine_similarity).
 */
export function cosineSimilarity(a: Tensor, b: Tensor, dim = 1, eps = 1e-8): Tensor {
  checkTensor('cosine_similarity', a, 'x1');
  checkTensor('cosine_similarity', b, 'x2');
  let x1 = a;
  let x2 = b;
  if (!isFloating(x1.dtype) || !isFloating(x2.dtype)) {
    const common = x1.add(x2).dtype;
    const target = isFloating(common) ? common : 'float32';
    x1 = x1.to(target);
    x2 = x2.to(target);
  }
  const shape = x1.add(x2).shape;
  x1 = x1.expand(shape);
  x2 = x2.expand(shape);
  const d = normDim('cosine_similarity', dim, shape.length);
  const n1 = clampedNorm(x1, d, eps);
  const n2 = clampedNorm(x2, d, eps);
  return x1.div(n1).mul(x2.div(n2)).sum(d);
}

export interface PairwiseDistanceOptions {
  p?: number;
  eps?: number;
  keepdim?: boolean;
}

/** ||a - b + eps||_p along the last dim (torch.nn.functional.pairwise_distance). */
export function pairwiseDistance(a: Tensor, b: Tensor, opts: PairwiseDistanceOptions = {}): Tensor {
  opts = optionsBag('pairwiseDistance', opts) ?? {};
  checkTensor('pairwise_distance', a, 'x1');
  checkTensor('pairwise_distance', b, 'x2');
  const outDim = Math.max(a.ndim, b.ndim);
  return a
    .sub(b)
    .add(opts.eps ?? 1e-6)
    .norm(opts.p ?? 2, outDim - 1, { keepdim: opts.keepdim ?? false });
}

/** One-hot int64 encoding with a trailing dim of numClasses (-1: max + 1) (torch.nn.functional.one_hot). */
export function oneHot(indices: Tensor, numClasses = -1): Tensor {
  checkTensor('one_hot', indices);
  if (!isIntegral(indices.dtype)) throw dtypeError(`one_hot is only applicable to index tensor. (got ${indices.dtype})`);
  if (!Number.isInteger(numClasses) || numClasses < -1)
    throw argumentError(`one_hot: num_classes should be -1 or a non-negative integer, got ${show(numClasses)}`);
  const idx = indices.to(INDEX_DTYPE);
  let n = numClasses;
  if (idx.numel === 0) {
    if (n === -1) throw argumentError('Can not infer total number of classes from empty tensor.');
  } else {
    const low = Number(idx.min().item());
    if (low < 0) throw argumentError(`one_hot: Class values must be non-negative. (got ${low})`);
    const top = Number(idx.max().item());
    if (n === -1) n = top + 1;
    else if (top >= n) throw argumentError(`one_hot: Class values must be smaller than num_classes. (got ${top}, num_classes ${n})`);
  }
  return noGradSync(() => zeros([...idx.shape, n], { dtype: INDEX_DTYPE }).scatter(-1, idx.unsqueeze(-1), 1));
}
