// Tensor methods of the linalg family: thin forwards to lib/ops.
import { outer } from '../ops/distance';
import { det, inv } from '../ops/factor';
import { norm, type NormOptions } from '../ops/norms';
import { Tensor } from '../tensor';

declare module '../tensor' {
  interface Tensor {
    /** torch.Tensor.norm(p = 2, dim?, {keepdim}): p a number, ±Infinity or 'fro'. */
    norm(p?: number | 'fro' | 'nuc', dim?: number | readonly number[] | null, opts?: NormOptions): Tensor;
    /** torch.Tensor.outer: the outer product with a 1-D tensor. */
    outer(vec2: Tensor): Tensor;
    /** torch.Tensor.det (= tg.linalg.det). */
    det(): Tensor;
    /** torch.Tensor.inverse (= tg.linalg.inv). */
    inverse(): Tensor;
  }
}

Tensor.prototype.norm = function (this: Tensor, p?: number | 'fro' | 'nuc', dim?: number | readonly number[] | null, opts?: NormOptions): Tensor {
  return norm(this, p, dim, opts);
};
Tensor.prototype.outer = function (this: Tensor, vec2: Tensor): Tensor {
  return outer(this, vec2);
};
Tensor.prototype.det = function (this: Tensor): Tensor {
  return det(this);
};
Tensor.prototype.inverse = function (this: Tensor): Tensor {
  return inv(this);
};
