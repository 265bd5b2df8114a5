// Gradcheck cases of the normalization, embedding and padding ops (lib/ops/normalization.ts,
// lib/ops/embedding.ts, lib/ops/pad.ts).
import * as tg from '../../../lib';
import { pos, rnd, type Case, type SecondOrder } from './common';

const F = tg.nn.functional;
const idx = (v: number[][] | number[]) => tg.tensor(v, { dtype: 'int64' });
const fixed = (t: tg.Tensor) => t.detach();

export const CASES: Record<string, Case[]> = {
  nativeLayerNorm: [
    { inputs: () => [rnd([3, 5], 901)], fn: (a) => F.layerNorm(a, 5) },
    { inputs: () => [rnd([2, 3, 4], 902), rnd([3, 4], 903), rnd([3, 4], 904)], fn: (a, w, b) => F.layerNorm(a, [3, 4], { weight: w, bias: b, eps: 1e-3 }) },
    { inputs: () => [rnd([4, 3], 905), rnd([4], 906)], fn: (a, w) => F.layerNorm(a.t(), 4, { weight: w }) },
  ],
  nativeBatchNorm: [
    { inputs: () => [rnd([5, 3], 911), rnd([3], 912), rnd([3], 913)], fn: (a, w, b) => F.batchNorm(a, null, null, { weight: w, bias: b, training: true }) },
    { inputs: () => [rnd([3, 2, 4], 914)], fn: (a) => F.batchNorm(a, null, null, { training: true, eps: 1e-3 }) },
    {
      inputs: () => [rnd([4, 3], 915), rnd([3], 916), rnd([3], 917)],
      fn: (a, w, b) => F.batchNorm(a, fixed(rnd([3], 918)), fixed(pos([3], 919)), { weight: w, bias: b, training: false }),
    },
  ],
  embedding: [
    {
      inputs: () => [rnd([5, 3], 921)],
      fn: (w) =>
        F.embedding(
          idx([
            [1, 4, 4],
            [0, 2, 1],
          ]),
          w,
        ),
    },
    // padding_idx and scale_grad_by_freq change the gradient on purpose (not the derivative): the parity fixture checks them.
    { inputs: () => [rnd([5, 2], 922)], fn: (w) => F.embedding(tg.tensor([1, 4, 4, 3], { dtype: 'int32' }), w).mul(w.sum()) },
  ],
  embeddingBag: [
    {
      inputs: () => [rnd([5, 3], 931)],
      fn: (w) =>
        F.embeddingBag(
          idx([
            [1, 4, 4],
            [0, 2, 1],
          ]),
          w,
        ),
    },
    { inputs: () => [rnd([6, 2], 932)], fn: (w) => F.embeddingBag(idx([1, 2, 5, 0, 3]), w, { offsets: idx([0, 2, 2]), mode: 'max' }) },
    {
      inputs: () => [rnd([5, 3], 933), rnd([2, 3], 934)],
      fn: (w, p) =>
        F.embeddingBag(
          idx([
            [1, 4, 3],
            [0, 2, 1],
          ]),
          w,
          { mode: 'sum', perSampleWeights: p, paddingIdx: 3 },
        ),
    },
  ],
  constantPadNd: [
    { inputs: () => [rnd([2, 3, 4], 941)], fn: (a) => F.pad(a, [1, 2, -1, 1], { value: 0.5 }) },
    { inputs: () => [rnd([3, 2], 942)], fn: (a) => F.pad(a, [-1, 0, 2, 2]) },
  ],
  indexPad: [
    { inputs: () => [rnd([2, 2, 5], 951)], fn: (a) => F.pad(a, [2, 3], { mode: 'reflect' }) },
    { inputs: () => [rnd([1, 2, 3, 3], 952)], fn: (a) => F.pad(a, [1, 2, 2, 0], { mode: 'replicate' }) },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['layerNorm', () => rnd([3, 4], 961), (x) => F.layerNorm(x, 4, { weight: tg.tensor([0.5, 1, 2, -1], { dtype: 'float64' }) })],
  ['batchNorm training', () => rnd([4, 3], 962), (x) => F.batchNorm(x, null, null, { training: true })],
  ['embedding weight', () => rnd([4, 2], 963), (w) => F.embedding(idx([0, 3, 3]), w).pow(2)],
  ['embeddingBag weight', () => rnd([4, 2], 964), (w) => F.embeddingBag(idx([[0, 3, 3]]), w).pow(2)],
  ['pad reflect', () => rnd([1, 2, 4], 965), (x) => F.pad(x, [2, 1], { mode: 'reflect' }).pow(2)],
  ['pad constant', () => rnd([2, 3], 966), (x) => F.pad(x, [1, -1]).pow(2)],
];
