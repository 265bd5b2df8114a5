// flip, roll, repeat, tile: copies built from strided views (negative strides for flip, slabs
// for roll, zero strides for repeat) through the addon's strided copy.
import { defineOp, type Op } from '../autograd/define_op';
import { argumentError } from '../errors';
import { checkExtent, contiguousStrides, fmt, intList, normDim, type Shape } from '../shape';
import { checkTensor } from '../backend/operand';
import { cloneRaw, contiguousRaw, copyInto, outputRaw, viewRaw } from '../backend/raw';
import type { Tensor } from '../tensor';

const flipOp: Op<[number[]]> = defineOp<[number[]], number[]>({
  op: 'flip',
  nodeName: 'FlipBackward0',
  forward(ctx, [x], dims) {
    ctx.state = dims;
    const strides = x._strides.slice();
    let offset = x.offset;
    for (const d of dims) {
      offset += Math.max(x._shape[d] - 1, 0) * strides[d];
      strides[d] = -strides[d];
    }
    return cloneRaw(viewRaw(x, x._shape, strides, offset));
  },
  backward(ctx, g): (Tensor | null)[] {
    return [flipOp([g], ctx.state)];
  },
});

function uniqueDims(op: string, dims: readonly number[], ndim: number): number[] {
  const norm = dims.map((d) => normDim(op, d, ndim));
  const seen = new Set<number>();
  for (const d of norm) {
    if (seen.has(d)) throw argumentError(`${op}: dim ${d} appears multiple times in the list of dims`);
    seen.add(d);
  }
  return norm;
}

/** x.flip(dims): a copy with the order of elements reversed along each of `dims` (PyTorch's flip). */
export function flip(x: Tensor, dims: number | readonly number[]): Tensor {
  checkTensor('flip', x);
  return flipOp([x], uniqueDims('flip', intList('flip', dims), x.ndim));
}

function narrowRaw(t: Tensor, dim: number, start: number, length: number): Tensor {
  const shape = t._shape.slice();
  shape[dim] = length;
  return viewRaw(t, shape, t._strides, t.offset + start * t._strides[dim]);
}

/** A contiguous copy of `x` rolled by `shift` along `dim`. */
function rollDim(x: Tensor, shift: number, dim: number): Tensor {
  const n = x._shape[dim];
  const s = n === 0 ? 0 : ((shift % n) + n) % n;
  if (s === 0) return cloneRaw(x);
  const out = outputRaw(x._shape, x.dtype);
  copyInto(narrowRaw(out, dim, s, n - s), narrowRaw(x, dim, 0, n - s));
  copyInto(narrowRaw(out, dim, 0, s), narrowRaw(x, dim, n - s, s));
  return out;
}

const rollOp: Op<[number[], number[] | null]> = defineOp<[number[], number[] | null], { shifts: number[]; dims: number[] | null }>({
  op: 'roll',
  nodeName: 'RollBackward0',
  forward(ctx, [x], shifts, dims) {
    ctx.state = { shifts, dims };
    if (dims === null) {
      // Over the flattened tensor, then back to x's shape (PyTorch's roll without dims).
      const flat = contiguousRaw(x);
      const rolled = rollDim(viewRaw(flat, [x.numel], [1], flat.offset), shifts[0], 0);
      return viewRaw(rolled, x._shape, contiguousStrides(x._shape), 0);
    }
    let out = x;
    dims.forEach((d, i) => (out = rollDim(out, shifts[i], d)));
    return out === x ? cloneRaw(x) : out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { shifts, dims } = ctx.state;
    return [
      rollOp(
        [g],
        shifts.map((s) => -s),
        dims,
      ),
    ];
  },
});

/**
 * x.roll(shifts, dims?): elements shifted along each dim, wrapping around; without dims, over
 * the flattened tensor, its shape kept (PyTorch's roll).
 */
export function roll(x: Tensor, shifts: number | readonly number[], dims?: number | readonly number[] | null): Tensor {
  checkTensor('roll', x);
  const s = intList('roll', shifts, 'shifts');
  const d = dims === undefined || dims === null ? [] : intList('roll', dims);
  if (s.length === 0) throw argumentError('roll: `shifts` required');
  if (d.length === 0 && s.length === 1) return rollOp([x], s, null);
  if (s.length !== d.length) throw argumentError(`roll: shifts and dimensions must align. shifts: ${s.length}, dims:${d.length}`);
  return rollOp(
    [x],
    s,
    d.map((v) => normDim('roll', v, x.ndim)),
  );
}

interface RepeatState {
  shape: Shape;
  split: number[];
  sumDims: number[];
}

const repeatOp = defineOp<[number[]], RepeatState>({
  op: 'repeat',
  nodeName: 'RepeatBackward0',
  forward(ctx, [x], repeats) {
    // out viewed as [r0, s0, r1, s1, ...] is x broadcast along the r dims (stride 0).
    const lead = repeats.length - x.ndim;
    const split: number[] = [];
    const srcStrides: number[] = [];
    const outShape: number[] = [];
    repeats.forEach((r, i) => {
      const s = i < lead ? 1 : x._shape[i - lead];
      split.push(r, s);
      srcStrides.push(0, i < lead ? 0 : x._strides[i - lead]);
      outShape.push(r * s);
    });
    ctx.state = { shape: x._shape, split, sumDims: repeats.map((_, i) => 2 * i) };
    const out = outputRaw(outShape, x.dtype);
    copyInto(viewRaw(out, split, contiguousStrides(split), 0), viewRaw(x, split, srcStrides, x.offset));
    return out;
  },
  backward(ctx, g): (Tensor | null)[] {
    const { shape, split, sumDims } = ctx.state;
    return [g.reshape(split).sum(sumDims).reshape(shape)];
  },
});

/** x.repeat(...sizes): x tiled sizes[i] times along each dim; extra sizes add leading dims (PyTorch's repeat). */
export function repeat(x: Tensor, sizes: readonly number[]): Tensor {
  checkTensor('repeat', x);
  const r = intList('repeat', sizes, 'sizes');
  if (r.length < x.ndim) {
    throw argumentError('repeat: Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor');
  }
  const lead = r.length - x.ndim;
  const target = r.map((n, i) => n * (i < lead ? 1 : x._shape[i - lead]));
  if (r.some((n) => n < 0)) throw argumentError(`repeat: Trying to create tensor with negative dimension ${Math.min(...target)}: ${fmt(target)}`);
  checkExtent('repeat', target, true);
  return repeatOp([x], r);
}

/** x.tile(...reps): repeat, with reps padded by leading ones to x's rank (PyTorch's tile). */
export function tile(x: Tensor, reps: readonly number[]): Tensor {
  checkTensor('tile', x);
  const r = intList('tile', reps, 'dims');
  const padded = r.length < x.ndim ? [...new Array<number>(x.ndim - r.length).fill(1), ...r] : r;
  return repeat(x, padded);
}
