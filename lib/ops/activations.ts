// Elementwise activations (torch.nn.functional's). Forwards run native kernels; backwards are
// PyTorch's derivatives.yaml formulas written with registered ops, so every one differentiates
// again (gelu's through its own registered backward, as PyTorch's gelu_backward).
import { defineOp, type Op } from '../autograd/define_op';
import { isFloating } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import type { Tensor } from '../tensor';
import { activationRaw } from '../backend/activations';
import { ActivationCode, BinaryCode, CompareCode } from '../backend/codes';
import { binaryRaw, compareRaw, whereRaw } from '../backend/elementwise';
import { checkTensor, wrapNumber, wrapOperand } from '../backend/operand';
import { castRaw } from '../backend/raw';
import { where } from './compare';
import { scalarTypeName } from './softmax';

/** Float only, with PyTorch's message naming its CPU kernel. */
function checkFloat(op: string, kernel: string, x: Tensor): Tensor {
  checkTensor(op, x);
  if (!isFloating(x.dtype)) throw dtypeError(`${op}: "${kernel}" not implemented for '${scalarTypeName(x.dtype)}'`);
  return x;
}

function checkOptions<T>(op: string, options: T): T {
  if (options === null || typeof options !== 'object')
    throw argumentError(`${op}: options must be an object, got ${options === null ? 'null' : typeof options}`);
  return options;
}

function checkNumber(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number') throw argumentError(`${op}: ${name} must be a number, got ${typeof v}`);
  return v;
}

type Approximate = 'none' | 'tanh';
const GELU_K0 = Math.SQRT2 * (2 / Math.sqrt(Math.PI)) * 0.5;
const GELU_K1 = 0.044715;

/** gelu_backward(g, x) = g * gelu'(x); its own derivative in x is g * gelu''(x). */
const geluBackwardOp: Op<[Approximate]> = defineOp<[Approximate], { approximate: Approximate }>({
  op: 'geluBackward',
  nodeName: 'GeluBackwardBackward0',
  forward(ctx, [g, x], approximate) {
    ctx.state = { approximate };
    ctx.save(g, x);
    const d = activationRaw(approximate === 'tanh' ? ActivationCode.GeluTanhDeriv : ActivationCode.GeluDeriv, x);
    return binaryRaw(BinaryCode.Mul, g, d, 'gelu_backward');
  },
  backward(ctx, gg) {
    const [g, x] = ctx.savedTensors();
    const approximate = ctx.state.approximate;
    let second: Tensor;
    if (approximate === 'none') {
      // phi(x) * (2 - x^2)
      const x2 = x!.mul(x!);
      second = x2
        .mul(-0.5)
        .exp()
        .mul(1 / Math.sqrt(2 * Math.PI))
        .mul(x2.neg().add(2));
    } else {
      // (1 - t^2) * (u' - x t u'^2 + x u'' / 2), u = k0 (x + k1 x^3)
      const x2 = x!.mul(x!);
      const t = x!.add(x2.mul(x!).mul(GELU_K1)).mul(GELU_K0).tanh();
      const du = x2
        .mul(3 * GELU_K1)
        .add(1)
        .mul(GELU_K0);
      const inner = du.sub(x!.mul(t).mul(du.mul(du))).add(x2.mul(3 * GELU_K0 * GELU_K1));
      second = t.mul(t).neg().add(1).mul(inner);
    }
    return [ctx.needsInputGrad[0] ? geluBackwardOp([gg, x!], approximate) : null, ctx.needsInputGrad[1] ? gg.mul(g!).mul(second) : null];
  },
});

const geluOp = defineOp<[Approximate], { approximate: Approximate }>({
  op: 'gelu',
  nodeName: 'GeluBackward0',
  forward(ctx, [x], approximate) {
    ctx.state = { approximate };
    ctx.save(x);
    return activationRaw(approximate === 'tanh' ? ActivationCode.GeluTanh : ActivationCode.Gelu, x);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [geluBackwardOp([g, x!], ctx.state.approximate)];
  },
});

