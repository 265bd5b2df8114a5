// Reductions: sum and mean over all elements or over dims (negative or a list), keepdim.
import { defineOp } from '../autograd/define_op';
import { isFloating, isIntegral } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { normDim, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { isGradEnabled } from '../autograd/grad_mode';
import { checkTensor } from '../backend/operand';
import { castRaw, fromStorage } from '../backend/raw';
import { spreadDivRaw, sumRaw } from '../backend/reduce';

interface ReduceState {
  shape: Shape;
  dims: boolean[];
  keepdim: boolean;
  /** mean's element count per output (1 for sum). */
  count: number;
}

/** Normalises `dim` (undefined = all, a number, or a list) to per-dim flags. */
export function reduceFlags(op: string, x: Tensor, dim: number | readonly number[] | undefined | null): boolean[] {
  const flags = new Array<boolean>(x.ndim).fill(dim === undefined || dim === null);
  if (dim === undefined || dim === null) return flags;
  const list = typeof dim === 'number' ? [dim] : dim;
  if (!Array.isArray(list)) throw argumentError(`${op}: dim must be a number or an array of numbers`);
  if (list.length === 0) return flags.fill(true);
  for (const d of list) {
    const n = normDim(op, d, x.ndim);
    if (x.ndim === 0) continue;
    if (flags[n]) throw argumentError(`${op}: dim ${n} appears multiple times in the list of dims`);
    flags[n] = true;
  }
  return flags;
}

/** The shape with reduced dims kept as size 1. */
function keptShape(shape: Shape, dims: readonly boolean[]): number[] {
  return shape.map((s, i) => (dims[i] ? 1 : s));
}

function reduceForward(x: Tensor, dims: boolean[], keepdim: boolean, count: number): Tensor {
  const out = sumRaw(x, dims, count);
  return keepdim ? fromStorage(out._storage, keptShape(x._shape, dims), out.dtype) : out;
}

/** The gradient of a sum: g broadcast back over the reduced dims; for mean, over the count. */
function reduceBackward(g: Tensor, s: ReduceState): Tensor {
  // A mean's gradient with one value and no graph to record (the usual loss.backward()): that
  // value / count, filled, when the backend can compute it now.
  if (s.count > 1 && !isGradEnabled()) {
    const filled = spreadDivRaw(g, s.shape, s.count);
    if (filled !== null) return filled;
  }
  const kept = s.keepdim ? g : g.reshape(keptShape(s.shape, s.dims));
  const spread = kept.expand(s.shape);
  return s.count === 1 ? spread : spread.div(s.count);
}

function defineReduce(op: 'sum' | 'mean', node: string) {
  return defineOp<[boolean[], boolean, boolean], ReduceState>({
    op,
    nodeName: (_dims, _keepdim, full) => `${node}${full ? 0 : 1}`,
    forward(ctx, [x], dims, keepdim) {
      let count = 1;
      if (op === 'mean') for (let i = 0; i < dims.length; i++) if (dims[i]) count *= x._shape[i];
      ctx.state = { shape: x._shape, dims, keepdim, count };
      return reduceForward(x, dims, keepdim, count);
    },
    backward(ctx, g) {
      return [reduceBackward(g, ctx.state)];
    },
  });
}

const sumOp = defineReduce('sum', 'SumBackward');
const meanOp = defineReduce('mean', 'MeanBackward');

export function sum(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  checkTensor('sum', x);
  // PyTorch sums bool and every integer dtype in int64 (torch.tensor([1], dtype=torch.int32).sum() is int64).
  if (x.dtype === 'bool' || (isIntegral(x.dtype) && x.dtype !== 'int64')) return sum(castRaw(x, 'int64'), dim, keepdim);
  return sumOp([x], reduceFlags('sum', x, dim), keepdim, dim === undefined || dim === null);
}

export function mean(x: Tensor, dim?: number | readonly number[] | null, keepdim = false): Tensor {
  checkTensor('mean', x);
  if (!isFloating(x.dtype)) {
    throw dtypeError(`mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: ${x.dtype}`);
  }
  return meanOp([x], reduceFlags('mean', x, dim), keepdim, dim === undefined || dim === null);
}
