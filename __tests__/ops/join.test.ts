// cat and stack: argument checks that must run before the output is written.
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('cat and stack', () => {
  test('join values', () => {
    const a = tg.tensor([1, 2]);
    const b = tg.tensor([3, 4]);
    expect(flat(tg.cat([a, b]))).toEqual([1, 2, 3, 4]);
    expect(tg.stack([a, b], 1).toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
  });

  test('a disposed input is refused with STATE naming the op and its position (it used to read as zeros)', () => {
    const a = tg.ones([2]);
    const b = tg.ones([2]);
    const v = b.view([2]);
    b.dispose();
    expectTensorError(() => tg.cat([a, b]), 'STATE', /^cat\(\): the tensor at position 1 has been disposed$/);
    expectTensorError(() => tg.stack([a, b]), 'STATE', /^stack\(\): the tensor at position 1 has been disposed$/);
    expectTensorError(() => tg.cat([v, a], 0), 'STATE', /^cat\(\): the tensor at position 0 has been disposed$/);
  });

  test('a disposed input is refused by the Promise variants too', async () => {
    const a = tg.ones([2]);
    const b = tg.ones([2]);
    b.dispose();
    await expect(tg.catAsync([a, b])).rejects.toMatchObject({ code: 'STATE', message: 'cat(): the tensor at position 1 has been disposed' });
    await expect(tg.stackAsync([b, a])).rejects.toMatchObject({ code: 'STATE', message: 'stack(): the tensor at position 0 has been disposed' });
  });
});
