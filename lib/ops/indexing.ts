// indexSelect and its backward (index_add into zeros), each a registered op so that second
// derivatives flow through both.
import { defineOp, type Op } from '../autograd/define_op';
import { allocate, isIntegral } from '../dtype';
import { argumentError, dtypeError, indexError } from '../errors';
import { normDim, type Shape } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { gatherRaw, indexAddRaw, indexSelectRaw, scatterAddRaw, stableIndex } from '../backend/indexing';
import { checkTensor } from '../backend/operand';

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * An int32 or int64 index's values as an Int32Array (the kernels' index type; no dim has 2^31
 * elements, so a value outside int32 is an INDEX error naming it). int32 data is not copied.
 */
export function indexValues(op: string, index: Tensor): Int32Array {
  if (!isIntegral(index.dtype)) throw dtypeError(`${op}(): Expected dtype int32 or int64 for index, got ${index.dtype}`);
  const data = index._contiguousData();
  if (data instanceof Int32Array) return data;
  const wide = data as BigInt64Array;
  // From the small-array slab: a new Int32Array of 100 elements cost ~1.5 us (its own backing store).
  const out = allocate('int32', wide.length) as Int32Array;
  if (LITTLE_ENDIAN) {
    // Each int64 as its two 32-bit words: it fits int32 when the high word is the low word's
    // sign. Reading the BigInt64Array itself makes a BigInt per element (~20 ns each).
    const words = new Int32Array(wide.buffer, wide.byteOffset, wide.length * 2);
    for (let i = 0; i < wide.length; i++) {
      const lo = words[2 * i];
      if (words[2 * i + 1] !== lo >> 31) throw indexError(`${op}(): index ${wide[i]} is out of bounds`);
      out[i] = lo;
    }
    return out;
  }
  for (let i = 0; i < wide.length; i++) {
    const v = wide[i];
    if (v < -2147483648n || v > 2147483647n) throw indexError(`${op}(): index ${v} is out of bounds`);
    out[i] = Number(v);
  }
  return out;
}

/** The index as an Int32Array, from an int32 or int64 tensor (0-d or 1-D) or an array of integers (or bigints). */
export function indexArray(op: string, index: unknown): Int32Array {
  if (isTensor(index)) {
    if (!isIntegral(index.dtype)) throw dtypeError(`${op}(): Expected dtype int32 or int64 for index, got ${index.dtype}`);
    if (index.ndim > 1) throw indexError(`${op}(): Index is supposed to be a vector, got ${index.ndim}-D`);
    return indexValues(op, index);
  }
  if (Array.isArray(index) && index.every((v) => Number.isInteger(v) || typeof v === 'bigint')) {
    const out = allocate('int32', index.length) as Int32Array;
    for (let i = 0; i < index.length; i++) {
      const v = Number(index[i]);
      if (!(v >= -2147483648 && v <= 2147483647)) throw indexError(`${op}(): index ${String(index[i])} is out of bounds`);
      out[i] = v;
    }
    return out;
  }
  throw argumentError(`${op}: index must be an int32 or int64 Tensor or an array of integers`);
}

const indexSelectOp: Op<[number, Int32Array]> = defineOp<[number, Int32Array], { shape: Shape; dim: number; index: Int32Array }>({
  op: 'indexSelect',
  nodeName: 'IndexSelectBackward0',
  forward(ctx, [x], dim, index) {
    // Kept for the backward, or read later by a queued async kernel: then a private copy.
    const own = stableIndex(index, ctx.needsInputGrad[0]);
    ctx.state = { shape: x._shape, dim, index: own };
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

export function indexSelect(x: Tensor, dim: number, index: Tensor | readonly (number | bigint)[]): Tensor {
  checkTensor('index_select', x);
  const d = normDim('index_select', dim, x.ndim);
  const idx = indexArray('index_select', index);
  const size = x.ndim === 0 ? 1 : x._shape[d];
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
    ctx.state = { shape: x._shape, dim };
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

/** out[i][j] = x[index[i][j]][j] for dim 0, and likewise (torch.gather); index is int32 or int64. */
export function gather(x: Tensor, dim: number, index: Tensor): Tensor {
  checkTensor('gather', x);
  checkTensor('gather', index, 'index');
  if (!isIntegral(index.dtype)) throw dtypeError(`gather(): Expected dtype int32 or int64 for index, got ${index.dtype}`);
  const d = normDim('gather', dim, x.ndim);
  if (index.ndim !== x.ndim && !(x.ndim === 0 && index.ndim <= 1)) {
    throw indexError('gather(): Index tensor must have the same number of dimensions as input tensor');
  }
  return gatherOp([x], d, index);
}
