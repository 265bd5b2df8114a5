// scatter (+ scatter_), scatterAdd, indexAdd, indexFill, take. Index tensors are read through
// indexArray (ops/indexing.ts), so every index dtype it accepts works here; checks happen before
// anything is written, and the kernels get private int32 copies of the indices.
import { defineOp, type Op } from '../autograd/define_op';
import { isFloating } from '../dtype';
import { argumentError, dtypeError, indexError, shapeError } from '../errors';
import { contiguousStrides, fmt, normDim, type Shape } from '../shape';
import { BinaryCode } from '../backend/codes';
import { binaryRaw } from '../backend/elementwise';
import { checkImmediate, indexAddInto, scatterAddInto } from '../backend/indexing';
import { checkTensor, checkWritable, wrapNumber } from '../backend/operand';
import { cloneRaw, contiguousRaw, copyInto, emptyRaw, fillRaw, fromStorage, outputRaw, viewRaw, castRaw } from '../backend/raw';
import { Storage } from '../storage';
import { isTensor, Tensor } from '../tensor';
import { gather, indexArray, indexSelect } from './indexing';
import { commit } from './inplace';
import { viewScatter } from './slicing';
import { narrow } from './view';

/** An index tensor of any shape as a private contiguous int32 tensor. */
function indexTensor(op: string, index: unknown): Tensor {
  checkImmediate(op);
  const t = checkTensor(op, index, 'index');
  const flat = contiguousRaw(t);
  const values = indexArray(op, fromStorage(flat._storage, [t.numel], t.dtype, flat.offset));
  return fromStorage(new Storage(int32Copy(op, values)), t._shape, 'int32');
}

/**
 * A private int32 copy of index values, whatever array the index reader gives (an int64 index
 * may come as bigints); a value past int32 is out of range for any dim, so it is refused here
 * rather than wrapped.
 */
function int32Copy(op: string, values: ArrayLike<number | bigint>): Int32Array {
  const out = new Int32Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = Number(values[k]);
    if (!(v >= -2147483648 && v <= 2147483647)) throw indexError(`${op}(): index ${v} is out of bounds`);
    out[k] = v;
  }
  return out;
}

/** A 1-D index (tensor or array) as a private Int32Array. */
function indexVector(op: string, index: unknown): Int32Array {
  checkImmediate(op);
  return int32Copy(op, indexArray(op, index));
}

/** `t` seen as 1-D when 0-d (the kernels' geometry for a scalar self). */
function atLeast1d(t: Tensor): Tensor {
  return t.ndim > 0 ? t : viewRaw(t, [1], [1], t.offset);
}

/** `g` zero-padded at the end of each dim up to `shape` (scatter's src may be larger than its index). */
function padTo(g: Tensor, shape: Shape): Tensor {
  if (g._shape.every((s, i) => s === shape[i])) return g;
  return viewScatter(g, shape, (t) => g._shape.reduce((v, s, d) => narrow(v, d, 0, s), t), 'ConstantPadNdBackward0');
}

function checkScatter(op: string, x: Tensor, dim: number, idx: Tensor, src: Tensor | null): number {
  const d = normDim(op, dim, x.ndim);
  if (idx.numel === 0) return d;
  const nd = Math.max(x.ndim, 1);
  if (Math.max(idx.ndim, 1) !== nd) throw shapeError(`${op}(): Index tensor must have the same number of dimensions as self tensor`);
  if (src !== null && Math.max(src.ndim, 1) !== nd) throw shapeError(`${op}(): Index tensor must have the same number of dimensions as src tensor`);
  const size = (t: Tensor, i: number) => (t.ndim === 0 ? 1 : t._shape[i]);
  for (let i = 0; i < nd; i++) {
    if ((i !== d && size(idx, i) > size(x, i)) || (src !== null && size(idx, i) > size(src, i))) {
      const tail = src === null ? '' : ` and to be smaller size than src ${fmt(src._shape)}`;
      throw shapeError(`${op}(): Expected index ${fmt(idx._shape)} to be smaller than self ${fmt(x._shape)} apart from dimension ${d}${tail}`);
    }
  }
  const limit = size(x, d);
  const data = idx._storage.data;
  for (let k = 0; k < data.length; k++) {
    if (data[k] < 0 || data[k] >= limit) throw indexError(`${op}(): index ${data[k]} is out of bounds for dimension ${d} with size ${limit}`);
  }
  return d;
}

