// The "more math" elementwise functions as Tensor methods: thin forwards to lib/ops.
import type { Operand } from '../backend/operand';
import * as u from '../ops/elementwise_math';
import { atan2, fmod, hypot, lerp, remainder } from '../ops/elementwise_binary_math';
import { isfinite, isinf, isnan, logicalAnd, logicalNot, logicalOr, logicalXor, nanToNum, type NanToNumOptions } from '../ops/elementwise_logical';
import { Tensor } from '../tensor';

declare module '../tensor' {
  interface Tensor {
    sin(): Tensor;
    cos(): Tensor;
    tan(): Tensor;
    asin(): Tensor;
    acos(): Tensor;
    atan(): Tensor;
    sinh(): Tensor;
    cosh(): Tensor;
    asinh(): Tensor;
    acosh(): Tensor;
    atanh(): Tensor;
    floor(): Tensor;
    ceil(): Tensor;
    /** Half to even (torch.round); `{decimals}` keeps that many decimal digits. */
    round(opts?: u.RoundOptions | null): Tensor;
    trunc(): Tensor;
    frac(): Tensor;
    reciprocal(): Tensor;
    rsqrt(): Tensor;
    square(): Tensor;
    log1p(): Tensor;
    expm1(): Tensor;
    log2(): Tensor;
    log10(): Tensor;
    exp2(): Tensor;
    erf(): Tensor;
    erfinv(): Tensor;
    /** atan(this / other) in the right quadrant (torch.atan2). */
    atan2(other: Operand): Tensor;
    hypot(other: Operand): Tensor;
    fmod(other: Operand): Tensor;
    remainder(other: Operand): Tensor;
    /** this + weight * (end - this) (torch.lerp). */
    lerp(end: Tensor, weight: Operand): Tensor;
    isnan(): Tensor;
    isinf(): Tensor;
    isfinite(): Tensor;
    nanToNum(opts?: NanToNumOptions | null): Tensor;
    logicalNot(): Tensor;
    logicalAnd(other: Tensor): Tensor;
    logicalOr(other: Tensor): Tensor;
    logicalXor(other: Tensor): Tensor;
  }
}

const P = Tensor.prototype;
const UNARY = [
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'asinh',
  'acosh',
  'atanh',
  'floor',
  'ceil',
  'trunc',
  'frac',
  'reciprocal',
  'rsqrt',
  'square',
  'log1p',
  'expm1',
  'log2',
  'log10',
  'exp2',
  'erf',
  'erfinv',
] as const;
for (const name of UNARY) {
  const fn = u[name];
  P[name] = function (this: Tensor) {
    return fn(this);
  };
}
P.round = function (opts) {
  return u.round(this, opts);
};
P.atan2 = function (other) {
  return atan2(this, other);
};
P.hypot = function (other) {
  return hypot(this, other);
};
P.fmod = function (other) {
  return fmod(this, other);
};
P.remainder = function (other) {
  return remainder(this, other);
};
P.lerp = function (end, weight) {
  return lerp(this, end, weight);
};
P.isnan = function () {
  return isnan(this);
};
P.isinf = function () {
  return isinf(this);
};
P.isfinite = function () {
  return isfinite(this);
};
P.nanToNum = function (opts) {
  return nanToNum(this, opts);
};
P.logicalNot = function () {
  return logicalNot(this);
};
P.logicalAnd = function (other) {
  return logicalAnd(this, other);
};
P.logicalOr = function (other) {
  return logicalOr(this, other);
};
P.logicalXor = function (other) {
  return logicalXor(this, other);
};
