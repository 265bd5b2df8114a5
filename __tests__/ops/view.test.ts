import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('views share storage', () => {
  test('a write through a view is seen through the base and the other way round', () => {
    const base = tg.arange(12).reshape(3, 4);
    const v = base.view([4, 3]);
    const tr = base.t();
    const row = base.narrow(0, 1, 1);
    v.fill_(1);
    expect(flat(base).every((x) => x === 1)).toBe(true);
    row.mul_(5);
    expect(flat(tr.narrow(1, 1, 1))).toEqual([5, 5, 5, 5]);
    base.zero_();
    expect(flat(v).every((x) => x === 0)).toBe(true);
  });

  test('views and base share one version counter', () => {
    const base = tg.zeros([4]);
    const v = base.narrow(0, 1, 2);
    v.add_(1);
    expect(base.version).toBe(1);
    base.add_(1);
    expect(v.version).toBe(2);
    expect(base.data.version).toBe(0);
  });

  test('geometry: shape, strides, offset', () => {
    const x = tg.arange(24).reshape([2, 3, 4]);
    expect(x.strides).toEqual([12, 4, 1]);
    const p = x.permute(2, 0, 1);
    expect(p.shape).toEqual([4, 2, 3]);
    expect(p.strides).toEqual([1, 12, 4]);
    const n = x.narrow(2, 1, 2);
    expect(n.offset).toBe(1);
    expect(n.isContiguous()).toBe(false);
    expect(x.unsqueeze(1).shape).toEqual([2, 1, 3, 4]);
    expect(x.unsqueeze(-1).shape).toEqual([2, 3, 4, 1]);
    expect(tg.zeros([1, 3, 1]).squeeze().shape).toEqual([3]);
    expect(tg.zeros([1, 3, 1]).squeeze(0).shape).toEqual([3, 1]);
    expect(x.flatten().shape).toEqual([24]);
    expect(x.flatten(1).shape).toEqual([2, 12]);
    const e = tg.tensor([[1], [2]]).expand(2, 3);
    expect(e.strides).toEqual([1, 0]);
    expect(e.toArray()).toEqual([
      [1, 1, 1],
      [2, 2, 2],
    ]);
    expect(x.view(-1, 6).shape).toEqual([4, 6]);
  });

  test('view of a non-contiguous tensor fails where PyTorch fails; reshape copies instead', () => {
    const x = tg.arange(6).reshape(2, 3).t();
    expectTensorError(() => x.view(6), 'SHAPE', 'view size is not compatible');
    const r = x.reshape(6);
    expect(flat(r)).toEqual([0, 3, 1, 4, 2, 5]);
    r.fill_(9);
    expect(flat(x)).toEqual([0, 3, 1, 4, 2, 5]); // reshape copied
  });

  test('gradients flow back through views to the base', () => {
    const base = tg.arange(6, { requiresGrad: true });
    const v = base.reshape(2, 3).t().narrow(0, 1, 2); // elements 1,4 and 2,5
    expect(v.gradFn!.name).toBe('SliceBackward0');
    v.mul(
      tg.tensor([
        [1, 2],
        [3, 4],
      ]),
    )
      .sum()
      .backward();
    expect(flat(base.grad!)).toEqual([0, 1, 3, 0, 2, 4]);
    const e = tg.tensor([1, 2], { requiresGrad: true });
    e.unsqueeze(0).expand(3, 2).sum().backward();
    expect(flat(e.grad!)).toEqual([3, 3]);
  });

  test('bad shapes', () => {
    expectTensorError(() => tg.zeros([2, 3]).view(4), 'SHAPE', "shape '[4]' is invalid for input of size 6");
    expectTensorError(() => tg.zeros([2, 3]).expand(3, 3), 'SHAPE', 'must match the existing size');
    expectTensorError(() => tg.zeros([2, 3]).transpose(0, 2), 'INDEX');
    expectTensorError(() => tg.zeros([2, 3]).narrow(1, 2, 2), 'INDEX');
    expectTensorError(() => tg.zeros([2, 3]).permute(0, 0), 'ARGUMENT');
  });
});
