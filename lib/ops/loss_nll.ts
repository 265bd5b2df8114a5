// torch.nn.functional.nll_loss: one node (NllLossBackward0 for [C] and [N, C] inputs,
// NllLoss2DBackward0 for [N, C, H, W]; other K-dimensional inputs go through a [N, C, 1, -1] view
// as PyTorch's nll_loss_nd does). Forward and backward are built from public ops (the forward
// unrecorded), so the backward is itself differentiable under createGraph.
import { defineOp } from '../autograd/define_op';
import { isGradEnabled, noGradSync } from '../autograd/grad_mode';
import { isFloating, isIntegral } from '../dtype';
import { argumentError, dtypeError, gradError, indexError, shapeError } from '../errors';
import { fmt } from '../shape';
import { checkTensor } from '../backend/operand';
import type { Tensor } from '../tensor';
import { onesLike, zeros } from '../creation';
import { where } from './compare';
import { scalarName } from './factor_support';
import { indexValues } from './indexing';

export type Reduction = 'mean' | 'sum' | 'none';

/** PyTorch's reduction check (its _Reduction.get_enum), shared by every loss. */
export function checkReduction(op: string, reduction: unknown, extra: readonly string[] = []): Reduction {
  if (reduction === 'mean' || reduction === 'sum' || reduction === 'none' || extra.includes(reduction as string)) return reduction as Reduction;
  throw argumentError(`${op}: ${String(reduction)} is not a valid value for reduction`);
}

interface NllState {
  classDim: number;
  idx: Tensor;
  valid: Tensor;
  wv: Tensor;
  total: Tensor | null;
  reduction: Reduction;
}

type NllParams = [Tensor, Tensor | null, Reduction, number];

function defineNll(op: string, nodeName: string) {
  return defineOp<NllParams, NllState>({
    op,
    nodeName,
    forward(ctx, [x], target, weight, reduction, ignoreIndex) {
      return noGradSync(() => {
        const classDim = x.ndim === 1 ? 0 : 1;
        const valid = target.ne(ignoreIndex);
        const safe = where(valid, target, 0);
        const idx = safe.unsqueeze(classDim);
        const picked = x.gather(classDim, idx).squeeze(classDim);
        const w = weight === null ? onesLike(picked) : weight.indexSelect(0, safe.flatten()).reshape(safe.shape);
        const wv = where(valid, w, 0);
        // Ignored targets contribute nothing, not 0 * x (x may be -inf there).
        const loss = where(valid, picked.mul(wv).neg(), 0);
        let out = loss;
        let total: Tensor | null = null;
        if (reduction === 'sum') out = loss.sum();
        else if (reduction === 'mean') {
          total = wv.sum();
          out = loss.sum().div(total);
        }
        ctx.state = { classDim, idx, valid, wv, total, reduction };
        return out;
      });
    },
    backward(ctx, g) {
      const { classDim, idx, valid, wv, total, reduction } = ctx.state;
      const coef = reduction === 'mean' ? g.div(total!) : g;
      const row = where(valid, coef.mul(wv).neg(), 0);
      return [zeros(ctx.inputShape(0), { dtype: g.dtype }).scatter(classDim, idx, row.unsqueeze(classDim))];
    },
  });
}

const nllOp = defineNll('nllLoss', 'NllLossBackward0');
const nll2dOp = defineNll('nllLoss2d', 'NllLoss2DBackward0');

/** Bounds of every non-ignored target, as PyTorch's kernels check them (INDEX). */
function checkTargets(op: string, target: Tensor, classes: number, ignoreIndex: number): void {
  for (const v of indexValues(op, target)) {
    if (v !== ignoreIndex && (v < 0 || v >= classes)) throw indexError(`${op}: Target ${v} is out of bounds.`);
  }
}

