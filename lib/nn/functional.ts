// torch.nn.functional equivalents, built from public tensor ops (their gradients come for free).
import { argumentError, dtypeError, shapeError } from '../errors';
import { isFloating, promoteTypes, scalarTypeName } from '../dtype';
import { broadcastShapes, fmt, sameShape, show, optionsBag } from '../shape';
import { Tensor } from '../tensor';
import { addmm, addmmDTypes } from '../ops/linalg';
import { checkTensor } from '../backend/operand';
import { noGradSync } from '../autograd/grad_mode';
import { zeros } from '../creation';
import type { Generator } from '../generator';
import { bernoulliMask } from '../ops/random_fill';
import { checkReduction } from '../ops/loss_nll';
import { binaryCrossEntropyWithLogitsOp } from '../ops/loss_pointwise';
import { mseLossOp } from '../ops/activations_nn';
import { logsumexp as logsumexpOp } from '../ops/statistics';
import { logSoftmax as logSoftmaxOp, softmax as softmaxOp, type SoftmaxOptions } from '../ops/softmax';

export type { Reduction } from './functional_loss';
export {
  nllLoss,
  crossEntropy,
  binaryCrossEntropy,
  huberLoss,
  smoothL1Loss,
  klDiv,
  cosineEmbeddingLoss,
  marginRankingLoss,
  tripletMarginLoss,
  type NLLLossOptions,
  type CrossEntropyOptions,
  type BCELossOptions,
  type HuberLossOptions,
  type SmoothL1LossOptions,
  type KLDivOptions,
  type MarginOptions,
  type TripletMarginOptions,
} from './functional_loss';
import type { Reduction } from './functional_loss';

function reduce(op: string, loss: Tensor, reduction: Reduction): Tensor {
  if (reduction === 'mean') return loss.mean();
  if (reduction === 'sum') return loss.sum();
  if (reduction === 'none') return loss;
  throw argumentError(`${op}: ${String(reduction)} is not a valid value for reduction`);
}

function sameShapes(op: string, input: Tensor, target: Tensor): void {
  checkTensor(op, input);
  checkTensor(op, target, 'target');
  if (!sameShape(input.shape, target.shape)) {
    throw shapeError(`${op}: input ${fmt(input.shape)} and target ${fmt(target.shape)} must have the same shape`);
  }
}

function tensors(op: string, ...ts: unknown[]): void {
  ts.forEach((t, i) => checkTensor(op, t, `argument ${i}`));
}

/** x W^T + b. Operands of different dtypes are a DTYPE error, as PyTorch's addmm/mm (no promotion). */
export function linear(x: Tensor, weight: Tensor, bias: Tensor | null = null): Tensor {
  tensors('linear', x, weight, ...(bias === null ? [] : [bias]));
  addmmDTypes('linear', bias, x, weight);
  if (bias === null) return x.matmul(weight.t());
  if (x.ndim === 2) return addmm(bias, x, weight.t());
  // As ATen's linear: a contiguous 3-D input goes through addmm on its [N * L, in] view (ViewBackward0).
  if (x.ndim === 3 && x.isContiguous()) {
    const [n, l, k] = x.shape;
    return addmm(bias, x.view([n * l, k]), weight.t()).view([n, l, weight.shape[0]]);
  }
  return x.matmul(weight.t()).add(bias);
}

export function mseLoss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  opts = optionsBag('mseLoss', opts) ?? {};
  checkTensor('mse_loss', input);
  checkTensor('mse_loss', target, 'target');
  broadcastShapes('mse_loss', input.shape, target.shape); // PyTorch broadcasts (and warns)
  const reduction = checkReduction('mse_loss', opts?.reduction ?? 'mean');
  // ATen's mse_cpu kernel runs on the promoted dtype and has no integer or bool version.
  const dtype = promoteTypes(input.dtype, target.dtype);
  if (!isFloating(dtype)) throw dtypeError(`"mse_cpu" not implemented for '${scalarTypeName(dtype)}'`);
  return mseLossOp(input, target, reduction);
}

export function l1Loss(input: Tensor, target: Tensor, opts: { reduction?: Reduction } = {}): Tensor {
  opts = optionsBag('l1Loss', opts) ?? {};
  checkTensor('l1_loss', input);
  checkTensor('l1_loss', target, 'target');
  broadcastShapes('l1_loss', input.shape, target.shape); // PyTorch broadcasts (and warns), as mse_loss
  return reduce('l1_loss', input.sub(target).abs(), opts?.reduction ?? 'mean');
}

