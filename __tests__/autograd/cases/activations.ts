// Gradcheck cases of the activations and softmax (lib/ops/activations.ts, lib/ops/softmax.ts).
import * as tg from '../../../lib';
import { nonzero, rnd, type Case, type SecondOrder } from './common';

/** gelu_backward(g, x) with both inputs differentiable: the gradient of gelu(x) seeded with g. */
function geluBackward(approximate: 'none' | 'tanh') {
  return (g: tg.Tensor, x: tg.Tensor): tg.Tensor => tg.autograd.grad(x.gelu({ approximate }), x, { gradOutputs: g, createGraph: true })[0]!;
}

/** softmax's backward seeded with g, differentiable in g and x (through the saved output). */
function softmaxBackward(log: boolean, dim: number) {
  return (g: tg.Tensor, x: tg.Tensor): tg.Tensor => tg.autograd.grad(log ? x.logSoftmax(dim) : x.softmax(dim), x, { gradOutputs: g, createGraph: true })[0]!;
}

export const CASES: Record<string, Case[]> = {
  softmax: [
    { inputs: () => [rnd([3, 5], 201)], fn: (a) => a.softmax(-1) },
    { inputs: () => [rnd([4, 3, 2], 202)], fn: (a) => a.softmax(1) },
    { inputs: () => [rnd([3, 4], 203).t()], fn: (a) => a.softmax(0) },
  ],
  logSoftmax: [
    { inputs: () => [rnd([3, 5], 204)], fn: (a) => a.logSoftmax(1) },
    { inputs: () => [rnd([2, 4, 3], 205)], fn: (a) => a.logSoftmax(0) },
  ],
  softmaxBackwardData: [
    { inputs: () => [rnd([3, 4], 224), rnd([3, 4], 225)], fn: softmaxBackward(false, 1) },
    { inputs: () => [rnd([3, 4], 226), rnd([3, 4], 227)], fn: softmaxBackward(false, 0) },
  ],
  logSoftmaxBackwardData: [
    { inputs: () => [rnd([3, 4], 228), rnd([3, 4], 229)], fn: softmaxBackward(true, -1) },
    { inputs: () => [rnd([2, 3, 2], 243), rnd([2, 3, 2], 244)], fn: softmaxBackward(true, 1) },
  ],
  gelu: [
    { inputs: () => [rnd([7], 206, 0)], fn: (a) => a.gelu() },
    { inputs: () => [rnd([2, 3], 207)], fn: (a) => a.gelu({ approximate: 'tanh' }) },
  ],
  geluBackward: [
    { inputs: () => [rnd([5], 208), rnd([5], 209)], fn: geluBackward('none') },
    { inputs: () => [rnd([5], 210), rnd([5], 211)], fn: geluBackward('tanh') },
  ],
  silu: [{ inputs: () => [rnd([6], 212)], fn: (a) => a.silu() }],
  mish: [{ inputs: () => [rnd([6], 213)], fn: (a) => a.mish() }],
  logSigmoid: [{ inputs: () => [rnd([6], 214)], fn: (a) => a.logSigmoid() }],
  softplus: [
    { inputs: () => [rnd([6], 215)], fn: (a) => a.softplus() },
    // beta 2, threshold 1: some elements on the linear side
    { inputs: () => [rnd([8], 216)], fn: (a) => a.softplus({ beta: 2, threshold: 1 }) },
  ],
  elu: [
    { inputs: () => [nonzero([6], 217)], fn: (a) => a.elu() },
    { inputs: () => [nonzero([6], 218)], fn: (a) => a.elu(0.5) },
  ],
  leakyRelu: [
    { inputs: () => [nonzero([6], 219)], fn: (a) => a.leakyRelu() },
    { inputs: () => [nonzero([6], 220)], fn: (a) => a.leakyRelu(-0.3) },
  ],
  hardtanh: [
    { inputs: () => [rnd([8], 221)], fn: (a) => a.mul(3).hardtanh() },
    { inputs: () => [rnd([8], 222)], fn: (a) => a.mul(4).hardtanh({ minVal: -0.5, maxVal: 2 }) },
    { inputs: () => [rnd([8], 223)], fn: (a) => a.mul(8).relu6() },
  ],
};

export const SECOND_ORDER: SecondOrder[] = [
  ['softmax', () => rnd([3, 4], 230), (x) => x.softmax(1)],
  ['softmax dim 0', () => rnd([3, 4], 231), (x) => x.softmax(0)],
  ['logSoftmax', () => rnd([3, 4], 232), (x) => x.logSoftmax(-1)],
  ['softmax third order', () => rnd([2, 3], 245), (x) => tg.autograd.grad(x.softmax(1).mul(x).sum(), x, { createGraph: true })[0]!],
  ['logSoftmax third order', () => rnd([2, 3], 246), (x) => tg.autograd.grad(x.logSoftmax(1).mul(x).sum(), x, { createGraph: true })[0]!],
  ['gelu', () => rnd([5], 233), (x) => x.gelu()],
  ['gelu tanh', () => rnd([5], 234), (x) => x.gelu({ approximate: 'tanh' })],
  ['gelu third order', () => rnd([4], 235), (x) => tg.autograd.grad(x.gelu().sum(), x, { createGraph: true })[0]!],
  ['silu', () => rnd([5], 236), (x) => x.silu()],
  ['mish', () => rnd([5], 237), (x) => x.mish()],
  ['logSigmoid', () => rnd([5], 238), (x) => x.logSigmoid()],
  ['softplus', () => rnd([5], 239), (x) => x.softplus({ beta: 1.5 })],
  ['elu', () => nonzero([5], 240), (x) => x.elu(0.7)],
  ['leakyRelu', () => nonzero([5], 241), (x) => x.leakyRelu(0.2).mul(x)],
  ['hardtanh', () => rnd([5], 242), (x) => x.mul(2).hardtanh().mul(x)],
];
