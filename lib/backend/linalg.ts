// Raw matrix products: the GEMM driver packs any strides (transposed views are not copied).
import type { Tensor } from '../tensor';
import { native } from './entries';
import { outputRaw } from './raw';

/**
 * Batched matrix product of 3-D operands [batch, m, k] x [batch, k, n], batch dims of size 1
 * broadcast; any strides. Writes a new tensor, or `into`.
 */
export function bmmRaw(a: Tensor, b: Tensor, into?: Tensor): Tensor {
  const batch = Math.max(a._shape[0], b._shape[0]);
  const aShape = [batch, a._shape[1], a._shape[2]];
  const bShape = [batch, b._shape[1], b._shape[2]];
  const aStrides = [a._shape[0] === 1 ? 0 : a._strides[0], a._strides[1], a._strides[2]];
  const bStrides = [b._shape[0] === 1 ? 0 : b._strides[0], b._strides[1], b._strides[2]];
  // `into`: a contiguous tensor of the product's size sharing no storage with a or b.
  const out = into ?? outputRaw([batch, a._shape[1], b._shape[2]], a.dtype);
  native.matmul(aShape, a._storage.data, aStrides, a.offset, bShape, b._storage.data, bStrides, b.offset, out._storage.data, out.offset);
  return out;
}

/**
 * The [m, n] product of matrices x [m, k] and y [k, n] of one dtype, any strides: a new tensor,
 * or `into` (as for bmmRaw). The 2-D case of bmmRaw without its 3-D views.
 */
export function mmRaw(x: Tensor, y: Tensor, into?: Tensor): Tensor {
  const m = x._shape[0];
  const n = y._shape[1];
  const out = into ?? outputRaw([m, n], x.dtype);
  native.matmul(
    [1, m, x._shape[1]],
    x._storage.data,
    [0, x._strides[0], x._strides[1]],
    x.offset,
    [1, y._shape[0], n],
    y._storage.data,
    [0, y._strides[0], y._strides[1]],
    y.offset,
    out._storage.data,
    out.offset,
  );
  return out;
}
