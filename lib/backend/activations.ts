// Raw activation and softmax kernels: float tensors in (any layout), a new contiguous tensor out.
import type { Tensor } from '../tensor';
import type { ActivationCode } from './codes';
import { native } from './entries';
import { contiguousRaw, outputRaw } from './raw';

/** f(x) elementwise for a float x; p0, p1 are the activation's scalar parameters. */
export function activationRaw(code: ActivationCode, x: Tensor, p0 = 0, p1 = 0): Tensor {
  const c = contiguousRaw(x);
  const out = outputRaw(x._shape, x.dtype);
  native.activation(code, c.numel, c._storage.data, c.offset, out._storage.data, 0, p0, p1);
  return out;
}

/** softmax (or log_softmax) of a float x along the normalised dim (0 for a 0-d x). */
export function softmaxRaw(x: Tensor, dim: number, log: boolean): Tensor {
  const c = contiguousRaw(x);
  const out = outputRaw(x._shape, x.dtype);
  native.softmax(log, c._shape, dim, c._storage.data, c.offset, out._storage.data, 0);
  return out;
}
