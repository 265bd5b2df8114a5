// select, slice, basic indexing (x.index), split/chunk/unbind, movedim, x.T and x.mT: views
// that share storage and version counter with their base (viewRaw), as PyTorch's.
import { defineOp, type Op } from '../autograd/define_op';
import { argumentError, indexError, shapeError } from '../errors';
import { fmt, intList, normDim, show, type Shape } from '../shape';
import { checkTensor } from '../backend/operand';
import { copyInto, emptyRaw, viewRaw } from '../backend/raw';
import type { Tensor } from '../tensor';
import { permute, transpose, unsqueeze } from './view';

type ViewFn = (t: Tensor) => Tensor;

// The gradient of a view: g placed into zeros of the base's shape through the same view. Its own
// gradient is the view again, so second derivatives flow (PyTorch's select_backward,
// slice_backward; node names SelectBackwardBackward0, SliceBackwardBackward0).
const viewScatterOp = defineOp<[Shape, ViewFn, string], ViewFn>({
  op: 'viewScatter',
  nodeName: (_shape, _view, name) => name,
  forward(ctx, [g], shape, view) {
    ctx.state = view;
    const out = emptyRaw(shape, g.dtype);
    copyInto(view(out), g);
    return out;
  },
  backward(ctx, gg): Tensor[] {
    return [ctx.state(gg)];
  },
});

/** zeros(shape) with `g` written through `view`, recorded (for gradients of views). */
export function viewScatter(g: Tensor, shape: Shape, view: ViewFn, name: string): Tensor {
  return viewScatterOp([g], shape, view, name);
}

const selectOp: Op<[number, number, string]> = defineOp<[number, number, string], { shape: Shape; dim: number; index: number }>({
  op: 'select',
  nodeName: (_dim, _index, name) => name,
  forward(ctx, [x], dim, index) {
    ctx.state = { shape: x._shape, dim, index };
    const shape = x._shape.filter((_, i) => i !== dim);
    const strides = x._strides.filter((_, i) => i !== dim);
    return viewRaw(x, shape, strides, x.offset + index * x._strides[dim]);
  },
  backward(ctx, g): (Tensor | null)[] {
    const { shape, dim, index } = ctx.state;
    return [viewScatter(g, shape, (t) => selectOp([t], dim, index, 'SelectBackward0'), 'SelectBackwardBackward0')];
  },
});

interface SliceState {
  shape: Shape;
  dim: number;
  start: number;
  end: number;
  step: number;
}

const sliceOp: Op<[number, number, number, number, string]> = defineOp<[number, number, number, number, string], SliceState>({
  op: 'slice',
  nodeName: (_d, _s, _e, _st, name) => name,
  forward(ctx, [x], dim, start, end, step) {
    ctx.state = { shape: x._shape, dim, start, end, step };
    const shape = x._shape.slice();
    shape[dim] = Math.ceil((end - start) / step);
    const strides = x._strides.slice();
    strides[dim] *= step;
    return viewRaw(x, shape, strides, x.offset + start * x._strides[dim]);
  },
  backward(ctx, g): (Tensor | null)[] {
    const { shape, dim, start, end, step } = ctx.state;
    return [viewScatter(g, shape, (t) => sliceOp([t], dim, start, end, step, 'SliceBackward0'), 'SliceBackwardBackward0')];
  },
});

const aliasOp = defineOp<[], null>({
  op: 'alias',
  nodeName: 'AliasBackward0',
  forward(_ctx, [x]) {
    return viewRaw(x, x._shape, x._strides, x.offset);
  },
  backward(_ctx, g): Tensor[] {
    return [g];
  },
});

function checkInteger(op: string, v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw argumentError(`${op}: ${what} must be an integer, got ${show(v)}`);
  return v;
}

/** x.select(dim, i): the slice at `i` along `dim`, which is removed (a view; PyTorch's select). */
export function select(x: Tensor, dim: number, index: number): Tensor {
  checkTensor('select', x);
  if (x.ndim === 0) throw indexError('select() cannot be applied to a 0-dim tensor.');
  const d = normDim('select', dim, x.ndim);
  const i = checkInteger('select', index, 'index');
  const size = x._shape[d];
  if (i < -size || i >= size) throw indexError(`select(): index ${i} out of range for tensor of size ${fmt(x._shape)} at dimension ${d}`);
  return selectOp([x], d, i < 0 ? i + size : i, 'SelectBackward0');
}

/** Python's slice.indices clamping: [start, end) within [0, size], end never before start. */
function clampSlice(size: number, start: number | null | undefined, end: number | null | undefined): [number, number] {
  let s = start ?? 0;
  let e = end ?? size;
  if (s < 0) s += size;
  if (e < 0) e += size;
  s = Math.min(Math.max(s, 0), size);
  e = Math.min(Math.max(e, s), size);
  return [s, e];
}

