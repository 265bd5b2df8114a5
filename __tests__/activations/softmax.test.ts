import * as tg from '../../lib';
import { expectTensorError, values } from '../helpers';
import { data, expectRelClose, refSoftmax } from './reference';

const TOL = { float32: 5e-6, float64: 1e-14 } as const;

describe('softmax and logSoftmax', () => {
  test.each([
    [[4, 9], 1],
    [[4, 9], 0],
    [[3, 5, 7], 1],
    [[3, 5, 300], 1],
    [[2, 3, 4], -1],
    [[2, 3, 4], -3],
    [[17, 1030], 1],
    [[1030, 3], 0],
    [[5], 0],
  ] as [number[], number][])('shape %j dim %d against a float64 loop, both dtypes', (shape, dim) => {
    for (const dtype of ['float32', 'float64'] as const) {
      const n = shape.reduce((a, b) => a * b, 1);
      const x = tg.tensor(
        values(n, n + dim + 7).map((v) => v * 20),
        { shape, dtype },
      );
      const d = dim < 0 ? dim + shape.length : dim;
      const input = data(x);
      expectRelClose(data(x.softmax(dim)), refSoftmax(input, shape, d, false), TOL[dtype]);
      expectRelClose(data(tg.logSoftmax(x, dim)), refSoftmax(input, shape, d, true), TOL[dtype] * 10);
      expect(x.softmax(dim).dtype).toBe(dtype);
    }
  });

  test('non-contiguous inputs: transposed, expanded, a narrowed view', () => {
    const base = tg.tensor(values(24, 3), { shape: [4, 6], dtype: 'float64' });
    const t = base.t();
    expectRelClose(data(t.softmax(1)), refSoftmax(data(t), [6, 4], 1, false), 1e-14);
    const e = tg.tensor([1, 2, 3], { dtype: 'float64' }).expand(2, 3);
    expectRelClose(data(e.logSoftmax(1)), refSoftmax([1, 2, 3, 1, 2, 3], [2, 3], 1, true), 1e-14);
    const nr = base.narrow(1, 2, 3);
    expectRelClose(data(nr.softmax(0)), refSoftmax(data(nr), [4, 3], 0, false), 1e-14);
  });

  test('large inputs do not overflow (the max is subtracted)', () => {
    const x = tg.tensor([1000, 1001, 1002, -1000]);
    expectRelClose(data(x.softmax(0)), refSoftmax([1000, 1001, 1002, -1000], [4], 0, false), 1e-6);
    expectRelClose(data(x.logSoftmax(0)), [-2.4076059644443806, -1.4076059644443806, -0.4076059644443804, -2002.4076059644444], 1e-6);
  });

  test('-inf entries, all -inf rows (NaN, as PyTorch), +inf and NaN', () => {
    const x = tg.tensor(
      [
        [-Infinity, 0, Math.log(3)],
        [-Infinity, -Infinity, -Infinity],
      ],
      { dtype: 'float64' },
    );
    expectRelClose(data(x.softmax(1)), [0, 0.25, 0.75, NaN, NaN, NaN], 1e-15);
    expectRelClose(data(x.logSoftmax(1)), [-Infinity, Math.log(0.25), Math.log(0.75), NaN, NaN, NaN], 1e-15);
    expectRelClose(data(tg.tensor([Infinity, 1]).softmax(0)), [NaN, NaN], 0);
    expectRelClose(data(tg.tensor([NaN, 1, 2]).softmax(0)), [NaN, NaN, NaN], 0);
  });

  test('0-d inputs: softmax 1, logSoftmax 0; empty tensors', () => {
    expect(tg.tensor(3).softmax(0).item()).toBe(1);
    expect(tg.tensor(3).softmax(-1).item()).toBe(1);
    expect(tg.tensor(3).logSoftmax(0).item()).toBe(0);
    expect(tg.zeros([2, 0]).softmax(1).shape).toEqual([2, 0]);
    expect(tg.zeros([0, 3]).logSoftmax(1).shape).toEqual([0, 3]);
    expect(tg.zeros([2, 0, 3]).softmax(2).shape).toEqual([2, 0, 3]);
  });

  test('{dtype} casts first, and lets integer tensors through', () => {
    const i = tg.tensor([1, 2, 3], { dtype: 'int32' });
    const y = i.softmax(0, { dtype: 'float64' });
    expect(y.dtype).toBe('float64');
    expectRelClose(data(y), refSoftmax([1, 2, 3], [3], 0, false), 1e-15);
    const f = tg.tensor([0.1, 0.2], { requiresGrad: true });
    const z = tg.logSoftmax(f, 0, { dtype: 'float64' });
    expect(z.dtype).toBe('float64');
    z.sum().backward();
    expect(f.grad!.dtype).toBe('float32');
  });

  test('node names and gradients', () => {
    const x = tg.tensor([[0.5, -1, 2]], { dtype: 'float64', requiresGrad: true });
    const y = x.softmax(1);
    expect(y.gradFn!.name).toBe('SoftmaxBackward0');
    expect(x.logSoftmax(1).gradFn!.name).toBe('LogSoftmaxBackward0');
    const [g1] = tg.autograd.grad(x.softmax(1).mul(x).sum(), x, { createGraph: true });
    expect(g1!.gradFn!.name).toBe('AddBackward0'); // the engine sums two paths, as PyTorch's
    const [g2] = tg.autograd.grad(x.softmax(1), x, { gradOutputs: tg.onesLike(x), createGraph: true });
    expect(g2!.gradFn!.name).toBe('SoftmaxBackwardDataBackward0');
    const [g3] = tg.autograd.grad(x.logSoftmax(1), x, { gradOutputs: tg.onesLike(x), createGraph: true });
    expect(g3!.gradFn!.name).toBe('LogSoftmaxBackwardDataBackward0');
    y.mul(tg.tensor([[1, 2, 3]], { dtype: 'float64' }))
      .sum()
      .backward();
    // d/dx_j sum_i w_i s_i = s_j (w_j - sum_i w_i s_i)
    const s = refSoftmax([0.5, -1, 2], [3], 0, false);
    const ws = s[0] + 2 * s[1] + 3 * s[2];
    expectRelClose(data(x.grad!), [s[0] * (1 - ws), s[1] * (2 - ws), s[2] * (3 - ws)], 1e-13);
  });

  test('errors', () => {
    const x = tg.tensor([[1, 2]]);
    expectTensorError(() => x.softmax(2), 'INDEX', /Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)/);
    expectTensorError(() => x.logSoftmax(-3), 'INDEX');
    expectTensorError(() => tg.tensor(1).softmax(1), 'INDEX');
    expectTensorError(() => (x.softmax as (d?: number) => tg.Tensor)(), 'ARGUMENT', /dim/);
    expectTensorError(() => x.softmax(0.5), 'ARGUMENT');
    expectTensorError(() => tg.tensor([1, 2], { dtype: 'int32' }).softmax(0), 'DTYPE', /"softmax_lastdim_kernel_impl" not implemented for 'Int'/);
    expectTensorError(() => tg.tensor([[1, 2]], { dtype: 'int32' }).logSoftmax(0), 'DTYPE', /"log_softmax_kernel_impl" not implemented for 'Int'/);
    expectTensorError(() => tg.tensor([true]).softmax(0), 'DTYPE', /'Bool'/);
    expectTensorError(() => x.softmax(0, { dtype: 'int32' }), 'DTYPE');
    expectTensorError(() => x.softmax(0, { dtype: 'float16' as tg.DType }), 'DTYPE');
    expectTensorError(() => tg.softmax([1, 2] as unknown as tg.Tensor, 0), 'ARGUMENT');
  });
});
