import { defineOp } from '../autograd/define_op';
import { checkDType, isFloating, type DType } from '../dtype';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { castRaw } from '../backend/raw';

const toOp = defineOp<[DType], null>({
  op: 'to',
  nodeName: 'ToCopyBackward0',
  forward(_ctx, [x], dtype) {
    return castRaw(x, dtype);
  },
  backward(_ctx, g) {
    return [g]; // the engine converts it back to the input's dtype
  },
});

/** A copy converted to `dtype`, or the tensor itself when it already has it (PyTorch's .to). */
export function to(x: Tensor, dtype: DType): Tensor {
  checkTensor('to', x);
  checkDType(dtype, 'to');
  if (dtype === x.dtype) return x;
  // Integer and bool results are not differentiable: no node.
  return isFloating(dtype) ? toOp([x], dtype) : castRaw(x, dtype);
}