function optionalInt(op: string, v: unknown, what: string): number | null {
  return v === null || v === undefined ? null : checkInteger(op, v, what);
}

/** x.slice(dim, start?, end?, step = 1) = x[:, start:end:step] (a view; Python's clamping). */
export function slice(x: Tensor, dim: number, start?: number | null, end?: number | null, step = 1): Tensor {
  checkTensor('slice', x);
  if (x.ndim === 0) throw indexError('slice() cannot be applied to a 0-dim tensor.');
  const d = normDim('slice', dim, x.ndim);
  const st = checkInteger('slice', step, 'step');
  if (st <= 0) throw argumentError('slice: step must be greater than zero');
  const [s, e] = clampSlice(x._shape[d], optionalInt('slice', start, 'start'), optionalInt('slice', end, 'end'));
  return sliceOp([x], d, s, e, st, 'SliceBackward0');
}

/** One spec of x.index: a number, null (new axis), '...' or [start?, end?, step?]. */
export type IndexSpec = number | null | '...' | readonly (number | null | undefined)[];

function parseSlice(spec: readonly unknown[]): [number | null, number | null, number] {
  if (spec.length > 3) throw argumentError(`index: a slice is [start?, end?, step?], got ${show(spec)}`);
  const step = optionalInt('index', spec[2], 'slice step') ?? 1;
  if (step === 0) throw argumentError('index: slice step cannot be zero');
  if (step < 0) throw argumentError('index: step must be greater than zero');
  return [optionalInt('index', spec[0], 'slice start'), optionalInt('index', spec[1], 'slice end'), step];
}

/**
 * Basic indexing in one call, one spec per leading dim (PyTorch's x[...]): a number selects,
 * null adds an axis, '...' stands for the remaining dims, [start?, end?, step?] slices
 * (`[]` = `:`). `x.index(0, [1, null, 2])` = `x[0, 1::2]`. A view.
 */
export function index(x: Tensor, ...specs: IndexSpec[]): Tensor {
  checkTensor('index', x);
  let consumed = 0;
  let ellipsis = false;
  for (const s of specs) {
    if (typeof s === 'number') {
      checkInteger('index', s, 'an index');
      consumed++;
    } else if (Array.isArray(s)) {
      parseSlice(s);
      consumed++;
    } else if (s === '...') {
      if (ellipsis) throw argumentError("index: an index can only have a single ellipsis ('...')");
      ellipsis = true;
    } else if (s !== null) {
      throw argumentError(`index: each index must be a number, null, '...' or [start?, end?, step?], got ${show(s)}`);
    }
  }
  if (x.ndim === 0 && specs.some((s) => typeof s === 'number')) {
    throw indexError('invalid index of a 0-dim tensor. Use `tensor.item()` to convert a 0-dim tensor to a number');
  }
  if (consumed > x.ndim) throw indexError(`too many indices for tensor of dimension ${x.ndim}`);
  let out = x;
  let dim = 0; // in `out`
  let real = 0; // in `x`, for messages
  for (const s of specs) {
    if (typeof s === 'number') {
      const size = out._shape[dim];
      if (s < -size || s >= size) throw indexError(`index ${s} is out of bounds for dimension ${real} with size ${size}`);
      out = selectOp([out], dim, s < 0 ? s + size : s, 'SelectBackward0');
      real++;
    } else if (s === null) {
      out = unsqueeze(out, dim);
      dim++;
    } else if (s === '...') {
      dim += x.ndim - consumed;
      real += x.ndim - consumed;
    } else {
      const [start, end, step] = parseSlice(s);
      const [b, e] = clampSlice(out._shape[dim], start, end);
      out = sliceOp([out], dim, b, e, step, 'SliceBackward0');
      dim++;
      real++;
    }
  }
  return out === x ? aliasOp([x]) : out;
}

function splitDim(op: string, x: Tensor, dim: number): number {
  checkTensor(op, x);
  if (x.ndim === 0) throw shapeError(`${op} expects at least a 1-dimensional tensor`);
  return normDim(op, dim, x.ndim);
}

function splitWithSizes(x: Tensor, sizes: readonly number[], d: number, name: string): Tensor[] {
  const out: Tensor[] = [];
  let start = 0;
  for (const s of sizes) {
    out.push(sliceOp([x], d, start, start + s, 1, name));
    start += s;
  }
  return out;
}

/**
 * x.split(size, dim = 0): views of `size` elements along dim (the last may be shorter); with a
 * list, views of those sizes, which must sum to the dim's size (PyTorch's split).
 */
