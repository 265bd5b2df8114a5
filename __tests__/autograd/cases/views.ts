// gradcheck cases of the indexing and views family (lib/ops/slicing.ts, reorder.ts, masking.ts, scatter.ts).
import * as tg from '../../../lib';
import { firstGrad, rnd, type Case, type SecondOrder } from './common';

const i32 = (v: number[][] | number[]) => tg.tensor(v, { dtype: 'int32' });
const mask = () =>
  tg.tensor([
    [true, false, true, false],
    [false, false, true, true],
    [true, true, false, false],
  ]);

export const CASES: Record<string, Case[]> = {
  select: [
    { inputs: () => [rnd([3, 4], 101)], fn: (a) => a.select(1, -1) },
    { inputs: () => [rnd([3, 4, 2], 102)], fn: (a) => a.unbind(1)[2].mul(a.unbind(2)[0].select(1, 0).unsqueeze(1)) },
  ],
  slice: [
    { inputs: () => [rnd([5, 4], 103)], fn: (a) => a.slice(0, 1, null, 2) },
    { inputs: () => [rnd([3, 7], 104)], fn: (a) => a.index([], [1, null, 3]).mul(a.t().index([5]).t()) },
    { inputs: () => [rnd([7, 2], 105)], fn: (a) => tg.cat([...a.split(3), ...a.chunk(2), ...a.split([2, 5])], 0) },
  ],
  viewScatter: [
    { inputs: () => [rnd([4, 3], 106)], fn: firstGrad((a) => a.select(0, 2).pow(3)) },
    { inputs: () => [rnd([6, 2], 107)], fn: firstGrad((a) => a.slice(0, 1, 6, 2).pow(3)) },
  ],
  alias: [{ inputs: () => [rnd([2, 3], 108)], fn: (a) => a.index('...').mul(a) }],
  flip: [
    { inputs: () => [rnd([3, 4, 2], 109)], fn: (a) => a.flip(0, 2) },
    { inputs: () => [rnd([3, 4], 110)], fn: (a) => a.t().flip(-1).mul(a.t()) },
  ],
  roll: [
    { inputs: () => [rnd([3, 4], 111)], fn: (a) => a.roll([1, -5], [0, 1]) },
    { inputs: () => [rnd([3, 4], 112)], fn: (a) => a.t().roll(5) },
  ],
  repeat: [
    { inputs: () => [rnd([2, 3], 113)], fn: (a) => a.repeat(2, 1, 3) },
    { inputs: () => [rnd([3], 114)], fn: (a) => a.tile(2, 2) },
  ],
  maskedFill: [{ inputs: () => [rnd([3, 4], 115), rnd([], 116)], fn: (a, v) => a.maskedFill(mask(), v) }],
  maskedFillScalar: [
    { inputs: () => [rnd([3, 4], 117)], fn: (a) => a.maskedFill(mask(), 2.5) },
    { inputs: () => [rnd([4], 118)], fn: (a) => a.maskedFill(mask(), -1) }, // broadcast [4] against [3, 4]
    { inputs: () => [rnd([3, 4], 119)], fn: (a) => a.mul(1).maskedFill_(mask(), 0).mul(a) },
  ],
  maskedSelect: [
    { inputs: () => [rnd([3, 4], 120)], fn: (a) => a.maskedSelect(mask()) },
    { inputs: () => [rnd([3, 1], 121)], fn: (a) => a.maskedSelect(mask()) },
  ],
  maskedScatterZeros: [{ inputs: () => [rnd([3, 4], 122)], fn: firstGrad((a) => a.maskedSelect(mask()).pow(3)) }],
  scatter: [
    {
      inputs: () => [rnd([3, 4], 123), rnd([2, 4], 124)],
      fn: (a, s) =>
        a.scatter(
          0,
          i32([
            [0, 1, 2, 0],
            [2, 0, 1, 1],
          ]),
          s,
        ),
    },
    // src larger than the index: its extra elements get zero gradient
    { inputs: () => [rnd([3, 4], 125), rnd([3, 5], 126)], fn: (a, s) => a.scatter(1, i32([[3], [0], [1]]), s) },
    {
      inputs: () => [rnd([3, 4], 127), rnd([1, 2], 128)],
      fn: (a, s) =>
        a
          .mul(1)
          .scatter_(1, i32([[2, 0]]), s)
          .mul(a),
    },
  ],
  scatterFill: [
    { inputs: () => [rnd([3, 4], 129)], fn: (a) => a.scatter(0, i32([[2, 1, 0, 0]]), 1.5) },
    { inputs: () => [rnd([3, 4], 130)], fn: (a) => a.mul(1).scatter_(1, i32([[0], [3], [1]]), -2) },
  ],
  scatterAdd: [
    {
      inputs: () => [rnd([3, 4], 131), rnd([2, 4], 132)],
      fn: (a, s) =>
        a.scatterAdd(
          0,
          i32([
            [0, 1, 2, 0],
            [0, 0, 1, 1],
          ]),
          s,
        ),
    },
    {
      inputs: () => [rnd([3, 4], 133), rnd([3, 4], 134)],
      fn: (a, s) =>
        a.t().scatterAdd(
          1,
          i32([
            [0, 0],
            [2, 1],
            [1, 1],
            [0, 2],
          ]),
          s.t(),
        ),
    },
  ],
  indexAdd: [
    { inputs: () => [rnd([4, 3], 135), rnd([3, 3], 136)], fn: (a, s) => a.indexAdd(0, [3, 0, 3], s) },
    { inputs: () => [rnd([4, 3], 137), rnd([4, 2], 138)], fn: (a, s) => a.indexAdd(1, i32([2, 0]), s, { alpha: -1.5 }) },
  ],
  indexFill: [
    { inputs: () => [rnd([4, 3], 139)], fn: (a) => a.indexFill(1, [0, -1], 2) },
    { inputs: () => [rnd([4, 3], 140), rnd([], 141)], fn: (a, v) => a.indexFill(0, [1, 1, 3], v) },
  ],
  take: [
    {
      inputs: () => [rnd([3, 4], 142)],
      fn: (a) =>
        a.take(
          i32([
            [0, 11],
            [-1, 5],
          ]),
        ),
    },
    { inputs: () => [rnd([3, 4], 143)], fn: (a) => a.t().take([1, 1, 2]) },
  ],
  putAccumulate: [{ inputs: () => [rnd([3, 4], 144)], fn: firstGrad((a) => a.take([0, 0, 7]).pow(3)) }],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['select/slice/index', () => rnd([4, 5], 150), (x) => x.pow(3).index(1, [1, null, 2])],
  ['split/unbind', () => rnd([4, 3], 151), (x) => x.pow(3).split(3)[1].mul(x.unbind()[0])],
  ['flip/roll/repeat', () => rnd([3, 4], 152), (x) => x.pow(3).flip(0).roll(1, 1).repeat(1, 2)],
  ['maskedFill/maskedSelect', () => rnd([3, 4], 153), (x) => x.pow(3).maskedFill(mask(), 0).maskedSelect(mask().eq(0))],
  [
    'scatter/scatterAdd/indexAdd',
    () => rnd([3, 4], 154),
    (x) =>
      x
        .pow(3)
        .scatter(0, i32([[1, 0, 2, 1]]), x.pow(2))
        .scatterAdd(0, i32([[2, 2, 0, 0]]), x)
        .indexAdd(1, [0], x.narrow(1, 1, 1)),
  ],
  ['indexFill/take', () => rnd([3, 4], 155), (x) => x.pow(3).indexFill(0, [1], 0).take([0, 5, 11, 0])],
];
