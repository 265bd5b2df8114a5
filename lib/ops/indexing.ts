// indexSelect and its backward (index_add into zeros), each a registered op so that second
// derivatives flow through both.
import { defineOp, type Op } from '../autograd/define_op';
import { argumentError, dtypeError, indexError } from '../errors';
import { normDim, type Shape } from '../shape';
import { Tensor } from '../tensor';
import { gatherRaw, indexAddRaw, indexSelectRaw, scatterAddRaw, stableIndex } from '../backend/indexing';
import { checkTensor } from '../backend/operand';

/** The index as an Int32Array, from an int32 tensor (0-d or 1-D) or an array of integers. */
export function indexArray(op: string, index: unknown): Int32Array {
  if (index instanceof Tensor) {
    if (index.dtype !== 'int32') throw dtypeError(`${op}(): Expected dtype int32 for index, got ${index.dtype}`);
    if (index.ndim > 1) throw indexError(`${op}(): Index is supposed to be a vector, got ${index.ndim}-D`);
    return index._contiguousData() as Int32Array;
  }
  if (Array.isArray(index) && index.every((v) => Number.isInteger(v))) return Int32Array.from(index as number[]);
  throw argumentError(`${op}: index must be an int32 Tensor or an array of integers`);
}

const indexSelectOp: Op<[number, Int32Array]> = defineOp<[number, Int32Array], { shape: Shape; dim: number; index: Int32Array }>({
  op: 'indexSelect',
  nodeName: 'IndexSelectBackward0',
  forward(ctx, [x], dim, index) {
    // Kept for the backward, or read later by a queued async kernel: then a private copy.
    const own = stableIndex(index, ctx.needsInputGrad[0]);
    ctx.state = { shape: x.shape, dim, index: own };
    return indexSelectRaw(x, dim, own);
  },
  backward(ctx, g): Tensor[] {
    const { shape, dim, index } = ctx.state;
    return [indexAddOp([g], shape, dim, index)];
  },
});

const indexAddOp: Op<[Shape, number, Int32Array]> = defineOp<[Shape, number, Int32Array], { dim: number; index: Int32Array }>({
  op: 'indexAddZeros',
  nodeName: 'IndexAddBackward0',
  forward(ctx, [src], shape, dim, index) {
    ctx.state = { dim, index };
    return indexAddRaw(shape, dim, index, src);
  },
  backward(ctx, g): Tensor[] {
    return [indexSelectOp([g], ctx.state.dim, ctx.state.index)];
  },
});

export function indexSelect(x: Tensor, dim: number, index: Tensor | readonly number[]): Tensor {
  checkTensor('index_select', x);
  const d = normDim('index_select', dim, x.ndim);
  const idx = indexArray('index_select', index);
  const size = x.ndim === 0 ? 1 : x.shape[d];
  for (let k = 0; k < idx.length; k++) {
    const i = idx[k];
    if (i < 0 || i >= size) {
      throw indexError(`index_select(): index ${i} is out of bounds for dimension ${d} with size ${size}`);
    }
  }
  return indexSelectOp([x], d, idx);
}

const gatherOp: Op<[number, Tensor]> = defineOp<[number, Tensor], { shape: Shape; dim: number }>({
  op: 'gather',
  nodeName: 'GatherBackward0',
  forward(ctx, [x], dim, index) {
    ctx.state = { shape: x.shape, dim };
    ctx.save(index);
    return gatherRaw(x, dim, index);
  },
  backward(ctx, g): Tensor[] {
    const [index] = ctx.savedTensors();
    return [scatterAddOp([g], ctx.state.shape, ctx.state.dim, index!)];
  },
});

const scatterAddOp: Op<[Shape, number, Tensor]> = defineOp<[Shape, number, Tensor], { dim: number }>({
  op: 'scatterAddZeros',
  nodeName: 'ScatterAddBackward0',
  forward(ctx, [src], shape, dim, index) {
    ctx.state = { dim };
    ctx.save(index);
    return scatterAddRaw(shape, dim, index, src);
  },
  backward(ctx, g): Tensor[] {
    const [index] = ctx.savedTensors();
    return [gatherOp([g], ctx.state.dim, index!)];
  },
});

/** zeros(shape).scatter_add(dim, index, src): the backward of gather and of max/min along a dim. */
export function scatterAddZeros(src: Tensor, shape: Shape, dim: number, index: Tensor): Tensor {
  return scatterAddOp([src], shape, dim, index);
}

/** out[i][j] = x[index[i][j]][j] for dim 0, and likewise (torch.gather); index is int32. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor('gather', x);
  checkTensor('gather', index, 'index');
  if (index.dtype !== 'int32') throw dtypeError(`gather(): Expected dtype int32 for index, got ${index.dtype}`);
  const d = normDim('gather', dim, x.ndim);
  if (index.ndim !== x.ndim && !(x.ndim === 0 && index.ndim <= 1)) {
    throw indexError('gather(): Index tensor must have the same number of dimensions as input tensor');
  }
  return gatherOp([x], d, index);
}
