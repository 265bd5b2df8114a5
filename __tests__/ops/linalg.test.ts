import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, refMatmul, values } from '../helpers';

function mat(rows: number, cols: number, seed: number, dtype: tg.DType = 'float64'): tg.Tensor {
  return tg.tensor(values(rows * cols, seed), { shape: [rows, cols], dtype });
}

describe('mm against a float64 naive product', () => {
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [2, 3, 4],
    [7, 5, 3],
    [16, 16, 16],
    [33, 17, 65],
    [64, 64, 64],
    [100, 37, 130],
    [130, 257, 65],
    [9, 300, 11],
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

describe('matrix-vector products against a float64 naive product', () => {
  // Short rows and few outputs take plain loops, longer ones the SIMD kernels: both sides of 16.
  test.each([1, 2, 3, 7, 15, 16, 17, 40])('A x with rows of %i, x contiguous and strided', (k) => {
    for (const dtype of ['float64', 'float32'] as const) {
      const a = mat(33, k, k, dtype);
      const wide = mat(k, 2, k + 1, dtype); // x as a column of it: stride 2
      for (const x of [wide.narrow(1, 1, 1).contiguous(), wide.narrow(1, 1, 1)]) {
        const ref = refMatmul(a.dataSync(), x.contiguous().dataSync(), 1, 33, k, 1);
        expectClose(flat(a.matmul(x)), ref, dtype === 'float64' ? 1e-12 : 2e-5 * Math.sqrt(k));
      }
    }
  });

  test.each([1, 2, 3, 4, 5])('A x with rows of %i is each row summed in order from +0, rounded to float32 at every step', (k) => {
    // Exact: the plain loops (unrolled for rows of at most 4 packed back to back) add
    // ((0 + a0 x0) + a1 x1) + ..., so a row whose products are all -0 gives +0.
    const f = Math.fround;
    for (const m of [1, 7, 33, 1001]) {
      const wide = mat(m, k + 1, m + k, 'float32');
      const vals = Array.from(wide.dataSync());
      for (let j = 0; j <= k; j++) vals[j] = -0; // row 0: products -0 (x below is positive)
      const w = tg.tensor(vals, { shape: [m, k + 1] });
      const x = tg.tensor(Array.from({ length: k }, (_, p) => 0.5 + p / 3));
      const xs = x.dataSync();
      for (const a of [w.narrow(1, 0, k).contiguous(), w.narrow(1, 0, k)]) {
        // rows packed, rows with a gap
        const ad = a.contiguous().dataSync();
        const ref = Array.from({ length: m }, (_, i) => {
          let acc = 0;
          for (let p = 0; p < k; p++) acc = f(acc + f(ad[i * k + p] * xs[p]));
          return acc;
        });
        const out = flat(a.matmul(x.reshape(k, 1)));
        expect(out).toEqual(ref);
        expect(Object.is(out[0], 0)).toBe(true);
      }
    }
  });

  test.each([1, 2, 5, 15, 16, 17, 40])('A^T g with %i outputs (the weight gradient X^T g)', (m) => {
    for (const dtype of ['float64', 'float32'] as const) {
      const x = mat(100, m, m * 3, dtype);
      const g = mat(100, 1, m * 5, dtype);
      const ref = refMatmul(x.t().contiguous().dataSync(), g.dataSync(), 1, m, 100, 1);
      expectClose(flat(x.t().matmul(g)), ref, dtype === 'float64' ? 1e-12 : 2e-4);
    }
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
    const m = tg.tensor([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
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
    expectClose(
      flat(out),
      Array.from({ length: 1000 }, (_, i) => xd[2 * i] * 2 - 3.4 * xd[2 * i + 1]),
      1e-12,
    );
  });
});

describe('errors', () => {
  test('mismatched inner dims name the op and the shapes', () => {
    expectTensorError(() => tg.ones([1000, 2]).matmul(tg.ones([3, 1])), 'SHAPE', 'matmul: cannot multiply [1000, 2] by [3, 1] (2 != 3)');
    expectTensorError(() => tg.ones([2, 2]).mm(tg.ones([3])), 'SHAPE', 'mm: mat2 must be a matrix');
    expectTensorError(() => tg.tensor(1).matmul(tg.ones([1])), 'SHAPE', 'at least 1D');
  });
});

describe('matmul with out (PyTorch out=)', () => {
  const bits = (t: tg.Tensor) => Array.from(t.contiguous().dataSync());

  test('writes the product into out and returns it: 2-D into a contiguous view at an offset, and every other case copied in', () => {
    const cases: [number[], number[]][] = [
      [
        [37, 70],
        [70, 45],
      ],
      [[3, 4], [4]],
      [[4], [4, 5]],
      [[4], [4]],
      [
        [2, 3, 4],
        [4, 5],
      ],
      [
        [9, 130],
        [130, 70],
      ],
    ];
    for (const [sa, sb] of cases) {
      const a = tg.randn(sa);
      const b = tg.randn(sb);
      const want = a.matmul(b);
      // A contiguous region in the middle of a larger buffer, which must stay untouched around it.
      const buf = tg.full([want.numel + 10], 7);
      const out = buf.narrow(0, 5, want.numel).view(want.shape);
      const before = out._version.value;
      expect(a.matmul(b, { out })).toBe(out);
      expect(bits(out)).toEqual(bits(want));
      expect(out._version.value).toBeGreaterThan(before);
      const rest = Array.from(buf.dataSync());
      expect([...rest.slice(0, 5), ...rest.slice(5 + want.numel)]).toEqual(new Array(10).fill(7));
      // The product checked independently, not only against matmul itself.
      if (sa.length === 2 && sb.length === 2) expectClose(flat(out), refMatmul(flat(a), flat(b), 1, sa[0], sa[1], sb[1]), 1e-4);
    }
  });

  test('a transposed out and an out that is an operand get the right values', () => {
    const a = tg.randn([6, 6]);
    const b = tg.randn([6, 6]);
    const want = bits(a.matmul(b));
    const t = tg.zeros([6, 6]).t();
    tg.matmul(a, b, { out: t });
    expect(bits(t)).toEqual(want);
    const self = a.clone();
    self.matmul(b, { out: self });
    expect(bits(self)).toEqual(want);
  });

  test('refuses what PyTorch refuses', () => {
    const a = tg.randn([3, 4]);
    const b = tg.randn([4, 5]);
    expectTensorError(
      () => a.matmul(b, { out: tg.zeros([3, 5], { dtype: 'float64' }) }),
      'DTYPE',
      'expected out tensor to have dtype float32, but got float64',
    );
    expectTensorError(() => a.matmul(b, { out: tg.zeros([5, 3]) }), 'SHAPE', "out has shape [5, 3], the product's is [3, 5]");
    expectTensorError(() => a.matmul(b, { out: tg.zeros([1, 5]).expand([3, 5]) }), 'ARGUMENT', 'more than one element');
    const w = tg.randn([4, 5], { requiresGrad: true });
    expectTensorError(() => a.matmul(w, { out: tg.zeros([3, 5]) }), 'GRAD', "don't support automatic differentiation");
    // Without grad mode nothing is recorded, so out= is allowed.
    const out = tg.noGrad(() => a.matmul(w, { out: tg.zeros([3, 5]) }));
    expect(out.requiresGrad).toBe(false);
    expect(bits(out)).toEqual(bits(tg.noGrad(() => a.matmul(w))));
  });
});
