// Norms: x.norm / tg.norm (NormBackward1), linalg.vectorNorm (LinalgVectorNormBackward0),
// linalg.matrixNorm and linalg.norm (composites over vectorNorm, as PyTorch's), with 1.13's
// norm_backward: the subgradient 0 at x = 0, ties of the inf-norms sharing the gradient evenly.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { isFloating, type DType } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { normDim, type Shape } from '../shape';
import { checkTensor } from '../backend/operand';
import { fromStorage } from '../backend/raw';
import type { Tensor } from '../tensor';
import { scalarName } from './factor_support';
import { reduceFlags } from './reduce';
import { where } from './compare';
import { svdvals } from './svd';

interface NormState {
  p: number;
  flags: boolean[];
  keepdim: boolean;
}

/** The reduced dims, kept as size 1. */
function keptShape(shape: Shape, flags: readonly boolean[]): number[] {
  return shape.map((s, i) => (flags[i] ? 1 : s));
}

function reducedDims(flags: readonly boolean[]): number[] {
  const dims: number[] = [];
  flags.forEach((f, i) => f && dims.push(i));
  return dims;
}

/** max (or min) of |x| over the flagged dims, keepdim: the dims moved last and flattened. */
function extremeAbs(x: Tensor, flags: boolean[], min: boolean, op: string): Tensor {
  const kept = flags.map((f, i) => (f ? -1 : i)).filter((i) => i >= 0);
  const red = reducedDims(flags);
  const r = red.reduce((p, i) => p * x._shape[i], 1);
  if (r === 0) {
    throw argumentError(`${op} cannot compute the ${min ? '-inf' : 'inf'} norm on an empty tensor because the operation does not have an identity`);
  }
  const a = x
    .abs()
    .permute([...kept, ...red])
    .reshape([...kept.map((i) => x._shape[i]), r]);
  const v = min ? a.min(-1).values : a.max(-1).values;
  return v.reshape(keptShape(x._shape, flags));
}

/** sum(|x|^p)^(1/p) over the flagged dims (keepdim), under noGrad. */
function normValue(x: Tensor, p: number, flags: boolean[], op: string): Tensor {
  return noGradSync(() => {
    const dims = reducedDims(flags);
    if (x.ndim === 0) return p === 0 ? x.ne(0).to(x.dtype) : x.abs();
    if (p === Infinity || p === -Infinity) return extremeAbs(x, flags, p < 0, op);
    if (p === 0) return x.ne(0).to(x.dtype).sum(dims, true);
    if (p === 1) return x.abs().sum(dims, true);
    if (p === 2) return x.mul(x).sum(dims, true).sqrt();
    return x
      .abs()
      .pow(p)
      .sum(dims, true)
      .pow(1 / p);
  });
}

/** norm_backward (PyTorch 1.13), with g and the norm at keepdim shape. */
function normBackward(g: Tensor, x: Tensor, norm: Tensor, p: number, flags: boolean[]): Tensor {
  if (p === 1) return x.sign().mul(g);
  if (p === 2) return g.mul(where(norm.eq(0), 0, x.div(norm)));
  if (p === Infinity || p === -Infinity) {
    const isMax = x.abs().eq(norm).to(x.dtype);
    const count = x.ndim === 0 ? isMax : isMax.sum(reducedDims(flags), true);
    return x.sign().mul(isMax).mul(g.div(count));
  }
  if (p < 1) {
    const scaled = where(x.eq(0), 0, x.sign().mul(x.abs().pow(p - 1)));
    return scaled.mul(g).mul(norm.pow(1 - p));
  }
  const scaled = p < 2 ? x.sign().mul(x.abs().pow(p - 1)) : x.mul(x.abs().pow(p - 2));
  return scaled.mul(where(norm.eq(0), 0, g.div(norm.pow(p - 1))));
}