/** A parameterless activation whose backward is a function of the saved input. */
function defineSimple(op: string, nodeName: string, code: ActivationCode, grad: (g: Tensor, x: Tensor) => Tensor): Op<[]> {
  return defineOp<[], null>({
    op,
    nodeName,
    forward(ctx, [x]) {
      ctx.save(x);
      return activationRaw(code, x);
    },
    backward(ctx, g) {
      const [x] = ctx.savedTensors();
      return [grad(g, x!)];
    },
  });
}

// silu' = s (1 + x (1 - s)), s = sigmoid(x)
const siluOp = defineSimple('silu', 'SiluBackward0', ActivationCode.Silu, (g, x) => {
  const s = x.sigmoid();
  return g.mul(s.mul(x.mul(s.neg().add(1)).add(1)));
});
// log_sigmoid' = 1 - sigmoid(x) = sigmoid(-x)
const logSigmoidOp = defineSimple('logSigmoid', 'LogSigmoidBackward0', ActivationCode.LogSigmoid, (g, x) => g.mul(x.neg().sigmoid()));

interface SoftplusState {
  beta: number;
  threshold: number;
}
const softplusOp = defineOp<[number, number], SoftplusState>({
  op: 'softplus',
  nodeName: 'SoftplusBackward0',
  forward(ctx, [x], beta, threshold) {
    ctx.state = { beta, threshold };
    ctx.save(x);
    return activationRaw(ActivationCode.Softplus, x, beta, threshold);
  },
  backward(ctx, g) {
    // g where beta x > threshold (the linear part), else g * sigmoid(beta x)
    const [x] = ctx.savedTensors();
    const { beta, threshold } = ctx.state;
    const bx = x!.mul(beta);
    return [where(bx.gt(threshold), g, g.mul(bx.sigmoid()))];
  },
});

// mish' = tanh(sp) + x sigmoid(x) (1 - tanh(sp)^2), sp = softplus(x)
const mishOp = defineSimple('mish', 'MishBackward0', ActivationCode.Mish, (g, x) => {
  const t = softplusOp([x], 1, 20).tanh();
  return g.mul(t.add(x.mul(x.sigmoid()).mul(t.mul(t).neg().add(1))));
});

const eluOp = defineOp<[number], { alpha: number }>({
  op: 'elu',
  nodeName: 'EluBackward0',
  forward(ctx, [x], alpha) {
    ctx.state = { alpha };
    ctx.save(x);
    return activationRaw(ActivationCode.Elu, x, alpha);
  },
  backward(ctx, g) {
    // g where x > 0, else g * alpha * exp(x)
    const [x] = ctx.savedTensors();
    return [where(x!.gt(0), g, g.mul(x!.exp().mul(ctx.state.alpha)))];
  },
});

/** A constant factor (no gradient of its own): 1 where cond holds, else `other`. */
function factorRaw(cond: Tensor, other: number, like: Tensor): Tensor {
  return whereRaw(cond, wrapOperand('activation', like, 1), wrapOperand('activation', like, other));
}

const leakyReluOp = defineOp<[number], { slope: number }>({
  op: 'leakyRelu',
  nodeName: 'LeakyReluBackward0',
  forward(ctx, [x], slope) {
    ctx.state = { slope };
    ctx.save(x);
    return activationRaw(ActivationCode.LeakyRelu, x, slope);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [g.mul(factorRaw(compareRaw(CompareCode.Gt, x!, wrapOperand('leakyRelu', x!, 0), 'leakyRelu'), ctx.state.slope, g))];
  },
});

const hardtanhOp = defineOp<[number, number], { lo: number; hi: number }>({
  op: 'hardtanh',
  nodeName: 'HardtanhBackward0',
  forward(ctx, [x], lo, hi) {
    ctx.state = { lo, hi };
    ctx.save(x);
    // max(lo, x) then min(hi, .): NaN stays NaN, -0 stays -0 (the bound loses ties), and
    // min > max gives max everywhere, as PyTorch's clamp. Integer tensors take the bounds
    // truncated, as PyTorch's.
    const bound = (v: number) => wrapNumber(isFloating(x.dtype) ? v : Math.trunc(v), x.dtype);
    const up = binaryRaw(BinaryCode.Maximum, bound(lo), x, 'hardtanh');
    return binaryRaw(BinaryCode.Minimum, bound(hi), up, 'hardtanh');
  },
  backward(ctx, g) {
    // g where min < x < max, else 0 (hardtanh_backward)
    const [x] = ctx.savedTensors();
    const { lo, hi } = ctx.state;
    const above = castRaw(compareRaw(CompareCode.Gt, x!, wrapOperand('hardtanh', x!, lo), 'hardtanh'), g.dtype);
    const below = castRaw(compareRaw(CompareCode.Lt, x!, wrapOperand('hardtanh', x!, hi), 'hardtanh'), g.dtype);
    return [g.mul(binaryRaw(BinaryCode.Mul, above, below, 'hardtanh'))];
  },
});

