// native_layer_norm and native_batch_norm: one registry entry each, with PyTorch's node names
// (NativeLayerNormBackward0, NativeBatchNormBackward0). The forwards are composites run without
// recording; the backwards recompute the statistics from the saved input with recorded ops, so
// that under createGraph they differentiate again (PyTorch's *BackwardBackward nodes).
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { isFloating } from '../dtype';
import { dtypeError } from '../errors';
import type { Tensor } from '../tensor';
import { scalarTypeName } from './softmax';

interface NormState {
  axes: number[];
  eps: number;
  hasWeight: boolean;
  hasBias: boolean;
}

/** (x - mean) * rstd over `axes` (kept as size 1), with the mean and rstd. */
function standardize(x: Tensor, axes: number[], eps: number): { xhat: Tensor; rstd: Tensor } {
  const mean = x.mean(axes, true);
  const xc = x.sub(mean);
  const v = xc.mul(xc).mean(axes, true);
  const rstd = v.add(eps).rsqrt();
  return { xhat: xc.mul(rstd), rstd };
}

/** The gradient of xhat = standardize(x) given the gradient gxhat of xhat: rstd (gxhat - mean(gxhat) - xhat mean(gxhat xhat)). */
function standardizeBackward(gxhat: Tensor, xhat: Tensor, rstd: Tensor, axes: number[]): Tensor {
  return gxhat
    .sub(gxhat.mean(axes, true))
    .sub(xhat.mul(gxhat.mul(xhat).mean(axes, true)))
    .mul(rstd);
}

export function checkFloating(op: string, x: Tensor): void {
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: expected a floating point input, got ${scalarTypeName(x.dtype)}`);
}

/** Weight and bias of the normalized shape broadcast against x's trailing dims as they are. */
export const nativeLayerNormOp = defineOp<[number[], number, boolean, boolean], NormState>({
  op: 'nativeLayerNorm',
  nodeName: 'NativeLayerNormBackward0',
  forward(ctx, inputs, axes, eps, hasWeight, hasBias) {
    const [x] = inputs;
    ctx.state = { axes, eps, hasWeight, hasBias };
    ctx.save(...inputs);
    return noGradSync(() => {
      let y = standardize(x, axes, eps).xhat;
      if (hasWeight) y = y.mul(inputs[1]);
      if (hasBias) y = y.add(inputs[hasWeight ? 2 : 1]);
      return y;
    });
  },
  backward(ctx, g) {
    const saved = ctx.savedTensors() as Tensor[];
    const { axes, eps, hasWeight, hasBias } = ctx.state;
    const x = saved[0];
    const w = hasWeight ? saved[1] : null;
    const { xhat, rstd } = standardize(x, axes, eps);
    const lead = x.shape.map((_, i) => i).filter((i) => !axes.includes(i));
    const out: (Tensor | null)[] = [ctx.needsInputGrad[0] ? standardizeBackward(w === null ? g : g.mul(w), xhat, rstd, axes) : null];
    if (hasWeight) out.push(ctx.needsInputGrad[1] ? g.mul(xhat).sum(lead) : null);
    if (hasBias) out.push(ctx.needsInputGrad[hasWeight ? 2 : 1] ? g.sum(lead) : null);
    return out;
  },
});

interface BatchNormState extends NormState {
  training: boolean;
  runningMean: Tensor | null;
  runningVar: Tensor | null;
}

/** [1, C, 1, ...]: a per-channel vector laid along x's dim 1. */
function channel(v: Tensor, ndim: number): Tensor {
  return v.view([1, v.numel, ...new Array<number>(Math.max(ndim - 2, 0)).fill(1)]);
}

/**
 * Batch norm over every dim but 1. Training: batch statistics (biased variance), and the running
 * buffers, when given, move by `momentum` towards the batch mean and the unbiased variance.
 * Otherwise the running statistics normalise.
 */
export const nativeBatchNormOp = defineOp<[Tensor | null, Tensor | null, boolean, number, number, boolean, boolean], BatchNormState>({
  op: 'nativeBatchNorm',
  nodeName: 'NativeBatchNormBackward0',
  forward(ctx, inputs, runningMean, runningVar, training, momentum, eps, hasWeight, hasBias) {
    const [x] = inputs;
    const axes = x.shape.map((_, i) => i).filter((i) => i !== 1);
    ctx.state = { axes, eps, hasWeight, hasBias, training, runningMean, runningVar };
    ctx.save(...inputs);
    // As ATen's CPU kernel: statistics accumulated in float64, then y = x * alpha + beta with
    // alpha = invstd * weight and beta = bias - mean * alpha per channel, in x's dtype.
    return noGradSync(() => {
      const c = x.shape[1];
      let mean: Tensor;
      let invstd: Tensor;
      if (training) {
        const wide = x.to('float64');
        const m = wide.mean(axes, true);
        const dev = wide.sub(m);
        const varSum = dev.mul(dev).sum(axes);
        const n = x.numel / c;
        mean = m.view([c]);
        invstd = varSum.div(n).add(eps).rsqrt();
        if (runningMean !== null && runningVar !== null) {
          runningMean.copy_(mean.mul(momentum).add(runningMean.to('float64').mul(1 - momentum)));
          runningVar.copy_(
            varSum
              .div(n - 1)
              .mul(momentum)
              .add(runningVar.to('float64').mul(1 - momentum)),
          );
        }
        mean = mean.to(x.dtype);
        invstd = invstd.to(x.dtype);
      } else {
        mean = runningMean!.to(x.dtype);
        invstd = runningVar!.to(x.dtype).add(eps).rsqrt();
      }
      const alpha = hasWeight ? invstd.mul(inputs[1]) : invstd;
      const beta = hasBias ? inputs[hasWeight ? 2 : 1].sub(mean.mul(alpha)) : mean.mul(alpha).neg();
      return x.mul(channel(alpha, x.ndim)).add(channel(beta, x.ndim));
    });
  },
  backward(ctx, g) {
    const saved = ctx.savedTensors() as Tensor[];
    const { axes, eps, hasWeight, hasBias, training, runningMean, runningVar } = ctx.state;
    const x = saved[0];
    const w = hasWeight ? channel(saved[1], x.ndim) : null;
    const gxhat = w === null ? g : g.mul(w);
    let xhat: Tensor;
    let gx: Tensor | null = null;
    if (training) {
      const s = standardize(x, axes, eps);
      xhat = s.xhat;
      if (ctx.needsInputGrad[0]) gx = standardizeBackward(gxhat, xhat, s.rstd, axes);
    } else {
      const rstd = channel(runningVar!.add(eps).rsqrt(), x.ndim);
      xhat = x.sub(channel(runningMean!, x.ndim)).mul(rstd);
      if (ctx.needsInputGrad[0]) gx = gxhat.mul(rstd);
    }
    const out: (Tensor | null)[] = [gx];
    if (hasWeight) out.push(ctx.needsInputGrad[1] ? g.mul(xhat).sum(axes) : null);
    if (hasBias) out.push(ctx.needsInputGrad[hasWeight ? 2 : 1] ? g.sum(axes) : null);
    return out;
  },
});
