// var/std (and their (var, mean) pairs), prod and logsumexp. var/std run in the addon (two
// passes in double); prod and logsumexp are built from raw kernels and recorded-free ops.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { checkDType, isFloating, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { normDim, optionsArg, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { checkReadable, varMeanRaw, wideInt } from '../backend/along_dim';
import { UnaryCode } from '../backend/codes';
import { unaryRaw } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { castRaw, fromStorage, outputRaw } from '../backend/raw';
import { cumprod } from './cumulative';
import { where } from './compare';
import { cat } from './join';
import { amax } from './extremes';
import { reduceFlags } from './reduce';
import { dimAndOptions, keepdimOf, keptShape, withKeepdim, type Dim, type VarOptions } from './reduce_args';

function reducedCount(shape: Shape, flags: readonly boolean[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) if (flags[i]) n *= shape[i];
  return n;
}

interface VarState {
  flags: boolean[];
  keepdim: boolean;
  correction: number;
  shape: Shape;
}

/** g (shaped like the result) reshaped so it broadcasts against the input. */
function spread(g: Tensor, s: { flags: readonly boolean[]; keepdim: boolean; shape: Shape }): Tensor {
  return s.keepdim ? g : g.reshape(keptShape(s.shape, s.flags));
}

// PyTorch's var_backward: (2 / (n - correction)) * grad * (x - x.mean(dims, keepdim=true)).
function varBackward(g: Tensor, x: Tensor, s: VarState): Tensor {
  const dims = s.flags.flatMap((f, i) => (f ? [i] : []));
  const dof = reducedCount(s.shape, s.flags) - s.correction;
  const centered = x.ndim === 0 ? x.sub(x) : x.sub(x.mean(dims, true));
  return spread(g, s)
    .mul(2 / dof)
    .mul(centered);
}

function defineVar(op: 'var' | 'std', node: string) {
  return defineOp<[boolean[], number, boolean], VarState>({
    op,
    nodeName: node,
    forward(ctx, [x], flags, correction, keepdim) {
      const { v } = varMeanRaw(x, flags, correction);
      const out = withKeepdim(op === 'std' ? unaryRaw(UnaryCode.Sqrt, v) : v, x._shape, flags, keepdim);
      ctx.state = { flags, keepdim, correction, shape: x._shape };
      ctx.save(x);
      if (op === 'std') ctx.saveOutput(out);
      return out;
    },
    backward(ctx, g) {
      const [x, result] = ctx.savedTensors();
      if (op === 'var') return [varBackward(g, x!, ctx.state)];
      // std_backward: var's gradient of grad / (2 * std), zero where std is zero.
      return [varBackward(where(result!.eq(0), 0, g.div(result!.mul(2))), x!, ctx.state)];
    },
  });
}

const varOp = defineVar('var', 'VarBackward0');
const stdOp = defineVar('std', 'StdBackward0');

