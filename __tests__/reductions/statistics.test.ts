// var/std/varMean/stdMean, prod and logsumexp against float64 references.
import * as tg from '../../lib';
import { INDEX_DTYPE } from '../../lib/dtype';
import { expectClose, expectTensorError, values } from '../helpers';
import { f64, numbers, reduceRef, varRef } from './ref';

describe('var and std', () => {
  const x = f64([3, 4, 5], 1);
  test.each([
    [undefined, [0, 1, 2]],
    [0, [0]],
    [-1, [2]],
    [
      [0, 2],
      [0, 2],
    ],
    [
      [2, 0],
      [0, 2],
    ],
    [
      [1, 2],
      [1, 2],
    ],
  ] as const)('dim %p', (dim, dims) => {
    for (const correction of [0, 1, 2]) {
      const ref = reduceRef(x, [...dims], (l) => varRef(l, correction));
      const v = x.var(dim, { correction });
      expect(v.shape).toEqual(ref.shape);
      expectClose(numbers(v), ref.out, 1e-12);
      expectClose(numbers(x.std(dim, { correction })), ref.out.map(Math.sqrt), 1e-12);
    }
  });

  test('keepdim, options first, and the default correction of 1', () => {
    expect(x.var([0, 2], { keepdim: true }).shape).toEqual([1, 4, 1]);
    expectClose(numbers(x.var({ correction: 0 })), reduceRef(x, [0, 1, 2], (l) => varRef(l, 0)).out, 1e-12);
    expectClose(numbers(tg.var(x, 1)), reduceRef(x, [1], (l) => varRef(l, 1)).out, 1e-12);
  });

  test('non-contiguous inputs: transposed and expanded', () => {
    const t = f64([4, 3], 2).t();
    expectClose(numbers(t.var(1)), reduceRef(t.contiguous(), [1], (l) => varRef(l, 1)).out, 1e-12);
    const e = f64([1, 5], 3).expand(4, 5);
    expectClose(numbers(e.var(0)), [0, 0, 0, 0, 0], 1e-15);
    expectClose(numbers(e.std(1)), reduceRef(e.contiguous(), [1], (l) => Math.sqrt(varRef(l, 1))).out, 1e-12);
  });

  test('float32 over many elements (two passes in double), the same bits on 1 and 2 threads', () => {
    const n = 300000;
    const data = values(n, 4).map((v) => 1000 + v);
    const x32 = tg.tensor(Float32Array.from(data));
    const ref = varRef(Array.from(Float32Array.from(data)), 1);
    const before = tg.getNumThreads();
    try {
      tg.setNumThreads(1);
      const one = x32.var().item();
      tg.setNumThreads(2);
      expect(x32.var().item()).toBe(one);
      expect(Math.abs(one - ref) / ref).toBeLessThan(1e-6);
      const rows = x32.reshape(3, n / 3);
      expectClose(numbers(rows.var(1)), reduceRef(rows.to('float64'), [1], (l) => varRef(l, 1)).out, 1e-6);
      expectClose(numbers(rows.var(0)), reduceRef(rows.to('float64'), [0], (l) => varRef(l, 1)).out, 1e-5);
    } finally {
      tg.setNumThreads(before);
    }
  });

  test('edge cases: one element, too few elements for the correction, 0-d, empty', () => {
    expect(Number.isNaN(tg.tensor([2.5]).var().item())).toBe(true);
    expect(tg.tensor([2.5]).var({ correction: 0 }).item()).toBe(0);
    expect(tg.tensor([1, 2]).var({ correction: 3 }).item()).toBe(Infinity);
    const s = tg.tensor(3, { dtype: 'float64' });
    expect(s.var().shape).toEqual([]);
    expect(Number.isNaN(s.var().item())).toBe(true);
    expect(s.var(0, { correction: 0 }).item()).toBe(0);
    expect(Number.isNaN(tg.zeros([0]).var().item())).toBe(true);
    expect(numbers(tg.zeros([2, 0]).var(1)).every(Number.isNaN)).toBe(true);
    expect(tg.zeros([0, 3]).var(1).shape).toEqual([0]);
  });

  test('errors', () => {
    expectTensorError(() => tg.tensor([1, 2], { dtype: 'int32' }).var(), 'DTYPE', /std and var only support floating point/);
    expectTensorError(() => tg.tensor([true]).std(), 'DTYPE');
    expectTensorError(() => x.var(3), 'INDEX', /Dimension out of range/);
    expectTensorError(() => x.var([0, -3]), 'ARGUMENT', /appears multiple times/);
    expectTensorError(() => x.var(0, { correction: NaN }), 'ARGUMENT', /correction/);
    expectTensorError(() => x.var(0, { keepdim: 1 as unknown as boolean }), 'ARGUMENT', /keepdim/);
    expectTensorError(() => x.var(0, 5 as unknown as object), 'ARGUMENT', /options/);
  });

  test('varMean and stdMean give [result, mean], destructurable', () => {
    const [v, m] = tg.varMean(x, [0, 1], { correction: 0 });
    expectClose(numbers(v), reduceRef(x, [0, 1], (l) => varRef(l, 0)).out, 1e-12);
    expectClose(numbers(m), reduceRef(x, [0, 1], (l) => l.reduce((a, b) => a + b) / l.length).out, 1e-12);
    const [s, m2] = tg.stdMean(x, 2, { keepdim: true });
    expect(s.shape).toEqual([3, 4, 1]);
    expect(m2.shape).toEqual([3, 4, 1]);
    expectClose(numbers(s), reduceRef(x, [2], (l) => Math.sqrt(varRef(l, 1))).out, 1e-12);
  });
});

