// Elementwise functions of one tensor from the "more math" family (sin ... erfinv, rounding).
// Each entry holds its forward and its backward, the formula of PyTorch's derivatives.yaml.
import { defineOp } from '../autograd/define_op';
import { isFloating, scalarTypeName, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { optionsArg } from '../shape';
import type { Tensor } from '../tensor';
import { BinaryCode, UnaryCode } from '../backend/codes';
import { binaryRaw, unaryRaw } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { castRaw, emptyRaw, scalarRaw } from '../backend/raw';
import { pow } from './binary';
import { defineUnary } from './unary';

/**
 * How an op treats integer and bool inputs, as PyTorch does: 'float' computes them in float32
 * (its int_to_float promotion), 'same' keeps integers (the rounding functions return them
 * unchanged) and refuses bools, 'floatOnly' refuses both.
 */
type Inputs = 'float' | 'same' | 'floatOnly';

interface MathSpec {
  op: string;
  node: string;
  code: UnaryCode;
  inputs: Inputs;
  /** PyTorch's kernel name in its "not implemented for" message. */
  kernel?: string;
  /** What the backward reads: the input, the output, or neither. */
  saves: 'input' | 'output' | 'none';
  grad(g: Tensor, saved: Tensor): Tensor;
}

export { scalarTypeName };

export function notImplemented(kernel: string, d: DType): Error {
  return dtypeError(`"${kernel}" not implemented for '${scalarTypeName(d)}'`);
}

/** `x` in the dtype the op computes in, or PyTorch's error when it has no kernel for it. */
function inputFor(spec: { op: string; inputs: Inputs; kernel?: string }, x: Tensor): Tensor {
  if (isFloating(x.dtype)) return x;
  if (spec.inputs === 'float') return castRaw(x, 'float32');
  if (spec.inputs === 'same' && x.dtype !== 'bool') return x;
  throw notImplemented(spec.kernel ?? `${spec.op}_cpu`, x.dtype);
}

function defineMath(spec: MathSpec): (x: Tensor) => Tensor {
  // Inputs arrive in their compute dtype (inputFor), so the shared entry casts nothing.
  const op = defineUnary(spec);
  return (x: Tensor): Tensor => {
    checkTensor(spec.op, x);
    return op([inputFor(spec, x)]);
  };
}

const zeros = (g: Tensor): Tensor => emptyRaw(g._shape, g.dtype);
const LN2 = Math.LN2;
const LN10 = Math.LN10;

/** Sine, elementwise (torch.sin). */
export const sin = defineMath({ op: 'sin', node: 'SinBackward0', code: UnaryCode.Sin, inputs: 'float', saves: 'input', grad: (g, x) => g.mul(x.cos()) });
/** Cosine, elementwise (torch.cos). */
export const cos = defineMath({ op: 'cos', node: 'CosBackward0', code: UnaryCode.Cos, inputs: 'float', saves: 'input', grad: (g, x) => g.mul(x.sin().neg()) });
/** Tangent, elementwise (torch.tan). */
export const tan = defineMath({
  op: 'tan',
  node: 'TanBackward0',
  code: UnaryCode.Tan,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) => g.mul(y.pow(2).add(1)),
});
/** Arcsine, elementwise (torch.asin). */
export const asin = defineMath({
  op: 'asin',
  node: 'AsinBackward0',
  code: UnaryCode.Asin,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.mul(x.neg().mul(x).add(1).rsqrt()),
});
/** Arccosine, elementwise (torch.acos). */
export const acos = defineMath({
  op: 'acos',
  node: 'AcosBackward0',
  code: UnaryCode.Acos,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.mul(x.neg().mul(x).add(1).rsqrt().neg()),
});
/** Arctangent, elementwise (torch.atan). */
export const atan = defineMath({
  op: 'atan',
  node: 'AtanBackward0',
  code: UnaryCode.Atan,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.div(x.mul(x).add(1)),
});
/** Hyperbolic sine, elementwise (torch.sinh). */
export const sinh = defineMath({ op: 'sinh', node: 'SinhBackward0', code: UnaryCode.Sinh, inputs: 'float', saves: 'input', grad: (g, x) => g.mul(x.cosh()) });
/** Hyperbolic cosine, elementwise (torch.cosh). */
export const cosh = defineMath({ op: 'cosh', node: 'CoshBackward0', code: UnaryCode.Cosh, inputs: 'float', saves: 'input', grad: (g, x) => g.mul(x.sinh()) });
/** Inverse hyperbolic sine, elementwise (torch.asinh). */
export const asinh = defineMath({
  op: 'asinh',
  node: 'AsinhBackward0',
  code: UnaryCode.Asinh,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.mul(x.pow(2).add(1).rsqrt()),
});
/** Inverse hyperbolic cosine, elementwise (torch.acosh). */
export const acosh = defineMath({
  op: 'acosh',
  node: 'AcoshBackward0',
  code: UnaryCode.Acosh,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.mul(x.pow(2).sub(1).rsqrt()),
});
/** Inverse hyperbolic tangent, elementwise (torch.atanh). */
export const atanh = defineMath({
  op: 'atanh',
  node: 'AtanhBackward0',
  code: UnaryCode.Atanh,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.div(x.pow(2).neg().add(1)),
});
/** Largest integer not above x (torch.floor); integer inputs are returned as they are. */
export const floor = defineMath({
  op: 'floor',
  node: 'FloorBackward0',
  code: UnaryCode.Floor,
  inputs: 'same',
  kernel: 'floor_vml_cpu',
  saves: 'none',
  grad: zeros,
});
/** Smallest integer not below x (torch.ceil); integer inputs are returned as they are. */
export const ceil = defineMath({ op: 'ceil', node: 'CeilBackward0', code: UnaryCode.Ceil, inputs: 'same', kernel: 'ceil_vml_cpu', saves: 'none', grad: zeros });
const roundPlain = defineMath({ op: 'round', node: 'RoundBackward0', code: UnaryCode.Round, inputs: 'same', kernel: 'round_cpu', saves: 'none', grad: zeros });
/** Toward zero (torch.trunc); integer inputs are returned as they are. */
export const trunc = defineMath({
  op: 'trunc',
  node: 'TruncBackward0',
  code: UnaryCode.Trunc,
  inputs: 'same',
  kernel: 'trunc_vml_cpu',
  saves: 'none',
  grad: zeros,
});
/** x - trunc(x), the fractional part with x's sign (torch.frac); floats only, as PyTorch. */
export const frac = defineMath({ op: 'frac', node: 'FracBackward0', code: UnaryCode.Frac, inputs: 'floatOnly', saves: 'none', grad: (g) => g });
/** 1 / x (torch.reciprocal); integers compute in float32. */
export const reciprocal = defineMath({
  op: 'reciprocal',
  node: 'ReciprocalBackward0',
  code: UnaryCode.Reciprocal,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) => g.neg().mul(y.mul(y)),
});
/** 1 / sqrt(x) (torch.rsqrt). */
export const rsqrt = defineMath({
  op: 'rsqrt',
  node: 'RsqrtBackward0',
  code: UnaryCode.Rsqrt,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) => g.mul(-0.5).mul(y.pow(3)),
});
/** log(1 + x), accurate near 0 (torch.log1p). */
export const log1p = defineMath({
  op: 'log1p',
  node: 'Log1PBackward0',
  code: UnaryCode.Log1p,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.div(x.add(1)),
});
/** exp(x) - 1, accurate near 0 (torch.expm1). */
export const expm1 = defineMath({
  op: 'expm1',
  node: 'Expm1Backward0',
  code: UnaryCode.Expm1,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) => g.mul(y.add(1)),
});
/** Base-2 logarithm (torch.log2). */
export const log2 = defineMath({ op: 'log2', node: 'Log2Backward0', code: UnaryCode.Log2, inputs: 'float', saves: 'input', grad: (g, x) => g.div(x.mul(LN2)) });
/** Base-10 logarithm (torch.log10). */
export const log10 = defineMath({
  op: 'log10',
  node: 'Log10Backward0',
  code: UnaryCode.Log10,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) => g.div(x.mul(LN10)),
});
/** 2^x (torch.exp2). */
export const exp2 = defineMath({
  op: 'exp2',
  node: 'Exp2Backward0',
  code: UnaryCode.Exp2,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) => g.mul(y).mul(LN2),
});
/** The error function (torch.erf). */
export const erf = defineMath({
  op: 'erf',
  node: 'ErfBackward0',
  code: UnaryCode.Erf,
  inputs: 'float',
  saves: 'input',
  grad: (g, x) =>
    x
      .pow(2)
      .neg()
      .exp()
      .mul(2 / Math.sqrt(Math.PI))
      .mul(g),
});
/** The inverse error function (torch.erfinv): NaN outside [-1, 1], ±Infinity at ±1. */
export const erfinv = defineMath({
  op: 'erfinv',
  node: 'ErfinvBackward0',
  code: UnaryCode.Erfinv,
  inputs: 'float',
  saves: 'output',
  grad: (g, y) =>
    y
      .pow(2)
      .exp()
      .mul(0.5 * Math.sqrt(Math.PI))
      .mul(g),
});

