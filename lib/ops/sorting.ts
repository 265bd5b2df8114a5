// sort/argsort/topk (in the addon, PyTorch's std::sort / partial_sort / nth_element calls, so
// ties come out in its order) and median. Values are recorded; indices (INDEX_DTYPE) come back
// through a sink, as max(dim)'s do, and the gradient goes to them (value_selecting_reduction_backward).
import { defineOp } from '../autograd/define_op';
import { INDEX_DTYPE } from '../dtype';
import { argumentError, dtypeError, indexError } from '../errors';
import { normDim, optionsArg, show, type Shape } from '../shape';
import type { Tensor } from '../tensor';
import { checkReadable, sortRaw, topkRaw } from '../backend/along_dim';
import { checkTensor } from '../backend/operand';
import { fromStorage, fullRaw, outputRaw } from '../backend/raw';
import { scatterAddZeros } from './indexing';
import { valuesIndices, type ValuesIndices } from './pair';
import { keepdimOf } from './reduce_args';

interface Sink {
  indices: Tensor | null;
}

interface SelectState {
  shape: Shape;
  dim: number;
  keepdim: boolean;
}

// The gradient of values picked along dim by `indices`: scattered back into zeros.
function selectedBackward(g: Tensor, s: SelectState, indices: Tensor): Tensor {
  return scatterAddZeros(s.keepdim ? g : g.unsqueeze(s.dim), s.shape, s.dim, indices);
}

function defineSelecting(op: string, node: string, run: (x: Tensor, dim: number, a: number, b: boolean, c: boolean) => { values: Tensor; indices: Tensor }) {
  return defineOp<[number, number, boolean, boolean, Sink], SelectState>({
    op,
    nodeName: node,
    forward(ctx, [x], dim, a, b, c, sink) {
      const { values, indices } = run(x, dim, a, b, c);
      sink.indices = indices;
      ctx.state = { shape: x._shape, dim, keepdim: true };
      ctx.save(indices);
      return values;
    },
    backward(ctx, g) {
      const [indices] = ctx.savedTensors();
      return [selectedBackward(g, ctx.state, indices!)];
    },
  });
}

const topkOp = defineSelecting('topk', 'TopkBackward0', (x, dim, k, largest, sorted) => topkRaw(x, dim, k, largest, sorted));
const sortOp = defineSelecting('sort', 'SortBackward0', (x, dim, _a, descending, stable) => sortRaw(x, dim, descending, stable));

/** A 0-d tensor as a 1-element line (and dim 0), so every kernel sees a dim. */
function lineOf(x: Tensor): Tensor {
  return x.ndim === 0 ? x.reshape(1) : x;
}

function unline(r: ValuesIndices, x: Tensor): ValuesIndices {
  return x.ndim === 0 && r.values.numel === 1 ? valuesIndices(r.values.reshape([]), r.indices.reshape([])) : r;
}

export interface TopkOptions {
  largest?: boolean;
  sorted?: boolean;
}

function bool(op: string, name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw argumentError(`${op}: ${name} must be a boolean, got ${show(v)}`);
  return v;
}

/** The k largest (or smallest) elements along `dim` with their indices (torch.topk). */
export function topk(x: Tensor, k: number, dim: number | TopkOptions = -1, options?: TopkOptions): ValuesIndices {
  checkTensor('topk', x);
  if (typeof dim === 'object') return topk(x, k, -1, dim);
  const opts = optionsArg<TopkOptions>('topk', options) ?? {};
  if (x.dtype === 'bool') throw dtypeError(`"topk_cpu" not implemented for 'Bool'`);
  if (typeof k !== 'number' || !Number.isSafeInteger(k)) throw argumentError(`topk: k must be an integer, got ${String(k)}`);
  const d = normDim('topk', dim, x.ndim);
  const line = lineOf(x);
  if (k < 0) throw argumentError('topk: selected index k out of range (k must be non-negative)');
  if (k > line._shape[d]) throw indexError(`topk: selected index k out of range (k = ${k}, dim ${d} has size ${line._shape[d]})`);
  const sink: Sink = { indices: null };
  const values = topkOp([line], d, k, bool('topk', 'largest', opts.largest, true), bool('topk', 'sorted', opts.sorted, true), sink);
  return unline(valuesIndices(values, sink.indices!), x);
}

export interface SortOptions {
  descending?: boolean;
  /** Keep equal elements in their order (std::stable_sort); else PyTorch's std::sort order. */
  stable?: boolean;
}

/** Sorted values along `dim` and the indices they came from (torch.sort); NaN sorts above every number. */
export function sort(x: Tensor, dim: number | SortOptions = -1, options?: SortOptions): ValuesIndices {
  checkTensor('sort', x);
  if (typeof dim === 'object') return sort(x, -1, dim);
  const opts = optionsArg<SortOptions>('sort', options) ?? {};
  const d = normDim('sort', dim, x.ndim);
  const sink: Sink = { indices: null };
  const line = lineOf(x);
  const values = sortOp([line], d, 0, bool('sort', 'descending', opts.descending, false), bool('sort', 'stable', opts.stable, false), sink);
  return unline(valuesIndices(values, sink.indices!), x);
}

