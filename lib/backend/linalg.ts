// Raw matrix products: the GEMM driver packs any strides (transposed views are not copied).
import type { Tensor } from '../tensor';
import { native } from './entries';
import { outputRaw } from './raw';

/**
 * Batched matrix product of 3-D operands [batch, m, k] x [batch, k, n], batch dims of size 1
 * broadcast; any strides. Writes a new tensor, or `into`.
 */
export function bmmRaw(a: Tensor, b: Tensor, into?: Tensor): Tensor {
  const batch = Math.max(a.shape[0], b.shape[0]);
  const aShape = [batch, a.shape[1], a.shape[2]];
  const bShape = [batch, b.shape[1], b.shape[2]];
  const aStrides = [a.shape[0] === 1 ? 0 : a.strides[0], a.strides[1], a.strides[2]];
  const bStrides = [b.shape[0] === 1 ? 0 : b.strides[0], b.strides[1], b.strides[2]];
  // `into`: a contiguous tensor of the product's size sharing no storage with a or b.
  const out = into ?? outputRaw([batch, a.shape[1], b.shape[2]], a.dtype);
  native.matmul(aShape, a._storage.data, aStrides, a.offset, bShape, b._storage.data, bStrides, b.offset, out._storage.data, out.offset);
  return out;
}

/**
 * The [m, n] product of matrices x [m, k] and y [k, n] of one dtype, any strides: a new tensor,
 * or `into` (as for bmmRaw). The 2-D case of bmmRaw without its 3-D views.
 */
export function mmRaw(x: Tensor, y: Tensor, into?: Tensor): Tensor {
  const m = x.shape[0];
  const n = y.shape[1];
  const out = into ?? outputRaw([m, n], x.dtype);
  native.matmul(
    [1, m, x.shape[1]],
    x._storage.data,
    [0, x.strides[0], x.strides[1]],
    x.offset,
    [1, y.shape[0], n],
    y._storage.data,
    [0, y.strides[0], y.strides[1]],
    y.offset,
    out._storage.data,
    out.offset,
  );
  return out;
}