function defineNorm(op: string, nodeName: string, opName: string) {
  return defineOp<[number, boolean[], boolean], NormState>({
    op,
    nodeName,
    forward(ctx, [x], p, flags, keepdim) {
      const kept = normValue(x, p, flags, opName);
      const out =
        keepdim || x.ndim === 0
          ? kept
          : fromStorage(
              kept._storage,
              x._shape.filter((_, i) => !flags[i]),
              kept.dtype,
            );
      ctx.state = { p, flags, keepdim };
      ctx.save(x);
      ctx.saveOutput(out);
      return out;
    },
    backward(ctx, g) {
      const [x, out] = ctx.savedTensors();
      const { p, flags } = ctx.state;
      if (p === 0) return [null]; // PyTorch's norm_backward gives no gradient for p = 0
      const shape = keptShape(x!._shape, flags);
      return [normBackward(g.reshape(shape), x!, out!.reshape(shape), p, flags)];
    },
  });
}

const normOp = defineNorm('norm', 'NormBackward1', 'norm');
const vectorNormOp = defineNorm('linalg_vector_norm', 'LinalgVectorNormBackward0', 'linalg.vector_norm');

type Dim = number | readonly number[] | null | undefined;

function checkOrd(op: string, p: unknown): number {
  if (typeof p !== 'number' || Number.isNaN(p))
    throw argumentError(`${op}: argument 'ord' must be a number, not ${typeof p === 'string' ? `'${p}'` : typeof p}`);
  return p;
}

export interface NormOptions {
  keepdim?: boolean;
}

/** Tensor.norm / torch.norm(x, p = 2, dim?, {keepdim}): p a number, ±Infinity or 'fro' (2 over the dims). */
export function norm(x: Tensor, p: number | 'fro' | 'nuc' = 2, dim?: Dim, opts?: NormOptions): Tensor {
  checkTensor('norm', x);
  if (!isFloating(x.dtype)) throw dtypeError(`norm(): input dtype should be either floating point or complex. Got ${scalarName(x.dtype)} instead.`);
  const keepdim = opts?.keepdim === true;
  if (p === 'nuc') {
    const dims = dim === undefined || dim === null ? [-2, -1] : typeof dim === 'number' ? [dim] : dim;
    if (dims.length !== 2) throw argumentError(`norm: 'nuc' needs two dims, got ${JSON.stringify(dims)}`);
    return matrixNorm(x, 'nuc', [dims[0], dims[1]], { keepdim });
  }
  if (p === 'fro' && Array.isArray(dim) && dim.length === 2) {
    // 1.13's frobenius_norm over two dims: a composite, sqrt(sum(x * x)) (SqrtBackward0).
    const flags = reduceFlags('norm', x, dim);
    return x.mul(x).sum(reducedDims(flags), keepdim).sqrt();
  }
  const ord = p === 'fro' ? 2 : checkOrd('norm', p);
  return normOp([x], ord, reduceFlags('norm', x, dim), keepdim);
}

export interface VectorNormOptions {
  keepdim?: boolean;
  /** Computes in this float dtype (the input is cast first). */
  dtype?: DType;
}

/** torch.linalg.vector_norm(x, ord = 2, dim?, {keepdim, dtype}). */
export function vectorNorm(x: Tensor, ord: number = 2, dim?: Dim, opts?: VectorNormOptions): Tensor {
  checkTensor('linalg.vector_norm', x);
  const p = checkOrd('linalg.vector_norm', ord);
  if (!isFloating(x.dtype)) throw dtypeError(`linalg.vector_norm: Expected a floating point or complex tensor as input. Got ${scalarName(x.dtype)}`);
  let input = x;
  if (opts?.dtype !== undefined) {
    if (!isFloating(opts.dtype)) throw dtypeError(`linalg.vector_norm: dtype should be floating point or complex, but got ${scalarName(opts.dtype)}`);
    if (opts.dtype !== x.dtype) input = x.to(opts.dtype);
  }
  return vectorNormOp([input], p, reduceFlags('linalg.vector_norm', input, dim), opts?.keepdim === true);
}

