import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('indexSelect', () => {
  const x = tg.arange(12, { dtype: 'float64' }).reshape(3, 4);

  test('selects rows and columns, repeats allowed', () => {
    expect(x.indexSelect(0, tg.tensor([2, 0, 2], { dtype: 'int32' })).toArray()).toEqual([[8, 9, 10, 11], [0, 1, 2, 3], [8, 9, 10, 11]]);
    expect(x.indexSelect(1, [3, 1]).toArray()).toEqual([[3, 1], [7, 5], [11, 9]]);
    expect(x.t().indexSelect(-1, [1]).toArray()).toEqual([[4], [5], [6], [7]]);
    expect(tg.indexSelect(x, 0, []).shape).toEqual([0, 4]);
  });

  test('the backward adds into repeated rows', () => {
    const w = tg.ones([3, 2], { requiresGrad: true });
    w.indexSelect(0, [0, 2, 0, 0]).sum().backward();
    expect(w.grad!.toArray()).toEqual([[3, 3], [0, 0], [1, 1]]);
  });

  test('errors', () => {
    expectTensorError(() => x.indexSelect(0, [3]), 'INDEX', 'index 3 is out of bounds for dimension 0 with size 3');
    expectTensorError(() => x.indexSelect(0, [-1]), 'INDEX');
    expectTensorError(() => x.indexSelect(2, [0]), 'INDEX', 'Dimension out of range');
    expectTensorError(() => x.indexSelect(0, tg.tensor([0])), 'DTYPE', 'int32');
  });
});
