// Shape queries and dtype shorthands of the 0.2 surface: size(), dim(), tolist(), float(),
// double(), int(), bool().
import { indexError } from '../errors';
import { normDim } from '../shape';
import { Tensor, type NestedArray } from '../tensor';
import { checkTensor } from '../backend/operand';
import { to } from '../ops/cast';

declare module '../tensor' {
  interface Tensor {
    /** The shape as a fresh array, or the size of one dim (negative counts from the end; PyTorch's size). */
    size(): number[];
    size(dim: number): number;
    /** The number of dims (PyTorch's dim()). */
    dim(): number;
    /** Nested arrays of the values (PyTorch's tolist(); = toArray()). */
    tolist(): NestedArray;
    /** to('float32'). */
    float(): Tensor;
    /** to('float64'). */
    double(): Tensor;
    /** to('int32'). */
    int(): Tensor;
    /** to('bool'). */
    bool(): Tensor;
  }
}

const P = Tensor.prototype;
P.size = function (this: Tensor, dim?: number) {
  checkTensor('size', this);
  if (dim === undefined) return this._shape.slice();
  if (this.ndim === 0) {
    normDim('size', dim, 0); // a dim argument must still be an integer
    throw indexError(`size: Dimension specified as ${dim} but tensor has no dimensions`);
  }
  return this._shape[normDim('size', dim, this.ndim)];
} as Tensor['size'];
P.dim = function () {
  return this.ndim;
};
P.tolist = function () {
  return this.toArray();
};
P.float = function () {
  return to(this, 'float32');
};
P.double = function () {
  return to(this, 'float64');
};
P.int = function () {
  return to(this, 'int32');
};
P.bool = function () {
  return to(this, 'bool');
};