/**
 * Binary cross entropy on logits in PyTorch's overflow-free form, one node
 * (BinaryCrossEntropyWithLogitsBackward0); `weight` rescales each element and `posWeight` the
 * positive term, both broadcast (torch.nn.functional.binary_cross_entropy_with_logits).
 */
export function binaryCrossEntropyWithLogits(
  input: Tensor,
  target: Tensor,
  opts: { reduction?: Reduction; weight?: Tensor | null; posWeight?: Tensor | null } = {},
): Tensor {
  opts = optionsBag('binaryCrossEntropyWithLogits', opts) ?? {};
  const op = 'binary_cross_entropy_with_logits';
  const reduction = checkReduction(op, opts.reduction ?? 'mean');
  const weight = opts.weight ?? null;
  const posWeight = opts.posWeight ?? null;
  if (weight !== null) tensors(op, weight);
  if (posWeight !== null) tensors(op, posWeight);
  sameShapes(op, input, target);
  return binaryCrossEntropyWithLogitsOp(input, target, weight === null ? null : weight.detach(), posWeight === null ? null : posWeight.detach(), reduction);
}

/** log(sum(exp(x), dim)) without overflow, one LogsumexpBackward0 node (torch.logsumexp). */
export function logsumexp(x: Tensor, dim: number, keepdim = false): Tensor {
  tensors('logsumexp', x);
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw argumentError('logsumexp: dim must be an integer');
  return logsumexpOp(x, dim, { keepdim });
}

/** log(softmax(x)) along dim, one LogSoftmaxBackward0 node (torch.nn.functional.log_softmax). */
export function logSoftmax(x: Tensor, dim: number, opts?: SoftmaxOptions): Tensor {
  opts = optionsBag('logSoftmax', opts) ?? {};
  tensors('log_softmax', x);
  return logSoftmaxOp(x, dim, opts);
}

/** exp(x) / sum(exp(x)) along dim, one SoftmaxBackward0 node (torch.nn.functional.softmax). */
export function softmax(x: Tensor, dim: number, opts?: SoftmaxOptions): Tensor {
  opts = optionsBag('softmax', opts) ?? {};
  tensors('softmax', x);
  return softmaxOp(x, dim, opts);
}

/**
 * Dropout as PyTorch computes it in training: x * (bernoulli(1 - p) mask / (1 - p)), the mask
 * drawn from PyTorch's stream in row-major order; x itself when not training, p = 0 or x is
 * empty (torch.nn.functional.dropout).
 */
export function dropout(x: Tensor, p = 0.5, opts: { training?: boolean; generator?: Generator } = {}): Tensor {
  checkTensor('dropout', x);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(`dropout probability has to be between 0 and 1, but got ${show(p)}`);
  if (p === 0 || opts.training === false || x.numel === 0) return x;
  if (p === 1) return x.mul(zeros([], { dtype: x.dtype }));
  const noise = noGradSync(() => bernoulliMask(x, 1 - p, opts).div(1 - p));
  return x.mul(noise);
}
export { selu, celu, hardsigmoid, hardswish, softsign, tanhshrink, softshrink, hardshrink, threshold, softmin, glu, prelu } from './activation_functional';
export { unflatten } from './containers';
export { relu, sigmoid, tanh } from '../ops/unary';
export { gelu, silu, mish, logSigmoid, softplus, elu, leakyRelu, hardtanh, relu6 } from '../ops/activations';
export { conv1d, type Conv1dOptions, type PaddingMode } from '../ops/conv';
export { maxPool1d, maxPool1dWithIndices, avgPool1d, type MaxPool1dOptions, type AvgPool1dOptions } from './pooling';
export { scaledDotProductAttention, type SdpaOptions } from './attention_functional';
export { layerNorm, rmsNorm, batchNorm, normalize, cosineSimilarity, pairwiseDistance, oneHot } from './functional_norm';
export type { LayerNormOptions, RMSNormOptions, BatchNormOptions, NormalizeOptions, PairwiseDistanceOptions } from './functional_norm';
export { embedding, embeddingBag, embeddingRenorm_, pad } from './functional_embedding';
export type { EmbeddingOptions, EmbeddingBagOptions, PadMode, PadOptions } from './functional_embedding';
