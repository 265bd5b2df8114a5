// Elementwise functions of one tensor. Each entry holds its forward and backward.
import { defineOp, type Op } from '../autograd/define_op';
import { isFloating } from '../dtype';
import { dtypeError } from '../errors';
import type { Tensor } from '../tensor';
import { UnaryCode } from '../backend/codes';
import { unaryRaw } from '../backend/elementwise';
import { checkTensor } from '../backend/operand';
import { castRaw, emptyRaw } from '../backend/raw';

export interface UnarySpec {
  op: string;
  node: string;
  code: UnaryCode;
  /** Integer inputs are computed in float32, as PyTorch does for exp, log, sqrt... */
  floatOnly?: boolean;
  /** What the backward needs: the input, the output, or nothing. */
  saves: 'input' | 'output' | 'none';
  grad(g: Tensor, saved: Tensor): Tensor;
}

/** The registry entry of an elementwise function with one input (also the "more math" family's). */
export function defineUnary(spec: UnarySpec): Op<[]> {
  return defineOp<[], null>({
    op: spec.op,
    nodeName: spec.node,
    forward(ctx, [x]) {
      const input = spec.floatOnly && !isFloating(x.dtype) ? castRaw(x, 'float32') : x;
      const out = unaryRaw(spec.code, input);
      if (spec.saves === 'input') ctx.save(x);
      else if (spec.saves === 'output') ctx.saveOutput(out);
      return out;
    },
    backward(ctx, g) {
      const [saved] = spec.saves === 'none' ? [g] : ctx.savedTensors();
      return [spec.grad(g, saved!)];
    },
  });
}

const ops = {
  neg: defineUnary({ op: 'neg', node: 'NegBackward0', code: UnaryCode.Neg, floatOnly: false, saves: 'none', grad: (g) => g.neg() }),
  exp: defineUnary({ op: 'exp', node: 'ExpBackward0', code: UnaryCode.Exp, floatOnly: true, saves: 'output', grad: (g, y) => g.mul(y) }),
  log: defineUnary({ op: 'log', node: 'LogBackward0', code: UnaryCode.Log, floatOnly: true, saves: 'input', grad: (g, x) => g.div(x) }),
  sqrt: defineUnary({
    op: 'sqrt',
    node: 'SqrtBackward0',
    code: UnaryCode.Sqrt,
    floatOnly: true,
    saves: 'output',
    grad: (g, y) => g.div(y.mul(2)),
  }),
  abs: defineUnary({ op: 'abs', node: 'AbsBackward0', code: UnaryCode.Abs, floatOnly: false, saves: 'input', grad: (g, x) => g.mul(x.sign()) }),
  // threshold_backward: the gradient passes where the output is positive.
  relu: defineUnary({ op: 'relu', node: 'ReluBackward0', code: UnaryCode.Relu, floatOnly: false, saves: 'output', grad: (g, y) => g.mul(y.sign()) }),
  sigmoid: defineUnary({
    op: 'sigmoid',
    node: 'SigmoidBackward0',
    code: UnaryCode.Sigmoid,
    floatOnly: true,
    saves: 'output',
    grad: (g, y) => g.mul(y.mul(y.neg().add(1))),
  }),
  tanh: defineUnary({
    op: 'tanh',
    node: 'TanhBackward0',
    code: UnaryCode.Tanh,
    floatOnly: true,
    saves: 'output',
    grad: (g, y) => g.mul(y.mul(y).neg().add(1)),
  }),
  sign: defineUnary({ op: 'sign', node: 'SignBackward0', code: UnaryCode.Sign, floatOnly: false, saves: 'none', grad: (g) => emptyRaw(g._shape, g.dtype) }),
};

export type UnaryName = keyof typeof ops;

export function unary(name: UnaryName, x: Tensor): Tensor {
  checkTensor(name, x);
  if (x.dtype === 'bool' && !['exp', 'log', 'sqrt', 'sigmoid', 'tanh'].includes(name)) {
    if (name === 'neg') {
      throw dtypeError(
        'Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a mask, use the `~` or `logical_not()` operator instead.',
      );
    }
    throw dtypeError(`${name}: not implemented for 'Bool'`);
  }
  return ops[name]([x]);
}

export const neg = (x: Tensor): Tensor => unary('neg', x);
export const exp = (x: Tensor): Tensor => unary('exp', x);
export const log = (x: Tensor): Tensor => unary('log', x);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x);
export const abs = (x: Tensor): Tensor => unary('abs', x);
export const relu = (x: Tensor): Tensor => unary('relu', x);
export const sigmoid = (x: Tensor): Tensor => unary('sigmoid', x);
export const tanh = (x: Tensor): Tensor => unary('tanh', x);
export const sign = (x: Tensor): Tensor => unary('sign', x);
