// maskedFill (+ maskedFill_), maskedSelect, nonzero. The masks are bool (any other dtype is a
// DTYPE error, as in PyTorch 2.x) and broadcast as PyTorch broadcasts them; the loops are JS.
import { defineOp, type Op } from '../autograd/define_op';
import { INDEX_DTYPE } from '../dtype';
import { argumentError, dtypeError, shapeError } from '../errors';
import { broadcastShapes, fmt, sameShape, type Shape } from '../shape';
import { checkImmediate } from '../backend/indexing';
import { checkTensor, checkWritable } from '../backend/operand';
import { castRaw, copyInto, emptyRaw, fillRaw, fromStorage, outputRaw } from '../backend/raw';
import { Storage } from '../storage';
import { isTensor, Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { where } from './compare';
import { commit } from './inplace';

function checkMask(op: string, mask: unknown): Tensor {
  const m = checkTensor(op, mask, 'mask');
  if (m.dtype !== 'bool') throw dtypeError(`${op}: expected BoolTensor for mask, but got mask with dtype ${m.dtype}`);
  return m;
}

/** `t` broadcast to `shape` as a new contiguous tensor (a copy even when shapes agree). */
function broadcastCopy(t: Tensor, shape: Shape): Tensor {
  const out = emptyRaw(shape, t.dtype);
  copyInto(out, t);
  return out;
}

/** x with `fill`'s one element written where the mask (broadcast) is true; shape = broadcast(x, mask). */
function maskedFillRaw(x: Tensor, mask: Tensor, fill: Tensor, shape: Shape): Tensor {
  checkImmediate('masked_fill');
  const out = broadcastCopy(x, shape);
  const m = sameShape(mask._shape, shape) && mask.isContiguous() ? mask._contiguousData() : broadcastCopy(mask, shape)._storage.data;
  const data = out._storage.data;
  const v = castRaw(fill, x.dtype)._storage.data[0];
  for (let i = 0; i < m.length; i++) if (m[i] !== 0) data[i] = v;
  return out;
}

/** The fill value as a 0-d tensor of x's dtype, converted as fill_ converts it. */
function fillValue(op: string, x: Tensor, value: unknown): Tensor {
  if (isTensor(value)) {
    checkTensor(op, value, 'value');
    if (value.ndim !== 0) {
      throw argumentError(`${op} only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
    }
    return value;
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') throw argumentError(`${op}: value must be a number, a boolean or a 0-d Tensor`);
  return fillRaw(emptyRaw([], x.dtype), Number(value), op);
}

const maskedFillOp = defineOp<[Tensor, boolean], { mask: Tensor; shape: Shape }>({
  op: 'maskedFill',
  nodeName: (_mask, tensorValue) => (tensorValue ? 'MaskedFillBackward1' : 'MaskedFillBackward0'),
  forward(ctx, [x, value], mask) {
    const shape = broadcastShapes('masked_fill', x._shape, mask._shape);
    ctx.state = { mask, shape: x._shape };
    return maskedFillRaw(x, mask, value, shape);
  },
  backward(ctx, g): (Tensor | null)[] {
    const { mask, shape } = ctx.state;
    const gx = ctx.needsInputGrad[0] ? sumTo(maskedFill(g, mask, 0), shape) : null;
    const gv = ctx.needsInputGrad[1] ? where(mask, g, 0).sum() : null;
    return [gx, gv];
  },
});

/** x with `value` where `mask` is true; the result has the broadcast shape of x and mask (PyTorch's masked_fill). */
export function maskedFill(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  checkTensor('masked_fill', x);
  const m = checkMask('masked_fill', mask);
  const v = fillValue('masked_fill_', x, value);
  const valueIsTensor = isTensor(value);
  // A plain value is not an input of the node (MaskedFillBackward0 has one edge).
  if (!valueIsTensor) return maskedFillScalar([x], m, v);
  return maskedFillOp([x, v], m, true);
}

const maskedFillScalar = defineOp<[Tensor, Tensor], { mask: Tensor; shape: Shape }>({
  op: 'maskedFillScalar',
  nodeName: 'MaskedFillBackward0',
  forward(ctx, [x], mask, value) {
    ctx.state = { mask, shape: x._shape };
    return maskedFillRaw(x, mask, value, broadcastShapes('masked_fill', x._shape, mask._shape));
  },
  backward(ctx, g): (Tensor | null)[] {
    return [sumTo(maskedFill(g, ctx.state.mask, 0), ctx.state.shape)];
  },
});

/** In-place masked_fill_: the mask must broadcast to x's shape. */
export function maskedFillInplace(x: Tensor, mask: Tensor, value: number | boolean | Tensor): Tensor {
  checkTensor('masked_fill_', x);
  const m = checkMask('masked_fill_', mask);
  const v = fillValue('masked_fill_', x, value);
  const shape = broadcastShapes('masked_fill_', x._shape, m._shape);
  if (!sameShape(shape, x._shape)) throw shapeError(`masked_fill_: output with shape ${fmt(x._shape)} doesn't match the broadcast shape ${fmt(shape)}`);
  if (!x.isContiguous()) checkWritable('masked_fill_', x);
  return commit(
    'masked_fill_',
    x,
    isTensor(value) ? [v] : [],
    (old) => maskedFill(old, m, value),
    () => copyInto(x, maskedFillRaw(x, m, v, x._shape)),
  );
}

const maskedSelectOp: Op<[Tensor]> = defineOp<[Tensor], { mask: Tensor; shape: Shape; full: Shape }>({
  op: 'maskedSelect',
  nodeName: 'MaskedSelectBackward0',
  forward(ctx, [x], mask) {
    checkImmediate('masked_select');
    const full = broadcastShapes('masked_select', x._shape, mask._shape);
    ctx.state = { mask, shape: x._shape, full };
    const xs = broadcastCopy(x, full)._storage.data;
    const m = broadcastCopy(mask, full)._storage.data;
    let n = 0;
    for (let i = 0; i < m.length; i++) if (m[i] !== 0) n++;
    const out = outputRaw([n], x.dtype);
    const o = out._storage.data;
    for (let i = 0, k = 0; i < m.length; i++) if (m[i] !== 0) o[k++] = xs[i];
    return out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { mask, shape, full } = ctx.state;
    return [sumTo(maskedScatterOp([g], mask, full), shape)];
  },
});

// The gradient of masked_select: g's elements placed, in order, where the mask is true, zeros
// elsewhere (PyTorch's masked_select_backward, a masked_scatter_ into zeros).
const maskedScatterOp: Op<[Tensor, Shape]> = defineOp<[Tensor, Shape], Tensor>({
  op: 'maskedScatterZeros',
  nodeName: 'MaskedScatterBackward0',
  forward(ctx, [g], mask, full) {
    checkImmediate('masked_scatter');
    ctx.state = mask;
    const out = emptyRaw(full, g.dtype);
    const o = out._storage.data;
    const src = g._contiguousData();
    const m = broadcastCopy(mask, full)._storage.data;
    for (let i = 0, k = 0; i < m.length; i++) if (m[i] !== 0) o[i] = src[k++];
    return out;
  },
  backward(ctx, gg): Tensor[] {
    return [maskedSelectOp([gg], ctx.state)];
  },
});

/** The elements of x where mask (broadcast) is true, as a 1-D tensor (PyTorch's masked_select). */
export function maskedSelect(x: Tensor, mask: Tensor): Tensor {
  checkTensor('masked_select', x);
  return maskedSelectOp([x], checkMask('masked_select', mask));
}

/** The indices of the non-zero elements, one row each: [n, ndim] of the index dtype (int64 in PyTorch). */
export function nonzero(x: Tensor): Tensor {
  checkTensor('nonzero', x);
  checkImmediate('nonzero');
  const data = x._contiguousData();
  const nd = x.ndim;
  const rows: number[] = [];
  const idx = new Array<number>(nd).fill(0);
  for (let i = 0; i < x.numel; i++) {
    if (Number(data[i]) !== 0) rows.push(...idx);
    for (let d = nd - 1; d >= 0; d--) {
      if (++idx[d] < x._shape[d]) break;
      idx[d] = 0;
    }
  }
  const n = nd === 0 ? rows.length + (x.numel === 1 && Number(data[0]) !== 0 ? 1 : 0) : rows.length / nd;
  const flat = fromStorage(new Storage(Float64Array.from(rows)), [n, nd], 'float64');
  return castRaw(flat, INDEX_DTYPE);
}
