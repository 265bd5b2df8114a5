// Gradcheck cases of the pooling ops (lib/ops/pool.ts) and of the single-node activations and
// mse_loss (lib/ops/activations_nn.ts), through torch.nn.functional's names.
import * as tg from '../../../lib';
import { firstGrad, nonzero, rnd, type Case, type SecondOrder } from './common';

const F = tg.nn.functional;

export const CASES: Record<string, Case[]> = {
  max_pool2d_with_indices: [
    { inputs: () => [rnd([2, 3, 7], 1101)], fn: (x) => F.maxPool1d(x, 2) },
    { inputs: () => [rnd([2, 3, 11], 1102)], fn: (x) => F.maxPool1d(x, 3, { stride: 2, padding: 1, dilation: 2, ceilMode: true }) },
    { inputs: () => [rnd([3, 8], 1103)], fn: (x) => F.maxPool1d(x, 4, { stride: 1, padding: 2 }) },
  ],
  avg_pool2d: [
    { inputs: () => [rnd([2, 3, 7], 1104)], fn: (x) => F.avgPool1d(x, 2) },
    { inputs: () => [rnd([2, 3, 10], 1105)], fn: (x) => F.avgPool1d(x, 3, { stride: 2, padding: 1, ceilMode: true }) },
    { inputs: () => [rnd([3, 10], 1106)], fn: (x) => F.avgPool1d(x, 4, { stride: 3, padding: 2, ceilMode: true, countIncludePad: false }) },
  ],
  elu_scaled: [
    { inputs: () => [nonzero([3, 4], 1107)], fn: (x) => F.selu(x) },
    { inputs: () => [nonzero([3, 4], 1108)], fn: (x) => F.celu(x, 0.5) },
  ],
  hardsigmoid: [{ inputs: () => [rnd([3, 4], 1109, 0.1)], fn: (x) => F.hardsigmoid(x.mul(2)) }],
  hardswish: [{ inputs: () => [rnd([3, 4], 1110, 0.1)], fn: (x) => F.hardswish(x.mul(2)) }],
  softshrink: [{ inputs: () => [nonzero([3, 4], 1111)], fn: (x) => F.softshrink(x, 0.2) }],
  hardshrink: [{ inputs: () => [nonzero([3, 4], 1112)], fn: (x) => F.hardshrink(x, 0.2) }],
  threshold: [{ inputs: () => [nonzero([3, 4], 1113)], fn: (x) => F.threshold(x, 0.05, -1) }],
  glu: [
    { inputs: () => [rnd([3, 4], 1114)], fn: (x) => F.glu(x) },
    { inputs: () => [rnd([4, 3, 2], 1115)], fn: (x) => F.glu(x, 0) },
  ],
  prelu: [
    { inputs: () => [nonzero([2, 3, 4], 1116), rnd([3], 1117)], fn: (x, w) => F.prelu(x, w) },
    { inputs: () => [nonzero([2, 3], 1118), rnd([1], 1119)], fn: (x, w) => F.prelu(x, w) },
  ],
  mse_loss: [
    { inputs: () => [rnd([3, 4], 1120), rnd([3, 4], 1121)], fn: (x, t) => F.mseLoss(x, t) },
    { inputs: () => [rnd([3, 4], 1122), rnd([3, 4], 1123)], fn: (x, t) => F.mseLoss(x, t, { reduction: 'none' }) },
  ],
};

const PX = nonzero([2, 3, 4], 1132);
const MT = rnd([3, 4], 1133);
export const SECOND_ORDER: SecondOrder[] = [
  ['max_pool1d', () => rnd([2, 2, 6], 1124), firstGrad((x) => F.maxPool1d(x, 2).pow(2))],
  ['avg_pool1d', () => rnd([2, 2, 6], 1125), firstGrad((x) => F.avgPool1d(x, 3, { stride: 2, padding: 1 }).pow(2))],
  ['selu', () => nonzero([3, 4], 1126), firstGrad((x) => F.selu(x))],
  ['celu', () => nonzero([3, 4], 1127), firstGrad((x) => F.celu(x, 0.5))],
  ['hardswish', () => rnd([3, 4], 1128, 0.1), firstGrad((x) => F.hardswish(x.mul(2)))],
  ['glu', () => rnd([3, 4], 1129), firstGrad((x) => F.glu(x))],
  ['prelu weight', () => rnd([3], 1130), (w) => tg.autograd.grad(F.prelu(PX, w).pow(2).sum(), PX, { createGraph: true })[0]!],
  ['mse_loss', () => rnd([3, 4], 1131), firstGrad((x) => F.mseLoss(x, MT, { reduction: 'none' }))],
];
