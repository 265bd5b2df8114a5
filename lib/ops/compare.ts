// Comparisons (bool results, never differentiable), where, maximum/minimum and clamp.
import { defineOp } from '../autograd/define_op';
import { isFloating } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import type { Shape } from '../shape';
import { isTensor, Tensor } from '../tensor';
import { BinaryCode, CompareCode } from '../backend/codes';
import { binaryRaw, compareRaw, whereRaw } from '../backend/elementwise';
import { asDType, checkTensor, resultType, wrapOperand, type Operand } from '../backend/operand';
import { sumTo } from './composite_support';

function compare(code: CompareCode, name: string, a: Tensor, b: Operand): Tensor {
  checkTensor(name, a);
  const bt = wrapOperand(name, a, b);
  const d = resultType(a, bt);
  return compareRaw(code, asDType(a, d), asDType(bt, d), name);
}

export const eq = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Eq, 'eq', a, b);
export const ne = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Ne, 'ne', a, b);
export const lt = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Lt, 'lt', a, b);
export const le = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Le, 'le', a, b);
export const gt = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Gt, 'gt', a, b);
export const ge = (a: Tensor, b: Operand): Tensor => compare(CompareCode.Ge, 'ge', a, b);

interface Shapes {
  a: Shape;
  b: Shape;
}

const whereOp = defineOp<[], Shapes>({
  op: 'where',
  nodeName: 'WhereBackward0',
  forward(ctx, [cond, a, b]) {
    ctx.state = { a: a._shape, b: b._shape };
    ctx.save(cond);
    const d = resultType(a, b);
    return whereRaw(cond, asDType(a, d), asDType(b, d));
  },
  backward(ctx, g) {
    const [cond] = ctx.savedTensors();
    // A literal 0, as PyTorch's where(cond, grad, 0): g * 0 would turn an infinite gradient into NaN.
    return [null, ctx.needsInputGrad[1] ? sumTo(where(cond!, g, 0), ctx.state.a) : null, ctx.needsInputGrad[2] ? sumTo(where(cond!, 0, g), ctx.state.b) : null];
  },
});

/** cond ? a : b elementwise, broadcasting all three (torch.where). */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  checkTensor('where', cond, 'condition');
  if (cond.dtype !== 'bool') throw dtypeError(`where: expected condition to be a boolean tensor, but got a tensor with dtype ${cond.dtype}`);
  if (!isTensor(a) && !isTensor(b)) {
    // Two Python ints give int64 in PyTorch, any float the default float32.
    const isInt = (v: unknown) => typeof v === 'bigint' || Number.isInteger(v);
    const d = isInt(a) && isInt(b) ? 'int64' : 'float32';
    return whereOp([cond, wrapOperand('where', Tensor.empty([], d), a), wrapOperand('where', Tensor.empty([], d), b)]);
  }
  const ref = (isTensor(a) ? a : b) as Tensor;
  const at = isTensor(a) ? a : wrapOperand('where', ref, a);
  const bt = isTensor(b) ? b : wrapOperand('where', ref, b);
  return whereOp([cond, at, bt]);
}

function defineExtremum(op: 'maximum' | 'minimum', code: BinaryCode) {
  return defineOp<[], Shapes>({
    op,
    nodeName: op === 'maximum' ? 'MaximumBackward0' : 'MinimumBackward0',
    forward(ctx, [a, b]) {
      ctx.state = { a: a._shape, b: b._shape };
      ctx.save(a, b);
      const d = resultType(a, b);
      if (d === 'bool') throw dtypeError(`${op}: not supported for bool tensors`);
      return binaryRaw(code, asDType(a, d), asDType(b, d), op);
    },
    backward(ctx, g) {
      // PyTorch: the larger (smaller) input gets the gradient; a tie splits it in half.
      const [a, b] = ctx.savedTensors();
      const half = where(a!.eq(b!), g.div(2), g);
      const aWins = op === 'maximum' ? a!.gt(b!) : a!.lt(b!);
      const bWins = op === 'maximum' ? a!.lt(b!) : a!.gt(b!);
      // masked_fill(..., 0) as PyTorch: the loser gets an exact 0 even where the gradient is infinite.
      return [sumTo(where(bWins, 0, half), ctx.state.a), sumTo(where(aWins, 0, half), ctx.state.b)];
    },
  });
}

const maximumOp = defineExtremum('maximum', BinaryCode.Maximum);
const minimumOp = defineExtremum('minimum', BinaryCode.Minimum);

export function maximum(a: Tensor, b: Tensor): Tensor {
  return maximumOp([checkTensor('maximum', a), checkTensor('maximum', b, 'other')]);
}

export function minimum(a: Tensor, b: Tensor): Tensor {
  return minimumOp([checkTensor('minimum', a), checkTensor('minimum', b, 'other')]);
}

const clampOp = defineOp<[number | null, number | null], { lo: number | null; hi: number | null }>({
  op: 'clamp',
  nodeName: 'ClampBackward1',
  forward(ctx, [x], lo, hi) {
    ctx.state = { lo, hi };
    ctx.save(x);
    const fractional = (lo !== null && !Number.isInteger(lo)) || (hi !== null && !Number.isInteger(hi));
    const d = fractional && !isFloating(x.dtype) ? 'float32' : x.dtype;
    let out = asDType(x, d);
    if (lo !== null) out = binaryRaw(BinaryCode.Maximum, out, wrapOperand('clamp', out, lo), 'clamp');
    if (hi !== null) out = binaryRaw(BinaryCode.Minimum, out, wrapOperand('clamp', out, hi), 'clamp');
    return out;
  },
  backward(ctx, g) {
    // grad * ((x >= min) & (x <= max)), as PyTorch's clamp_backward.
    const [x] = ctx.savedTensors();
    const { lo, hi } = ctx.state;
    let mask: Tensor | null = null;
    if (lo !== null) mask = x!.ge(lo).to(g.dtype);
    if (hi !== null) mask = mask === null ? x!.le(hi).to(g.dtype) : mask.mul(x!.le(hi).to(g.dtype));
    return [mask === null ? g : g.mul(mask)];
  },
});

/** Clamps every element into [min, max]; either bound may be null (torch.clamp). NaN stays NaN. */
export function clamp(x: Tensor, min: number | null = null, max: number | null = null): Tensor {
  checkTensor('clamp', x);
  if (min === null && max === null) throw argumentError("clamp: At least one of 'min' or 'max' must not be None");
  for (const v of [min, max]) {
    if (v !== null && typeof v !== 'number') throw argumentError(`clamp: min and max must be numbers or null, got ${typeof v}`);
  }
  if (x.dtype === 'bool') throw dtypeError('clamp: not supported for bool tensors');
  return clampOp([x], min, max);
}
