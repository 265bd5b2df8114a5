// max/min/argmax/argmin. With a dim: {values, indices}, the gradient going to the returned
// index (the first extreme, NaN first); over all elements: the gradient shared evenly among
// ties, as PyTorch's evenly_distribute_backward.
import { defineOp } from '../autograd/define_op';
import { argumentError, dtypeError, indexError } from '../errors';
import { normDim, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { contiguousStrides } from '../shape';
import { ArgReduceKind } from '../backend/codes';
import { checkTensor } from '../backend/operand';
import { contiguousRaw, fromStorage, viewRaw } from '../backend/raw';
import { argReduceRaw } from '../backend/reduce';
import { scatterAddZeros } from './indexing';
import { valuesIndices, type ValuesIndices } from './pair';

type Kind = 'max' | 'min';

function flatView(x: Tensor): Tensor {
  const c = contiguousRaw(x);
  return fromStorage(c._storage, [x.numel], x.dtype, c.offset);
}

const extremumAllOp = defineOp<[Kind], Kind>({
  op: 'extremumAll',
  nodeName: (kind) => (kind === 'max' ? 'MaxBackward1' : 'MinBackward1'),
  forward(ctx, [x], kind) {
    ctx.state = kind;
    if (x.numel === 0) {
      throw indexError(`${kind}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
    }
    const { values } = argReduceRaw(kind === 'max' ? ArgReduceKind.Max : ArgReduceKind.Min, flatView(x), 0);
    ctx.save(x);
    ctx.saveOutput(values);
    return values;
  },
  backward(ctx, g) {
    const [x, result] = ctx.savedTensors();
    const mask = x!.eq(result!).to(g.dtype);
    return [mask.mul(g.div(mask.sum()))];
  },
});

interface DimState {
  shape: Shape;
  dim: number;
  keepdim: boolean;
}

// The op has one output (values); the indices come back through `sink`, and a keepdim view of
// them is saved so an in-place change by the user is caught like any saved tensor.
const extremumDimOp = defineOp<[Kind, number, boolean, { indices: Tensor | null }], DimState>({
  op: 'extremumDim',
  nodeName: (kind) => (kind === 'max' ? 'MaxBackward0' : 'MinBackward0'),
  forward(ctx, [x], kind, dim, keepdim, sink) {
    const { values, indices } = argReduceRaw(kind === 'max' ? ArgReduceKind.Max : ArgReduceKind.Min, x, dim);
    const kept = x._shape.map((s, i) => (i === dim ? 1 : s));
    sink.indices = keepdim ? fromStorage(indices._storage, kept, indices.dtype) : indices;
    ctx.state = { shape: x._shape, dim, keepdim };
    ctx.save(viewRaw(sink.indices, kept, contiguousStrides(kept), 0));
    return keepdim ? fromStorage(values._storage, kept, values.dtype) : values;
  },
  backward(ctx, g) {
    const { shape, dim, keepdim } = ctx.state;
    const [indices] = ctx.savedTensors();
    return [scatterAddZeros(keepdim ? g : g.unsqueeze(dim), shape, dim, indices!)];
  },
});

function checkReducible(op: string, x: Tensor): void {
  checkTensor(op, x);
  if (x.dtype === 'bool' && (op === 'argmax' || op === 'argmin')) throw dtypeError(`${op}: not implemented for 'Bool'`);
}

function byDim(op: Kind, x: Tensor, dim: number, keepdim: boolean): ValuesIndices {
  if (Array.isArray(dim)) throw argumentError(`${op}: dim must be a single integer`);
  const d = normDim(op, dim, x.ndim);
  if (x.ndim === 0) {
    const sink = { indices: null as Tensor | null };
    const values = extremumDimOp([x.reshape(1)], op, 0, keepdim, sink).reshape([]);
    return valuesIndices(values, sink.indices!.reshape([]));
  }
  if (x._shape[d] === 0) throw indexError(`${op}(): Expected reduction dim ${d} to have non-zero size.`);
  const sink = { indices: null as Tensor | null };
  const values = extremumDimOp([x], op, d, keepdim, sink);
  return valuesIndices(values, sink.indices!);
}

export function max(x: Tensor): Tensor;
export function max(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function max(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  checkReducible('max', x);
  return dim === undefined || dim === null ? extremumAllOp([x], 'max') : byDim('max', x, dim, keepdim);
}

export function min(x: Tensor): Tensor;
export function min(x: Tensor, dim: number, keepdim?: boolean): ValuesIndices;
export function min(x: Tensor, dim?: number, keepdim = false): Tensor | ValuesIndices {
  checkReducible('min', x);
  return dim === undefined || dim === null ? extremumAllOp([x], 'min') : byDim('min', x, dim, keepdim);
}

function argExtremum(op: 'argmax' | 'argmin', x: Tensor, dim: number | undefined | null, keepdim: boolean): Tensor {
  checkReducible(op, x);
  const kind = op === 'argmax' ? ArgReduceKind.Max : ArgReduceKind.Min;
  if (dim === undefined || dim === null) {
    if (x.numel === 0) throw indexError(`${op}(): Expected reduction dim to be specified for input.numel() == 0.`);
    const { indices } = argReduceRaw(kind, flatView(x), 0);
    return keepdim
      ? fromStorage(
          indices._storage,
          x._shape.map(() => 1),
          indices.dtype,
        )
      : indices;
  }
  return byDim(op === 'argmax' ? 'max' : 'min', x.detach(), dim, keepdim).indices;
}

/** Index of the (first) largest element, over the flattened tensor or along dim; int64 (torch.argmax). */
export function argmax(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argExtremum('argmax', x, dim, keepdim);
}

/** Index of the (first) smallest element, over the flattened tensor or along dim; int64 (torch.argmin). */
export function argmin(x: Tensor, dim?: number | null, keepdim = false): Tensor {
  return argExtremum('argmin', x, dim, keepdim);
}
