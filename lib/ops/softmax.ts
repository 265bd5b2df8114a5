// softmax and log_softmax along a dim, with PyTorch's {dtype} option. Forward: the native
// kernel (max subtracted, so large inputs do not overflow); backward: PyTorch's
// _softmax_backward_data and _log_softmax_backward_data, each its own registry entry (as in
// PyTorch) whose backward is written with registered ops, so they differentiate again.
import { defineOp, type Op } from '../autograd/define_op';
import { checkDType, isFloating, scalarTypeName, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { normDim } from '../shape';
import type { Tensor } from '../tensor';
import { softmaxRaw } from '../backend/activations';
import { BinaryCode, UnaryCode } from '../backend/codes';
import { binaryRaw, unaryRaw } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { fromStorage } from '../backend/raw';
import { sumRaw } from '../backend/reduce';

export { scalarTypeName };

export interface SoftmaxOptions {
  /** Cast the input to this dtype first (PyTorch's `dtype=`), e.g. to take an integer tensor's softmax. */
  dtype?: DType;
}

interface SoftmaxState {
  dim: number;
}

/** The sum of x along dim, keeping the dim (size 1). */
function sumKeptRaw(x: Tensor, dim: number): Tensor {
  const s = sumRaw(
    x,
    x._shape.map((_, i) => i === dim),
    1,
  );
  return fromStorage(
    s._storage,
    x._shape.map((n, i) => (i === dim ? 1 : n)),
    s.dtype,
  );
}

/** _softmax_backward_data(go, y) = y * (go - sum(go * y, dim)). */
const softmaxBackwardDataOp: Op<[number]> = defineOp<[number], SoftmaxState>({
  op: 'softmaxBackwardData',
  nodeName: 'SoftmaxBackwardDataBackward0',
  forward(ctx, [go, y], dim) {
    ctx.state = { dim };
    ctx.save(go, y);
    const dot = sumKeptRaw(binaryRaw(BinaryCode.Mul, go, y, 'softmax_backward'), dim);
    return binaryRaw(BinaryCode.Mul, y, binaryRaw(BinaryCode.Sub, go, dot, 'softmax_backward'), 'softmax_backward');
  },
  backward(ctx, gg) {
    // PyTorch's softmax_double_backward for y: gg * go - sum(y * go) * gg - go * sum(y * gg)
    const [go, y] = ctx.savedTensors();
    const dim = ctx.state.dim;
    return [
      ctx.needsInputGrad[0] ? softmaxBackwardDataOp([gg, y!], dim) : null,
      ctx.needsInputGrad[1]
        ? gg
            .mul(go!)
            .sub(y!.mul(go!).sum(dim, true).mul(gg))
            .sub(go!.mul(y!.mul(gg).sum(dim, true)))
        : null,
    ];
  },
});

/** _log_softmax_backward_data(go, y) = go - exp(y) * sum(go, dim). */
const logSoftmaxBackwardDataOp: Op<[number]> = defineOp<[number], SoftmaxState>({
  op: 'logSoftmaxBackwardData',
  nodeName: 'LogSoftmaxBackwardDataBackward0',
  forward(ctx, [go, y], dim) {
    ctx.state = { dim };
    ctx.save(go, y);
    const scaled = binaryRaw(BinaryCode.Mul, unaryRaw(UnaryCode.Exp, y), sumKeptRaw(go, dim), 'log_softmax_backward');
    return binaryRaw(BinaryCode.Sub, go, scaled, 'log_softmax_backward');
  },
  backward(ctx, gg) {
    // go: gg - sum(gg * exp(y)); y: -gg * exp(y) * sum(go)
    const [go, y] = ctx.savedTensors();
    const dim = ctx.state.dim;
    const e = y!.exp();
    return [ctx.needsInputGrad[0] ? gg.sub(gg.mul(e).sum(dim, true)) : null, ctx.needsInputGrad[1] ? gg.mul(e).mul(go!.sum(dim, true)).neg() : null];
  },
});

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
    const [y] = ctx.savedTensors();
    return [softmaxBackwardDataOp([g, y!], ctx.state.dim)];
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
    const [y] = ctx.savedTensors();
    return [logSoftmaxBackwardDataOp([g, y!], ctx.state.dim)];
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
