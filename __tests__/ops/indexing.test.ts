import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('indexSelect', () => {
  const x = tg.arange(12, { dtype: 'float64' }).reshape(3, 4);

  test('selects rows and columns, repeats allowed', () => {
    expect(x.indexSelect(0, tg.tensor([2, 0, 2], { dtype: 'int32' })).toArray()).toEqual([
      [8, 9, 10, 11],
      [0, 1, 2, 3],
      [8, 9, 10, 11],
    ]);
    expect(x.indexSelect(1, [3, 1]).toArray()).toEqual([
      [3, 1],
      [7, 5],
      [11, 9],
    ]);
    expect(x.t().indexSelect(-1, [1]).toArray()).toEqual([[4], [5], [6], [7]]);
    expect(tg.indexSelect(x, 0, []).shape).toEqual([0, 4]);
  });

  test('row gathers (one copy per row) agree with a naive gather, for every layout and dtype', () => {
    // Contiguous rows of a matrix, a column vector, rows of a 3-D block, a leading size-1 dim,
    // and layouts that are not row blocks (transposed, strided), which take the general path.
    // 50 indices give outputs small enough to be copied in JS, 200 go through the addon.
    const n = 300,
      d = 7;
    for (const count of [50, 200]) {
      const idx = Array.from({ length: count }, (_, i) => (i * 37 + 11) % 250);
      const naive = (t: tg.Tensor, dim: number): unknown => {
        const a = t.toArray() as unknown[];
        if (dim === 0) return idx.map((i) => a[i]);
        return (a as unknown[][]).map((r) => idx.map((i) => r[i]));
      };
      for (const dtype of ['float32', 'float64', 'int32', 'int64', 'bool'] as const) {
        const base = tg.arange(n * d, { dtype: 'float64' }).reshape(n, d);
        const bits = Array.from({ length: n * d }, (_, i) => (i * 7) % 3 === 0);
        const m = dtype === 'bool' ? tg.tensor(bits, { shape: [n, d] }) : base.to(dtype);
        const cases: [tg.Tensor, number][] = [
          [m, 0],
          [m.narrow(0, 40, 260), 0], // contiguous rows from an offset
          [m.narrow(1, 0, 1), 0], // column: rows of one element
          [m.reshape(n, 1, d), 0],
          [m.t(), 1],
          [m.narrow(1, 2, 3), 0], // rows not contiguous with each other's ends: strided
          // Contiguous rows of one and of two elements from an odd offset (unrolled JS copies).
          [m.reshape(-1).narrow(0, 3, 280).reshape(280, 1), 0],
          [m.reshape(-1).narrow(0, 3, 560).reshape(280, 2), 0],
          [m.reshape(-1).narrow(0, 3, 280), 0],
        ];
        for (const [t, dim] of cases) expect(t.indexSelect(dim, idx).toArray()).toEqual(naive(t, dim));
        expect(m.unsqueeze(0).indexSelect(1, idx).toArray()).toEqual([naive(m, 0)]);
      }
    }
  });

  test('X^T v for a transposed X (the weight gradient) matches a float64 reference', () => {
    const x = tg.tensor(
      Array.from({ length: 1024 * 64 }, (_, i) => Math.sin(i)),
      { shape: [1024, 64], dtype: 'float64' },
    );
    const v = tg.tensor(
      Array.from({ length: 1024 }, (_, i) => Math.cos(i)),
      { shape: [1024, 1], dtype: 'float64' },
    );
    const xd = x.dataSync(),
      vd = v.dataSync();
    const ref = Array.from({ length: 64 }, (_, j) => {
      let s = 0;
      for (let i = 0; i < 1024; i++) s += xd[i * 64 + j] * vd[i];
      return s;
    });
    const got = flat(x.t().matmul(v));
    ref.forEach((r, j) => expect(Math.abs(got[j] - r)).toBeLessThan(1e-9));
  });

  test('the backward adds into repeated rows', () => {
    const w = tg.ones([3, 2], { requiresGrad: true });
    w.indexSelect(0, [0, 2, 0, 0]).sum().backward();
    expect(w.grad!.toArray()).toEqual([
      [3, 3],
      [0, 0],
      [1, 1],
    ]);
  });

  test('a later write into the index tensor changes neither the result nor the gradient', () => {
    const w = tg.arange(6, { dtype: 'float32' }).reshape(3, 2).requiresGrad_();
    const idx = tg.tensor([2, 0], { dtype: 'int32' });
    const y = w.indexSelect(0, idx);
    const plain = w.detach().indexSelect(0, idx); // no graph: read once, at the call
    idx.fill_(1);
    expect(y.toArray()).toEqual([
      [4, 5],
      [0, 1],
    ]);
    expect(plain.toArray()).toEqual([
      [4, 5],
      [0, 1],
    ]);
    y.sum().backward();
    expect(w.grad!.toArray()).toEqual([
      [1, 1],
      [0, 0],
      [1, 1],
    ]);
  });

  test('errors', () => {
    expectTensorError(() => x.indexSelect(0, [3]), 'INDEX', 'index 3 is out of bounds for dimension 0 with size 3');
    expectTensorError(() => x.indexSelect(0, [-1]), 'INDEX');
    expectTensorError(() => x.indexSelect(2, [0]), 'INDEX', 'Dimension out of range');
    expectTensorError(() => x.indexSelect(0, tg.tensor([0])), 'DTYPE', 'int32');
  });
});
