// max_pool1d and avg_pool1d (torch.nn.functional's) and their modules: windows gathered with
// one indexSelect from the input padded by -inf (max) or 0 (avg), then reduced; PyTorch's
// output-size formula, ceil_mode rule and divisors. Gradients come from the ops used.
import { argumentError, dtypeError, shapeError } from '../errors';
import { isFloating } from '../dtype';
import { fmt, show } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { full, tensor } from '../creation';
import { cat } from '../ops/join';
import { Module } from './module';
import { py } from './repr';

/** PyTorch's pooling_output_shape: floor or ceil, and a last window must start inside the input or left padding. */
export function poolOutputSize(l: number, k: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  const num = l + 2 * pad - dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceilMode && (out - 1) * stride >= l + pad) out--;
  return out;
}

interface PoolArgs {
  k: number;
  stride: number;
  pad: number;
  dilation: number;
  ceilMode: boolean;
}

function intArg(op: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(`${op}: ${name} must be an integer, got ${show(v)}`);
  if (v < min) throw argumentError(`${op}() ${name} must be greater than ${min === 1 ? 'zero' : 'or equal to zero'}, but got ${v}`);
  return v;
}

/** Windows [N, C, Lout, K] of x [N, C, L] padded with `fill`, and the source position of each (-1 in padding). */
function windows(x: Tensor, a: PoolArgs, lout: number, fill: number): { w: Tensor; pos: number[] } {
  const [n, c, l] = x.shape;
  const right = Math.max(0, (lout - 1) * a.stride + (a.k - 1) * a.dilation + 1 - a.pad - l);
  const parts = [x];
  if (a.pad > 0) parts.unshift(full([n, c, a.pad], fill, { dtype: x.dtype }));
  if (right > 0) parts.push(full([n, c, right], fill, { dtype: x.dtype }));
  const xp = parts.length === 1 ? x : cat(parts, 2);
  const idx = new BigInt64Array(lout * a.k);
  const pos: number[] = [];
  for (let j = 0; j < lout; j++)
    for (let t = 0; t < a.k; t++) {
      const p = j * a.stride + t * a.dilation;
      idx[j * a.k + t] = BigInt(p);
      pos.push(p - a.pad >= 0 && p - a.pad < l ? p - a.pad : -1);
    }
  return { w: xp.indexSelect(2, tensor(idx)).reshape([n, c, lout, a.k]), pos };
}

