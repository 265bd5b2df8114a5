// gradcheck cases of the 0.2 reductions (lib/ops/statistics.ts, extremes.ts, cumulative.ts, sorting.ts).
import * as tg from '../../../lib';
import { nonzero, pos, rnd, type Case, type SecondOrder } from './common';

const f64 = (data: number[], shape: number[]) => tg.tensor(data, { shape, dtype: 'float64', requiresGrad: true });
// Zeros at known places: one in row 0, two in row 1, none in row 2.
const withZeros = () => f64([2, 0, -1.5, 3, 0, 0.5, 0, -2, 1.25, -0.5, 2, 0.75], [3, 4]);

export const CASES: Record<string, Case[]> = {
  var: [
    { inputs: () => [rnd([3, 4], 101)], fn: (a) => a.var() },
    { inputs: () => [rnd([2, 3, 4], 102)], fn: (a) => a.var([0, 2], { correction: 0, keepdim: true }) },
    { inputs: () => [rnd([4, 3], 103)], fn: (a) => a.t().var(1) },
  ],
  std: [
    { inputs: () => [rnd([3, 4], 104)], fn: (a) => a.std() },
    { inputs: () => [rnd([3, 4], 105)], fn: (a) => a.std(0, { keepdim: true }) },
  ],
  prod: [
    { inputs: () => [nonzero([2, 3], 106)], fn: (a) => a.prod() },
    { inputs: () => [nonzero([3, 4], 107)], fn: (a) => a.prod(1) },
    { inputs: () => [withZeros()], fn: (a) => a.prod(1, { keepdim: true }) },
    { inputs: () => [withZeros()], fn: (a) => a.prod(0) },
    { inputs: () => [f64([1.5, 0, -2, 0.5], [4])], fn: (a) => a.prod() },
  ],
  logsumexp: [
    { inputs: () => [rnd([3, 4], 108)], fn: (a) => a.logsumexp(1) },
    { inputs: () => [rnd([2, 3, 4], 109)], fn: (a) => a.logsumexp([0, 2], { keepdim: true }) },
  ],
  amax: [
    { inputs: () => [rnd([3, 4], 110)], fn: (a) => a.amax(1) },
    { inputs: () => [rnd([2, 3, 4], 111)], fn: (a) => a.amax([0, 2], { keepdim: true }) },
  ],
  amin: [{ inputs: () => [rnd([3, 4], 112)], fn: (a) => a.amin() }],
  cumsum: [
    { inputs: () => [rnd([3, 4], 113)], fn: (a) => a.cumsum(1) },
    { inputs: () => [rnd([3, 4], 114)], fn: (a) => a.t().cumsum(-1) },
  ],
  cumprod: [
    { inputs: () => [nonzero([3, 4], 115)], fn: (a) => a.cumprod(1) },
    { inputs: () => [withZeros()], fn: (a) => a.cumprod(1) },
    { inputs: () => [withZeros()], fn: (a) => a.cumprod(0) },
  ],
  topk: [
    { inputs: () => [rnd([3, 6], 116)], fn: (a) => a.topk(3).values },
    { inputs: () => [rnd([5, 3], 117)], fn: (a) => a.topk(2, 0, { largest: false }).values },
  ],
  sort: [
    { inputs: () => [rnd([3, 5], 118)], fn: (a) => a.sort().values },
    { inputs: () => [rnd([4, 3], 119)], fn: (a) => a.sort(0, { descending: true }).values },
  ],
  median: [
    { inputs: () => [rnd([3, 5], 120)], fn: (a) => a.median() },
    { inputs: () => [rnd([2, 3], 121)], fn: (a) => a.median() },
  ],
  medianDim: [
    { inputs: () => [rnd([3, 5], 122)], fn: (a) => a.median(1).values },
    { inputs: () => [rnd([4, 3], 123)], fn: (a) => a.median(0, { keepdim: true }).values },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['var', () => rnd([3, 4], 130), (x) => x.var(1)],
  ['std', () => rnd([3, 4], 131), (x) => x.std()],
  ['prod', () => nonzero([3, 3], 132), (x) => x.prod(1)],
  ['prod with a zero', () => withZeros(), (x) => x.prod(1)],
  ['logsumexp', () => rnd([3, 4], 133), (x) => x.logsumexp(1)],
  ['amax', () => rnd([3, 4], 134), (x) => x.pow(2).amax(0)],
  ['cumsum', () => rnd([3, 4], 135), (x) => x.pow(2).cumsum(1)],
  ['cumprod', () => pos([3, 4], 136), (x) => x.cumprod(1)],
  ['cumprod with zeros', () => withZeros(), (x) => x.cumprod(1)],
  ['topk', () => rnd([3, 5], 137), (x) => x.pow(3).topk(2).values],
  ['sort', () => rnd([3, 4], 138), (x) => x.pow(3).sort(0).values],
  ['median', () => rnd([3, 5], 139), (x) => x.pow(3).median(1).values],
];
