// inv, det, solve, cholesky against float64 references: products with the input, cofactor
// determinants, residuals; batched, broadcast, non-contiguous, float32, the blocked LU (n > 32),
// empty inputs, and every error with its code and PyTorch's message.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';
import { detRef, expectMatClose, identity, matmulRef, matrices, randMat, transposeRef } from './support';

describe('linalg.inv', () => {
  test.each([
    [[5, 5], 1e-12],
    [[3, 4, 4], 1e-12],
    [[70, 70], 1e-10],
    [[2, 100, 100], 1e-10],
  ])('A @ inv(A) = I for %j', (shape, tol) => {
    const a = randMat(shape, 11, 2);
    const inv = tg.linalg.inv(a);
    expect(inv.shape).toEqual(shape);
    matrices(a).forEach((m, b) => expectMatClose(matmulRef(m, matrices(inv)[b]), identity(m.length), tol));
  });

  test('non-contiguous and expanded inputs, float32', () => {
    const a = randMat([4, 4], 12, 2);
    expectMatClose(matrices(tg.linalg.inv(a.t()))[0], transposeRef(matrices(tg.linalg.inv(a))[0]), 1e-12);
    const e = tg.linalg.inv(a.unsqueeze(0).expand(3, 4, 4));
    for (const m of matrices(e)) expectMatClose(m, matrices(tg.linalg.inv(a))[0], 1e-12);
    const f = tg.linalg.inv(a.to('float32'));
    expect(f.dtype).toBe('float32');
    expectMatClose(matrices(f)[0], matrices(tg.linalg.inv(a))[0], 1e-4);
    expectMatClose(matrices(a.inverse())[0], matrices(tg.linalg.inv(a))[0], 0);
  });

  test('empty matrices and batches', () => {
    expect(tg.linalg.inv(tg.zeros([0, 0])).shape).toEqual([0, 0]);
    expect(tg.linalg.inv(tg.zeros([0, 3, 3])).shape).toEqual([0, 3, 3]);
  });

  test('a singular matrix is ARGUMENT with the zero pivot, batched with its element', () => {
    const s = tg.tensor([
      [1, 2, 3],
      [2, 4, 6],
      [1, 1, 1],
    ]);
    const msg = 'linalg.inv: The diagonal element 2 is zero, the inversion could not be completed because the input matrix is singular.';
    expectTensorError(() => tg.linalg.inv(s), 'ARGUMENT', msg);
    expectTensorError(() => tg.linalg.inv(tg.stack([tg.eye(3), s])), 'ARGUMENT', /^linalg\.inv: \(Batch element 1\): The diagonal element 2 is zero/);
  });

  test('shape and dtype errors', () => {
    expectTensorError(() => tg.linalg.inv(tg.ones([2, 3])), 'SHAPE', 'linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices');
    expectTensorError(() => tg.linalg.inv(tg.ones([3])), 'SHAPE', 'linalg.inv: The input tensor A must have at least 2 dimensions.');
    expectTensorError(
      () => tg.linalg.inv(tg.ones([2, 2], { dtype: 'int32' })),
      'DTYPE',
      'linalg.inv: Expected a floating point or complex tensor as input. Got Int',
    );
  });
});

describe('linalg.det', () => {
  test.each([1, 2, 3, 4, 5])('matches the cofactor expansion, n = %i', (n) => {
    const a = randMat([3, n, n], 20 + n);
    const d = Array.from(tg.linalg.det(a).dataSync() as Float64Array);
    expect(d.length).toBe(3);
    matrices(a).forEach((m, b) => expect(d[b]).toBeCloseTo(detRef(m), 12));
  });

  test('singular is 0, the empty matrix 1, a row swap flips the sign, float32', () => {
    expect(
      Math.abs(
        tg.linalg
          .det(
            tg.tensor([
              [1, 2],
              [2, 4],
            ]),
          )
          .item(),
      ),
    ).toBe(0);
    expect(tg.linalg.det(tg.zeros([0, 0])).item()).toBe(1);
    expect(
      tg.linalg
        .det(
          tg.tensor([
            [0, 1],
            [1, 0],
          ]),
        )
        .item(),
    ).toBe(-1);
    // The blocked LU (n > 32): det(A) det(A^-1) = 1 and det(2A) = 2^n det(A).
    const a = randMat([40, 40], 25, 1);
    const d = tg.linalg.det(a).item();
    expect(d * tg.linalg.det(tg.linalg.inv(a)).item()).toBeCloseTo(1, 10);
    expect(tg.linalg.det(a.mul(2)).item() / d / 2 ** 40).toBeCloseTo(1, 12);
    expect(tg.linalg.det(randMat([3, 3], 26, 0, 'float32')).dtype).toBe('float32');
    expectTensorError(() => tg.linalg.det(tg.ones([2, 3])), 'SHAPE', 'linalg.det: A must be batches of square matrices');
  });
});

