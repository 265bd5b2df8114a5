// The activations torch.nn.functional has beyond lib/ops/activations.ts, composed from public
// ops so that their gradients are PyTorch's formulas (checked by gradcheck in the tests).
import { argumentError, shapeError } from '../errors';
import { normDim, show } from '../shape';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { elu, hardtanh } from '../ops/activations';
import { where } from '../ops/compare';
import { softmax } from '../ops/softmax';

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

function num(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw argumentError(`${op}: ${name} must be a number, got ${show(v)}`);
  return v;
}

/** scale * elu(x, alpha) with PyTorch's constants (torch.nn.functional.selu). */
export function selu(x: Tensor): Tensor {
  checkTensor('selu', x);
  return elu(x, SELU_ALPHA).mul(SELU_SCALE);
}

/** max(0, x) + min(0, alpha * (exp(x / alpha) - 1)) (torch.nn.functional.celu). */
export function celu(x: Tensor, alpha = 1): Tensor {
  checkTensor('celu', x);
  if (num('celu', 'alpha', alpha) === 0) throw argumentError('ZeroDivisionError');
  return alpha === 1 ? elu(x, 1) : elu(x.div(alpha), 1).mul(alpha);
}

/** relu6(x + 3) / 6 (torch.nn.functional.hardsigmoid). */
export function hardsigmoid(x: Tensor): Tensor {
  checkTensor('hardsigmoid', x);
  // (PyTorch's backward multiplies by 1/6 rounded to float32 even in float64: gradients differ in the 8th digit.)
  return hardtanh(x.add(3), { minVal: 0, maxVal: 6 }).div(6);
}

/** x * relu6(x + 3) / 6 (torch.nn.functional.hardswish). */
export function hardswish(x: Tensor): Tensor {
  checkTensor('hardswish', x);
  return x.mul(hardsigmoid(x));
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
  return x.sub(x.clamp(-lambd, lambd));
}

/** x where |x| > lambd, else 0 (torch.nn.functional.hardshrink). */
export function hardshrink(x: Tensor, lambd = 0.5): Tensor {
  checkTensor('hardshrink', x);
  num('hardshrink', 'lambd', lambd);
  return where(x.abs().gt(lambd), x, 0);
}

/** x where x > threshold, else value (torch.nn.functional.threshold). */
export function threshold(x: Tensor, thresholdValue: number, value: number): Tensor {
  checkTensor('threshold', x);
  return where(x.gt(num('threshold', 'threshold', thresholdValue)), x, num('threshold', 'value', value));
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
  const [a, b] = x.chunk(2, d);
  return a.mul(b.sigmoid());
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
  return where(x.gt(0), x, w.mul(x));
}