export function split(x: Tensor, sizeOrSizes: number | readonly number[], dim = 0): Tensor[] {
  const d = splitDim('split', x, dim);
  const size = x._shape[d];
  if (typeof sizeOrSizes !== 'number') {
    const sizes = intList('split', sizeOrSizes, 'split_sizes');
    if (sizes.some((s) => s < 0)) {
      throw argumentError(`split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=${fmt(sizes)}`);
    }
    if (sizes.reduce((a, b) => a + b, 0) !== size) {
      throw indexError(
        `split_with_sizes expects split_sizes to sum exactly to ${size} (input tensor's size at dimension ${d}), but got split_sizes=${fmt(sizes)}`,
      );
    }
    return splitWithSizes(x, sizes, d, 'SplitWithSizesBackward0');
  }
  const n = checkInteger('split', sizeOrSizes, 'split_size');
  if (n < 0) throw argumentError(`split expects split_size be non-negative, but got split_size=${n}`);
  if (n === 0 && size !== 0) throw indexError(`split_size can only be 0 if dimension size is 0, but got dimension size of ${size}`);
  const count = n === 0 ? 1 : Math.max(Math.ceil(size / n), 1);
  const sizes = Array.from({ length: count }, (_, i) => Math.min(n, size - i * n));
  return splitWithSizes(x, sizes, d, 'SplitBackward0');
}

/** x.chunk(n, dim = 0): split into pieces of ceil(size / n) (so maybe fewer than n; PyTorch's chunk). */
export function chunk(x: Tensor, chunks: number, dim = 0): Tensor[] {
  const n = checkInteger('chunk', chunks, 'chunks');
  if (n <= 0) throw argumentError(`chunk expects \`chunks\` to be greater than 0, got: ${n}`);
  const d = splitDim('chunk', x, dim);
  const size = x._shape[d];
  const each = Math.ceil(size / n);
  // An empty dim gives `chunks` empty pieces, through split_with_sizes as in PyTorch.
  if (each === 0) return splitWithSizes(x, new Array<number>(n).fill(0), d, 'SplitWithSizesBackward0');
  return split(x, each, d);
}

/** x.unbind(dim = 0): every slice along dim, the dim removed (views; PyTorch's unbind). */
export function unbind(x: Tensor, dim = 0): Tensor[] {
  checkTensor('unbind', x);
  if (x.ndim === 0) throw indexError('Dimension specified as 0 but tensor has no dimensions');
  const d = normDim('unbind', dim, x.ndim);
  return Array.from({ length: x._shape[d] }, (_, i) => selectOp([x], d, i, 'UnbindBackward0'));
}

/** Moves dims `source` to positions `destination`, the others keeping their order (PyTorch's movedim). */
export function movedim(x: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  checkTensor('movedim', x);
  const src = intList('movedim', source, 'source');
  const dst = intList('movedim', destination, 'destination');
  if (src.length !== dst.length) {
    throw argumentError(
      `movedim: Invalid source or destination dims: source (${fmt(src)} dims) should contain the same number of dims as destination (${fmt(dst)} dims)`,
    );
  }
  const s = src.map((d) => normDim('movedim', d, x.ndim));
  const t = dst.map((d) => normDim('movedim', d, x.ndim));
  if (new Set(s).size !== s.length) throw argumentError(`movedim: repeated dim in \`source\` (${fmt(src)})`);
  if (new Set(t).size !== t.length) throw argumentError(`movedim: repeated dim in \`destination\` (${fmt(dst)})`);
  const perm = new Array<number>(x.ndim).fill(-1);
  s.forEach((d, i) => (perm[t[i]] = d));
  const rest = x._shape.map((_, i) => i).filter((i) => !s.includes(i));
  for (let i = 0, k = 0; i < perm.length; i++) if (perm[i] === -1) perm[i] = rest[k++];
  return permute(x, perm);
}

/**
 * x.T: the dims reversed by a permute, as PyTorch's numpy_T (PermuteBackward0). For 2-D that is
 * t(); PyTorch 2.x deprecates other ranks with a warning but still reverses them, as here.
 */
export function numpyT(x: Tensor): Tensor {
  checkTensor('T', x);
  return permute(
    x,
    x._shape.map((_, i) => x.ndim - 1 - i),
  );
}

/** x.mT: the last two dims swapped (PyTorch's mT; TransposeBackward0), for ndim >= 2. */
export function matrixT(x: Tensor): Tensor {
  checkTensor('mT', x);
  if (x.ndim < 2) throw argumentError(`tensor.mT is only supported on matrices or batches of matrices. Got ${x.ndim}-D tensor.`);
  return transpose(x, -2, -1);
}
