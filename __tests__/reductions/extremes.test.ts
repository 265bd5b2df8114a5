// amax/amin, all/any and countNonzero against naive references.
import * as tg from '../../lib';
import { INDEX_DTYPE } from '../../lib/dtype';
import { expectClose, expectTensorError } from '../helpers';
import { f64, numbers, reduceRef } from './ref';

const maxOf = (l: number[]) => (l.some(Number.isNaN) ? NaN : Math.max(...l));
const minOf = (l: number[]) => (l.some(Number.isNaN) ? NaN : Math.min(...l));

describe('amax and amin', () => {
  const x = f64([3, 4, 5], 11);
  test.each([
    [undefined, [0, 1, 2]],
    [1, [1]],
    [-1, [2]],
    [
      [0, 2],
      [0, 2],
    ],
    [[], [0, 1, 2]],
  ] as const)('dim %p', (dim, dims) => {
    const d = dim as number | number[] | undefined;
    const r = reduceRef(x, [...dims], maxOf);
    expect(x.amax(d).shape).toEqual(r.shape);
    expectClose(numbers(x.amax(d)), r.out, 0);
    expectClose(numbers(x.amin(d)), reduceRef(x, [...dims], minOf).out, 0);
  });

  test('keepdim, non-contiguous, NaN propagates, integers and bool keep their dtype', () => {
    expect(x.amax([0, 2], { keepdim: true }).shape).toEqual([1, 4, 1]);
    const t = x.transpose(0, 2);
    expectClose(numbers(t.amin(2)), numbers(x.amin(0).t().contiguous()), 0);
    const n = tg.tensor([
      [1, NaN, 3],
      [4, 5, 6],
    ]);
    expectClose(numbers(n.amax(1)), [NaN, 6], 0);
    expectClose(numbers(n.amin()), [NaN], 0);
    const i = tg.tensor(
      [
        [3, -2],
        [7, 1],
      ],
      { dtype: 'int32' },
    );
    expect(i.amax(0).dtype).toBe('int32');
    expect(numbers(i.amin(1))).toEqual([-2, 1]);
    expect(
      numbers(
        tg
          .tensor([
            [true, false],
            [false, false],
          ])
          .amax(1),
      ),
    ).toEqual([1, 0]);
    expect(tg.amax(tg.tensor(2.5)).item()).toBe(2.5);
  });

  test('the gradient is shared evenly among ties (hand-derived)', () => {
    const a = tg.tensor(
      [
        [1, 3, 3],
        [2, 0, -1],
      ],
      { dtype: 'float64', requiresGrad: true },
    );
    a.amax(1).sum().backward();
    expect(numbers(a.grad!)).toEqual([0, 0.5, 0.5, 1, 0, 0]);
    const b = tg.tensor([2, 2, 2, 5], { dtype: 'float64', requiresGrad: true });
    b.amin().backward();
    expectClose(numbers(b.grad!), [1 / 3, 1 / 3, 1 / 3, 0], 1e-15);
    expect(b.amin().gradFn?.name).toBe('AminBackward0');
  });

  test('empty inputs', () => {
    expectTensorError(
      () => tg.zeros([0]).amax(),
      'INDEX',
      "amax(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.",
    );
    expectTensorError(() => tg.zeros([2, 0]).amin(1), 'INDEX', 'amin(): Expected reduction dim 1 to have non-zero size.');
    expect(tg.zeros([2, 0]).amax(0).shape).toEqual([0]);
    expectTensorError(() => x.amax(3), 'INDEX');
  });
});

describe('all, any, countNonzero', () => {
  const x = tg.tensor(
    [
      [0, 1, 2],
      [3, 0, 0],
      [4, 5, 6],
      [0, 0, 0],
    ],
    { dtype: 'int32' },
  );
  const count = (l: number[]) => l.filter((v) => v !== 0).length;

  test('over dims, against a count', () => {
    for (const dims of [[0], [1], [0, 1]]) {
      const c = reduceRef(x, dims, count).out;
      const n = dims.reduce((a, d) => a * x.shape[d], 1);
      const d = dims.length === 1 ? dims[0] : dims;
      expect(numbers(x.countNonzero(d))).toEqual(c);
      expect(numbers(x.all(d))).toEqual(c.map((k) => (k === n ? 1 : 0)));
      expect(numbers(x.any(d))).toEqual(c.map((k) => (k > 0 ? 1 : 0)));
    }
    expect(x.countNonzero().item()).toBe(6);
    expect(x.all().dtype).toBe('bool');
    expect(x.countNonzero(0).dtype).toBe(INDEX_DTYPE);
    expect(x.all(1, { keepdim: true }).shape).toEqual([4, 1]);
  });

  test('NaN counts as non-zero; bool and float inputs; non-contiguous; empty', () => {
    expect(numbers(tg.tensor([NaN, 0]).any(0))).toEqual([1]);
    expect(tg.tensor([NaN, -0.0]).countNonzero().item()).toBe(1);
    expect(
      numbers(
        tg
          .tensor([
            [true, false],
            [true, true],
          ])
          .all(0),
      ),
    ).toEqual([1, 0]);
    expect(numbers(x.t().all(1))).toEqual([0, 0, 0]);
    expect(tg.zeros([0]).all().item()).toBe(true);
    expect(tg.zeros([0]).any().item()).toBe(false);
    expect(numbers(tg.zeros([2, 0]).all(1))).toEqual([1, 1]);
    expect(tg.countNonzero(tg.tensor(3)).item()).toBe(1);
  });

  test('errors', () => {
    expectTensorError(() => x.all(2), 'INDEX');
    expectTensorError(() => x.countNonzero([0, 0]), 'ARGUMENT', /appears multiple times/);
    expectTensorError(() => x.any('1' as unknown as number), 'ARGUMENT');
  });
});
