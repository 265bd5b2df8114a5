// Raw elementwise kernels: binary, unary, comparison, where, and in-place accumulation.
import { broadcastShapes, broadcastStrides } from '../shape';
import type { Tensor } from '../tensor';
import { BinaryCode, type CompareCode, type UnaryCode } from './codes';
import { checkNotBusy } from './busy';
import { native } from './entries';
import { smallBinary, smallUnary } from './js_paths';
import { outputRaw } from './raw';

/** out = a (op) b with broadcasting; a and b share a dtype. */
export function binaryRaw(code: BinaryCode, a: Tensor, b: Tensor, opName: string): Tensor {
  const shape = broadcastShapes(opName, a._shape, b._shape);
  const out = outputRaw(shape, a.dtype);
  binaryInto(code, out, a, b);
  return out;
}

/** out = a (op) b written into `out` (which may alias a); a and b broadcast to out's shape. */
export function binaryInto(code: BinaryCode, out: Tensor, a: Tensor, b: Tensor): void {
  if (smallBinary(code, out, a, b)) return;
  const s = out._shape;
  native.binary(
    code,
    s,
    out._storage.data,
    out._strides,
    out.offset,
    a._storage.data,
    broadcastStrides(a._shape, a._strides, s),
    a.offset,
    b._storage.data,
    broadcastStrides(b._shape, b._strides, s),
    b.offset,
  );
}

/** dst += src in place (src broadcast to dst), bumping dst's version as any in-place write does. */
export function addInto(dst: Tensor, src: Tensor): void {
  checkNotBusy('grad accumulation', dst);
  binaryInto(BinaryCode.Add, dst, dst, src);
  dst._version.value++;
}

/** y += alpha * x in one pass over contiguous tensors of one float dtype and shape (no version bump). */
export function axpyInto(y: Tensor, alpha: number, x: Tensor): void {
  native.axpy(y.numel, alpha, y._storage.data, y.offset, x._storage.data, x.offset);
}

export function unaryRaw(code: UnaryCode, x: Tensor): Tensor {
  const out = outputRaw(x._shape, x.dtype);
  if (smallUnary(code, out, x)) return out;
  native.unary(code, x._shape, out._storage.data, out._strides, 0, x._storage.data, x._strides, x.offset);
  return out;
}

/** a (cmp) b as a bool tensor, broadcasting; a and b share a dtype. */
export function compareRaw(code: CompareCode, a: Tensor, b: Tensor, opName: string): Tensor {
  const s = broadcastShapes(opName, a._shape, b._shape);
  const out = outputRaw(s, 'bool');
  native.compare(
    code,
    s,
    out._storage.data as Uint8Array,
    out._strides,
    0,
    a._storage.data,
    broadcastStrides(a._shape, a._strides, s),
    a.offset,
    b._storage.data,
    broadcastStrides(b._shape, b._strides, s),
    b.offset,
  );
  return out;
}

/** cond ? a : b, broadcasting all three; a and b share a dtype. */
export function whereRaw(cond: Tensor, a: Tensor, b: Tensor): Tensor {
  const s = broadcastShapes('where', broadcastShapes('where', cond._shape, a._shape), b._shape);
  const out = outputRaw(s, a.dtype);
  native.where(
    s,
    out._storage.data,
    out._strides,
    0,
    cond._storage.data as Uint8Array,
    broadcastStrides(cond._shape, cond._strides, s),
    cond.offset,
    a._storage.data,
    broadcastStrides(a._shape, a._strides, s),
    a.offset,
    b._storage.data,
    broadcastStrides(b._shape, b._strides, s),
    b.offset,
  );
  return out;
}
