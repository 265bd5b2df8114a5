import * as tg from '../../lib';
import { expectClose, flat, values } from '../helpers';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const CASES: [string, (t: tg.Tensor) => tg.Tensor, (x: number) => number, (v: number) => number][] = [
  ['neg', (t) => t.neg(), (x) => -x, (v) => v],
  ['exp', (t) => t.exp(), Math.exp, (v) => v * 3],
  ['log', (t) => t.log(), Math.log, (v) => Math.abs(v) + 0.01],
  ['sqrt', (t) => t.sqrt(), Math.sqrt, (v) => Math.abs(v) * 4],
  ['abs', (t) => t.abs(), Math.abs, (v) => v],
  ['relu', (t) => t.relu(), (x) => Math.max(0, x), (v) => v],
  ['sigmoid', (t) => t.sigmoid(), sigmoid, (v) => v * 8],
  ['tanh', (t) => t.tanh(), Math.tanh, (v) => v * 4],
  ['sign', (t) => t.sign(), Math.sign, (v) => v],
];

describe.each(['float32', 'float64'] as const)('unary ops in %s', (dtype) => {
  const tol = dtype === 'float32' ? 2e-6 : 1e-13;
  test.each(CASES)('%s matches Math on odd lengths and strided views', (_name, op, ref, domain) => {
    for (const n of [1, 7, 16, 33, 1000]) {
      const v = values(n, n).map(domain);
      const x = tg.tensor(dtype === 'float32' ? Float32Array.from(v) : v);
      expectClose(flat(op(x)), Array.from(x.dataSync(), ref), tol);
    }
    const m = tg.tensor(values(40, 5).map(domain), { shape: [5, 8], dtype });
    const view = m.t();
    expectClose(flat(op(view)), Array.from(view.contiguous().dataSync(), ref), tol);
  });
});

test('float-only functions of int32 tensors compute in float32', () => {
  const x = tg.tensor([1, 4], { dtype: 'int32' });
  const r = x.sqrt();
  expect(r.dtype).toBe('float32');
  expect(flat(r)).toEqual([1, 2]);
  expect(x.neg().dtype).toBe('int32');
  expect(flat(x.abs().neg())).toEqual([-1, -4]);
});

test('relu keeps NaN and -0 as PyTorch does (checked against PyTorch 1.13)', () => {
  for (const n of [5, 40]) {
    const src = [NaN, -0.0, 0, -1, 2, ...new Array(n - 5).fill(1)];
    const v = flat(tg.tensor(src).relu());
    expect(Number.isNaN(v[0])).toBe(true);
    expect(Object.is(v[1], -0)).toBe(true);
    expect(v.slice(2, 5)).toEqual([0, 0, 2]);
  }
});

test('neg of +0 is -0 at every size (the JS loop, the vector kernels and their scalar tails), as PyTorch', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    for (const n of [3, 17, 200, 1 << 18]) {
      const out = tg.zeros([n], { dtype }).neg().dataSync();
      expect([Object.is(out[0], -0), Object.is(out[n - 1], -0)]).toEqual([true, true]);
    }
  }
  expect(
    Array.from(
      tg
        .tensor(new Int32Array([0, -2147483648, 5]))
        .neg()
        .dataSync(),
    ),
  ).toEqual([0, -2147483648, -5]);
});