function varArgs(op: string, x: Tensor, dim: unknown, options: unknown): [boolean[], number, boolean] {
  checkTensor(op, x);
  const [d, opts] = dimAndOptions<VarOptions>(op, dim, options);
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: std and var only support floating point and complex dtypes, got ${x.dtype}`);
  const correction = opts.correction ?? 1;
  if (typeof correction !== 'number' || !Number.isFinite(correction))
    throw argumentError(`${op}: correction must be a finite number, got ${String(correction)}`);
  return [reduceFlags(op, x, d), correction, keepdimOf(op, opts.keepdim)];
}

/** Variance over `dim` (all dims when omitted), divisor n - correction (torch.var). */
export function variance(x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): Tensor {
  return varOp([x], ...varArgs('var', x, dim ?? undefined, opts));
}

/** Standard deviation, sqrt of var (torch.std). */
export function std(x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): Tensor {
  return stdOp([x], ...varArgs('std', x, dim ?? undefined, opts));
}

/**
 * `[var, mean]` (torch.var_mean). Each result is recorded on its own (VarBackward0 and
 * MeanBackward1), not through one two-output VarMeanBackward0 node: the engine's nodes have one output.
 */
export function varMean(x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): [Tensor, Tensor] {
  const [flags, correction, keepdim] = varArgs('var_mean', x, dim ?? undefined, opts);
  const dims = flags.flatMap((f, i) => (f ? [i] : []));
  return [varOp([x], flags, correction, keepdim), x.ndim === 0 ? x.mean() : x.mean(dims, keepdim)];
}

/** `[std, mean]` (torch.std_mean); see varMean. */
export function stdMean(x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): [Tensor, Tensor] {
  const [flags, correction, keepdim] = varArgs('std_mean', x, dim ?? undefined, opts);
  const dims = flags.flatMap((f, i) => (f ? [i] : []));
  return [stdOp([x], flags, correction, keepdim), x.ndim === 0 ? x.mean() : x.mean(dims, keepdim)];
}

// ---- prod ----

interface ProdState {
  dim: number | null;
  keepdim: boolean;
}

/** Product of each line of x's values (contiguous [outer, n, inner]) in double, or in int64 with wraparound for integers. */
function prodLines(x: Tensor, dim: number | null, out: Tensor): void {
  checkReadable('prod');
  const c = castRaw(x, isFloating(x.dtype) ? 'float64' : x.dtype);
  const n = dim === null ? x.numel : x._shape[dim];
  let inner = 1;
  if (dim !== null) for (let i = dim + 1; i < x.ndim; i++) inner *= x._shape[i];
  const src = c._storage.data as ArrayLike<number | bigint>;
  const dst = out._storage.data as unknown as Record<number, number | bigint>;
  const wide =
    out._storage.data instanceof Float32Array || out._storage.data instanceof Float64Array
      ? null
      : (out._storage.data as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT * 8;
  if (out.numel === 0) return;
  const outer = out.numel / inner;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      if (wide === null) {
        let p = 1;
        for (let j = 0; j < n; j++) p *= src[base + j * inner] as number;
        dst[o * inner + i] = p;
      } else {
        let p = 1n;
        for (let j = 0; j < n; j++) p = BigInt.asIntN(64, p * BigInt(src[base + j * inner]));
        const w = BigInt.asIntN(wide, p);
        dst[o * inner + i] = wide === 64 ? w : Number(w);
      }
    }
  }
}

// PyTorch's prod_safe_zeros_backward: the product of all other elements as exclusive running
// products from both ends, so zeros in the input are handled.
function prodSafeZeros(g: Tensor, x: Tensor, dim: number): Tensor {
  const n = x._shape[dim];
  if (x.numel === 0) return g.expand(x._shape);
  const reversed = Array.from({ length: n }, (_, i) => n - 1 - i);
  const ones = x.narrow(dim, 0, 1).mul(0).add(1);
  const exclusive = (t: Tensor) => cumprod(cat([ones, t.narrow(dim, 0, n - 1)], dim), dim);
  const before = exclusive(x);
  const after = exclusive(x.indexSelect(dim, reversed)).indexSelect(dim, reversed);
  return g.mul(before.mul(after));
}

const prodOp = defineOp<[number | null, boolean, DType], ProdState>({
  op: 'prod',
  nodeName: (dim) => (dim === null ? 'ProdBackward0' : 'ProdBackward1'),
  forward(ctx, [x], dim, keepdim, dtype) {
    const shape = dim === null ? [] : x._shape.filter((_, i) => i !== dim);
    const out = outputRaw(shape, dtype);
    prodLines(x.dtype === dtype ? x : castRaw(x, dtype), dim, out);
    ctx.state = { dim, keepdim };
    ctx.save(x);
    ctx.saveOutput(out);
    return dim !== null && keepdim
      ? fromStorage(
          out._storage,
          keptShape(
            x._shape,
            [...x._shape.keys()].map((i) => i === dim),
          ),
          dtype,
        )
      : out;
  },
  backward(ctx, g) {
    const [saved, result] = ctx.savedTensors();
    const { dim, keepdim } = ctx.state;
    const x = saved!.to(g.dtype);
    if (x.ndim === 0) return [g];
    const hasZero = noGradSync(() => x.detach().eq(0).to('int32').sum().item()) > 0;
    if (dim === null) {
      if (!hasZero) return [g.mul(result!.div(x))];
      return [prodSafeZeros(g, x.reshape(-1), 0).reshape(x._shape)];
    }
    const gk = keepdim ? g : g.unsqueeze(dim);
    const rk = keepdim ? result! : result!.unsqueeze(dim);
    return [hasZero ? prodSafeZeros(gk, x, dim) : gk.mul(rk.div(x))];
  },
});

export interface ProdOptions {
  keepdim?: boolean;
  /** The dtype to compute and return in (PyTorch's dtype=). */
  dtype?: DType;
}

/** Product of all elements, or along `dim` (torch.prod); integers and bool give int64. */
export function prod(x: Tensor, dim?: number | ProdOptions | null, options?: ProdOptions): Tensor {
  checkTensor('prod', x);
  const [d, opts] = dimAndOptions<ProdOptions>('prod', dim ?? undefined, options);
  if (Array.isArray(d)) throw argumentError('prod: dim must be a single integer');
  const dtype = opts.dtype === undefined ? (isFloating(x.dtype) ? x.dtype : wideInt()) : checkDType(opts.dtype, 'prod');
  const keepdim = keepdimOf('prod', opts.keepdim);
  if (d === undefined) return prodOp([x], null, false, dtype);
  const nd = normDim('prod', d, x.ndim);
  if (x.ndim === 0) return prodOp([x], null, false, dtype);
  return prodOp([x], nd, keepdim, dtype);
}

// ---- logsumexp ----

interface LseState {
  flags: boolean[];
  keepdim: boolean;
  shape: Shape;
}

const logsumexpOp = defineOp<[boolean[], boolean], LseState>({
  op: 'logsumexp',
  nodeName: 'LogsumexpBackward0',
  forward(ctx, [x], flags, keepdim) {
    const dims = flags.flatMap((f, i) => (f ? [i] : []));
    const out = noGradSync(() => {
      const xd = x.detach();
      if (xd.numel === 0 || xd.ndim === 0) return xd.ndim === 0 ? xd.clone() : xd.exp().sum(dims, keepdim).log();
      // As PyTorch: the max is subtracted for stability, except an infinite one (then 0).
      const m = amax(xd, dims, { keepdim: true });
      const safe = where(m.abs().eq(Infinity), 0, m);
      const s = xd.sub(safe).exp().sum(dims, true).log().add(safe);
      return keepdim ? s : s.reshape(xd._shape.filter((_, i) => !flags[i]));
    });
    ctx.state = { flags, keepdim, shape: x._shape };
    ctx.save(x);
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    const [x, result] = ctx.savedTensors();
    return [spread(g, ctx.state).mul(x!.sub(spread(result!, ctx.state)).exp())];
  },
});

/** log(sum(exp(x))) over `dim`, computed stably (torch.logsumexp); integers give float32. */
export function logsumexp(x: Tensor, dim: Dim, opts?: { keepdim?: boolean }): Tensor {
  checkTensor('logsumexp', x);
  if (dim === undefined || dim === null) throw argumentError('logsumexp: missing the dim (an integer or an array of integers)');
  const o = optionsArg<{ keepdim?: boolean }>('logsumexp', opts) ?? {};
  // Integers and bool are promoted to the default float dtype, as PyTorch does.
  const xf = isFloating(x.dtype) ? x : castRaw(x, 'float32');
  return logsumexpOp([xf], reduceFlags('logsumexp', x, dim), keepdimOf('logsumexp', o.keepdim));
}
