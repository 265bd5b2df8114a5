// Views: new shape/strides/offset over the same storage and version counter, as in PyTorch.
import { defineOp, type Op } from '../autograd/define_op';
import { argumentError, indexError, shapeError } from '../errors';
import { checkExtent, contiguousStrides, fmt, intList, normDim, numelOf, sameShape, type Shape } from '../shape';
import { checkTensor } from '../backend/operand';
import { cloneRaw, copyInto, emptyRaw, viewRaw } from '../backend/raw';
import type { Tensor } from '../tensor';
import { sumTo } from './composite_support';

/** Resolves one -1 in a requested shape against `numel` (PyTorch's infer_size). */
export function inferShape(op: string, requested: readonly number[], numel: number): number[] {
  let infer = -1;
  let known = 1;
  requested.forEach((s, i) => {
    if (s === -1) {
      if (infer >= 0) throw argumentError(`${op}: only one dimension can be inferred`);
      infer = i;
    } else if (!Number.isInteger(s) || s < 0) {
      throw argumentError(`${op}: invalid shape dimension ${s}`);
    } else known *= s;
  });
  const out = requested.slice();
  if (infer >= 0) {
    if (known === 0 || numel % known !== 0) throw shapeError(`${op}: shape '${fmt(requested)}' is invalid for input of size ${numel}`);
    out[infer] = numel / known;
  } else if (known !== numel) {
    throw shapeError(`${op}: shape '${fmt(requested)}' is invalid for input of size ${numel}`);
  }
  checkExtent(op, out, false);
  return out;
}

/**
 * Strides for viewing (shape, strides) as `target` without copying, or null when impossible
 * (PyTorch's computeStride: each run of merged dims must be contiguous within itself).
 */
export function viewStrides(shape: Shape, strides: readonly number[], target: Shape): readonly number[] | null {
  // ATen's computeStride: from 0-d, all ones; an empty tensor keeps its strides when the shape
  // stays, and takes contiguous ones otherwise.
  if (shape.length === 0) return target.map(() => 1);
  if (numelOf(shape) === 0) return sameShape(shape, target) ? strides : contiguousStrides(target);
  const out = new Array<number>(target.length);
  let viewD = target.length - 1;
  let chunkBase = strides[strides.length - 1];
  let tensorNumel = 1;
  let viewNumel = 1;
  for (let d = shape.length - 1; d >= 0; d--) {
    tensorNumel *= shape[d];
    if (d === 0 || (shape[d - 1] !== 1 && strides[d - 1] !== tensorNumel * chunkBase)) {
      while (viewD >= 0 && (viewNumel < tensorNumel || target[viewD] === 1)) {
        out[viewD] = viewNumel * chunkBase;
        viewNumel *= target[viewD];
        viewD--;
      }
      if (viewNumel !== tensorNumel) return null;
      if (d > 0) {
        chunkBase = strides[d - 1];
        tensorNumel = 1;
        viewNumel = 1;
      }
    }
  }
  if (viewD !== -1) return null;
  return out;
}

// One entry for every pure reshaping view; the node name says which call made it, as PyTorch's
// ViewBackward0, SqueezeBackward0/1, UnsqueezeBackward0.
// `given` strides bypass computeStride where PyTorch infers them otherwise (squeeze, unsqueeze).
const viewOp = defineOp<[number[], string, (readonly number[])?], Shape>({
  op: 'view',
  nodeName: (_shape, name) => name,
  forward(ctx, [x], shape, _name, given) {
    const strides = given ?? viewStrides(x._shape, x._strides, shape);
    if (strides === null) {
      throw shapeError(
        `view: view size is not compatible with input tensor's size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead. (input ${fmt(x._shape)}, requested ${fmt(shape)})`,
      );
    }
    ctx.state = x._shape;
    return viewRaw(x, shape, strides, x.offset);
  },
  backward(ctx, g) {
    return [g.reshape(ctx.state)];
  },
});

