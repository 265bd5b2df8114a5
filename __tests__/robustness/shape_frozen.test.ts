// x.shape and x.strides are frozen copies: no write through them, and no assignment to them, can
// alter a tensor (they were the tensor's own arrays, so x.shape.pop() changed its rank).
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

type Mutation = [string, (a: number[]) => unknown];
const MUTATIONS: Mutation[] = [
  ['pop', (a) => a.pop()],
  ['push', (a) => a.push(1)],
  ['shift', (a) => a.shift()],
  ['splice', (a) => a.splice(0, 1)],
  ['sort', (a) => a.sort()],
  ['reverse', (a) => a.reverse()],
  ['fill', (a) => a.fill(9)],
  ['index write', (a) => (a[0] = 9)],
  ['length write', (a) => (a.length = 0)],
];

function tryMutate(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TypeError); // frozen: strict-mode writes throw
  }
}

describe('shape and strides cannot alter a tensor', () => {
  test.each(MUTATIONS)('shape: %s', (_name, mutate) => {
    const x = tg.arange(6).reshape([2, 3]);
    const v = x.t(); // a view: shares storage, has its own shape and strides
    tryMutate(() => mutate(x.shape as number[]));
    tryMutate(() => mutate(v.shape as number[]));
    expect(x.shape).toEqual([2, 3]);
    expect(x.ndim).toBe(2);
    expect(x.numel).toBe(6);
    expect(v.shape).toEqual([3, 2]);
    expect(x.sum(1).toArray()).toEqual([3, 12]);
    expect(v.contiguous().toArray()).toEqual([
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
    expect(x.size()).toEqual([2, 3]);
    expect(x.reshape(x.shape).shape).toEqual([2, 3]);
  });

  test.each(MUTATIONS)('strides: %s', (_name, mutate) => {
    const x = tg.arange(6).reshape([2, 3]);
    tryMutate(() => mutate(x.strides as number[]));
    expect(x.strides).toEqual([3, 1]);
    expect(x.isContiguous()).toBe(true);
    expect(x.t().strides).toEqual([1, 3]);
    expect(flat(x.t().contiguous())).toEqual([0, 3, 1, 4, 2, 5]);
  });

  test('arrays, frozen, the same array on every read, equal to the size() copy', () => {
    const x = tg.zeros([4, 1, 5]);
    expect(Array.isArray(x.shape)).toBe(true);
    expect(Array.isArray(x.strides)).toBe(true);
    expect(Object.isFrozen(x.shape)).toBe(true);
    expect(Object.isFrozen(x.strides)).toBe(true);
    expect(x.shape).toBe(x.shape);
    expect(x.strides).toBe(x.strides);
    expect([...x.shape]).toEqual([4, 1, 5]);
    expect(x.size()).toEqual(x.shape);
    expect(Object.isFrozen(x.size())).toBe(false); // size() is a fresh copy the caller may change
    // shape equality APIs keep working on frozen arrays
    expect(x.expand(x.shape).shape).toEqual([4, 1, 5]);
    expect(tg.zeros(x.shape).shape).toEqual([4, 1, 5]);
    expect(tg.ones([4, 5]).view(x.shape).shape).toEqual([4, 1, 5]);
    expect(JSON.parse(JSON.stringify(x)).shape).toEqual([4, 1, 5]);
    expect(tg.add(x, tg.ones([5])).shape).toEqual(x.shape);
  });

  test('a shape passed in is not the one handed out, so later writes to it change nothing', () => {
    const s = [2, 2];
    const x = tg.zeros(s);
    s.push(7);
    s[0] = 5;
    expect(x.shape).toEqual([2, 2]);
    const y = tg.tensor([1, 2, 3, 4], { shape: s.slice(0, 2).map(() => 2) });
    expect(y.shape).toEqual([2, 2]);
  });

  test('assigning shape or strides is refused with ARGUMENT', () => {
    const x = tg.ones([2, 3]);
    expectTensorError(() => ((x as { shape: readonly number[] }).shape = [6]), 'ARGUMENT', "shape: a tensor's shape cannot be assigned");
    expectTensorError(() => ((x as { strides: readonly number[] }).strides = [1, 1]), 'ARGUMENT', "strides: a tensor's strides cannot be assigned");
    expect(x.shape).toEqual([2, 3]);
    expect(x.strides).toEqual([3, 1]);
    expect(x.sum().item()).toBe(6);
  });

  test('x.data = y: shape and strides read the new geometry', () => {
    const x = tg.zeros([2, 3]);
    expect(x.shape).toEqual([2, 3]);
    expect(x.strides).toEqual([3, 1]);
    x.data = tg.ones([3, 4]).t();
    expect(x.shape).toEqual([4, 3]);
    expect(x.strides).toEqual([1, 4]);
    expect(Object.isFrozen(x.shape)).toBe(true);
  });

  test('an empty and a 0-d tensor', () => {
    const z = tg.tensor(3);
    expect(z.shape).toEqual([]);
    tryMutate(() => (z.shape as number[]).push(1));
    expect(z.ndim).toBe(0);
    expect(z.item()).toBe(3);
    const e = tg.zeros([0, 2]);
    tryMutate(() => ((e.shape as number[])[0] = 3));
    expect(e.numel).toBe(0);
    expect(e.shape).toEqual([0, 2]);
  });
});