/** x.scatter(dim, idx, src or fill): a copy with src's elements (or the fill) written at the indices. */
function scatterRaw(x: Tensor, dim: number, idx: Tensor, src: Tensor | null, fill: Tensor | null): Tensor {
  checkImmediate('scatter');
  const out = cloneRaw(x);
  const n = idx.numel;
  if (n === 0) return out;
  const o = atLeast1d(out);
  const s = src === null ? null : atLeast1d(src);
  const shape = idx.ndim === 0 ? [1] : idx._shape;
  const os = contiguousStrides(o._shape);
  const ss = s?._strides ?? [];
  const od = o._storage.data;
  const sd = s?._storage.data ?? castRaw(fill!, x.dtype)._storage.data;
  const id = idx._storage.data as Int32Array;
  const pos = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    let oi = 0;
    let si = s?.offset ?? 0;
    for (let d = 0; d < shape.length; d++) {
      oi += (d === dim ? id[k] : pos[d]) * os[d];
      si += pos[d] * (ss[d] ?? 0);
    }
    od[oi] = sd[si];
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++pos[d] < shape[d]) break;
      pos[d] = 0;
    }
  }
  return out;
}

const scatterOp = defineOp<[number, Tensor], { dim: number; idx: Tensor; src: Shape }>({
  op: 'scatter',
  nodeName: 'ScatterBackward0',
  forward(ctx, [x, src], dim, idx) {
    ctx.state = { dim, idx, src: src._shape };
    return scatterRaw(x, dim, idx, src, null);
  },
  backward(ctx, g): (Tensor | null)[] {
    const { dim, idx, src } = ctx.state;
    const gx = ctx.needsInputGrad[0] ? scatter(g, dim, idx, 0) : null;
    const gs = ctx.needsInputGrad[1] ? padTo(gather(g, dim, idx), src) : null;
    return [gx, gs];
  },
});

function scatterArgs(op: string, x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean) {
  checkTensor(op, x);
  const idx = indexTensor(op, index);
  let s: Tensor | null = null;
  if (isTensor(src)) {
    s = checkTensor(op, src, 'src');
    if (s.dtype !== x.dtype) throw dtypeError(`${op}(): Expected self.dtype to be equal to src.dtype (${x.dtype} vs ${s.dtype})`);
  } else if (typeof src !== 'number' && typeof src !== 'boolean') {
    throw argumentError(`${op}: src must be a Tensor or a number`);
  }
  const d = checkScatter(op, x, dim, idx, s);
  // A number is no input of the node (ScatterBackward1 has one edge); it rides as a 0-d fill.
  const fill = s ?? fillRaw(emptyRaw([], x.dtype), Number(src), op);
  return { idx, d, s, fill };
}

/** x.scatter(dim, index, src): a copy with out[index[i][j]][j] = src[i][j] for dim 0, and so on (src a tensor or a number). */
export function scatter(x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean): Tensor {
  const { idx, d, s, fill } = scatterArgs('scatter', x, dim, index, src);
  return s !== null ? scatterOp([x, s], d, idx) : scatterFillOp([x], d, idx, fill);
}

const scatterFillOp = defineOp<[number, Tensor, Tensor], { dim: number; idx: Tensor }>({
  op: 'scatterFill',
  nodeName: 'ScatterBackward1',
  forward(ctx, [x], dim, idx, fill) {
    ctx.state = { dim, idx };
    return scatterRaw(x, dim, idx, null, fill);
  },
  backward(ctx, g): (Tensor | null)[] {
    return [scatter(g, ctx.state.dim, ctx.state.idx, 0)];
  },
});

/** In-place scatter_. */
export function scatterInplace(x: Tensor, dim: number, index: Tensor, src: Tensor | number | boolean): Tensor {
  const { idx, d, s, fill } = scatterArgs('scatter_', x, dim, index, src);
  if (!x.isContiguous()) checkWritable('scatter_', x);
  return commit(
    'scatter_',
    x,
    s === null ? [] : [s],
    (old) => (s !== null ? scatterOp([old, s], d, idx) : scatterFillOp([old], d, idx, fill)),
    () => copyInto(x, scatterRaw(x, d, idx, s, s === null ? fill : null)),
  );
}