const cloneOp = defineOp<[], null>({
  op: 'clone',
  nodeName: 'CloneBackward0',
  forward(_ctx, [x]) {
    return cloneRaw(x);
  },
  backward(_ctx, g) {
    return [g];
  },
});

const expandOp = defineOp<[number[]], Shape>({
  op: 'expand',
  nodeName: 'ExpandBackward0',
  forward(ctx, [x], target) {
    ctx.state = x._shape;
    return viewRaw(x, target, expandStrides(x, target), x.offset);
  },
  backward(ctx, g) {
    return [sumTo(g, ctx.state)];
  },
});

/**
 * ATen's inferExpandGeometry: a broadcast dim gets stride 0; a new leading dim kept at size 1
 * gets the stride a contiguous layout would (size * stride of the dim after it); a 0-d tensor
 * expands with all strides 0. Strides of size-1 dims matter: in-place overlap checks compare them.
 */
function expandStrides(x: Tensor, target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  if (x.ndim === 0) return out;
  const lead = target.length - x.ndim;
  for (let i = target.length - 1; i >= 0; i--) {
    const src = i >= lead ? x._shape[i - lead] : 1;
    const stride = i >= lead ? x._strides[i - lead] : target[i + 1] * out[i + 1];
    out[i] = src !== target[i] ? 0 : stride;
  }
  return out;
}

const permuteOp = defineOp<[number[], string], number[]>({
  op: 'permute',
  nodeName: (_dims, name) => name,
  forward(ctx, [x], dims) {
    ctx.state = dims;
    return viewRaw(
      x,
      dims.map((d) => x._shape[d]),
      dims.map((d) => x._strides[d]),
      x.offset,
    );
  },
  backward(ctx, g) {
    const inverse = new Array<number>(ctx.state.length);
    ctx.state.forEach((d, i) => (inverse[d] = i));
    return [g.permute(inverse)];
  },
});

const narrowOp = defineOp<[number, number, number], { shape: Shape; dim: number; start: number }>({
  op: 'narrow',
  nodeName: 'SliceBackward0',
  forward(ctx, [x], dim, start, length) {
    ctx.state = { shape: x._shape, dim, start };
    const shape = x._shape.slice();
    shape[dim] = length;
    return viewRaw(x, shape, x._strides, x.offset + start * x._strides[dim]);
  },
  backward(ctx, g) {
    const { shape, dim, start } = ctx.state;
    return [sliceBackwardOp([g], shape, dim, start)];
  },
});

// The gradient of narrow: g placed into zeros of the input's shape. Its own gradient is the
// narrow again, so second derivatives flow.
const sliceBackwardOp = defineOp<[Shape, number, number], { dim: number; start: number; length: number }>({
  op: 'sliceBackward',
  nodeName: 'SliceBackwardBackward0',
  forward(ctx, [g], shape, dim, start) {
    ctx.state = { dim, start, length: g._shape[dim] };
    const out = emptyRaw(shape, g.dtype);
    const region = out._shape.slice();
    region[dim] = g._shape[dim];
    copyInto(viewRaw(out, region, out._strides, start * out._strides[dim]), g);
    return out;
  },
  backward(ctx, gg) {
    const { dim, start, length } = ctx.state;
    return [narrow(gg, dim, start, length)];
  },
});

export function view(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('view', x);
  shape = intList('view', shape, 'shape');
  return viewOp([x], inferShape('view', shape, x.numel), 'ViewBackward0');
}

/** A view when the strides allow one, otherwise a contiguous copy (PyTorch's reshape). */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  checkTensor('reshape', x);
  shape = intList('reshape', shape, 'shape');
  const target = inferShape('reshape', shape, x.numel);
  if (viewStrides(x._shape, x._strides, target) !== null) return viewOp([x], target, 'ViewBackward0');
  return viewOp([cloneOp([x])], target, 'ViewBackward0');
}

