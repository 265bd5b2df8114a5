// Gradcheck cases of conv1d (lib/ops/conv.ts): input, weight and bias, every geometry.
import * as tg from '../../../lib';
import { rnd, type Case, type SecondOrder } from './common';

const F = tg.nn.functional;

export const CASES: Record<string, Case[]> = {
  conv1d: [
    { inputs: () => [rnd([2, 3, 7], 901), rnd([4, 3, 3], 902), rnd([4], 903)], fn: (x, w, b) => F.conv1d(x, w, b) },
    { inputs: () => [rnd([2, 4, 9], 904), rnd([6, 2, 2], 905)], fn: (x, w) => F.conv1d(x, w, null, { stride: 2, padding: 1, dilation: 2, groups: 2 }) },
    { inputs: () => [rnd([3, 6], 906), rnd([2, 3, 4], 907), rnd([2], 908)], fn: (x, w, b) => F.conv1d(x, w, b, { padding: 'same' }) },
    { inputs: () => [rnd([1, 2, 5], 909), rnd([2, 2, 3], 910)], fn: (x, w) => F.conv1d(x, w, null, { padding: 2, paddingMode: 'reflect' }) },
    {
      inputs: () => [rnd([1, 2, 5], 911), rnd([4, 1, 3], 912)],
      fn: (x, w) => F.conv1d(x, w, null, { padding: 2, paddingMode: 'circular', groups: 2, stride: 2 }),
    },
  ],
};

// conv1d is bilinear: its second derivatives are the cross terms, the input gradient as a function of the weight.
const X = rnd([2, 2, 6], 913);
const G = rnd([2, 3, 4], 914);
export const SECOND_ORDER: SecondOrder[] = [
  ['conv1d input grad in the weight', () => rnd([3, 2, 3], 915), (w) => tg.autograd.grad(F.conv1d(X, w), X, { gradOutputs: G, createGraph: true })[0]!],
];