function checkCommon(op: string, x: Tensor, target: Tensor, weight: Tensor | null, classes: number, ignoreIndex: number): void {
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: "nll_loss_out_frame" not implemented for '${scalarName(x.dtype)}'`);
  if (!isIntegral(target.dtype)) throw dtypeError(`${op}: expected scalar type Long but found ${scalarName(target.dtype)}`);
  if (weight !== null) {
    if (weight.dtype !== x.dtype) throw dtypeError(`${op}: expected scalar type ${scalarName(x.dtype)} but found ${scalarName(weight.dtype)}`);
    if (weight.requiresGrad && isGradEnabled()) {
      throw gradError(`The function '${op}_forward' is not differentiable with respect to argument 'weight'. This input cannot have requires_grad True.`);
    }
  }
  if (!Number.isSafeInteger(ignoreIndex)) throw argumentError(`${op}: ignoreIndex must be an integer, got ${String(ignoreIndex)}`);
  checkTargets(op, target, classes, ignoreIndex);
}

/**
 * torch.nn.functional.nll_loss(input, target, weight, ignore_index, reduction) for input [C],
 * [N, C] or [N, C, d1, ...] and integer targets [], [N] or [N, d1, ...]; the weighted mean
 * divides by the total weight of the non-ignored targets (NaN when there is none).
 */
export function nllLossOp(x: Tensor, target: Tensor, weight: Tensor | null, reduction: Reduction, ignoreIndex: number): Tensor {
  const op = 'nll_loss';
  checkTensor(op, x);
  checkTensor(op, target, 'target');
  if (weight !== null) checkTensor(op, weight, 'weight');
  if (x.ndim < 1) throw argumentError(`${op}: Expected 1 or more dimensions (got ${x.ndim})`);
  if (x.ndim !== 1 && (target.ndim === 0 || x.shape[0] !== target.shape[0])) {
    throw shapeError(`${op}: Expected input batch_size (${x.shape[0]}) to match target batch_size (${target.ndim === 0 ? 0 : target.shape[0]}).`);
  }
  const classes = x.shape[x.ndim === 1 ? 0 : 1];
  if (x.ndim <= 2) {
    if (target.ndim > 1) throw shapeError(`${op}: 0D or 1D target tensor expected, multi-target not supported`);
    if (x.ndim === 1 && target.ndim !== 0) throw shapeError(`${op}: size mismatch (got input: ${fmt(x.shape)}, target: ${fmt(target.shape)})`);
    if (weight !== null && (weight.ndim !== 1 || weight.numel !== classes)) {
      throw shapeError(
        `${op}: weight tensor should be defined either for all ${classes} classes or no classes but got weight tensor of shape: ${fmt(weight.shape)}`,
      );
    }
    checkCommon(op, x, target, weight, classes, ignoreIndex);
    return nllOp([x], target, weight, reduction, ignoreIndex);
  }
  if (x.ndim === 4) {
    if (target.ndim !== 3) throw shapeError(`${op}: only batches of spatial targets supported (3D tensors) but got targets of dimension: ${target.ndim}`);
    if (x.shape[2] !== target.shape[1] || x.shape[3] !== target.shape[2]) {
      throw shapeError(`${op}: size mismatch (got input: ${fmt(x.shape)} , target: ${fmt(target.shape)}`);
    }
  } else {
    const outSize = [x.shape[0], ...x.shape.slice(2)];
    if (fmt(target.shape.slice(1)) !== fmt(x.shape.slice(2))) throw shapeError(`${op}: Expected target size ${fmt(outSize)}, got ${fmt(target.shape)}`);
  }
  if (weight !== null && weight.numel !== classes) throw shapeError(`${op}: weight tensor should be defined either for all or no classes`);
  checkCommon(op, x, target, weight, classes, ignoreIndex);
  if (x.ndim === 4) return nll2dOp([x], target, weight, reduction, ignoreIndex);
  const n = x.shape[0];
  const empty = x.numel === 0;
  const xi = empty ? x.contiguous().view([n, classes, 0, 0]) : x.contiguous().view([n, classes, 1, -1]);
  const ti = target.numel === 0 ? target.contiguous().view([n, 0, 0]) : target.contiguous().view([n, 1, -1]);
  const out = nll2dOp([xi], ti, weight, reduction, ignoreIndex);
  return reduction === 'none' ? out.view([n, ...x.shape.slice(2)]) : out;
}