export type MatrixOrd = 'fro' | 'nuc' | number;

/** torch.linalg.matrix_norm(A, ord = 'fro', dim = [-2, -1], {keepdim, dtype}): 'fro', ±1, ±Infinity. */
export function matrixNorm(a: Tensor, ord: MatrixOrd = 'fro', dim: readonly [number, number] = [-2, -1], opts?: VectorNormOptions): Tensor {
  const op = 'linalg.matrix_norm';
  checkTensor(op, a, 'A');
  if (a.ndim < 2) throw shapeError(`${op}: The input tensor A must have at least 2 dimensions.`);
  if (!isFloating(a.dtype)) throw dtypeError(`${op}: Expected a floating point or complex tensor as input. Got ${scalarName(a.dtype)}`);
  if (!Array.isArray(dim) || dim.length !== 2) throw argumentError(`${op}: dim must be a 2-tuple. Got ${String(dim)}`);
  const d0 = normDim(op, dim[0], a.ndim);
  const d1 = normDim(op, dim[1], a.ndim);
  if (d0 === d1) throw argumentError(`${op}: dims must be different. Got (${dim[0]}, ${dim[1]})`);
  const keepdim = opts?.keepdim === true;
  const input = opts?.dtype !== undefined && opts.dtype !== a.dtype ? a.to(opts.dtype) : a;
  if (ord === 'fro') return vectorNorm(input, 2, [d0, d1], { keepdim });
  if (ord === 'nuc' || ord === 2 || ord === -2) {
    // The singular values (one-sided Jacobi) of the matrices moved to the last two dims.
    const rest = input._shape.map((_, i) => i).filter((i) => i !== d0 && i !== d1);
    const sv = svdvals(input.permute([...rest, d0, d1]));
    let out = ord === 'nuc' ? sv.sum(-1) : vectorNorm(sv, ord > 0 ? Infinity : -Infinity, -1);
    if (keepdim) for (const d of [d0, d1].sort((x, y) => x - y)) out = out.unsqueeze(d);
    return out;
  }
  if (ord !== 1 && ord !== -1 && ord !== Infinity && ord !== -Infinity) throw argumentError(`${op}: Order ${String(ord)} not supported.`);
  // ±1: the largest (smallest) column sum of |A|; ±inf: the same over rows.
  const [sumDim, maxDim] = ord === 1 || ord === -1 ? [d0, d1] : [d1, d0];
  const sums = vectorNorm(input, 1, sumDim, { keepdim: true });
  const out = vectorNorm(sums, ord > 0 ? Infinity : -Infinity, maxDim, { keepdim: true });
  return keepdim ? out : out.squeeze([d0, d1]);
}

/** torch.linalg.norm(x, ord?, dim?, {keepdim, dtype}): a vector norm or a matrix norm by ord and dim. */
export function linalgNorm(x: Tensor, ord?: MatrixOrd | null, dim?: Dim, opts?: VectorNormOptions): Tensor {
  const op = 'linalg.norm';
  checkTensor(op, x);
  if (dim !== undefined && dim !== null) {
    const dims = typeof dim === 'number' ? [dim] : dim;
    if (dims.length === 2) return matrixNorm(x, ord ?? 'fro', [dims[0], dims[1]], opts);
    if (dims.length === 1) return vectorNorm(x, ord === undefined || ord === null ? 2 : checkOrd(op, ord), dims, opts);
    throw argumentError(`${op}: If dim is specified, it must be of length 1 or 2. Got ${JSON.stringify(dims)}`);
  }
  if (ord === undefined || ord === null) return vectorNorm(x, 2, undefined, opts);
  if (x.ndim !== 1 && x.ndim !== 2) throw shapeError(`${op}: If dim is not specified but ord is, the input must be 1D or 2D. Got ${x.ndim}D.`);
  return x.ndim === 2 ? matrixNorm(x, ord, [-2, -1], opts) : vectorNorm(x, checkOrd(op, ord), undefined, opts);
}