const scatterAddOp = defineOp<[number, Tensor], { dim: number; idx: Tensor; src: Shape }>({
  op: 'scatterAdd',
  nodeName: 'ScatterAddBackward0',
  forward(ctx, [x, src], dim, idx) {
    ctx.state = { dim, idx, src: src._shape };
    const out = cloneRaw(x);
    if (idx.numel > 0) scatterAddInto(atLeast1d(out), dim, atLeast1d(idx), atLeast1d(src));
    return out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { dim, idx, src } = ctx.state;
    return [g, ctx.needsInputGrad[1] ? padTo(gather(g, dim, idx), src) : null];
  },
});

/** x.scatterAdd(dim, index, src): a copy with src's elements added at the indices (PyTorch's scatter_add). */
export function scatterAdd(x: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  checkTensor('scatter_add', src, 'src');
  const { idx, d, s } = scatterArgs('scatter_add', x, dim, index, src);
  if (x.dtype === 'bool') throw dtypeError('scatter_add(): not implemented for bool');
  return scatterAddOp([x, s!], d, idx);
}

const indexAddOp = defineOp<[number, Int32Array, number], { dim: number; idx: Int32Array; alpha: number }>({
  op: 'indexAdd',
  nodeName: 'IndexAddBackward0',
  forward(ctx, [x, src], dim, idx, alpha) {
    ctx.state = { dim, idx, alpha };
    const out = cloneRaw(x);
    const scaled = alpha === 1 ? src : binaryRaw(BinaryCode.Mul, src, wrapNumber(alpha, src.dtype), 'index_add');
    indexAddInto(atLeast1d(out), dim, idx, atLeast1d(scaled));
    return out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { dim, idx, alpha } = ctx.state;
    if (!ctx.needsInputGrad[1]) return [g, null];
    const gs = indexSelect(g, dim, Array.from(idx));
    return [g, alpha === 1 ? gs : gs.mul(alpha)];
  },
});

/** x.indexAdd(dim, index, src, {alpha = 1}): a copy with alpha * src's slices added at the indices along dim. */
export function indexAdd(x: Tensor, dim: number, index: Tensor | readonly number[], src: Tensor, opts: { alpha?: number } = {}): Tensor {
  checkTensor('index_add', x);
  checkTensor('index_add', src, 'source');
  const alpha = opts.alpha ?? 1;
  if (typeof alpha !== 'number' || (!isFloating(x.dtype) && !Number.isInteger(alpha))) {
    throw argumentError(`index_add: alpha must be ${isFloating(x.dtype) ? 'a number' : 'an integer for an integral tensor'}`);
  }
  const d = normDim('index_add', dim, x.ndim);
  const idx = indexVector('index_add', index);
  if (src.dtype !== x.dtype) throw dtypeError(`index_add_(): self (${x.dtype}) and source (${src.dtype}) must have the same scalar type`);
  const xs = x.ndim === 0 ? [1] : x._shape;
  const ss = src.ndim === 0 ? [1] : src._shape;
  if (ss.length !== xs.length) throw shapeError(`index_add_(): source ${fmt(src._shape)} and self ${fmt(x._shape)} must have the same number of dimensions`);
  if (ss[d] !== idx.length) {
    throw shapeError(`index_add_(): Number of indices (${idx.length}) should be equal to source.size(dim): (${ss[d]}), for dim: ${d}`);
  }
  if (ss.some((s, i) => i !== d && s !== xs[i]))
    throw shapeError(`index_add_(): source ${fmt(src._shape)} and self ${fmt(x._shape)} must match apart from dim ${d}`);
  for (const i of idx) if (i < 0 || i >= xs[d]) throw indexError(`index_add_(): index ${i} is out of bounds for dimension ${d} with size ${xs[d]}`);
  return indexAddOp([x, src], d, idx, alpha);
}