/** A reshape of a fresh contiguous result, named as PyTorch's _unsafe_view (UnsafeViewBackward0). */
export function unsafeView(x: Tensor, shape: readonly number[]): Tensor {
  return viewOp([x], inferShape('view', shape, x.numel), 'UnsafeViewBackward0');
}

export function clone(x: Tensor): Tensor {
  return cloneOp([checkTensor('clone', x)]);
}

export function contiguous(x: Tensor): Tensor {
  checkTensor('contiguous', x);
  return x.isContiguous() ? x : cloneOp([x]);
}

export function expand(x: Tensor, sizes: readonly number[]): Tensor {
  checkTensor('expand', x);
  sizes = intList('expand', sizes, 'sizes');
  if (sizes.length < x.ndim) {
    throw shapeError(`expand: the number of sizes provided (${sizes.length}) must be greater or equal to the number of dimensions in the tensor (${x.ndim})`);
  }
  const lead = sizes.length - x.ndim;
  const target = sizes.map((s, i) => {
    if (i < lead) {
      if (s < 0) throw argumentError(`expand: The expanded size of the tensor (${s}) isn't allowed in a leading, non-existing dimension ${i}`);
      return s;
    }
    const src = x._shape[i - lead];
    if (s === -1) return src;
    // PyTorch keeps a negative size other than -1 on a size-1 dim, then as_strided refuses it.
    if (s < 0) throw argumentError(`expand: Trying to create tensor with negative dimension ${s}: ${fmt(sizes)}`);
    if (src !== 1 && s !== src) {
      throw shapeError(
        `expand: the expanded size of the tensor (${s}) must match the existing size (${src}) at non-singleton dimension ${i}.  Target sizes: ${fmt(sizes)}.  Tensor sizes: ${fmt(x._shape)}`,
      );
    }
    return s;
  });
  checkExtent('expand', target, false);
  return expandOp([x], target);
}

export function permute(x: Tensor, dims: readonly number[]): Tensor {
  checkTensor('permute', x);
  dims = intList('permute', dims);
  if (dims.length !== x.ndim) {
    throw argumentError(`permute: number of dims don't match in permute (got ${dims.length} for a ${x.ndim}-d tensor)`);
  }
  const norm = dims.map((d) => normDim('permute', d, x.ndim));
  if (new Set(norm).size !== norm.length) throw argumentError('permute: repeated dim in permute');
  return permuteOp([x], norm, 'PermuteBackward0');
}

export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  checkTensor('transpose', x);
  if (x.ndim === 0) return permuteOp([x], [], 'TransposeBackward0');
  const a = normDim('transpose', dim0, x.ndim);
  const b = normDim('transpose', dim1, x.ndim);
  const dims = x._shape.map((_, i) => i);
  dims[a] = b;
  dims[b] = a;
  return permuteOp([x], dims, 'TransposeBackward0');
}

/** The transpose of a tensor of at most 2 dims (PyTorch's t()). */
export function t(x: Tensor): Tensor {
  checkTensor('t', x);
  if (x.ndim > 2) throw argumentError(`t() expects a tensor with <= 2 dimensions, but self is ${x.ndim}D`);
  return permuteOp([x], x.ndim === 2 ? [1, 0] : x.ndim === 1 ? [0] : [], 'TBackward0');
}

export function squeeze(x: Tensor, dim?: number | readonly number[]): Tensor {
  checkTensor('squeeze', x);
  let drop: Set<number>;
  if (dim === undefined) drop = new Set(x._shape.flatMap((s, i) => (s === 1 ? [i] : [])));
  else {
    const list = intList('squeeze', dim);
    drop = new Set(list.map((d) => normDim('squeeze', d, x.ndim)).filter((d) => x._shape[d] === 1));
  }
  const shape = x._shape.filter((_, i) => !drop.has(i));
  const strides = x._strides.filter((_, i) => !drop.has(i));
  return viewOp([x], shape, dim === undefined ? 'SqueezeBackward0' : 'SqueezeBackward1', strides);
}

