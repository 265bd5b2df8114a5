import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, refMatmul, values } from '../helpers';

function mat(rows: number, cols: number, seed: number, dtype: tg.DType = 'float64'): tg.Tensor {
  return tg.tensor(values(rows * cols, seed), { shape: [rows, cols], dtype });
}

describe('mm against a float64 naive product', () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1], [2, 3, 4], [7, 5, 3], [16, 16, 16], [33, 17, 65], [64, 64, 64], [100, 37, 130], [130, 257, 65], [9, 300, 11],
  ];
  test.each(sizes)('%i x %i x %i in float64 and float32', (m, k, n) => {
    for (const dtype of ['float64', 'float32'] as const) {
      const a = mat(m, k, m * 7 + k, dtype);
      const b = mat(k, n, n * 13 + k, dtype);
      const ref = refMatmul(a.dataSync(), b.dataSync(), 1, m, k, n);
      const out = a.matmul(b);
      expect(out.shape).toEqual([m, n]);
      expectClose(flat(out), ref, dtype === 'float64' ? 1e-12 : 2e-5 * Math.sqrt(k));
    }
  });

  test('transposed operands are read through their strides', () => {
    const a = mat(40, 70, 1);
    const b = mat(50, 40, 2);
    const out = a.t().matmul(b.t()); // [70, 40] x [40, 50]
    const ref = refMatmul(a.t().contiguous().dataSync(), b.t().contiguous().dataSync(), 1, 70, 40, 50);
    expectClose(flat(out), ref, 1e-12);
  });
});

describe("matmul's dimension rules", () => {
  test('1-D x 1-D is a dot product (0-d)', () => {
    const out = tg.tensor([1, 2, 3]).matmul(tg.tensor([4, 5, 6]));
    expect(out.shape).toEqual([]);
    expect(out.item()).toBe(32);
    expect(tg.dot(tg.tensor([1, 2]), tg.tensor([3, 4])).item()).toBe(11);
  });
  test('2-D x 1-D and 1-D x 2-D', () => {
    const m = tg.tensor([[1, 2], [3, 4], [5, 6]]);
    expect(flat(m.matmul(tg.tensor([1, 1])))).toEqual([3, 7, 11]);
    expect(flat(tg.tensor([1, 1, 1]).matmul(m))).toEqual([9, 12]);
    expect(m.matmul(tg.tensor([1, 1])).shape).toEqual([3]);
  });
  test('batched with broadcast batch dims', () => {
    const a = tg.tensor(values(2 * 1 * 3 * 4, 3), { shape: [2, 1, 3, 4], dtype: 'float64' });
    const b = tg.tensor(values(5 * 4 * 2, 4), { shape: [5, 4, 2], dtype: 'float64' });
    const out = a.matmul(b);
    expect(out.shape).toEqual([2, 5, 3, 2]);
    const ad = a.dataSync();
    const bd = b.dataSync();
    const od = out.dataSync();
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 5; j++) {
        const ref = refMatmul(ad.slice(i * 12, i * 12 + 12), bd.slice(j * 8, j * 8 + 8), 1, 3, 4, 2);
        expectClose(od.slice((i * 5 + j) * 6, (i * 5 + j) * 6 + 6), ref, 1e-12);
      }
    }
  });
  test('batched x 1-D drops the vector dim', () => {
    const a = tg.ones([4, 3, 2]);
    const out = a.matmul(tg.tensor([1, 2]));
    expect(out.shape).toEqual([4, 3]);
    expect(flat(out).every((v) => v === 3)).toBe(true);
  });
  test('the tutorial shapes: 1000x2 . 2x1', () => {
    const x = mat(1000, 2, 5);
    const w = tg.tensor([[2], [-3.4]], { dtype: 'float64' });
    const out = x.matmul(w);
    const xd = x.dataSync();
    expectClose(flat(out), Array.from({ length: 1000 }, (_, i) => xd[2 * i] * 2 - 3.4 * xd[2 * i + 1]), 1e-12);
  });
});

describe('errors', () => {
  test('mismatched inner dims name the op and the shapes', () => {
    expectTensorError(() => tg.ones([1000, 2]).matmul(tg.ones([3, 1])), 'SHAPE', 'matmul: cannot multiply [1000, 2] by [3, 1] (2 != 3)');
    expectTensorError(() => tg.ones([2, 2]).mm(tg.ones([3])), 'SHAPE', 'mm: mat2 must be a matrix');
    expectTensorError(() => tg.tensor(1).matmul(tg.ones([1])), 'SHAPE', 'at least 1D');
  });
});
