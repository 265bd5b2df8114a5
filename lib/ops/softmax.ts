// softmax and log_softmax along a dim, with PyTorch's {dtype} option. Forward: the native
// kernel (max subtracted, so large inputs do not overflow); backward: PyTorch's
// _softmax_backward_data formulas written with registered ops, so they differentiate again.
import { defineOp } from '../autograd/define_op';
import { checkDType, isFloating, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { normDim } from '../shape';
import type { Tensor } from '../tensor';
import { softmaxRaw } from '../backend/activations';
import { checkTensor } from '../backend/operand';

/** PyTorch's ScalarType name, as its "not implemented for 'Int'" messages print it. */
export function scalarTypeName(d: DType): string {
  const names: Record<string, string> = { bool: 'Bool', int32: 'Int', int64: 'Long', float32: 'Float', float64: 'Double' };
  return names[d] ?? d;
}

export interface SoftmaxOptions {
  /** Cast the input to this dtype first (PyTorch's `dtype=`), e.g. to take an integer tensor's softmax. */
  dtype?: DType;
}

interface SoftmaxState {
  dim: number;
}

const softmaxOp = defineOp<[number], SoftmaxState>({
  op: 'softmax',
  nodeName: 'SoftmaxBackward0',
  forward(ctx, [x], dim) {
    const out = softmaxRaw(x, dim, false);
    ctx.state = { dim };
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // y * (g - sum(g * y, dim))
    const [y] = ctx.savedTensors();
    return [y!.mul(g.sub(g.mul(y!).sum(ctx.state.dim, true)))];
  },
});

const logSoftmaxOp = defineOp<[number], SoftmaxState>({
  op: 'logSoftmax',
  nodeName: 'LogSoftmaxBackward0',
  forward(ctx, [x], dim) {
    const out = softmaxRaw(x, dim, true);
    ctx.state = { dim };
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    // g - exp(y) * sum(g, dim)
    const [y] = ctx.savedTensors();
    return [g.sub(y!.exp().mul(g.sum(ctx.state.dim, true)))];
  },
});

function prepare(op: string, x: Tensor, dim: number, options: SoftmaxOptions | undefined): { input: Tensor; dim: number } {
  checkTensor(op, x);
  if (options !== undefined && (options === null || typeof options !== 'object')) throw argumentError(`${op}: options must be an object`);
  const d = normDim(op, dim, x.ndim);
  const dtype = options?.dtype === undefined || options.dtype === null ? x.dtype : checkDType(options.dtype, op);
  if (!isFloating(dtype)) {
    // PyTorch names its kernel: the last-dim one where dim is the last.
    const kernel = `${op === 'softmax' ? 'softmax' : 'log_softmax'}_${d >= x.ndim - 1 ? 'lastdim_' : ''}kernel_impl`;
    throw dtypeError(`${op}: "${kernel}" not implemented for '${scalarTypeName(dtype)}'`);
  }
  return { input: dtype === x.dtype ? x : x.to(dtype), dim: d };
}

/** Softmax along `dim`: exp(x) / sum(exp(x)) (torch.softmax). Options: `{dtype}` casts the input first. */
export function softmax(x: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  const { input, dim: d } = prepare('softmax', x, dim, options);
  return softmaxOp([input], d);
}

/** log(softmax(x)) along `dim`, computed stably as x - max - log(sum(exp(x - max))) (torch.log_softmax). */
export function logSoftmax(x: Tensor, dim: number, options?: SoftmaxOptions): Tensor {
  const { input, dim: d } = prepare('logSoftmax', x, dim, options);
  return logSoftmaxOp([input], d);
}
