// conv1d (torch.nn.functional.conv1d) as im2col + batched matmul: the padded input's windows
// are gathered with one indexSelect into [N, C, K, Lout] columns and multiplied by the weight
// per group. Its backward (PyTorch's ConvolutionBackward0) is written with registered ops, so
// it differentiates again: grad_weight = g @ cols^T, grad_input = col2im(W^T @ g) by indexAdd.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { isFloating } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { fmt, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { tensor, zeros } from '../creation';
import { indexSelect } from './indexing';
import { cat } from './join';
import { matmul } from './linalg';
import { indexAdd } from './scatter';

export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

export interface Conv1dOptions {
  stride?: number;
  /** Zeros on both sides, or 'valid' (none) or 'same' (output length = input length; stride 1). */
  padding?: number | 'same' | 'valid';
  dilation?: number;
  groups?: number;
}

interface ConvGeometry {
  stride: number;
  dilation: number;
  groups: number;
  padLeft: number;
  padRight: number;
  mode: PaddingMode;
}

/** Output positions' source index in the padded input, tap by tap: [K * Lout] as k * Lout + j. */
function windowIndex(k: number, lout: number, stride: number, dilation: number): Tensor {
  const idx = new BigInt64Array(k * lout);
  for (let t = 0; t < k; t++) for (let j = 0; j < lout; j++) idx[t * lout + j] = BigInt(j * stride + t * dilation);
  return tensor(idx);
}

/** Where each padded position reads from, for the non-zero padding modes (PyTorch's F.pad). */
function padIndex(l: number, left: number, right: number, mode: PaddingMode): Tensor {
  const idx = new BigInt64Array(l + left + right);
  for (let p = 0; p < idx.length; p++) {
    const i = p - left;
    let s: number;
    if (mode === 'circular') s = ((i % l) + l) % l;
    else if (mode === 'replicate') s = Math.min(Math.max(i, 0), l - 1);
    else s = i < 0 ? -i : i >= l ? 2 * (l - 1) - i : i; // reflect
    idx[p] = BigInt(s);
  }
  return tensor(idx);
}

function padInput(x: Tensor, g: ConvGeometry): Tensor {
  const { padLeft: a, padRight: b } = g;
  if (a === 0 && b === 0) return x;
  if (g.mode !== 'zeros') return indexSelect(x, 2, padIndex(x.shape[2], a, b, g.mode));
  const [n, c] = x.shape;
  const parts = [zeros([n, c, a], { dtype: x.dtype }), x, zeros([n, c, b], { dtype: x.dtype })];
  return cat(parts, 2);
}

interface Cols {
  cols: Tensor; // [N, G, C/G * K, Lout]
  index: Tensor;
  lp: number;
}

function im2col(x: Tensor, k: number, lout: number, g: ConvGeometry): Cols {
  const xp = padInput(x, g);
  const [n, c, lp] = xp.shape;
  const index = windowIndex(k, lout, g.stride, g.dilation);
  const cols = indexSelect(xp, 2, index).reshape([n, g.groups, (c / g.groups) * k, lout]);
  return { cols, index, lp };
}

function convForward(x: Tensor, w: Tensor, b: Tensor | null, g: ConvGeometry, lout: number): Tensor {
  const [n] = x.shape;
  const [o, cg, k] = w.shape;
  const { cols } = im2col(x, k, lout, g);
  const out = matmul(w.reshape([g.groups, o / g.groups, cg * k]), cols).reshape([n, o, lout]);
  return b === null ? out : out.add(b.reshape([o, 1]));
}

const conv1dOp = defineOp<[ConvGeometry, number], { g: ConvGeometry; lout: number }>({
  op: 'conv1d',
  nodeName: 'ConvolutionBackward0',
  forward(ctx, inputs, g, lout) {
    ctx.state = { g, lout };
    ctx.save(...inputs);
    return noGradSync(() => convForward(inputs[0], inputs[1], inputs[2] ?? null, g, lout));
  },
  backward(ctx, grad) {
    const [x, w, b] = ctx.savedTensors();
    const { g, lout } = ctx.state;
    const [n, c, l] = x!.shape;
    const [o, cg, k] = w!.shape;
    const gg = grad.reshape([n, g.groups, o / g.groups, lout]);
    let gx: Tensor | null = null;
    let gw: Tensor | null = null;
    if (ctx.needsInputGrad[1] || ctx.needsInputGrad[0]) {
      const { cols, index, lp } = im2col(x!, k, lout, g);
      if (ctx.needsInputGrad[1]) gw = matmul(gg, cols.transpose(-1, -2)).sum(0).reshape([o, cg, k]);
      if (ctx.needsInputGrad[0]) {
        const gcols = matmul(w!.reshape([g.groups, o / g.groups, cg * k]).transpose(-1, -2), gg).reshape([n, c, k * lout]);
        const gxp = indexAdd(zeros([n, c, lp], { dtype: grad.dtype }), 2, index, gcols);
        if (g.padLeft === 0 && g.padRight === 0) gx = gxp;
        else if (g.mode === 'zeros') gx = gxp.narrow(2, g.padLeft, l);
        else gx = indexAdd(zeros([n, c, l], { dtype: grad.dtype }), 2, padIndex(l, g.padLeft, g.padRight, g.mode), gxp);
      }
    }
    return [gx, gw, b === undefined || !ctx.needsInputGrad[2] ? null : grad.sum([0, 2])];
  },
});

