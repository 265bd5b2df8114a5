// The activations torch.nn.functional has beyond lib/ops/activations.ts: argument checks here,
// the ops (one node each, PyTorch's name and formulas) in lib/ops/activations_nn.ts; softsign and
// tanhshrink are composite in PyTorch too.
import { argumentError, shapeError } from '../errors';
import { normDim, show } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { softmax } from '../ops/softmax';
import { celuOp, gluOpFn, hardshrinkOpFn, hardsigmoidOpFn, hardswishOpFn, preluOpFn, seluOp, softshrinkOpFn, thresholdOpFn } from '../ops/activations_nn';

function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw argumentError(`${op}: ${name} must be a number, got ${show(v)}`);
  return v;
}

/** scale * elu(x, alpha) with PyTorch's constants (torch.nn.functional.selu). */
export function selu(x: Tensor): Tensor {
  return seluOp(x);
}

/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) (torch.nn.functional.celu). */
export function celu(x: Tensor, alpha = 1): Tensor {
  checkTensor('celu', x);
  if (num('celu', 'alpha', alpha) === 0) throw argumentError('celu: ZeroDivisionError: alpha cannot be 0 for CELU');
  return celuOp(x, alpha);
}

/** relu6(x + 3) / 6 (torch.nn.functional.hardsigmoid). */
export function hardsigmoid(x: Tensor): Tensor {
  return hardsigmoidOpFn(x);
}

/** x * relu6(x + 3) / 6 (torch.nn.functional.hardswish). */
export function hardswish(x: Tensor): Tensor {
  return hardswishOpFn(x);
}

/** x / (1 + |x|) (torch.nn.functional.softsign). */
export function softsign(x: Tensor): Tensor {
  checkTensor('softsign', x);
  return x.div(x.abs().add(1));
}

/** x - tanh(x) (torch.nn.functional.tanhshrink). */
export function tanhshrink(x: Tensor): Tensor {
  checkTensor('tanhshrink', x);
  return x.sub(x.tanh());
}

/** x - lambd where x > lambd, x + lambd where x < -lambd, else 0 (torch.nn.functional.softshrink). */
export function softshrink(x: Tensor, lambd = 0.5): Tensor {
  checkTensor('softshrink', x);
  if (num('softshrink', 'lambd', lambd) < 0) throw argumentError(`softshrink: lambda must be greater or equal to 0, but found to be ${show(lambd)}.`);
  return softshrinkOpFn(x, lambd);
}

/** x where |x| > lambd, else 0 (torch.nn.functional.hardshrink). */
export function hardshrink(x: Tensor, lambd = 0.5): Tensor {
  checkTensor('hardshrink', x);
  return hardshrinkOpFn(x, num('hardshrink', 'lambd', lambd));
}

/** x where x > threshold, else value (torch.nn.functional.threshold). */
export function threshold(x: Tensor, thresholdValue: number, value: number): Tensor {
  checkTensor('threshold', x);
  return thresholdOpFn(x, num('threshold', 'threshold', thresholdValue), num('threshold', 'value', value));
}

/** softmax(-x) along dim (torch.nn.functional.softmin). */
export function softmin(x: Tensor, dim: number): Tensor {
  checkTensor('softmin', x);
  return softmax(x.neg(), dim);
}

/** a * sigmoid(b), a and b the halves of x along dim (torch.nn.functional.glu). */
export function glu(x: Tensor, dim = -1): Tensor {
  checkTensor('glu', x);
  if (x.ndim === 0) throw argumentError('glu does not support scalars because halving size must be even');
  const d = normDim('glu', dim, x.ndim);
  const n = x.shape[d];
  if (n % 2 !== 0) throw shapeError(`Halving dimension must be even, but dimension ${d} is size ${n}`);
  return gluOpFn(x, d);
}

/** x where x > 0, else weight * x, weight per channel (dim 1) or one shared (torch.nn.functional.prelu). */
export function prelu(x: Tensor, weight: Tensor): Tensor {
  checkTensor('prelu', x);
  checkTensor('prelu', weight, 'weight');
  const n = weight.numel;
  let w = weight.reshape([n]);
  if (n !== 1) {
    if (x.ndim === 0) throw argumentError('prelu: Not allow zero-dim input tensor.');
    // PyTorch's channel dim is 1; a 1-D input has one channel.
    const channels = x.ndim >= 2 ? x.shape[1] : 1;
    if (channels !== n) {
      throw shapeError(`prelu: Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${channels}.`);
    }
    w = w.reshape([n, ...new Array<number>(x.ndim - 2).fill(1)]);
  } else {
    w = w.reshape([]);
  }
  return preluOpFn(x, w);
}
