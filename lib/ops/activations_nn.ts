// The torch.nn.functional activations that PyTorch runs as single ATen ops (celu, selu, hardsigmoid,
// hardswish, softshrink, hardshrink, threshold, glu, prelu) and mse_loss: one node each with
// PyTorch's name, forwards in ATen's operation order in the input's dtype (Activation.cpp), and
// backwards as derivatives.yaml's formulas with ATen's constants (hardsigmoid's 1/6 is a float32
// even for float64; celu's backward input scale is 1 / float32(alpha)), written with registered
// ops so that they differentiate again.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { isFloating, type DType } from '../dtype';
import { dtypeError } from '../errors';
import type { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { where } from './compare';
import { hardtanh } from './activations';
import { cat } from './join';
import { sumTo } from './composite_support';
import { scalarTypeName } from './softmax';

/** Float only, with PyTorch's message naming its CPU kernel. */
export function checkFloatInput(op: string, kernel: string, x: Tensor): void {
  checkTensor(op, x);
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: "${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
}

/** A scalar as ATen's kernel holds it: `Scalar.to<scalar_t>()`. */
function asDtype(v: number, dtype: DType): number {
  return dtype === 'float32' ? Math.fround(v) : v;
}

interface EluState {
  alpha: number;
  scale: number;
  inputScale: number;
  backwardInputScale: number;
}

// ATen's elu kernel: x <= 0 ? (exp(x * negiptcoef) - 1) * negcoef : x * poscoef, with
// negcoef = alpha * scale and poscoef = scale in the input's dtype. selu and celu are this op.
const eluScaledOp = defineOp<[string, EluState], EluState>({
  op: 'elu_scaled',
  nodeName: (name) => name,
  forward(ctx, [x], _name, s) {
    ctx.state = s;
    ctx.save(x);
    const dt = x.dtype;
    const negcoef = asDtype(asDtype(s.alpha, dt) * asDtype(s.scale, dt), dt);
    return noGradSync(() => {
      const xd = x.detach();
      const neg = xd.mul(asDtype(s.inputScale, dt)).exp().sub(1).mul(negcoef);
      return where(xd.le(0), neg, xd.mul(asDtype(s.scale, dt)));
    });
  },
  backward(ctx, g) {
    // elu_backward(is_result = false): x <= 0 ? g * negiptcoef * negcoef * exp(x * negiptcoef) : g * poscoef
    const [x] = ctx.savedTensors();
    const s = ctx.state;
    const dt = x!.dtype;
    const negcoef = asDtype(asDtype(s.alpha, dt) * asDtype(s.scale, dt), dt);
    const nic = asDtype(s.backwardInputScale, dt);
    const neg = g.mul(nic).mul(negcoef).mul(x!.mul(nic).exp());
    return [where(x!.le(0), neg, g.mul(asDtype(s.scale, dt)))];
  },
});

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** scale * elu(x, alpha) with PyTorch's constants, one EluBackward0 node (torch.nn.functional.selu). */
export function seluOp(x: Tensor): Tensor {
  checkFloatInput('selu', 'elu_cpu', x);
  return eluScaledOp([x], 'EluBackward0', { alpha: SELU_ALPHA, scale: SELU_SCALE, inputScale: 1, backwardInputScale: 1 });
}

/** elu(x, alpha, scale 1, input scale 1 / alpha), one CeluBackward0 node (torch.nn.functional.celu). */
export function celuOp(x: Tensor, alpha: number): Tensor {
  checkFloatInput('celu', 'elu_cpu', x);
  // derivatives.yaml: elu_backward(grad, alpha, 1, 1.0 / alpha.toFloat(), false, self).
  return eluScaledOp([x], 'CeluBackward0', { alpha, scale: 1, inputScale: 1 / alpha, backwardInputScale: 1 / Math.fround(alpha) });
}

const ONE_SIXTH_F32 = Math.fround(1 / 6);

const hardsigmoidOp = defineOp<[], null>({
  op: 'hardsigmoid',
  nodeName: 'HardsigmoidBackward0',
  forward(ctx, [x]) {
    ctx.save(x);
    // min(max(x + 3, 0), 6) / 6
    return noGradSync(() => hardtanh(x.detach().add(3), { minVal: 0, maxVal: 6 }).div(6));
  },
  backward(ctx, g) {
    // (x > -3 && x < 3) ? g * (1.0f / 6.0f) : 0
    const [x] = ctx.savedTensors();
    return [where(x!.gt(-3).logicalAnd(x!.lt(3)), g.mul(ONE_SIXTH_F32), 0)];
  },
});

/** relu6(x + 3) / 6, one HardsigmoidBackward0 node (torch.nn.functional.hardsigmoid). */
export function hardsigmoidOpFn(x: Tensor): Tensor {
  checkFloatInput('hardsigmoid', 'hardsigmoid_cpu', x);
  return hardsigmoidOp([x]);
}

const hardswishOp = defineOp<[], null>({
  op: 'hardswish',
  nodeName: 'HardswishBackward0',
  forward(ctx, [x]) {
    ctx.save(x);
    // x * min(max(x + 3, 0), 6) / 6, left to right
    return noGradSync(() => {
      const xd = x.detach();
      return xd.mul(hardtanh(xd.add(3), { minVal: 0, maxVal: 6 })).div(6);
    });
  },
  backward(ctx, g) {
    // x < -3 ? 0 : x <= 3 ? g * (x / 3 + 0.5) : g
    const [x] = ctx.savedTensors();
    return [where(x!.lt(-3), 0, where(x!.le(3), g.mul(x!.div(3).add(0.5)), g))];
  },
});

/** x * relu6(x + 3) / 6, one HardswishBackward0 node (torch.nn.functional.hardswish). */
export function hardswishOpFn(x: Tensor): Tensor {
  checkFloatInput('hardswish', 'hardswish_cpu', x);
  return hardswishOp([x]);
}

/** |x| <= lambd, the band where the shrinks' gradient is 0 (shrink_backward). */
function inBand(x: Tensor, lambd: number): Tensor {
  return x.ge(-lambd).logicalAnd(x.le(lambd));
}

const softshrinkOp = defineOp<[number], { lambd: number }>({
  op: 'softshrink',
  nodeName: 'SoftshrinkBackward0',
  forward(ctx, [x], lambd) {
    ctx.state = { lambd };
    ctx.save(x);
    const l = asDtype(lambd, x.dtype);
    return noGradSync(() => {
      const xd = x.detach();
      return where(xd.gt(l), xd.sub(l), where(xd.lt(-l), xd.add(l), 0));
    });
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [where(inBand(x!, asDtype(ctx.state.lambd, x!.dtype)), 0, g)];
  },
});

/** x - lambd above lambd, x + lambd below -lambd, else 0 (torch.nn.functional.softshrink). */
export function softshrinkOpFn(x: Tensor, lambd: number): Tensor {
  checkFloatInput('softshrink', 'softshrink_cpu', x);
  return softshrinkOp([x], lambd);
}

const hardshrinkOp = defineOp<[number], { lambd: number }>({
  op: 'hardshrink',
  nodeName: 'HardshrinkBackward0',
  forward(ctx, [x], lambd) {
    ctx.state = { lambd };
    ctx.save(x);
    return noGradSync(() => where(inBand(x.detach(), asDtype(lambd, x.dtype)), 0, x.detach()));
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [where(inBand(x!, asDtype(ctx.state.lambd, x!.dtype)), 0, g)];
  },
});

/** x where |x| > lambd, else 0 (torch.nn.functional.hardshrink). */
export function hardshrinkOpFn(x: Tensor, lambd: number): Tensor {
  checkFloatInput('hardshrink', 'hardshrink_cpu', x);
  return hardshrinkOp([x], lambd);
}

const thresholdOp = defineOp<[number, number], { threshold: number }>({
  op: 'threshold',
  nodeName: 'ThresholdBackward0',
  forward(ctx, [x], threshold, value) {
    ctx.state = { threshold };
    ctx.save(x);
    // x <= threshold ? value : x (an integer input takes both numbers truncated, as Scalar.to<int>)
    const conv = (v: number) => (isFloating(x.dtype) ? asDtype(v, x.dtype) : Math.trunc(v));
    return noGradSync(() => where(x.detach().le(conv(threshold)), conv(value), x.detach()));
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [where(x!.le(asDtype(ctx.state.threshold, x!.dtype)), 0, g)];
  },
});

/** x where x > threshold, else value, one ThresholdBackward0 node (torch.nn.functional.threshold). */
export function thresholdOpFn(x: Tensor, threshold: number, value: number): Tensor {
  checkTensor('threshold', x);
  if (x.dtype === 'bool') throw dtypeError(`threshold: "threshold_cpu" not implemented for 'Bool'`);
  return thresholdOp([x], threshold, value);
}

const gluOp = defineOp<[number], { dim: number }>({
  op: 'glu',
  nodeName: 'GluBackward0',
  forward(ctx, [x], dim) {
    ctx.state = { dim };
    ctx.save(x);
    // a * (1 / (1 + exp(-b))), a and b the halves along dim
    return noGradSync(() => {
      const [a, b] = x.detach().chunk(2, dim);
      return a.mul(b.neg().exp().add(1).reciprocal());
    });
  },
  backward(ctx, g) {
    // glu_backward: d/da = sigmoid(b) g; d/db = (1 - sigmoid(b)) sigmoid(b) a g
    const [x] = ctx.savedTensors();
    const [a, b] = x!.chunk(2, ctx.state.dim);
    const s = b.sigmoid();
    return [cat([s.mul(g), s.neg().add(1).mul(s).mul(a).mul(g)], ctx.state.dim)];
  },
});

/** a * sigmoid(b) for the halves a, b of x along the (normalised) dim, one GluBackward0 node. */
export function gluOpFn(x: Tensor, dim: number): Tensor {
  checkFloatInput('glu', 'glu_cpu', x);
  return gluOp([x], dim);
}

const preluOp = defineOp<[], null>({
  op: 'prelu',
  nodeName: 'PreluBackward0',
  forward(ctx, [x, w]) {
    ctx.save(x, w);
    // x > 0 ? x : w * x, w [C, 1, ...] broadcast along the channel dim (or a 0-d one shared)
    return noGradSync(() => where(x.detach().gt(0), x.detach(), w.detach().mul(x.detach())));
  },
  backward(ctx, g) {
    // prelu_backward: dx = x > 0 ? g : w g; dw = sum over all but the channel of (x > 0 ? 0 : x g)
    const [x, w] = ctx.savedTensors();
    const pos = x!.gt(0);
    const gx = ctx.needsInputGrad[0] ? where(pos, g, w!.mul(g)) : null;
    let gw: Tensor | null = null;
    if (ctx.needsInputGrad[1]) {
      const t = where(pos, 0, x!.mul(g));
      const shape = ctx.inputShape(1);
      // Every dim but the channel (dim 1 of an input with 2+ dims); a shared (0-d) weight sums all.
      const keep = shape.length > 0 && t.ndim >= 2 ? 1 : -1;
      const dims = Array.from({ length: t.ndim }, (_, i) => i).filter((d) => d !== keep);
      gw = (dims.length === 0 ? t : t.sum(dims)).reshape(shape);
    }
    return [gx, gw];
  },
});

/** prelu on x with w already shaped to broadcast ([C, 1, ...] or 0-d), one PreluBackward0 node. */
export function preluOpFn(x: Tensor, w: Tensor): Tensor {
  return preluOp([x, w]);
}

const mseLossDef = defineOp<[string], { reduction: string }>({
  op: 'mse_loss',
  nodeName: 'MseLossBackward0',
  forward(ctx, [x, t], reduction) {
    ctx.state = { reduction };
    ctx.save(x, t);
    return noGradSync(() => {
      const loss = x.detach().sub(t.detach()).pow(2);
      return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
    });
  },
  backward(ctx, g) {
    // mse_loss_backward: norm * (x - t) * g, norm = 2 / numel for 'mean', else 2
    const [x, t] = ctx.savedTensors();
    // Inputs broadcast against each other, as PyTorch's TensorIterator; each gradient is summed back to its input's shape.
    const d = x!.sub(t!);
    const norm = ctx.state.reduction === 'mean' ? 2 / d.numel : 2;
    const gd = d.mul(norm).mul(g);
    return [ctx.needsInputGrad[0] ? sumTo(gd, ctx.inputShape(0)) : null, ctx.needsInputGrad[1] ? sumTo(gd.neg(), ctx.inputShape(1)) : null];
  },
});

/** (x - t)^2 reduced, one MseLossBackward0 node (shapes and reduction checked by the caller). */
export function mseLossOp(x: Tensor, t: Tensor, reduction: string): Tensor {
  return mseLossDef([x, t], reduction);
}
