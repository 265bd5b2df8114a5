// Broadcasting functions of two tensors from the "more math" family: atan2, hypot, fmod,
// remainder and lerp. Each entry holds its forward and its backward (derivatives.yaml).
import { defineOp } from '../autograd/define_op';
import { isFloating, type DType } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { broadcastShapes } from '../shape';
import { Tensor } from '../tensor';
import { BinaryCode, CompareCode, UnaryCode } from '../backend/codes';
import { binaryRaw, compareRaw, unaryRaw, whereRaw } from '../backend/elementwise';
import { asDType, checkTensor, resultType, wrapNumber, wrapOperand, type Operand } from '../backend/operand';
import { sumTo } from './composite_support';
import { notImplemented } from './elementwise_math';

/** Both operands promoted to their result dtype; integers go to float32 when `toFloat`. */
function promoted(a: Tensor, b: Tensor, toFloat: boolean): [Tensor, Tensor, DType] {
  let d = resultType(a, b);
  if (toFloat && !isFloating(d)) d = 'float32';
  return [asDType(a, d), asDType(b, d), d];
}

const atan2Op = defineOp<[], null>({
  op: 'atan2',
  nodeName: 'Atan2Backward0',
  forward(ctx, [a, b]) {
    const [x, y] = promoted(a, b, true);
    ctx.save(a, b);
    return binaryRaw(BinaryCode.Atan2, x, y, 'atan2');
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    const recip = a!.mul(a!).add(b!.mul(b!)).reciprocal();
    const need = ctx.needsInputGrad;
    return [need[0] ? sumTo(g.mul(b!).mul(recip), ctx.inputShape(0)) : null, need[1] ? sumTo(g.mul(a!.neg()).mul(recip), ctx.inputShape(1)) : null];
  },
});

/** atan(a / b) with the quadrant of (b, a), broadcasting (torch.atan2); integers compute in float32. */
export function atan2(a: Tensor, b: Operand): Tensor {
  checkTensor('atan2', a);
  return atan2Op([a, wrapOperand('atan2', a, b)]);
}

const hypotOp = defineOp<[], null>({
  op: 'hypot',
  nodeName: 'HypotBackward0',
  forward(ctx, [a, b]) {
    const [x, y, d] = promoted(a, b, false);
    if (!isFloating(d)) throw notImplemented('hypot_cpu', d);
    const out = binaryRaw(BinaryCode.Hypot, x, y, 'hypot');
    ctx.save(a, b);
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    const [a, b, out] = ctx.savedTensors();
    const need = ctx.needsInputGrad;
    return [need[0] ? sumTo(g.mul(a!).div(out!), ctx.inputShape(0)) : null, need[1] ? sumTo(g.mul(b!).div(out!), ctx.inputShape(1)) : null];
  },
});

/** sqrt(a² + b²) without overflow, broadcasting (torch.hypot); floats only, as PyTorch. */
export function hypot(a: Tensor, b: Operand): Tensor {
  checkTensor('hypot', a);
  return hypotOp([a, wrapOperand('hypot', a, b)]);
}

/** Integer fmod/remainder by zero is PyTorch's ZeroDivisionError, an ARGUMENT error here. */
function checkDivisor(name: string, b: Tensor): void {
  const zero = compareRaw(CompareCode.Eq, b, wrapNumber(0, b.dtype), name)._storage.data;
  for (let i = 0; i < zero.length; i++) {
    if (zero[i]) throw argumentError(`${name}: ZeroDivisionError (integer division by zero)`);
  }
}

function modulo(code: BinaryCode, name: string, a: Tensor, b: Tensor): Tensor {
  const [x, y, d] = promoted(a, b, false);
  if (d === 'bool') throw notImplemented(`${name}_cpu`, d);
  if (!isFloating(d)) checkDivisor(name, y);
  return binaryRaw(code, x, y, name);
}

function defineModulo(name: string, code: BinaryCode, node: string, roundQuotient: (q: Tensor) => Tensor) {
  // The scalar overload (other a number) has only self's gradient.
  const scalarOp = defineOp<[], null>({
    op: `${name}Scalar`,
    nodeName: `${node}0`,
    forward(ctx, [a, b]) {
      return modulo(code, name, a, b);
    },
    backward(ctx, g) {
      return [g, null];
    },
  });
  const tensorOp = defineOp<[], null>({
    op: name,
    nodeName: `${node}1`,
    forward(ctx, [a, b]) {
      if (ctx.needsInputGrad[1]) ctx.save(a, b);
      return modulo(code, name, a, b);
    },
    backward(ctx, g) {
      const need = ctx.needsInputGrad;
      let gb: Tensor | null = null;
      if (need[1]) {
        const [a, b] = ctx.savedTensors();
        gb = sumTo(g.neg().mul(roundQuotient(a!.div(b!))), ctx.inputShape(1));
      }
      return [need[0] ? sumTo(g, ctx.inputShape(0)) : null, gb];
    },
  });
  return (a: Tensor, b: Operand): Tensor => {
    checkTensor(name, a);
    if (typeof b === 'number') return scalarOp([a, wrapOperand(name, a, b)]);
    return tensorOp([a, checkTensor(name, b, 'other')]);
  };
}

