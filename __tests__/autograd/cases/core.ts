// The 0.1 ops' gradcheck cases.
import * as tg from '../../../lib';
import { meanSquaredLoss } from '../../../lib/ops/loss';
import { addmm } from '../../../lib/ops/linalg';
import { firstGrad, nonzero, pos, rnd, type Case, type SecondOrder } from './common';

export const CASES: Record<string, Case[]> = {
  add: [
    { inputs: () => [rnd([3, 4], 1), rnd([4], 2)], fn: (a, b) => a.add(b) },
    { inputs: () => [rnd([2, 3], 3)], fn: (a) => a.add(2) },
  ],
  sub: [{ inputs: () => [rnd([3, 1], 1), rnd([1, 4], 2)], fn: (a, b) => a.sub(b, 1.5) }],
  mul: [{ inputs: () => [rnd([2, 3], 4), rnd([2, 1, 3], 5)], fn: (a, b) => a.mul(b) }],
  div: [{ inputs: () => [rnd([2, 3], 6), nonzero([3], 7)], fn: (a, b) => a.div(b) }],
  pow: [{ inputs: () => [pos([2, 3], 8), rnd([2, 3], 9)], fn: (a, b) => a.pow(b) }],
  powScalar: [
    { inputs: () => [pos([4], 10)], fn: (a) => a.pow(2.5) },
    { inputs: () => [rnd([4], 11)], fn: (a) => a.pow(3) },
  ],
  neg: [{ inputs: () => [rnd([5], 12)], fn: (a) => a.neg() }],
  exp: [{ inputs: () => [rnd([5], 13)], fn: (a) => a.exp() }],
  log: [{ inputs: () => [pos([5], 14)], fn: (a) => a.log() }],
  sqrt: [{ inputs: () => [pos([5], 15)], fn: (a) => a.sqrt() }],
  abs: [{ inputs: () => [nonzero([6], 16)], fn: (a) => a.abs() }],
  relu: [{ inputs: () => [nonzero([6], 17)], fn: (a) => a.relu() }],
  sigmoid: [{ inputs: () => [rnd([6], 18)], fn: (a) => a.sigmoid() }],
  tanh: [{ inputs: () => [rnd([6], 19)], fn: (a) => a.tanh() }],
  sign: [{ inputs: () => [nonzero([6], 20)], fn: (a) => a.sign().mul(a) }],
  sum: [
    { inputs: () => [rnd([3, 4, 2], 21)], fn: (a) => a.sum() },
    { inputs: () => [rnd([3, 4, 2], 22)], fn: (a) => a.sum([0, 2], true) },
  ],
  mean: [
    { inputs: () => [rnd([3, 4], 23)], fn: (a) => a.mean() },
    { inputs: () => [rnd([3, 4], 24)], fn: (a) => a.mean(-1) },
  ],
  view: [
    { inputs: () => [rnd([2, 6], 25)], fn: (a) => a.view(3, 4).mul(a.view(3, 4)) },
    { inputs: () => [rnd([1, 3, 1], 26)], fn: (a) => a.squeeze().unsqueeze(1) },
  ],
  clone: [{ inputs: () => [rnd([3, 2], 27)], fn: (a) => a.t().reshape(6) }],
  expand: [{ inputs: () => [rnd([3, 1], 28)], fn: (a) => a.expand(2, 3, 4) }],
  permute: [{ inputs: () => [rnd([2, 3, 4], 29)], fn: (a) => a.permute(2, 0, 1).mul(a.transpose(0, 2).transpose(1, 2)) }],
  narrow: [{ inputs: () => [rnd([4, 5], 30)], fn: (a) => a.narrow(1, 1, 3) }],
  sliceBackward: [{ inputs: () => [rnd([4, 5], 31)], fn: firstGrad((a) => a.narrow(0, 1, 2).pow(3)) }],
  mm: [{ inputs: () => [rnd([3, 4], 32), rnd([4, 2], 33)], fn: (a, b) => a.mm(b) }],
  mv: [{ inputs: () => [rnd([3, 4], 34), rnd([4], 35)], fn: (a, b) => a.mv(b) }],
  dot: [{ inputs: () => [rnd([5], 36), rnd([5], 37)], fn: (a, b) => a.dot(b) }],
  bmm: [
    { inputs: () => [rnd([2, 3, 4], 38), rnd([2, 4, 2], 39)], fn: (a, b) => a.bmm(b) },
    { inputs: () => [rnd([2, 1, 3, 4], 40), rnd([3, 4, 2], 41)], fn: (a, b) => a.matmul(b) },
  ],
  indexSelect: [{ inputs: () => [rnd([4, 3], 42)], fn: (a) => a.indexSelect(0, [3, 0, 3]) }],
  indexAddZeros: [{ inputs: () => [rnd([4, 3], 43)], fn: firstGrad((a) => a.indexSelect(0, [1, 1, 2]).pow(2)) }],
  fill: [{ inputs: () => [rnd([3], 44)], fn: (a) => a.mul(2).fill_(1.5).mul(a) }],
  copy: [{ inputs: () => [rnd([2, 3], 45), rnd([3], 46)], fn: (a, b) => a.mul(1).copy_(b).mul(a) }],
  where: [{ inputs: () => [rnd([2, 3], 70), rnd([3], 71)], fn: (a, b) => tg.where(a.gt(0), a, b) }],
  maximum: [{ inputs: () => [rnd([2, 3], 72), rnd([3], 73)], fn: (a, b) => tg.maximum(a, b) }],
  minimum: [{ inputs: () => [rnd([2, 3], 74), rnd([2, 1], 75)], fn: (a, b) => tg.minimum(a, b) }],
  clamp: [{ inputs: () => [rnd([8], 76)], fn: (a) => a.clamp(-0.31, 0.42) }],
  extremumAll: [
    { inputs: () => [rnd([3, 4], 77)], fn: (a) => a.max() },
    { inputs: () => [rnd([3, 4], 78)], fn: (a) => a.min() },
  ],
  extremumDim: [
    { inputs: () => [rnd([3, 4], 79)], fn: (a) => a.max(1).values },
    { inputs: () => [rnd([3, 4], 80)], fn: (a) => a.min(0, true).values },
  ],
  gather: [
    {
      inputs: () => [rnd([3, 4], 81)],
      fn: (a) =>
        a.gather(
          1,
          tg.tensor(
            [
              [0, 3],
              [1, 1],
              [2, 0],
            ],
            { dtype: 'int32' },
          ),
        ),
    },
  ],
  scatterAddZeros: [{ inputs: () => [rnd([3, 4], 82)], fn: firstGrad((a) => a.gather(0, tg.tensor([[2, 0, 1, 1]], { dtype: 'int64' })).pow(2)) }],
  cat: [
    { inputs: () => [rnd([2, 3], 83), rnd([1, 3], 84)], fn: (a, b) => tg.cat([a, b, a], 0) },
    { inputs: () => [rnd([2, 3], 85), rnd([2, 3], 86)], fn: (a, b) => tg.stack([a, b], 2) },
  ],
  copySlices: [
    {
      inputs: () => [rnd([4], 87), rnd([2], 88)],
      fn: (a, b) => {
        const y = a.mul(2);
        y.narrow(0, 1, 2).mul_(b);
        return y;
      },
    },
  ],
  // An in-place write through a view turns the view into an AsStrided view of the new base.
  asStrided: [
    {
      inputs: () => [rnd([2, 3], 89)],
      fn: (a) => {
        const v = a.mul(1).t().narrow(0, 2, 1);
        v.add_(1);
        return v.mul(v);
      },
    },
  ],
  asStridedScatter: [
    {
      inputs: () => [rnd([3, 2], 90)],
      fn: firstGrad((a) => {
        const v = a.mul(1).narrow(1, 0, 1);
        v.mul_(a.narrow(1, 1, 1));
        return v.pow(3);
      }),
    },
  ],
  addmm: [
    { inputs: () => [rnd([2], 67), rnd([4, 3], 68), rnd([2, 3], 69)], fn: (b, x, w) => addmm(b, x, w.t()) },
    { inputs: () => [rnd([2], 70), rnd([4, 3], 71), rnd([3, 2], 72)], fn: (b, x, m) => addmm(b, x, m) },
  ],
  meanSquaredLoss: [
    { inputs: () => [rnd([5, 1], 62), rnd([5], 63)], fn: (a, b) => meanSquaredLoss(a, b) },
    { inputs: () => [rnd([1, 1], 64), rnd([1, 1], 65)], fn: (a, b) => meanSquaredLoss(a, b) },
  ],
  to: [
    {
      inputs: () => [tg.tensor([0.5, -1.25, 2], { requiresGrad: true })],
      fn: (a) => a.to('float64').mul(3).pow(2),
      eps: 0.25, // exact for a quadratic, and representable in float32
    },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['mul', () => rnd([4], 50), (x) => x.mul(x).mul(x)],
  ['div', () => nonzero([4], 51), (x) => tg.ones([4], { dtype: 'float64' }).div(x)],
  ['pow', () => pos([4], 52), (x) => x.pow(x)],
  ['exp/log', () => pos([4], 53), (x) => x.exp().add(x.log())],
  ['sqrt', () => pos([4], 54), (x) => x.sqrt()],
  ['sigmoid/tanh', () => rnd([4], 55), (x) => x.sigmoid().mul(x.tanh())],
  ['matmul', () => rnd([3, 3], 56), (x) => x.matmul(x)],
  ['mean', () => rnd([3, 3], 57), (x) => x.pow(2).mean(0)],
  ['max along a dim', () => rnd([3, 3], 58), (x) => x.pow(2).max(1).values],
  ['gather', () => rnd([3, 3], 59), (x) => x.pow(3).gather(0, tg.tensor([[1, 2, 0]], { dtype: 'int32' }))],
  ['cat', () => rnd([2, 2], 61), (x) => tg.cat([x.pow(2), x.exp()], 1)],
  ['addmm', () => rnd([3, 3], 73), (x) => addmm(x.sum(0), x, x.mul(x).t()).mul(addmm(x.sum(1), x.exp(), x))],
  ['meanSquaredLoss', () => rnd([4, 1], 66), (x) => meanSquaredLoss(x.pow(3), tg.tensor([0.5, -1, 2, 0.25], { dtype: 'float64' }))],
];
