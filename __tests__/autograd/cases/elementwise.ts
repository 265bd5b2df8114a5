// gradcheck cases of the "more math" elementwise family (lib/ops/elementwise_*.ts).
import * as tg from '../../../lib';
import { firstGrad, nonzero, pos, rnd, type Case, type SecondOrder } from './common';

/** Values in (-0.9, 0.9): inside the domains of asin, acos, atanh, erfinv. */
const unit = (shape: number[], seed: number): tg.Tensor => rnd(shape, seed).mul(0.9).detach().requiresGrad_();
/** Values above 1.5: inside acosh's domain, away from its pole at 1. */
const aboveOne = (shape: number[], seed: number): tg.Tensor => pos(shape, seed).add(1).detach().requiresGrad_();
/** Values over (-2.75, 3.25), none (for the seeds used) within gradcheck's step of an integer, where rounding jumps. */
const offGrid = (shape: number[], seed: number): tg.Tensor => rnd(shape, seed).mul(3).add(0.25).detach().requiresGrad_();

const one = (op: string, input: () => tg.Tensor): Case[] => [{ inputs: () => [input()], fn: (a) => (a as unknown as Record<string, () => tg.Tensor>)[op]() }];

export const CASES: Record<string, Case[]> = {
  sin: one('sin', () => rnd([2, 3], 201)),
  cos: one('cos', () => rnd([2, 3], 202)),
  tan: one('tan', () => rnd([5], 203)),
  asin: one('asin', () => unit([5], 204)),
  acos: one('acos', () => unit([5], 205)),
  atan: one('atan', () => rnd([5], 206, 1)),
  sinh: one('sinh', () => rnd([5], 207)),
  cosh: one('cosh', () => rnd([5], 208)),
  asinh: one('asinh', () => rnd([5], 209, 0.5)),
  acosh: one('acosh', () => aboveOne([5], 210)),
  atanh: one('atanh', () => unit([5], 211)),
  floor: one('floor', () => offGrid([6], 212)),
  ceil: one('ceil', () => offGrid([6], 213)),
  round: one('round', () => offGrid([6], 214)),
  trunc: one('trunc', () => offGrid([6], 215)),
  roundDecimals: [{ inputs: () => [offGrid([6], 216)], fn: (a) => a.round({ decimals: 1 }).add(a) }],
  frac: one('frac', () => offGrid([6], 217)),
  reciprocal: one('reciprocal', () => nonzero([5], 218)),
  rsqrt: one('rsqrt', () => pos([5], 219)),
  log1p: one('log1p', () => pos([5], 220)),
  expm1: one('expm1', () => rnd([5], 221)),
  log2: one('log2', () => pos([5], 222)),
  log10: one('log10', () => pos([5], 223)),
  exp2: one('exp2', () => rnd([5], 224)),
  erf: one('erf', () => rnd([5], 225)),
  erfinv: one('erfinv', () => unit([5], 226)),
  atan2: [
    { inputs: () => [rnd([3, 4], 227), nonzero([4], 228)], fn: (a, b) => a.atan2(b) },
    { inputs: () => [rnd([3], 229)], fn: (a) => tg.atan2(a, 2) },
  ],
  hypot: [{ inputs: () => [nonzero([3, 1], 230), rnd([3, 4], 231)], fn: (a, b) => a.hypot(b) }],
  // The quotient's rounding is locally constant where a / b stays clear of integers.
  fmod: [{ inputs: () => [offGrid([3, 4], 232), tg.tensor([1, -1, 1, 1], { dtype: 'float64', requiresGrad: true })], fn: (a, b) => a.fmod(b.mul(1.3)) }],
  fmodScalar: [{ inputs: () => [offGrid([5], 233)], fn: (a) => a.fmod(1.5) }],
  remainder: [{ inputs: () => [offGrid([2, 3], 234), tg.tensor([1, -1, 1], { dtype: 'float64', requiresGrad: true })], fn: (a, b) => a.remainder(b.mul(1.3)) }],
  remainderScalar: [{ inputs: () => [offGrid([5], 235)], fn: (a) => a.remainder(-1.5) }],
  lerpScalar: [
    { inputs: () => [rnd([3, 4], 236), rnd([4], 237)], fn: (a, b) => a.lerp(b, 0.3) },
    { inputs: () => [rnd([3], 238), rnd([3], 239)], fn: (a, b) => tg.lerp(a, b, 0.8) },
  ],
  lerp: [{ inputs: () => [rnd([3, 4], 240), rnd([4], 241), rnd([3, 1], 242)], fn: (a, b, w) => a.lerp(b, w) }],
  nanToNum: [
    { inputs: () => [rnd([5], 243)], fn: (a) => a.nanToNum() },
    { inputs: () => [rnd([4], 262)], fn: firstGrad((x) => x.nanToNum().pow(3)) },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['sin/cos/tan', () => rnd([4], 250), (x) => x.sin().mul(x.cos()).add(x.tan())],
  ['asin/acos/atan', () => unit([4], 251), (x) => x.asin().mul(x.acos()).add(x.atan())],
  ['sinh/cosh/asinh', () => rnd([4], 252), (x) => x.sinh().mul(x.cosh()).add(x.asinh())],
  ['acosh', () => aboveOne([4], 253), (x) => x.acosh()],
  ['atanh', () => unit([4], 254), (x) => x.atanh()],
  ['reciprocal/rsqrt', () => pos([4], 255), (x) => x.reciprocal().add(x.rsqrt())],
  ['log1p/expm1/log2/log10/exp2', () => pos([4], 256), (x) => x.log1p().mul(x.expm1()).add(x.log2().mul(x.log10())).add(x.exp2())],
  ['erf/erfinv', () => unit([4], 257), (x) => x.erf().mul(x.erfinv())],
  ['atan2', () => pos([4], 258), (x) => x.atan2(x.mul(x).sub(2))],
  ['hypot', () => nonzero([4], 259), (x) => x.hypot(x.exp())],
  ['lerp', () => rnd([4], 260), (x) => x.lerp(x.exp(), x.sigmoid())],
  ['frac/square', () => offGrid([4], 261), (x) => x.frac().mul(x.square())],
];