/** C's remainder a - trunc(a / b) * b, the sign of a, broadcasting (torch.fmod). */
export const fmod = defineModulo('fmod', BinaryCode.Fmod, 'FmodBackward', (q) => q.trunc());
/** Python's remainder a - floor(a / b) * b, the sign of b, broadcasting (torch.remainder). */
export const remainder = defineModulo('remainder', BinaryCode.Remainder, 'RemainderBackward', (q) => q.floor());

function torchDtype(d: DType): string {
  const names: Record<string, string> = { float32: 'float', float64: 'double', int32: 'int', int64: 'long', bool: 'bool' };
  return names[d] ?? d;
}

/**
 * PyTorch's lerp per element: start + w * (end - start) where |w| < 0.5, else
 * end - (end - start) * (1 - w), which is exact at w = 1. `weight` a number or a tensor.
 */
function lerpRaw(start: Tensor, end: Tensor, weight: Tensor, oneMinusWeight: Tensor): Tensor {
  const diff = binaryRaw(BinaryCode.Sub, end, start, 'lerp');
  const low = () => binaryRaw(BinaryCode.Add, start, binaryRaw(BinaryCode.Mul, weight, diff, 'lerp'), 'lerp');
  const high = () => binaryRaw(BinaryCode.Sub, end, binaryRaw(BinaryCode.Mul, diff, oneMinusWeight, 'lerp'), 'lerp');
  if (weight.ndim === 0) return Math.abs(Number(weight._storage.data[weight.offset])) < 0.5 ? low() : high();
  const small = compareRaw(CompareCode.Lt, unaryRaw(UnaryCode.Abs, weight), wrapNumber(0.5, weight.dtype), 'lerp');
  return whereRaw(small, low(), high());
}

const lerpScalarOp = defineOp<[number], number>({
  op: 'lerpScalar',
  nodeName: 'LerpBackward0',
  forward(ctx, [start, end], weight) {
    ctx.state = weight;
    const w = wrapNumber(weight, start.dtype);
    const one = wrapNumber(1, start.dtype);
    return lerpRaw(start, end, w, binaryRaw(BinaryCode.Sub, one, w, 'lerp'));
  },
  backward(ctx, g) {
    const w = ctx.state;
    const need = ctx.needsInputGrad;
    return [need[0] ? sumTo(g.mul(1 - w), ctx.inputShape(0)) : null, need[1] ? sumTo(g.mul(w), ctx.inputShape(1)) : null];
  },
});

const lerpTensorOp = defineOp<[], null>({
  op: 'lerp',
  nodeName: 'LerpBackward1',
  forward(ctx, [start, end, weight]) {
    ctx.save(start, end, weight);
    const one = wrapNumber(1, start.dtype);
    return lerpRaw(start, end, weight, binaryRaw(BinaryCode.Sub, one, weight, 'lerp'));
  },
  backward(ctx, g) {
    const [start, end, weight] = ctx.savedTensors();
    const need = ctx.needsInputGrad;
    return [
      need[0] ? sumTo(g.mul(weight!.neg().add(1)), ctx.inputShape(0)) : null,
      need[1] ? sumTo(g.mul(weight!), ctx.inputShape(1)) : null,
      need[2] ? sumTo(g.mul(end!.sub(start!)), ctx.inputShape(2)) : null,
    ];
  },
});

/** start + weight * (end - start), broadcasting (torch.lerp); `weight` a number or a tensor, floats only. */
export function lerp(start: Tensor, end: Tensor, weight: Operand): Tensor {
  checkTensor('lerp', start);
  checkTensor('lerp', end, 'end');
  const scalar = typeof weight === 'number';
  if (!isFloating(start.dtype)) throw notImplemented(scalar ? 'lerp_kernel_scalar' : 'lerp_kernel_tensor', start.dtype);
  if (end.dtype !== start.dtype) throw dtypeError(`expected dtype ${torchDtype(start.dtype)} for \`end\` but got dtype ${torchDtype(end.dtype)}`);
  if (scalar) {
    broadcastShapes('lerp', start._shape, end._shape);
    return lerpScalarOp([start, end], weight);
  }
  const w = checkTensor('lerp', weight, 'weight');
  if (w.dtype !== start.dtype) throw dtypeError(`expected dtype ${torchDtype(start.dtype)} for \`weight\` but got dtype ${torchDtype(w.dtype)}`);
  broadcastShapes('lerp', broadcastShapes('lerp', start._shape, end._shape), w._shape);
  return lerpTensorOp([start, end, w]);
}