const roundDecimalsOp = defineOp<[number], null>({
  op: 'roundDecimals',
  nodeName: 'RoundBackward1',
  // PyTorch's round_decimals kernel: nearbyint(x * 10^d) / 10^d, or nearbyint(x / 10^-d) * 10^-d
  // for negative d, with 10^|d| rounded to the tensor's dtype.
  forward(ctx, [x], decimals) {
    const ten = scalarRaw(10 ** Math.abs(decimals), x.dtype);
    if (decimals < 0) return binaryRaw(BinaryCode.Mul, unaryRaw(UnaryCode.Round, binaryRaw(BinaryCode.Div, x, ten, 'round')), ten, 'round');
    return binaryRaw(BinaryCode.Div, unaryRaw(UnaryCode.Round, binaryRaw(BinaryCode.Mul, x, ten, 'round')), ten, 'round');
  },
  backward(ctx, g) {
    return [zeros(g)];
  },
});

export interface RoundOptions {
  /** Digits to keep after the point (negative: before it), as torch.round(x, decimals=d). */
  decimals?: number;
}

/** Rounds half to even (torch.round); `{decimals}` rounds to that many decimal digits. */
export function round(x: Tensor, opts?: RoundOptions | null): Tensor {
  checkTensor('round', x);
  const d = optionsArg<RoundOptions>('round', opts)?.decimals;
  if (d === undefined) return roundPlain(x);
  if (!Number.isInteger(d)) throw argumentError(`round: decimals must be an integer, got ${String(d)}`);
  return roundDecimalsOp([inputFor({ op: 'round', inputs: 'floatOnly' }, x)], d);
}

/** x * x (torch.square): PyTorch's pow(x, 2), so its node is PowBackward0 and integers stay integers. */
export function square(x: Tensor): Tensor {
  checkTensor('square', x);
  return pow(x, 2);
}
