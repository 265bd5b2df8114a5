// max_pool1d and avg_pool1d (torch.nn.functional's) and their modules: argument checks with
// PyTorch's messages, then PyTorch 1.13's graph (unsqueeze, the 2-D pooling op of ops/pool.ts,
// squeeze), so gradFn names are its SqueezeBackward1 over MaxPool2DWithIndicesBackward0.
import { argumentError, dtypeError, shapeError } from '../errors';
import { isFloating } from '../dtype';
import { fmt, show, optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { avgPool2d, maxPool2dWithIndices, maxPoolIndices, poolOutputSize, type PoolGeometry } from '../ops/pool';
import { scalarTypeName } from '../ops/softmax';
import { Module } from './module';
import { py } from './repr';

export { poolOutputSize };

function intArg(op: string, name: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw argumentError(`${op}: ${name} must be an integer, got ${show(v)}`);
  if (v < min) throw argumentError(`${op}() ${name} must be greater than ${min === 1 ? 'zero' : 'or equal to zero'}, but got ${v}`);
  return v;
}

function prepare(
  op: string,
  x: Tensor,
  kernelSize: number,
  o: { stride?: number | null; padding?: number; dilation?: number; ceilMode?: boolean },
  dims: string,
): { x4: Tensor; g: PoolGeometry } {
  checkTensor(op, x);
  const k = intArg(op, 'kernel_size', kernelSize, 1);
  const stride = o.stride === undefined || o.stride === null ? k : intArg(op, 'stride', o.stride, 1);
  const pad = intArg(op, 'padding', o.padding ?? 0, 0);
  const dilation = intArg(op, 'dilation', o.dilation ?? 1, 1);
  const ceilMode = o.ceilMode ?? false;
  if (x.ndim !== 2 && x.ndim !== 3) throw shapeError(dims.replace('SHAPE', fmt(x.shape)).replace('NDIM', String(x.ndim)));
  if (!isFloating(x.dtype)) throw dtypeError(`"${op === 'max_pool1d' ? 'max_pool1d_impl' : 'avg_pool2d'}" not implemented for '${scalarTypeName(x.dtype)}'`);
  const c = x.shape[x.ndim - 2];
  const l = x.shape[x.ndim - 1];
  const lout = poolOutputSize(l, k, pad, stride, dilation, ceilMode);
  if (lout < 1) throw shapeError(`Given input size: (${c}x1x${l}). Calculated output size: (${c}x1x${lout}). Output size is too small`);
  // PyTorch's [C, L] input pools as a batch of one; both get the unit height of a 2-D pool.
  const x4 = (x.ndim === 3 ? x : x.unsqueeze(0)).unsqueeze(-2);
  return { x4, g: { k, stride, pad, dilation, lout } };
}

export interface MaxPool1dOptions {
  stride?: number | null;
  padding?: number;
  dilation?: number;
  ceilMode?: boolean;
}

/** Max over sliding windows of [N, C, L] or [C, L], with the input positions of the maxima (int64; max_pool1d_with_indices). */
export function maxPool1dWithIndices(x: Tensor, kernelSize: number, opts: MaxPool1dOptions = {}): [Tensor, Tensor] {
  opts = optionsBag('maxPool1dWithIndices', opts) ?? {};
  const { x4, g } = prepare(
    'max_pool1d',
    x,
    kernelSize,
    opts,
    'max_pool1d: Expected 2D or 3D (batch mode) tensor with optional 0 dim batch size for input, but got:SHAPE',
  );
  if (g.pad > g.k / 2) throw argumentError(`max_pool1d() padding should be at most half of kernel size, but got padding=${g.pad} and kernel_size=${g.k}`);
  const indices = maxPoolIndices(x4, g);
  const values = maxPool2dWithIndices(x4, indices, g);
  const unbatch = (t: Tensor) => (x.ndim === 3 ? t.squeeze(-2) : t.squeeze(-2).squeeze(0));
  return [unbatch(values), unbatch(indices)];
}

/**
 * Max over sliding windows (torch.nn.functional.max_pool1d); with `{returnIndices: true}` it
 * gives [values, indices] as PyTorch's return_indices=True.
 */
export function maxPool1d(x: Tensor, kernelSize: number, opts: MaxPool1dOptions & { returnIndices: true }): [Tensor, Tensor];
export function maxPool1d(x: Tensor, kernelSize: number, opts?: MaxPool1dOptions & { returnIndices?: false }): Tensor;
export function maxPool1d(x: Tensor, kernelSize: number, opts?: MaxPool1dOptions & { returnIndices?: boolean }): Tensor | [Tensor, Tensor];
export function maxPool1d(x: Tensor, kernelSize: number, opts: MaxPool1dOptions & { returnIndices?: boolean } = {}): Tensor | [Tensor, Tensor] {
  opts = optionsBag('maxPool1d', opts) ?? {};
  const both = maxPool1dWithIndices(x, kernelSize, opts ?? {});
  return opts?.returnIndices === true ? both : both[0];
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
  opts = optionsBag('avgPool1d', opts) ?? {};
  const { x4, g } = prepare(
    'avg_pool1d',
    x,
    kernelSize,
    opts,
    "Expected 2 to 3 dimensions, but got NDIM-dimensional tensor for argument #1 'self' (while checking arguments for avg_pool1d)",
  );
  if (g.pad > g.k / 2) throw argumentError(`pad should be at most half of kernel size, but got pad=${g.pad} and kernel_size=${g.k}`);
  const out = avgPool2d(x4, g, opts.countIncludePad ?? true);
  return x.ndim === 3 ? out.squeeze(-2) : out.squeeze(-2).squeeze(0);
}

/** What MaxPool1d's forward gives: the values, or [values, indices] with `returnIndices: true`. */
export type MaxPool1dOutput<R extends boolean> = R extends true ? [Tensor, Tensor] : Tensor;

/** Max pooling over windows of kernelSize (torch.nn.MaxPool1d); with `returnIndices: true` forward gives [values, indices]. */
export class MaxPool1d<R extends boolean = false> extends Module<[Tensor], MaxPool1dOutput<R>> {
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly ceilMode: boolean;
  readonly returnIndices: R;

  constructor(
    readonly kernelSize: number,
    opts: MaxPool1dOptions & { returnIndices?: R } = {},
  ) {
    super();
    opts = optionsBag('MaxPool1d', opts) ?? {};
    intArg('MaxPool1d', 'kernel_size', kernelSize, 1);
    this.stride = opts.stride ?? kernelSize;
    this.padding = opts.padding ?? 0;
    this.dilation = opts.dilation ?? 1;
    this.ceilMode = opts.ceilMode ?? false;
    this.returnIndices = (opts.returnIndices ?? false) as R;
  }

  forward(x: Tensor): MaxPool1dOutput<R> {
    const both = maxPool1dWithIndices(x, this.kernelSize, this);
    return (this.returnIndices ? both : both[0]) as MaxPool1dOutput<R>;
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
    opts = optionsBag('AvgPool1d', opts) ?? {};
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