function positiveInt(op: string, name: string, v: unknown, min: number, message: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(`${op}: ${name} must be an integer, got ${show(v)}`);
  if (v < min) throw argumentError(message);
  return v;
}

/** 1-D convolution (cross-correlation) of [N, C, L] or [C, L] with weight [O, C/groups, K] (torch.nn.functional.conv1d). */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, opts: Conv1dOptions & { paddingMode?: PaddingMode } = {}): Tensor {
  opts = optionsBag('conv1d', opts) ?? {};
  checkTensor('conv1d', x);
  checkTensor('conv1d', weight, 'weight');
  if (bias !== null) checkTensor('conv1d', bias, 'bias');
  const stride = positiveInt('conv1d', 'stride', opts.stride ?? 1, 1, 'non-positive stride is not supported');
  const dilation = positiveInt('conv1d', 'dilation', opts.dilation ?? 1, 1, 'non-positive dilation is not supported');
  const groups = positiveInt('conv1d', 'groups', opts.groups ?? 1, 1, 'non-positive groups is not supported');
  const mode = opts.paddingMode ?? 'zeros';
  if (x.ndim !== 2 && x.ndim !== 3) throw shapeError(`Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: ${fmt(x.shape)}`);
  if (weight.ndim !== 3) throw shapeError(`conv1d: expected a 3-D weight [out, in / groups, kernel], got ${fmt(weight.shape)}`);
  if (!isFloating(x.dtype)) throw dtypeError(`conv1d: "slow_conv2d_cpu" not implemented for '${x.dtype}'`);
  for (const t of [weight, bias]) {
    if (t !== null && t.dtype !== x.dtype) throw dtypeError(`conv1d: input type (${x.dtype}) and weight/bias type (${t.dtype}) should be the same`);
  }
  const batched = x.ndim === 3 ? x : x.unsqueeze(0);
  const [, c, l] = batched.shape;
  const [o, cg, k] = weight.shape;
  if (o % groups !== 0)
    throw shapeError(
      `Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size ${fmt(weight.shape)} instead`,
    );
  if (c !== cg * groups) {
    throw shapeError(
      `Given groups=${groups}, weight of size ${fmt(weight.shape)}, expected input${fmt(batched.shape)} to have ${cg * groups} channels, but got ${c} channels instead`,
    );
  }
  if (bias !== null && (bias.ndim !== 1 || bias.shape[0] !== o))
    throw shapeError(
      `Given weight of size ${fmt(weight.shape)}, expected bias to be 1-dimensional with ${o} elements, but got bias of size ${fmt(bias.shape)} instead`,
    );
  const padding = opts.padding ?? 0;
  let padLeft: number;
  let padRight: number;
  if (padding === 'valid') padLeft = padRight = 0;
  else if (padding === 'same') {
    if (stride !== 1) throw argumentError("padding='same' is not supported for strided convolutions");
    const total = dilation * (k - 1);
    padLeft = Math.floor(total / 2);
    padRight = total - padLeft;
  } else {
    if (typeof padding !== 'number' || !Number.isInteger(padding))
      throw argumentError(`Invalid padding string ${show(padding)}, should be one of {'valid', 'same'}`);
    if (padding < 0) throw argumentError('negative padding is not supported');
    padLeft = padRight = padding;
  }
  const effective = dilation * (k - 1) + 1;
  if (l + padLeft + padRight < effective) {
    throw shapeError(
      `Calculated padded input size per channel: (${l + padLeft + padRight}). Kernel size: (${effective}). Kernel size can't be greater than actual input size`,
    );
  }
  if (mode !== 'zeros' && (padLeft > l || padRight > l || (mode === 'reflect' && (padLeft >= l || padRight >= l)))) {
    throw argumentError(`conv1d: padding (${padLeft}, ${padRight}) is too large for ${mode} padding of an input of length ${l}`);
  }
  const lout = Math.floor((l + padLeft + padRight - effective) / stride) + 1;
  const g: ConvGeometry = { stride, dilation, groups, padLeft, padRight, mode };
  const out = conv1dOp(bias === null ? [batched, weight] : [batched, weight, bias], g, lout);
  return x.ndim === 3 ? out : out.squeeze(0);
}