describe('linalg.solve', () => {
  const residual = (a: tg.Tensor, x: tg.Tensor, b: tg.Tensor) => a.matmul(x).sub(b).abs().max().item();

  test('matrix, vector, batched and broadcast right-hand sides', () => {
    const a = randMat([4, 4], 30, 2);
    expect(residual(a, tg.linalg.solve(a, randMat([4, 3], 31)), randMat([4, 3], 31))).toBeLessThan(1e-13);
    const v = randMat([1, 4], 32).reshape(4);
    const xv = tg.linalg.solve(a, v);
    expect(xv.shape).toEqual([4]);
    expect(residual(a, xv.unsqueeze(1), v.unsqueeze(1))).toBeLessThan(1e-13);
    const ab = randMat([2, 1, 4, 4], 33, 2);
    const bb = randMat([3, 4, 2], 34);
    const xb = tg.linalg.solve(ab, bb);
    expect(xb.shape).toEqual([2, 3, 4, 2]);
    expect(ab.matmul(xb).sub(bb).abs().max().item()).toBeLessThan(1e-13);
    // B batched like A without its last dim is a batch of vectors, as in PyTorch.
    expect(tg.linalg.solve(randMat([2, 4, 4], 35, 2), randMat([2, 4], 36)).shape).toEqual([2, 4]);
  });

  test('left = false solves XA = B; the blocked path (n = 64) and non-contiguous A', () => {
    const a = randMat([3, 3], 37, 2);
    const b = randMat([2, 3], 38);
    const x = tg.linalg.solve(a, b, { left: false });
    expect(x.matmul(a).sub(b).abs().max().item()).toBeLessThan(1e-13);
    const big = randMat([4, 64, 64], 39, 4);
    const rhs = randMat([4, 64, 1], 40);
    expect(residual(big, tg.linalg.solve(big, rhs), rhs)).toBeLessThan(1e-12);
    expect(residual(big.transpose(1, 2), tg.linalg.solve(big.transpose(1, 2), rhs), rhs)).toBeLessThan(1e-12);
    const f = tg.linalg.solve(big.to('float32'), rhs.to('float32'));
    expect(f.dtype).toBe('float32');
    expect(residual(big, f.to('float64'), rhs)).toBeLessThan(1e-4);
  });

  test('errors', () => {
    const s = tg.tensor([
      [1, 2],
      [2, 4],
    ]);
    expectTensorError(() => tg.linalg.solve(s, tg.ones([2])), 'ARGUMENT', 'torch.linalg.solve: The solver failed because the input matrix is singular.');
    expectTensorError(() => tg.linalg.solve(tg.stack([tg.eye(2), s]), tg.ones([2])), 'ARGUMENT', 'torch.linalg.solve: (Batch element 1): The solver failed');
    expectTensorError(
      () => tg.linalg.solve(tg.eye(2), tg.ones([3])),
      'SHAPE',
      'linalg.solve: Incompatible shapes of A and B for the equation AX = B (2x2 and 3x1)',
    );
    expectTensorError(
      () => tg.linalg.solve(tg.eye(2), tg.ones([2], { dtype: 'float64' })),
      'DTYPE',
      'Expected A and B to have the same dtype, but found A of type Float and B of type Double',
    );
    expectTensorError(() => tg.linalg.solve(tg.ones([2, 3]), tg.ones([2])), 'SHAPE', 'square matrices');
    expectTensorError(() => tg.linalg.solve(tg.eye(2).expand(3, 2, 2), tg.ones([2, 2, 1])), 'SHAPE');
    expectTensorError(() => tg.linalg.solve(tg.eye(2), tg.ones([2]), { lft: true } as never), 'ARGUMENT');
  });
});

describe('linalg.cholesky', () => {
  const spd = (shape: number[], seed: number) => {
    const x = randMat(shape, seed);
    return x.matmul(x.transpose(-2, -1)).add(tg.eye(shape[shape.length - 1], { dtype: 'float64' }));
  };

  test('L L^T = A with L lower triangular; upper gives U^T U = A', () => {
    const a = spd([3, 5, 5], 50);
    const l = tg.linalg.cholesky(a);
    matrices(l).forEach((m, b) => {
      m.forEach((row, i) => row.forEach((v, j) => j > i && expect(v).toBe(0)));
      expectMatClose(matmulRef(m, transposeRef(m)), matrices(a)[b], 1e-13);
    });
    const u = tg.linalg.cholesky(a, { upper: true });
    matrices(u).forEach((m, b) => expectMatClose(matmulRef(transposeRef(m), m), matrices(a)[b], 1e-13));
    // Only the lower triangle is read (the upper one, with upper: true).
    const garbage = tg.tensor(
      Array.from({ length: 5 }, (_, i) => Array.from({ length: 5 }, (_, j) => (j > i ? 7 : 0))),
      { dtype: 'float64' },
    );
    expect(tg.linalg.cholesky(a.add(garbage)).sub(l).abs().max().item()).toBe(0);
    expect(tg.linalg.cholesky(a.add(garbage).transpose(-2, -1), { upper: true }).transpose(-2, -1).sub(l).abs().max().item()).toBe(0);
  });

  test('not positive-definite is ARGUMENT with the minor, batched with its element', () => {
    const msg = (k: number) =>
      `The factorization could not be completed because the input is not positive-definite (the leading minor of order ${k} is not positive-definite).`;
    expectTensorError(() => tg.linalg.cholesky(tg.eye(3).neg()), 'ARGUMENT', `linalg.cholesky: ${msg(1)}`);
    const bad = tg.tensor([
      [1, 2],
      [2, 1],
    ]);
    expectTensorError(() => tg.linalg.cholesky(tg.stack([tg.eye(2), bad])), 'ARGUMENT', `linalg.cholesky: (Batch element 1): ${msg(2)}`);
    expectTensorError(() => tg.linalg.cholesky(tg.ones([2, 3])), 'SHAPE', 'linalg.cholesky: A must be batches of square matrices');
    expectTensorError(() => tg.linalg.cholesky(tg.ones([2, 2], { dtype: 'int32' })), 'DTYPE', 'Got Int');
  });
});
