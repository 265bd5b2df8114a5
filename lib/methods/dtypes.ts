// dtype conversion methods of the 0.2 surface that belong to int64.
import { to } from '../ops/cast';
import { Tensor } from '../tensor';

declare module '../tensor' {
  interface Tensor {
    /** A copy converted to int64, or this tensor when it already is int64 (PyTorch's `x.long()` = `x.to(torch.int64)`). */
    long(): Tensor;
  }
}

Tensor.prototype.long = function (this: Tensor): Tensor {
  return to(this, 'int64');
};
