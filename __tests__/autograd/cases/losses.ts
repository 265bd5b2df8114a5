// Gradcheck cases of the losses' registry entries (lib/ops/loss_nll.ts, lib/ops/loss_pointwise.ts).
import * as tg from '../../../lib';
import { nonzero, pos, rnd, type Case, type SecondOrder } from './common';

const F = tg.nn.functional;
const idx = (v: number[]) => tg.tensor(v, { dtype: 'int64' });
const w5 = () => tg.tensor([0.5, 2, 1, 0.25, 3], { dtype: 'float64' });
/** Values strictly inside (0, 1), as binary_cross_entropy's input must be. */
const prob = (shape: number[], seed: number) => rnd(shape, seed).sigmoid().detach().requiresGrad_(true);

export const CASES: Record<string, Case[]> = {
  nllLoss: [
    { inputs: () => [rnd([4, 5], 501)], fn: (a) => F.nllLoss(a, idx([0, 2, 1, 4])) },
    { inputs: () => [rnd([4, 5], 502)], fn: (a) => F.nllLoss(a, idx([0, -100, 1, 4]), { weight: w5(), reduction: 'none' }) },
    { inputs: () => [rnd([4, 5], 503)], fn: (a) => F.nllLoss(a, idx([3, 3, 1, 4]), { weight: w5(), ignoreIndex: 1 }) },
    { inputs: () => [rnd([5], 504)], fn: (a) => F.nllLoss(a, idx([2]).reshape([]), { reduction: 'sum' }) },
  ],
  nllLoss2d: [
    { inputs: () => [rnd([2, 3, 2, 2], 505)], fn: (a) => F.nllLoss(a, idx([0, 2, 1, 1, 2, 0, -100, 1]).reshape([2, 2, 2])) },
    { inputs: () => [rnd([2, 3, 4], 506)], fn: (a) => F.nllLoss(a, idx([0, 2, 1, 1, 2, 0, 1, 0]).reshape([2, 4]), { reduction: 'none' }) },
  ],
  binaryCrossEntropy: [
    { inputs: () => [prob([3, 4], 507), prob([3, 4], 508)], fn: (a, b) => F.binaryCrossEntropy(a, b) },
    {
      inputs: () => [prob([3, 4], 509), prob([3, 4], 510)],
      fn: (a, b) => F.binaryCrossEntropy(a, b, { weight: tg.tensor([[0.5], [2], [3]], { dtype: 'float64' }), reduction: 'none' }),
    },
  ],
  binaryCrossEntropyWithLogits: [
    { inputs: () => [rnd([3, 4], 523), prob([3, 4], 524)], fn: (a, b) => F.binaryCrossEntropyWithLogits(a.mul(3), b) },
    {
      inputs: () => [rnd([3, 4], 525), prob([3, 4], 526)],
      fn: (a, b) =>
        F.binaryCrossEntropyWithLogits(a.mul(3), b, {
          weight: tg.tensor([[0.5], [2], [3]], { dtype: 'float64' }),
          posWeight: tg.tensor([1, 2, 0.5, 4], { dtype: 'float64' }),
          reduction: 'none',
        }),
    },
  ],
  huberLoss: [
    { inputs: () => [rnd([3, 4], 511), rnd([3, 4], 512)], fn: (a, b) => F.huberLoss(a.mul(3), b, 0.7) },
    { inputs: () => [rnd([3, 4], 513), rnd([4], 514)], fn: (a, b) => F.huberLoss(a.mul(3), b, { reduction: 'none' }) },
  ],
  smoothL1Loss: [
    { inputs: () => [rnd([3, 4], 515), rnd([3, 4], 516)], fn: (a, b) => F.smoothL1Loss(a.mul(3), b, 0.7) },
    { inputs: () => [rnd([3, 1], 517), rnd([4], 518)], fn: (a, b) => F.smoothL1Loss(a.mul(3), b, { reduction: 'sum' }) },
  ],
  clampMin: [
    {
      inputs: () => [nonzero([6], 519), rnd([6], 520)],
      fn: (a, b) => F.marginRankingLoss(a, b, tg.tensor([1, -1, 1, -1, 1, -1], { dtype: 'float64' }), { reduction: 'none' }),
    },
  ],
  divScalar: [{ inputs: () => [rnd([3, 4], 521), pos([3, 4], 522)], fn: (a, b) => F.crossEntropy(a, b) }],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['cross_entropy (log_softmax + nll_loss)', () => rnd([3, 4], 530), (x) => F.crossEntropy(x, idx([0, 3, 1]), { reduction: 'none' })],
  ['cross_entropy label smoothing', () => rnd([3, 4], 531), (x) => F.crossEntropy(x, idx([0, 3, 1]), { labelSmoothing: 0.2 })],
  ['binary_cross_entropy', () => prob([5], 532), (x) => F.binaryCrossEntropy(x, tg.tensor([0, 1, 0.3, 0.5, 0.9], { dtype: 'float64' }), { reduction: 'none' })],
  [
    'binary_cross_entropy_with_logits',
    () => rnd([5], 535),
    (x) => F.binaryCrossEntropyWithLogits(x, tg.tensor([0, 1, 0.3, 0.5, 0.9], { dtype: 'float64' }), { posWeight: tg.tensor([2], { dtype: 'float64' }) }),
  ],
  ['huber_loss', () => rnd([6], 533), (x) => F.huberLoss(x.mul(3), tg.zeros([6], { dtype: 'float64' }), { reduction: 'sum' })],
  ['smooth_l1_loss', () => rnd([6], 534), (x) => F.smoothL1Loss(x.mul(3), tg.zeros([6], { dtype: 'float64' }), 0.5)],
];