export interface GeluOptions {
  /** 'none' (exact, with erf) or 'tanh' (the tanh approximation). */
  approximate?: Approximate;
}

/** x * Phi(x), Phi the standard normal CDF; `{approximate: 'tanh'}` for the tanh form (torch.nn.functional.gelu). */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  checkFloat('gelu', 'GeluKernelImpl', x);
  const approximate = checkOptions('gelu', options).approximate ?? 'none';
  if (approximate !== 'none' && approximate !== 'tanh') throw argumentError('gelu: approximate argument must be either none or tanh.');
  return geluOp([x], approximate);
}

/** x * sigmoid(x) (torch.nn.functional.silu). */
export function silu(x: Tensor): Tensor {
  return siluOp([checkFloat('silu', 'silu_cpu', x)]);
}

/** x * tanh(softplus(x)) (torch.nn.functional.mish). */
export function mish(x: Tensor): Tensor {
  return mishOp([checkFloat('mish', 'mish_cpu', x)]);
}

/** log(sigmoid(x)), computed stably (torch.nn.functional.logsigmoid). */
export function logSigmoid(x: Tensor): Tensor {
  return logSigmoidOp([checkFloat('logSigmoid', 'log_sigmoid_cpu', x)]);
}

export interface SoftplusOptions {
  beta?: number;
  /** Above beta * x > threshold the result is x itself. */
  threshold?: number;
}

/** log(1 + exp(beta x)) / beta, linear where beta x > threshold (torch.nn.functional.softplus). */
export function softplus(x: Tensor, options: SoftplusOptions = {}): Tensor {
  checkFloat('softplus', 'softplus_cpu', x);
  const beta = checkNumber('softplus', 'beta', checkOptions('softplus', options).beta ?? 1);
  const threshold = checkNumber('softplus', 'threshold', options.threshold ?? 20);
  return softplusOp([x], beta, threshold);
}

/** x where x > 0, else alpha * (exp(x) - 1) (torch.nn.functional.elu). */
export function elu(x: Tensor, alpha = 1): Tensor {
  checkFloat('elu', 'elu_cpu', x);
  return eluOp([x], checkNumber('elu', 'alpha', alpha));
}

/** x where x > 0, else slope * x (torch.nn.functional.leaky_relu). */
export function leakyRelu(x: Tensor, slope = 0.01): Tensor {
  checkFloat('leakyRelu', 'leaky_relu_cpu', x);
  return leakyReluOp([x], checkNumber('leakyRelu', 'slope', slope));
}

export interface HardtanhOptions {
  minVal?: number;
  maxVal?: number;
}

/** x clamped to [minVal, maxVal] (default [-1, 1]); integer tensors stay integer (torch.nn.functional.hardtanh). */
export function hardtanh(x: Tensor, options: HardtanhOptions = {}): Tensor {
  checkTensor('hardtanh', x);
  if (x.dtype === 'bool') throw dtypeError('hardtanh: Bool inputs not supported for hardtanh');
  const lo = checkNumber('hardtanh', 'minVal', checkOptions('hardtanh', options).minVal ?? -1);
  const hi = checkNumber('hardtanh', 'maxVal', options.maxVal ?? 1);
  return hardtanhOp([x], lo, hi);
}

/** min(max(x, 0), 6), PyTorch's hardtanh(x, 0, 6) (torch.nn.functional.relu6). */
export function relu6(x: Tensor): Tensor {
  checkTensor('relu6', x);
  if (x.dtype === 'bool') throw dtypeError('relu6: Bool inputs not supported for hardtanh');
  return hardtanhOp([x], 0, 6);
}