export function unsqueeze(x: Tensor, dim: number): Tensor {
  checkTensor('unsqueeze', x);
  const d = normDim('unsqueeze', dim, x.ndim + 1);
  const shape = x._shape.slice();
  shape.splice(d, 0, 1);
  // ATen's inferUnsqueezeGeometry: the new dim's stride is size * stride of the dim it precedes.
  const strides = x._strides.slice();
  strides.splice(d, 0, d >= x.ndim ? 1 : x._shape[d] * x._strides[d]);
  return viewOp([x], shape, 'UnsqueezeBackward0', strides);
}

export function flatten(x: Tensor, startDim = 0, endDim = -1): Tensor {
  checkTensor('flatten', x);
  if (x.ndim === 0) {
    // A scalar flattens to [1]; its dims are checked as a 1-D tensor's, as PyTorch's.
    normDim('flatten', startDim, 0);
    normDim('flatten', endDim, 0);
    return reshape(x, [1]);
  }
  const s = normDim('flatten', startDim, x.ndim);
  const e = normDim('flatten', endDim, x.ndim);
  if (s > e) throw argumentError('flatten() has invalid args: start_dim cannot come after end_dim');
  const shape = [...x._shape.slice(0, s), x._shape.slice(s, e + 1).reduce((a, b) => a * b, 1), ...x._shape.slice(e + 1)];
  return reshape(x, shape);
}

export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  checkTensor('narrow', x);
  if (x.ndim === 0) throw indexError('narrow() cannot be applied to a 0-dim tensor.');
  const d = normDim('narrow', dim, x.ndim);
  const size = x._shape[d];
  if (!Number.isInteger(start) || !Number.isInteger(length)) throw argumentError('narrow: start and length must be integers');
  const s = start < 0 ? start + size : start;
  if (s < 0 || s > size) {
    throw indexError(`narrow: start (${start}) is out of bounds for dimension ${d} with size ${size}`);
  }
  if (length < 0 || s + length > size) {
    throw indexError(`narrow: start (${s}) + length (${length}) exceeds dimension size (${size}).`);
  }
  return narrowOp([x], d, s, length);
}

interface Geometry {
  shape: Shape;
  strides: readonly number[];
  offset: number;
}

// A view of a contiguous tensor by explicit geometry (offset relative to the tensor's own), and
// its gradient, which places g into zeros. Used to rebuild history after in-place ops on views.
const asStridedOp: Op<[Geometry]> = defineOp<[Geometry], { inputShape: Shape; geom: Geometry }>({
  op: 'asStrided',
  nodeName: 'AsStridedBackward0',
  forward(ctx, [x], geom) {
    ctx.state = { inputShape: x._shape, geom };
    return viewRaw(x, geom.shape, geom.strides, x.offset + geom.offset);
  },
  backward(ctx, g): Tensor[] {
    return [asStridedScatterOp([g], ctx.state.inputShape, ctx.state.geom)];
  },
});

const asStridedScatterOp: Op<[Shape, Geometry]> = defineOp<[Shape, Geometry], Geometry>({
  op: 'asStridedScatter',
  nodeName: 'AsStridedScatterBackward0',
  forward(ctx, [g], shape, geom) {
    ctx.state = geom;
    const out = emptyRaw(shape, g.dtype);
    copyInto(viewRaw(out, geom.shape, geom.strides, geom.offset), g);
    return out;
  },
  backward(ctx, gg): Tensor[] {
    return [asStridedOp([gg.contiguous()], ctx.state)];
  },
});

/** The region `geom` of contiguous `x` as a recorded view. */
export function asStrided(x: Tensor, geom: Geometry): Tensor {
  if (!x.isContiguous()) throw argumentError('asStrided: expected a contiguous tensor');
  return asStridedOp([x], geom);
}
