// Broadcasting arithmetic: add sub mul div pow. Each entry holds its forward and backward.
import { defineOp } from '../autograd/define_op';
import { setGradientAdd } from '../autograd/engine';
import { isFloating, isIntegral, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
export { checkAlpha };
import type { Tensor } from '../tensor';
import { BinaryCode } from '../backend/codes';
import { binaryRaw } from '../backend/elementwise';
import { asDType, checkTensor, resultType, wrapOperand, type Operand } from '../backend/operand';
import { castRaw, emptyRaw } from '../backend/raw';
import { sumTo } from './composite_support';
import { where } from './compare';

/** Promotes both operands to their result dtype and runs the kernel. */
function compute(code: BinaryCode, name: string, a: Tensor, b: Tensor, trueDivide = false): Tensor {
  let dtype: DType = resultType(a, b);
  if (trueDivide && !isFloating(dtype)) dtype = 'float32';
  if (dtype === 'bool') {
    // PyTorch: + is logical or, * logical and; - on bools is refused.
    if (code === BinaryCode.Add || code === BinaryCode.Mul) {
      return castRaw(binaryRaw(code, asDType(a, 'int32'), asDType(b, 'int32'), name), 'bool');
    }
    if (code === BinaryCode.Sub) {
      throw dtypeError('Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or `logical_xor()` operator instead.');
    }
    throw dtypeError(`${name}: not supported for bool tensors`);
  }
  return binaryRaw(code, asDType(a, dtype), asDType(b, dtype), name);
}

const addOp = defineOp<[], null>({
  op: 'add',
  nodeName: 'AddBackward0',
  forward(ctx, [a, b]) {
    return compute(BinaryCode.Add, 'add', a, b);
  },
  backward(ctx, g) {
    const need = ctx.needsInputGrad;
    return [need[0] ? sumTo(g, ctx.inputShape(0)) : null, need[1] ? sumTo(g, ctx.inputShape(1)) : null];
  },
});

const subOp = defineOp<[], null>({
  op: 'sub',
  nodeName: 'SubBackward0',
  forward(ctx, [a, b]) {
    return compute(BinaryCode.Sub, 'sub', a, b);
  },
  backward(ctx, g) {
    const need = ctx.needsInputGrad;
    return [need[0] ? sumTo(g, ctx.inputShape(0)) : null, need[1] ? sumTo(g.neg(), ctx.inputShape(1)) : null];
  },
});

const mulOp = defineOp<[], null>({
  op: 'mul',
  nodeName: 'MulBackward0',
  forward(ctx, [a, b]) {
    // As PyTorch: self is needed only for other's gradient and vice versa.
    ctx.save(ctx.needsInputGrad[1] ? a : null, ctx.needsInputGrad[0] ? b : null);
    return compute(BinaryCode.Mul, 'mul', a, b);
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    return [b ? sumTo(g.mul(b), ctx.inputShape(0)) : null, a ? sumTo(g.mul(a), ctx.inputShape(1)) : null];
  },
});

const divOp = defineOp<[], null>({
  op: 'div',
  nodeName: 'DivBackward0',
  forward(ctx, [a, b]) {
    ctx.save(ctx.needsInputGrad[1] ? a : null, b);
    return compute(BinaryCode.Div, 'div', a, b, true);
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    // PyTorch's formulas, in its order: grad / other and -grad * ((self / other) / other).
    const ga = ctx.needsInputGrad[0] ? sumTo(g.div(b!), ctx.inputShape(0)) : null;
    const gb = a ? sumTo(g.neg().mul(a.div(b!).div(b!)), ctx.inputShape(1)) : null;
    return [ga, gb];
  },
});

const powOp = defineOp<[], null>({
  op: 'pow',
  nodeName: 'PowBackward1',
  forward(ctx, [a, b]) {
    const out = compute(BinaryCode.Pow, 'pow', a, b);
    ctx.save(a, b);
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    const [a, b, out] = ctx.savedTensors();
    // PyTorch's pow_backward_self / _exponent: zero where the exponent is 0, and zero for the
    // exponent's gradient where self is 0 and the exponent >= 0 (not 0 * log 0 = NaN).
    const ga = ctx.needsInputGrad[0] ? sumTo(where(b!.eq(0), 0, g.mul(b!.mul(a!.pow(b!.sub(1))))), ctx.inputShape(0)) : null;
    const gb = ctx.needsInputGrad[1] ? sumTo(g.mul(where(a!.eq(0).mul(b!.ge(0)), 0, out!.mul(a!.log()))), ctx.inputShape(1)) : null;
    return [ga, gb];
  },
});

const powScalarOp = defineOp<[number], number>({
  op: 'powScalar',
  nodeName: 'PowBackward0',
  forward(ctx, [a], exponent) {
    ctx.state = exponent;
    ctx.save(a);
    // x * x is what pow gives for exponent 2 (both correctly rounded), at a fraction of the cost;
    // PyTorch special-cases it the same way.
    if (exponent === 2 && isFloating(a.dtype)) return compute(BinaryCode.Mul, 'pow', a, a);
    return compute(BinaryCode.Pow, 'pow', a, wrapOperand('pow', a, exponent));
  },
  backward(ctx, g) {
    const [a] = ctx.savedTensors();
    const e = ctx.state;
    if (e === 0) return [emptyRaw(g._shape, g.dtype)];
    // PyTorch's grad * (exponent * self.pow(exponent - 1)); pow(1) is self exactly.
    return [g.mul((e === 2 ? a! : a!.pow(e - 1)).mul(e))];
  },
});

function checkAlpha(op: string, alpha: unknown): void {
  if (typeof alpha !== 'number') throw argumentError(`${op}: alpha must be a number`);
}

export function add(a: Tensor, b: Operand, alpha = 1): Tensor {
  checkTensor('add', a);
  checkAlpha('add', alpha);
  const bt = wrapOperand('add', a, b);
  return addOp([a, alpha === 1 ? bt : mul(bt, alpha)]);
}

// The backward engine sums gradients with this op.
setGradientAdd((a, b) => add(a, b));

export function sub(a: Tensor, b: Operand, alpha = 1): Tensor {
  checkTensor('sub', a);
  checkAlpha('sub', alpha);
  const bt = wrapOperand('sub', a, b);
  return subOp([a, alpha === 1 ? bt : mul(bt, alpha)]);
}

export function mul(a: Tensor, b: Operand): Tensor {
  checkTensor('mul', a);
  return mulOp([a, wrapOperand('mul', a, b)]);
}

export function div(a: Tensor, b: Operand): Tensor {
  checkTensor('div', a);
  return divOp([a, wrapOperand('div', a, b)]);
}

const NEGATIVE_POWER = 'Integers to negative integer powers are not allowed.';

/** a ** exponent (torch.pow); an integer tensor to a negative integer power is an ARGUMENT error, as in PyTorch. */
export function pow(a: Tensor, exponent: Operand): Tensor {
  checkTensor('pow', a);
  if (typeof exponent === 'bigint') exponent = wrapOperand('pow', a, exponent);
  if (typeof exponent === 'number') {
    if (isIntegral(a.dtype) && Number.isInteger(exponent) && exponent < 0) throw argumentError(`pow: ${NEGATIVE_POWER}`);
    return powScalarOp([a], exponent);
  }
  const e = checkTensor('pow', exponent, 'exponent');
  if (isIntegral(a.dtype) && isIntegral(e.dtype) && anyNegative(e)) throw argumentError(`pow: ${NEGATIVE_POWER}`);
  return powOp([a, e]);
}

function anyNegative(t: Tensor): boolean {
  const d = t._contiguousData();
  for (let i = 0; i < d.length; i++) if (d[i] < 0) return true;
  return false;
}
