// Norms against naive loops: p = 0, 1, 2, 3, 0.5, ±inf, over dims and keepdim; matrix norms;
// linalg.norm's dispatch; the subgradient at 0; errors with their codes.
import * as tg from '../../lib';
import { expectClose, expectTensorError } from '../helpers';
import { randMat } from './support';

function normRef(v: number[], p: number): number {
  const a = v.map(Math.abs);
  if (p === Infinity) return Math.max(...a);
  if (p === -Infinity) return Math.min(...a);
  if (p === 0) return a.filter((x) => x !== 0).length;
  return a.reduce((s, x) => s + x ** p, 0) ** (1 / p);
}
const flat = (t: tg.Tensor) => Array.from(t.contiguous().dataSync() as Float64Array);

describe('norm and vectorNorm', () => {
  const x = randMat([3, 4], 90);
  const rows = [0, 1, 2].map((i) => flat(x).slice(i * 4, i * 4 + 4));
  const cols = [0, 1, 2, 3].map((j) => rows.map((r) => r[j]));

  test.each([0, 1, 2, 3, 0.5, Infinity, -Infinity])('p = %d over everything and over each dim', (p) => {
    expect(x.norm(p).item()).toBeCloseTo(normRef(flat(x), p), 12);
    expect(tg.linalg.vectorNorm(x, p).item()).toBeCloseTo(normRef(flat(x), p), 12);
    expectClose(
      flat(x.norm(p, 1)),
      rows.map((r) => normRef(r, p)),
      1e-12,
    );
    const kept = tg.linalg.vectorNorm(x, p, 0, { keepdim: true });
    expect(kept.shape).toEqual([1, 4]);
    expectClose(
      flat(kept),
      cols.map((c) => normRef(c, p)),
      1e-12,
    );
    expectClose(
      flat(tg.norm(x.t(), p, -1)),
      cols.map((c) => normRef(c, p)),
      1e-12,
    );
  });

  test("'fro', node names, float32, 0-d and the gradient at 0", () => {
    expect(x.norm('fro').item()).toBeCloseTo(normRef(flat(x), 2), 12);
    expect(x.norm('fro', [0, 1]).item()).toBeCloseTo(normRef(flat(x), 2), 12);
    const g = tg.zeros([3], { dtype: 'float64', requiresGrad: true });
    const n = g.norm();
    expect(n.gradFn?.name).toBe('NormBackward1');
    n.backward();
    expect(g.grad!.toArray()).toEqual([0, 0, 0]);
    const v = tg.zeros([2], { requiresGrad: true });
    const vn = tg.linalg.vectorNorm(v);
    expect(vn.gradFn?.name).toBe('LinalgVectorNormBackward0');
    vn.backward();
    expect(v.grad!.toArray()).toEqual([0, 0]);
    expect(x.to('float32').norm().dtype).toBe('float32');
    expect(tg.tensor(-3).norm().item()).toBe(3);
    expect(tg.linalg.vectorNorm(x.to('float32'), 2, null, { dtype: 'float64' }).dtype).toBe('float64');
  });

  test('errors', () => {
    expectTensorError(
      () => tg.ones([2], { dtype: 'int32' }).norm(),
      'DTYPE',
      'norm(): input dtype should be either floating point or complex. Got Int instead.',
    );
    expectTensorError(
      () => tg.linalg.vectorNorm(tg.ones([2], { dtype: 'int32' })),
      'DTYPE',
      'linalg.vector_norm: Expected a floating point or complex tensor as input. Got Int',
    );
    expectTensorError(() => tg.linalg.vectorNorm(tg.ones([2]), 'fro' as never), 'ARGUMENT');
    expectTensorError(() => tg.zeros([0]).norm(Infinity), 'ARGUMENT', 'cannot compute the inf norm on an empty tensor');
    expectTensorError(() => x.norm(2, 2), 'INDEX');
  });
});