function prepare(
  op: string,
  x: Tensor,
  kernelSize: number,
  o: { stride?: number | null; padding?: number; dilation?: number; ceilMode?: boolean },
  dims: string,
): { x3: Tensor; a: PoolArgs; lout: number } {
  checkTensor(op, x);
  const k = intArg(op, 'kernel_size', kernelSize, 1);
  const stride = o.stride === undefined || o.stride === null ? k : intArg(op, 'stride', o.stride, 1);
  const pad = intArg(op, 'padding', o.padding ?? 0, 0);
  const dilation = intArg(op, 'dilation', o.dilation ?? 1, 1);
  const ceilMode = o.ceilMode ?? false;
  if (x.ndim !== 2 && x.ndim !== 3) throw shapeError(dims.replace('SHAPE', fmt(x.shape)).replace('NDIM', String(x.ndim)));
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: not implemented for '${x.dtype}'`);
  const x3 = x.ndim === 3 ? x : x.unsqueeze(0);
  const [n, c, l] = x3.shape;
  const lout = poolOutputSize(l, k, pad, stride, dilation, ceilMode);
  if (lout < 1) throw shapeError(`Given input size: (${c}x1x${l}). Calculated output size: (${c}x1x${lout}). Output size is too small`);
  void n;
  return { x3, a: { k, stride, pad, dilation, ceilMode }, lout };
}

export interface MaxPool1dOptions {
  stride?: number | null;
  padding?: number;
  dilation?: number;
  ceilMode?: boolean;
}

/** Max over sliding windows of [N, C, L] or [C, L], with the input positions of the maxima (max_pool1d_with_indices). */
export function maxPool1dWithIndices(x: Tensor, kernelSize: number, opts: MaxPool1dOptions = {}): [Tensor, Tensor] {
  const { x3, a, lout } = prepare(
    'max_pool1d',
    x,
    kernelSize,
    opts,
    'max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:SHAPE',
  );
  if (a.pad > a.k / 2) throw argumentError(`max_pool1d() padding should be at most half of kernel size, but got padding=${a.pad} and kernel_size=${a.k}`);
  const { w, pos } = windows(x3, a, lout, -Infinity);
  const { values, indices } = w.max(3);
  // The window-local argmax to the input position: pos[j * K + t].
  const table = tensor(BigInt64Array.from(pos, (p) => BigInt(p)));
  const base = tensor(BigInt64Array.from({ length: lout }, (_, j) => BigInt(j * a.k))).reshape([1, 1, lout]);
  const where = table.take(indices.add(base));
  return x.ndim === 3 ? [values, where] : [values.squeeze(0), where.squeeze(0)];
}

/** Max over sliding windows (torch.nn.functional.max_pool1d); `{returnIndices: true}` via maxPool1dWithIndices. */
export function maxPool1d(x: Tensor, kernelSize: number, opts: MaxPool1dOptions = {}): Tensor {
  return maxPool1dWithIndices(x, kernelSize, opts)[0];
}

export interface AvgPool1dOptions {
  stride?: number | null;
  padding?: number;
  ceilMode?: boolean;
  /** Count the zero padding in the divisor (default true). */
  countIncludePad?: boolean;
}

/** Mean over sliding windows of [N, C, L] or [C, L] (torch.nn.functional.avg_pool1d). */
export function avgPool1d(x: Tensor, kernelSize: number, opts: AvgPool1dOptions = {}): Tensor {
  const { x3, a, lout } = prepare(
    'avg_pool1d',
    x,
    kernelSize,
    opts,
    "Expected 2 to 3 dimensions, but got NDIM-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)",
  );
  if (a.pad > a.k / 2) throw argumentError(`pad should be at most half of kernel size, but got pad=${a.pad} and kernel_size=${a.k}`);
  const l = x3.shape[2];
  const { w } = windows(x3, a, lout, 0);
  const include = opts.countIncludePad ?? true;
  // PyTorch's divisors: the window clipped to the padded input, or to the input itself.
  const div = new Float64Array(lout);
  for (let j = 0; j < lout; j++) {
    const start = j * a.stride - a.pad;
    const end = Math.min(start + a.k, l + a.pad);
    div[j] = include ? end - start : Math.min(end, l) - Math.max(start, 0);
  }
  const out = w.sum(3).div(tensor(div).to(x.dtype));
  return x.ndim === 3 ? out : out.squeeze(0);
}

/** Max pooling over windows of kernelSize (torch.nn.MaxPool1d); with returnIndices forward gives [values, indices] via forwardWithIndices. */
export class MaxPool1d extends Module {
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly ceilMode: boolean;
  readonly returnIndices: boolean;

  constructor(
    readonly kernelSize: number,
    opts: MaxPool1dOptions & { returnIndices?: boolean } = {},
  ) {
    super();
    intArg('MaxPool1d', 'kernel_size', kernelSize, 1);
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.ceilMode = opts.ceilMode ?? false;
    this.returnIndices = opts.returnIndices ?? false;
  }

  forward(x: Tensor): Tensor {
    return maxPool1d(x, this.kernelSize, this);
  }

  /** The pooled values and the input positions of the maxima (PyTorch's return_indices=True). */
  forwardWithIndices(x: Tensor): [Tensor, Tensor] {
    return maxPool1dWithIndices(x, this.kernelSize, this);
  }

  override extraRepr(): string {
    return `kernel_size=${this.kernelSize}, stride=${this.stride}, padding=${this.padding}, dilation=${this.dilation}, ceil_mode=${py(this.ceilMode)}`;
  }
}

/** Average pooling over windows of kernelSize (torch.nn.AvgPool1d). */
export class AvgPool1d extends Module {
  readonly stride: number;
  readonly padding: number;
  readonly ceilMode: boolean;
  readonly countIncludePad: boolean;

  constructor(
    readonly kernelSize: number,
    opts: AvgPool1dOptions = {},
  ) {
    super();
    intArg('AvgPool1d', 'kernel_size', kernelSize, 1);
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.ceilMode = opts.ceilMode ?? false;
    this.countIncludePad = opts.countIncludePad ?? true;
  }

  forward(x: Tensor): Tensor {
    return avgPool1d(x, this.kernelSize, this);
  }

  override extraRepr(): string {
    return `kernel_size=${py([this.kernelSize])}, stride=${py([this.stride])}, padding=${py([this.padding])}`;
  }
}