describe('prod', () => {
  const x = f64([3, 4], 5, 0.2);
  const product = (l: number[]) => l.reduce((a, b) => a * b, 1);

  test('all, along a dim, keepdim, transposed', () => {
    expectClose(numbers(x.prod()), reduceRef(x, [0, 1], product).out, 1e-12);
    expectClose(numbers(x.prod(-1)), reduceRef(x, [1], product).out, 1e-12);
    expect(x.prod(0, { keepdim: true }).shape).toEqual([1, 4]);
    expectClose(numbers(x.t().prod(0)), reduceRef(x, [1], product).out, 1e-12);
    expectClose(numbers(tg.prod(x, 0)), reduceRef(x, [0], product).out, 1e-12);
  });

  test('integers and bool multiply in the wide integer dtype, wrapping as int64', () => {
    const i = tg.tensor(
      [
        [2, -3, 4],
        [5, 6, -7],
      ],
      { dtype: 'int32' },
    );
    expect(i.prod().dtype).toBe(INDEX_DTYPE);
    expect(numbers(i.prod(1))).toEqual([-24, -210]);
    expect(numbers(tg.tensor([true, true, false]).prod())).toEqual([0]);
    expect(numbers(tg.tensor([[1, 2]], { dtype: 'int32' }).prod(1, { dtype: 'float64' }))).toEqual([2]);
    // 65536^2 = 2^32: zero in int32 (after the int64 product wraps down), 2^32 in int64.
    const big = tg.tensor([65536, 65536], { dtype: 'int32' }).prod();
    expect(numbers(big)).toEqual([INDEX_DTYPE === 'int32' ? 0 : 2 ** 32]);
  });

  test('empty is 1, 0-d is itself', () => {
    expect(tg.zeros([0]).prod().item()).toBe(1);
    expect(numbers(tg.zeros([2, 0]).prod(1))).toEqual([1, 1]);
    expect(tg.tensor(3.5).prod().item()).toBe(3.5);
    expect(tg.tensor(3.5).prod(0).item()).toBe(3.5);
  });

  test('gradient with zeros, as PyTorch (hand-derived)', () => {
    const a = tg.tensor([2, 0, 3], { dtype: 'float64', requiresGrad: true });
    a.prod().backward();
    expect(numbers(a.grad!)).toEqual([0, 6, 0]);
    const b = tg.tensor([0, 0, 3], { dtype: 'float64', requiresGrad: true });
    b.prod().backward();
    expect(numbers(b.grad!)).toEqual([0, 0, 0]);
    expect(b.prod().gradFn?.name).toBe('ProdBackward0');
    expect(b.prod(0).gradFn?.name).toBe('ProdBackward1');
  });

  test('errors', () => {
    expectTensorError(() => x.prod(2), 'INDEX');
    expectTensorError(() => x.prod([0, 1] as unknown as number), 'ARGUMENT', /single integer/);
    expectTensorError(() => x.prod(0, { dtype: 'float16' as tg.DType }), 'DTYPE');
  });
});

describe('logsumexp', () => {
  const lse = (l: number[]) => {
    const m = Math.max(...l);
    return m + Math.log(l.reduce((a, b) => a + Math.exp(b - m), 0));
  };

  test('dims, keepdim, large values stay finite', () => {
    const x = f64([2, 3, 4], 6, 500);
    expectClose(numbers(x.logsumexp(1)), reduceRef(x, [1], lse).out, 1e-12);
    expectClose(numbers(x.logsumexp([0, -1])), reduceRef(x, [0, 2], lse).out, 1e-12);
    expect(x.logsumexp([0, 2], { keepdim: true }).shape).toEqual([1, 3, 1]);
    expectClose(numbers(tg.logsumexp(x.transpose(0, 2), 0).t().contiguous()), reduceRef(x, [2], lse).out, 1e-12);
  });

  test('infinities, integers, empty', () => {
    expect(
      numbers(
        tg
          .tensor([
            [-Infinity, -Infinity],
            [Infinity, 1],
          ])
          .logsumexp(1),
      ),
    ).toEqual([-Infinity, Infinity]);
    const i = tg.tensor([1, 2, 3], { dtype: 'int32' }).logsumexp(0);
    expect(i.dtype).toBe('float32');
    expectClose(numbers(i), [lse([1, 2, 3])], 1e-6);
    expect(tg.zeros([0]).logsumexp(0).item()).toBe(-Infinity);
    expect(tg.tensor(2.0).logsumexp(0).item()).toBe(2);
  });

  test('errors', () => {
    expectTensorError(() => tg.zeros([2]).logsumexp(undefined as unknown as number), 'ARGUMENT', /dim/);
    expectTensorError(() => tg.zeros([2]).logsumexp(1), 'INDEX');
  });
});
