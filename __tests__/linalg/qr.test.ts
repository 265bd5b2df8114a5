// qr and lstsq: Q orthonormal, R upper triangular, QR = A in every mode and shape; PyTorch's
// signs (LAPACK's reflectors) for a hand-checked matrix; lstsq against the normal equations and
// the minimum-norm solution of a rank-deficient system; gradients' error cases.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';
import { expectMatClose, identity, matmulRef, matrices, randMat, transposeRef } from './support';

describe('linalg.qr', () => {
  test.each([
    [[5, 3], 'reduced'],
    [[3, 5], 'reduced'],
    [[4, 4], 'reduced'],
    [[2, 5, 3], 'complete'],
    [[3, 5], 'complete'],
    [[70, 40], 'reduced'],
  ] as const)('%j %s: Q^T Q = I, R upper, QR = A', (shape, mode) => {
    const a = randMat([...shape], 60);
    const { Q, R } = tg.linalg.qr(a, { mode });
    const m = shape[shape.length - 2];
    const n = shape[shape.length - 1];
    const k = mode === 'complete' ? m : Math.min(m, n);
    expect(Q.shape).toEqual([...shape.slice(0, -2), m, k]);
    expect(R.shape).toEqual([...shape.slice(0, -2), k, n]);
    matrices(a).forEach((am, b) => {
      const q = matrices(Q)[b];
      const r = matrices(R)[b];
      expectMatClose(matmulRef(transposeRef(q), q), identity(k), 1e-12);
      r.forEach((row, i) => row.forEach((v, j) => j < i && expect(v).toBe(0)));
      expectMatClose(matmulRef(q, r), am, 1e-12);
    });
  });

  test("LAPACK's signs, mode 'r', non-contiguous and float32 inputs", () => {
    // Householder reflectors make R's diagonal -sign(a_jj) * |column|: [[1,2],[3,4],[5,6]] -> R[0][0] = -sqrt(35).
    const a = tg.tensor(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      { dtype: 'float64' },
    );
    const { Q, R } = tg.linalg.qr(a);
    expect(R.toArray()).toEqual([
      [expect.closeTo(-Math.sqrt(35), 14), expect.closeTo(-44 / Math.sqrt(35), 14)],
      [0, expect.closeTo(Math.sqrt(56 - (44 * 44) / 35), 13)],
    ]);
    expect(Q.shape).toEqual([3, 2]);
    const r = tg.linalg.qr(a, { mode: 'r' });
    expect(r.Q.shape).toEqual([0]);
    expectMatClose(matrices(r.R)[0], matrices(R)[0], 0);
    const t = tg.linalg.qr(a.t());
    expectMatClose(matmulRef(matrices(t.Q)[0], matrices(t.R)[0]), transposeRef(matrices(a)[0]), 1e-14);
    expect(tg.linalg.qr(a.to('float32')).R.dtype).toBe('float32');
  });

  test('errors: mode, rank, dtype; gradients PyTorch cannot give', () => {
    expectTensorError(() => tg.linalg.qr(tg.ones([2, 2]), { mode: 'foo' as never }), 'ARGUMENT', "qr received unrecognized mode 'foo'");
    expectTensorError(() => tg.linalg.qr(tg.ones([3])), 'SHAPE', 'linalg.qr: The input tensor A must have at least 2 dimensions.');
    expectTensorError(() => tg.linalg.qr(tg.ones([2, 2], { dtype: 'int32' })), 'DTYPE', 'linalg.qr: Expected a floating point');
    const x = randMat([3, 2], 61).requiresGrad_();
    expectTensorError(() => tg.linalg.qr(x, { mode: 'r' }).R.sum().backward(), 'GRAD', "not computed when mode='r'");
    expectTensorError(() => tg.linalg.qr(x, { mode: 'complete' }).Q.sum().backward(), 'GRAD', "not differentiable when mode='complete' and nrows > ncols");
    expect(tg.linalg.qr(x).Q.gradFn?.name).toBe('LinalgQrBackward0');
  });
});

describe('linalg.lstsq', () => {
  test('full rank: the normal equations; gelsy fills rank only', () => {
    const a = randMat([6, 3], 70);
    const b = randMat([6, 2], 71);
    const r = tg.linalg.lstsq(a, b);
    const at = a.t();
    const normal = tg.linalg.solve(at.matmul(a), at.matmul(b));
    expect(r.solution.sub(normal).abs().max().item()).toBeLessThan(1e-12);
    expect(r.rank.item()).toBe(3);
    expect(r.residuals.shape).toEqual([0]);
    expect(r.singularValues.shape).toEqual([0]);
    const batched = tg.linalg.lstsq(randMat([2, 6, 3], 72), randMat([1, 6, 1], 73));
    expect(batched.solution.shape).toEqual([2, 3, 1]);
    expect(batched.rank.toArray()).toEqual([3, 3]);
  });

  test('rank deficient: the minimum-norm solution; underdetermined: the minimum-norm exact one', () => {
    // Columns 2x apart: rank 1, and x = (1, 2) t with t minimising |A x - b|.
    const a = tg.tensor(
      [
        [1, 2],
        [2, 4],
        [3, 6],
      ],
      { dtype: 'float64' },
    );
    const b = tg.tensor([[1], [2], [4]], { dtype: 'float64' });
    const r = tg.linalg.lstsq(a, b);
    expect(r.rank.item()).toBe(1);
    const t = (1 + 4 + 12) / (5 * 14);
    expect(r.solution.toArray()).toEqual([[expect.closeTo(t, 13)], [expect.closeTo(2 * t, 13)]]);
    const w = randMat([2, 4], 74);
    const x = tg.linalg.lstsq(w, tg.tensor([[1], [2]], { dtype: 'float64' })).solution;
    expect(
      w
        .matmul(x)
        .sub(tg.tensor([[1], [2]], { dtype: 'float64' }))
        .abs()
        .max()
        .item(),
    ).toBeLessThan(1e-13);
    // Minimum norm: x lies in the row space of w, x = w^T y.
    const y = tg.linalg.solve(w.matmul(w.t()), w.matmul(x));
    expect(w.t().matmul(y).sub(x).abs().max().item()).toBeLessThan(1e-13);
  });

  test('errors', () => {
    expectTensorError(() => tg.linalg.lstsq(tg.ones([3, 2]), tg.ones([2, 1])), 'SHAPE', 'torch.linalg.lstsq: input.size(-2) should match other.size(-2)');
    // B with one dim fewer than A is a batch of vectors, as in PyTorch.
    expectTensorError(() => tg.linalg.lstsq(tg.ones([2, 6, 3]), tg.ones([6, 1])), 'SHAPE', 'should match other.size(-1)');
    expectTensorError(() => tg.linalg.lstsq(tg.ones([2, 2], { dtype: 'int32' }), tg.ones([2, 1], { dtype: 'int32' })), 'DTYPE');
    expectTensorError(() => tg.linalg.lstsq(tg.ones([2, 2]), tg.ones([2, 1]), { driver: 'gelsd' as never }), 'ARGUMENT');
  });
});