/** The indices that sort `x` along `dim` (torch.argsort). */
export function argsort(x: Tensor, dim: number | SortOptions = -1, options?: SortOptions): Tensor {
  checkTensor('argsort', x);
  return sort(x.detach(), dim, options).indices;
}

// ---- median ----

/**
 * The lower median of each line of a stable ascending sort ([outer, n, inner]): position
 * (n - 1) / 2, which is also the smallest index among equal values; a line holding NaN gives its
 * first NaN (NaN sorts last, in index order).
 */
function pickMedian(sorted: { values: Tensor; indices: Tensor }, outer: number, n: number, inner: number, shape: Shape): { values: Tensor; indices: Tensor } {
  const values = outputRaw(shape, sorted.values.dtype);
  const indices = outputRaw(shape, INDEX_DTYPE);
  const sv = sorted.values._storage.data as ArrayLike<number>;
  const si = sorted.indices._storage.data as ArrayLike<number>;
  const ov = values._storage.data as unknown as number[];
  const oi = indices._storage.data as unknown as number[];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * n * inner + i;
      let p = (n - 1) >> 1;
      if (isNan(sv[base + (n - 1) * inner])) {
        p = n - 1;
        while (p > 0 && isNan(sv[base + (p - 1) * inner])) p--;
      }
      ov[o * inner + i] = sv[base + p * inner];
      oi[o * inner + i] = si[base + p * inner];
    }
  }
  return { values, indices };
}

// Number.isNaN, safe for the bigint elements of int64 tensors.
const isNan = (v: unknown): boolean => typeof v === 'number' && Number.isNaN(v);

function medianRaw(x: Tensor, dim: number): { values: Tensor; indices: Tensor } {
  checkReadable('median');
  const sorted = sortRaw(x, dim, false, true);
  let outer = 1;
  let inner = 1;
  for (let i = 0; i < dim; i++) outer *= x._shape[i];
  for (let i = dim + 1; i < x.ndim; i++) inner *= x._shape[i];
  return pickMedian(
    sorted,
    outer,
    x._shape[dim],
    inner,
    x._shape.filter((_, i) => i !== dim),
  );
}

const medianAllOp = defineOp<[], null>({
  op: 'median',
  nodeName: 'MedianBackward0',
  forward(ctx, [x]) {
    const flat = x.isContiguous() ? fromStorage(x._storage, [x.numel], x.dtype, x.offset) : x.reshape(x.numel);
    const { values } = medianRaw(flat, 0);
    ctx.save(x);
    ctx.saveOutput(values);
    return values;
  },
  backward(ctx, g) {
    // evenly_distribute_backward: shared among the elements equal to the median (NaN: the NaNs).
    const [x, result] = ctx.savedTensors();
    const mask = (isNan(result!.item()) ? x!.ne(x!) : x!.eq(result!)).to(g.dtype);
    return [mask.mul(g.div(mask.sum()))];
  },
});

const medianDimOp = defineOp<[number, boolean, Sink], SelectState>({
  op: 'medianDim',
  nodeName: 'MedianBackward1',
  forward(ctx, [x], dim, keepdim, sink) {
    const { values, indices } = medianRaw(x, dim);
    const kept = x._shape.map((s, i) => (i === dim ? 1 : s));
    sink.indices = keepdim ? fromStorage(indices._storage, kept, indices.dtype) : indices;
    ctx.state = { shape: x._shape, dim, keepdim };
    ctx.save(fromStorage(indices._storage, kept, indices.dtype));
    return keepdim ? fromStorage(values._storage, kept, values.dtype) : values;
  },
  backward(ctx, g) {
    const [indices] = ctx.savedTensors();
    return [selectedBackward(g, ctx.state, indices!)];
  },
});

/** Lower median of all elements (torch.median()), or along `dim` with the index of the median: `{values, indices}`. */
export function median(x: Tensor): Tensor;
export function median(x: Tensor, dim: number, opts?: { keepdim?: boolean }): ValuesIndices;
export function median(x: Tensor, dim?: number | null, options?: { keepdim?: boolean }): Tensor | ValuesIndices {
  checkTensor('median', x);
  if (x.dtype === 'bool') throw dtypeError(`"median_cpu" not implemented for 'Bool'`);
  if (dim === undefined || dim === null) {
    if (x.numel === 0) return fullRaw([], NaN, x.dtype);
    return medianAllOp([x]);
  }
  const keepdim = keepdimOf('median', (optionsArg<{ keepdim?: boolean }>('median', options) ?? {}).keepdim);
  const d = normDim('median', dim, x.ndim);
  const line = lineOf(x);
  if (line._shape[d] === 0) throw indexError(`median(): Expected reduction dim ${d} to have non-zero size.`);
  const sink: Sink = { indices: null };
  const values = medianDimOp([line], d, keepdim, sink);
  return unline(valuesIndices(values, sink.indices!), x);
}
