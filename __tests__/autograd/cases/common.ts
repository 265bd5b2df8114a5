// Inputs and helpers shared by the gradcheck case files of the registry walk
// (__tests__/autograd/registry.test.ts). Each file in this folder exports CASES (op name ->
// cases) and SECOND_ORDER (functions whose second derivatives gradcheck checks).
import * as tg from '../../../lib';
import { values } from '../../helpers';

export type Case = { inputs: () => tg.Tensor[]; fn: (...t: tg.Tensor[]) => tg.Tensor; eps?: number };
export type SecondOrder = [string, () => tg.Tensor, (x: tg.Tensor) => tg.Tensor];

export function rnd(shape: number[], seed: number, shift = 0): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(
    values(n, seed).map((v) => v + shift),
    { shape, dtype: 'float64', requiresGrad: true },
  );
}
/** Away from zero, for functions with a kink or pole there. */
export function pos(shape: number[], seed: number): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(
    values(n, seed).map((v) => Math.abs(v) + 0.5),
    { shape, dtype: 'float64', requiresGrad: true },
  );
}
export function nonzero(shape: number[], seed: number): tg.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tg.tensor(
    values(n, seed).map((v) => (v < 0 ? v - 0.3 : v + 0.3)),
    { shape, dtype: 'float64', requiresGrad: true },
  );
}
/** d(sum(f(x) * w))/dx with createGraph, so gradcheck checks second derivatives. */
export function firstGrad(f: (x: tg.Tensor) => tg.Tensor): (x: tg.Tensor) => tg.Tensor {
  return (x) => {
    const y = f(x);
    const w = tg.tensor(values(y.numel, 77), { shape: y.shape.slice(), dtype: 'float64' });
    return tg.autograd.grad(y.mul(w).sum(), x, { createGraph: true })[0]!;
  };
}