describe('matrixNorm and linalg.norm', () => {
  const a = randMat([2, 3, 4], 91);
  const mats = [0, 1].map((b) => [0, 1, 2].map((i) => flat(a).slice(b * 12 + i * 4, b * 12 + i * 4 + 4)));
  const colSums = (m: number[][]) => m[0].map((_, j) => m.reduce((s, r) => s + Math.abs(r[j]), 0));
  const rowSums = (m: number[][]) => m.map((r) => r.reduce((s, v) => s + Math.abs(v), 0));

  test.each([
    ['fro', (m: number[][]) => normRef(m.flat(), 2)],
    [1, (m: number[][]) => Math.max(...colSums(m))],
    [-1, (m: number[][]) => Math.min(...colSums(m))],
    [Infinity, (m: number[][]) => Math.max(...rowSums(m))],
    [-Infinity, (m: number[][]) => Math.min(...rowSums(m))],
  ] as const)('ord %s', (ord, ref) => {
    expectClose(flat(tg.linalg.matrixNorm(a, ord)), mats.map(ref), 1e-12);
    expect(tg.linalg.matrixNorm(a, ord, [-2, -1], { keepdim: true }).shape).toEqual([2, 1, 1]);
    expectClose(flat(tg.linalg.matrixNorm(a.transpose(1, 2), ord, [-1, -2])), mats.map(ref), 1e-12);
  });

  test("'nuc' and ±2 from the singular values: sum(s^2) = |A|_F^2, prod(s) = |det A|, s from a 2x2's closed form", () => {
    const q = randMat([3, 3], 92);
    const nuc = tg.linalg.matrixNorm(q, 'nuc').item();
    const s1 = tg.linalg.matrixNorm(q, 2).item();
    const s3 = tg.linalg.matrixNorm(q, -2).item();
    const s2 = nuc - s1 - s3;
    expect(s1 ** 2 + s2 ** 2 + s3 ** 2).toBeCloseTo(q.norm().item() ** 2, 12);
    expect(s1 * s2 * s3).toBeCloseTo(Math.abs(tg.linalg.det(q).item()), 12);
    expect(s1 >= s2 && s2 >= s3 && s3 >= 0).toBe(true);
    // [[3, 0], [4, 5]]: A^T A = [[25, 20], [20, 25]], eigenvalues 45 and 5.
    const t = tg.tensor(
      [
        [3, 0],
        [4, 5],
      ],
      { dtype: 'float64' },
    );
    expect(tg.linalg.matrixNorm(t, 2).item()).toBeCloseTo(Math.sqrt(45), 13);
    expect(tg.linalg.matrixNorm(t, -2).item()).toBeCloseTo(Math.sqrt(5), 13);
    expect(t.norm('nuc').item()).toBeCloseTo(Math.sqrt(45) + Math.sqrt(5), 13);
    expect(tg.linalg.matrixNorm(t.t(), 'nuc').item()).toBeCloseTo(Math.sqrt(45) + Math.sqrt(5), 13);
    expect(tg.linalg.matrixNorm(a, 'nuc', [0, 2], { keepdim: true }).shape).toEqual([1, 3, 1]);
  });

  test('linalg.norm picks vector or matrix norms as PyTorch', () => {
    const m = a.narrow(0, 0, 1).reshape(3, 4);
    expect(tg.linalg.norm(a).item()).toBeCloseTo(normRef(flat(a), 2), 12);
    expect(tg.linalg.norm(m, 1).item()).toBeCloseTo(Math.max(...colSums(mats[0])), 12);
    expect(tg.linalg.norm(m.reshape(12), 1).item()).toBeCloseTo(normRef(mats[0].flat(), 1), 12);
    expectClose(
      flat(tg.linalg.norm(a, Infinity, [1, 2])),
      mats.map((q) => Math.max(...rowSums(q))),
      1e-12,
    );
    expectClose(
      flat(tg.linalg.norm(a, 3, 2)),
      mats.flatMap((q) => q.map((r) => normRef(r, 3))),
      1e-12,
    );
  });

  test('errors', () => {
    expectTensorError(() => tg.linalg.matrixNorm(a, 3), 'ARGUMENT', 'linalg.matrix_norm: Order 3 not supported.');
    expectTensorError(() => tg.linalg.matrixNorm(tg.ones([3])), 'SHAPE', 'linalg.matrix_norm: The input tensor A must have at least 2 dimensions.');
    expectTensorError(() => tg.linalg.matrixNorm(a, 'fro', [1, 1]), 'ARGUMENT', 'dims must be different');
    expectTensorError(() => tg.linalg.norm(a, 'fro'), 'SHAPE', 'linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. Got 3D.');
    expectTensorError(() => tg.linalg.matrixNorm(tg.ones([2, 2], { dtype: 'int32' })), 'DTYPE');
  });
});
