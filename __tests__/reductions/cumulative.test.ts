// cumsum/cumprod against a naive scan: accumulated in double and rounded per step to the dtype,
// as PyTorch's CPU kernel, so float32 results are compared bit for bit.
import * as tg from '../../lib';
import { INDEX_DTYPE } from '../../lib/dtype';
import { expectClose, expectTensorError, values } from '../helpers';
import { f64, linesRef, numbers } from './ref';

function scanRef(x: tg.Tensor, dim: number, prod: boolean, round: (v: number) => number): number[] {
  const out = new Array<number>(x.numel);
  for (const { line, at } of linesRef(x, dim)) {
    let acc = prod ? 1 : 0;
    line.forEach((v, j) => {
      acc = prod ? acc * v : acc + v;
      out[at[j]] = round(acc);
    });
  }
  return out;
}

describe('cumsum and cumprod', () => {
  const x = f64([3, 4, 5], 21, 0.3);
  test.each([0, 1, 2, -1, -3])('float64 along dim %i', (dim) => {
    const d = dim < 0 ? dim + 3 : dim;
    expectClose(
      numbers(x.cumsum(dim)),
      scanRef(x, d, false, (v) => v),
      0,
    );
    expectClose(
      numbers(x.cumprod(dim)),
      scanRef(x, d, true, (v) => v),
      0,
    );
  });

  test('float32 bit for bit, long lines and wide rows, on 1 and 2 threads', () => {
    const data = Float32Array.from(values(3 * 5000, 22));
    const before = tg.getNumThreads();
    try {
      for (const threads of [1, 2]) {
        tg.setNumThreads(threads);
        for (const shape of [
          [3, 5000],
          [5000, 3],
          [3, 1000, 5],
        ]) {
          const t = tg.tensor(data, { shape });
          for (let dim = 0; dim < shape.length; dim++) {
            expect(numbers(t.cumsum(dim))).toEqual(scanRef(t, dim, false, Math.fround));
          }
        }
      }
    } finally {
      tg.setNumThreads(before);
    }
  });

  test('non-contiguous inputs', () => {
    const t = x.transpose(0, 2);
    expectClose(
      numbers(t.cumsum(1)),
      scanRef(t.contiguous(), 1, false, (v) => v),
      0,
    );
    const e = tg.tensor([1, 2, 3], { dtype: 'float64' }).expand(2, 3);
    expect(numbers(e.cumprod(1))).toEqual([1, 2, 6, 1, 2, 6]);
  });

  test('integers and bool accumulate in the wide integer dtype; the dtype option', () => {
    const i = tg.tensor(
      [
        [1, -2, 3],
        [4, 5, -6],
      ],
      { dtype: 'int32' },
    );
    expect(i.cumsum(1).dtype).toBe(INDEX_DTYPE);
    expect(numbers(i.cumsum(1))).toEqual([1, -1, 2, 4, 9, 3]);
    expect(numbers(i.cumprod(0))).toEqual([1, -2, 3, 4, -10, -18]);
    expect(numbers(tg.tensor([true, false, true]).cumsum(0))).toEqual([1, 1, 2]);
    const asFloat = i.cumsum(1, { dtype: 'float64' });
    expect(asFloat.dtype).toBe('float64');
    expect(numbers(asFloat)).toEqual([1, -1, 2, 4, 9, 3]);
    expect(x.cumsum(0, { dtype: 'float32' }).dtype).toBe('float32');
  });

  test('0-d, empty, gradient node names', () => {
    expect(tg.tensor(2.5).cumsum(0).item()).toBe(2.5);
    expect(tg.tensor(2.5).cumprod(-1).shape).toEqual([]);
    expect(tg.zeros([2, 0]).cumsum(1).shape).toEqual([2, 0]);
    const a = tg.tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    expect(a.cumsum(0).gradFn?.name).toBe('CumsumBackward0');
    expect(a.cumprod(0).gradFn?.name).toBe('CumprodBackward0');
    a.cumsum(0).sum().backward();
    expect(numbers(a.grad!)).toEqual([3, 2, 1]);
  });

  test('cumprod gradient with zeros (hand-derived)', () => {
    // y = [a, ab, abc]; dy/da = 1 + b + bc, dy/db = a + ac, dy/dc = ab
    const a = tg.tensor([2, 0, 3], { dtype: 'float64', requiresGrad: true });
    a.cumprod(0).sum().backward();
    expect(numbers(a.grad!)).toEqual([1, 2 + 6, 0]);
  });

  test('errors', () => {
    expectTensorError(() => x.cumsum(3), 'INDEX', /Dimension out of range/);
    expectTensorError(() => x.cumsum(undefined as unknown as number), 'ARGUMENT');
    expectTensorError(() => x.cumprod(0, { dtype: 'bool' }), 'DTYPE');
    expectTensorError(() => x.cumsum(0, 3 as unknown as object), 'ARGUMENT');
  });
});