const indexFillOp = defineOp<[number, Int32Array, Tensor | null], { dim: number; idx: Int32Array }>({
  op: 'indexFill',
  nodeName: (_d, _i, fill) => (fill === null ? 'IndexFillBackward1' : 'IndexFillBackward0'),
  forward(ctx, [x, value], dim, idx, fill) {
    ctx.state = { dim, idx };
    const out = cloneRaw(x);
    const v = castRaw(fill ?? value, x.dtype);
    const o = atLeast1d(out);
    for (const i of idx)
      copyInto(
        viewRaw(
          o,
          o._shape.filter((_, k) => k !== dim),
          o._strides.filter((_, k) => k !== dim),
          i * o._strides[dim],
        ),
        v,
      );
    return out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { dim, idx } = ctx.state;
    const gx = ctx.needsInputGrad[0] ? indexFill(g, dim, Array.from(idx), 0) : null;
    if (ctx.needsInputGrad.length < 2) return [gx];
    return [gx, ctx.needsInputGrad[1] ? indexSelect(g, dim, [...new Set(idx)]).sum() : null];
  },
});

/** x.indexFill(dim, index, value): a copy with the slices at the indices along dim set to value (a number or 0-d tensor). */
export function indexFill(x: Tensor, dim: number, index: Tensor | readonly number[], value: number | boolean | Tensor): Tensor {
  checkTensor('index_fill', x);
  const d = normDim('index_fill', dim, x.ndim);
  const idx = indexVector('index_fill', index);
  const size = x.ndim === 0 ? 1 : x._shape[d];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (i < -size || i >= size) throw indexError(`index_fill_(): index ${i} is out of bounds for dimension ${d} with size ${size}`);
    if (i < 0) idx[k] = i + size;
  }
  if (isTensor(value)) {
    checkTensor('index_fill', value, 'value');
    if (value.ndim !== 0) throw argumentError(`index_fill_ only supports a 0-dimensional value tensor, but got tensor with ${value.ndim} dimension(s).`);
    return indexFillOp([x, value], d, idx, null);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') throw argumentError('index_fill: value must be a number, a boolean or a 0-d Tensor');
  return indexFillOp([x], d, idx, fillRaw(emptyRaw([], x.dtype), Number(value), 'index_fill_'));
}

function takeRaw(x: Tensor, idx: Tensor): Tensor {
  checkImmediate('take');
  const out = outputRaw(idx._shape, x.dtype);
  const src = x._contiguousData();
  const o = out._storage.data;
  const id = idx._storage.data as Int32Array;
  for (let k = 0; k < id.length; k++) o[k] = src[id[k]];
  return out;
}

const takeOp: Op<[Tensor]> = defineOp<[Tensor], { shape: Shape; idx: Tensor }>({
  op: 'take',
  nodeName: 'TakeBackward0',
  forward(ctx, [x], idx) {
    ctx.state = { shape: x._shape, idx };
    return takeRaw(x, idx);
  },
  backward(ctx, g): (Tensor | null)[] {
    return [putAccumulateOp([g], ctx.state.shape, ctx.state.idx)];
  },
});

// The gradient of take: zeros(shape).put_(idx, g, accumulate=True); its gradient is take again.
const putAccumulateOp: Op<[Shape, Tensor]> = defineOp<[Shape, Tensor], Tensor>({
  op: 'putAccumulate',
  nodeName: 'PutBackward0',
  forward(ctx, [g], shape, idx) {
    checkImmediate('put_');
    ctx.state = idx;
    const out = emptyRaw(shape, g.dtype);
    const o = out._storage.data as Float64Array | Float32Array;
    const src = g._contiguousData() as Float64Array | Float32Array;
    const id = idx._storage.data as Int32Array;
    for (let k = 0; k < id.length; k++) o[id[k]] += src[k];
    return out;
  },
  backward(ctx, gg): Tensor[] {
    return [takeOp([gg], ctx.state)];
  },
});

/** x.take(index): the elements of flattened x at the indices (negative from the end), shaped as index (PyTorch's take). */
export function take(x: Tensor, index: Tensor | readonly number[]): Tensor {
  checkTensor('take', x);
  const idx = isTensor(index) ? indexTensor('take', index) : fromStorage(new Storage(indexVector('take', index)), [index.length], 'int32');
  const n = x.numel;
  const id = idx._storage.data as Int32Array;
  if (n === 0 && id.length > 0) throw indexError('take(): tried to take from an empty tensor');
  for (let k = 0; k < id.length; k++) {
    if (id[k] < -n || id[k] >= n) throw indexError(`out of range: tried to access index ${id[k]} on a tensor of ${n} elements.`);
    if (id[k] < 0) id[k] += n;
  }
  return takeOp([x], idx);
}
