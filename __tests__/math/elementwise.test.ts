// The "more math" elementwise functions: values against float64 references (JS's Math where it
// is accurate, hand-derived values otherwise), float32 within 2 ulp of the rounded float64
// value, special values, integer and bool inputs, broadcasting, strided inputs and errors.
import * as tg from '../../lib';
import { expectClose, expectTensorError, values } from '../helpers';

const f64 = (v: ArrayLike<number>, shape?: number[]) => tg.tensor(Float64Array.from(v), shape ? { shape } : {});
const f32 = (v: ArrayLike<number>, shape?: number[]) => tg.tensor(Float32Array.from(v), shape ? { shape } : {});
const nums = (t: tg.Tensor): number[] => Array.from(t.dataSync() as ArrayLike<number>);

/** Distance in float32 ulps (both values float32). */
function ulps32(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const i = new Int32Array(new Float32Array([a, b]).buffer);
  const key = (v: number) => (v < 0 ? -2147483648 - v : v); // monotone integer order of float bits
  return Math.abs(key(i[0]) - key(i[1]));
}

// Inputs over several scales: small, moderate and (for the periodic functions) large.
const xs = Array.from(values(400, 11), (v, i) => v * (i < 100 ? 1e-3 : i < 300 ? 4 : 1000));

const UNARY: [string, (x: number) => number, (x: number) => boolean][] = [
  ['sin', Math.sin, () => true],
  ['cos', Math.cos, () => true],
  ['tan', Math.tan, () => true],
  ['asin', Math.asin, (x) => Math.abs(x) <= 1],
  ['acos', Math.acos, (x) => Math.abs(x) <= 1],
  ['atan', Math.atan, () => true],
  ['sinh', Math.sinh, (x) => Math.abs(x) < 80],
  ['cosh', Math.cosh, (x) => Math.abs(x) < 80],
  ['asinh', Math.asinh, () => true],
  ['acosh', Math.acosh, (x) => x >= 1],
  ['atanh', Math.atanh, (x) => Math.abs(x) < 1],
  ['log1p', Math.log1p, (x) => x > -1],
  ['expm1', Math.expm1, (x) => Math.abs(x) < 80],
  ['log2', Math.log2, (x) => x > 0],
  ['log10', Math.log10, (x) => x > 0],
  ['exp2', (x) => 2 ** x, (x) => Math.abs(x) < 120],
  ['reciprocal', (x) => 1 / x, () => true],
  ['rsqrt', (x) => 1 / Math.sqrt(x), (x) => x > 0],
  ['floor', Math.floor, () => true],
  ['ceil', Math.ceil, () => true],
  ['trunc', Math.trunc, () => true],
  ['frac', (x) => x - Math.trunc(x), () => true],
  ['square', (x) => x * x, () => true],
];

type Unary = (x: tg.Tensor) => tg.Tensor;
const fnOf = (name: string) => (tg as unknown as Record<string, Unary>)[name];
const method =
  (name: string): Unary =>
  (x) =>
    (x as unknown as Record<string, () => tg.Tensor>)[name]();

describe.each(UNARY)('%s', (name, ref, inDomain) => {
  const x = xs.map((v) => (name.startsWith('a') && name !== 'atan' && name !== 'asinh' ? (name === 'acosh' ? Math.abs(v) + 1 : v / 1000) : v));
  const dom = x.filter(inDomain);

  test('float64 within a few ulp of the reference', () => {
    const got = nums(fnOf(name)(f64(dom)));
    // V8's Math functions are fdlibm's (< 1 ulp); glibc's are within 1-2 ulp: allow 4e-16 relative.
    expectClose(got, dom.map(ref), name === 'tan' ? 1e-15 : 4e-16);
  });

  test('float32 within 2 ulp of the float64 value rounded (method form, strided input)', () => {
    const x32 = Float32Array.from(dom);
    const t = f32(x32, [dom.length / 2, 2]).t(); // non-contiguous
    const got = nums(method(name)(t).t().contiguous());
    let worst = 0;
    x32.forEach((v, i) => (worst = Math.max(worst, ulps32(got[i], Math.fround(ref(v))))));
    expect(worst).toBeLessThanOrEqual(2);
  });
});

describe('erf and erfinv', () => {
  // erf to 16 digits (Abramowitz & Stegun table 7.1 / mpmath).
  const ERF: [number, number][] = [
    [0.1, 0.1124629160182849],
    [0.5, 0.5204998778130465],
    [1, 0.8427007929497149],
    [2, 0.9953222650189527],
    [-0.75, -0.7111556336535151],
  ];
  test('erf matches known values in float64 and float32', () => {
    expectClose(
      nums(tg.erf(f64(ERF.map((p) => p[0])))),
      ERF.map((p) => p[1]),
      4e-16,
    );
    const got = nums(f32(ERF.map((p) => p[0])).erf());
    ERF.forEach(([, y], i) => expect(ulps32(got[i], Math.fround(y))).toBeLessThanOrEqual(1));
  });
  test('erfinv inverts erf over (-1, 1)', () => {
    const y = Array.from(values(200, 5), (v) => v * 0.999);
    const x = tg.erfinv(f64(y));
    expectClose(nums(x.erf()), y, 1e-15);
    expectClose(nums(f32(y).erfinv().erf()), Array.from(Float32Array.from(y)), 2e-6);
  });
  test('erfinv special values', () => {
    const got = nums(f64([1, -1, 0, 1.5, -2, NaN]).erfinv());
    expect(got.slice(0, 2)).toEqual([Infinity, -Infinity]);
    expect(Object.is(got[2], 0)).toBe(true);
    expect(got.slice(3).every(Number.isNaN)).toBe(true);
  });
});

describe('special values', () => {
  const at = (name: string, v: number[]) => nums(fnOf(name)(f64(v)));
  test('NaN propagates through every function', () => {
    for (const [name] of UNARY) expect(Number.isNaN(at(name, [NaN])[0])).toBe(true);
    expect(Number.isNaN(at('erf', [NaN])[0])).toBe(true);
  });
  test('domain errors give NaN, poles give infinities, as PyTorch', () => {
    expect(at('asin', [2, -1.5]).every(Number.isNaN)).toBe(true);
    expect(at('acos', [-2]).every(Number.isNaN)).toBe(true);
    expect(at('acosh', [0.5]).every(Number.isNaN)).toBe(true);
    expect(at('atanh', [2, 1, -1])).toEqual([NaN, Infinity, -Infinity]);
    expect(at('log2', [-1, 0])).toEqual([NaN, -Infinity]);
    expect(at('log10', [0])).toEqual([-Infinity]);
    expect(at('log1p', [-1, -2])).toEqual([-Infinity, NaN]);
    expect(at('rsqrt', [0, -1, Infinity])).toEqual([Infinity, NaN, 0]);
    expect(at('reciprocal', [0, -0, Infinity])).toEqual([Infinity, -Infinity, 0]);
    expect(at('sin', [Infinity, -Infinity]).every(Number.isNaN)).toBe(true);
    expect(at('frac', [Infinity]).every(Number.isNaN)).toBe(true);
    expect(at('exp2', [-Infinity, Infinity, 1024])).toEqual([0, Infinity, Infinity]);
    expect(at('expm1', [-Infinity])).toEqual([-1]);
    expect(at('erf', [Infinity, -Infinity])).toEqual([1, -1]);
    expect(at('cosh', [-Infinity])).toEqual([Infinity]);
  });
  test('signed zeros are kept', () => {
    for (const name of ['sin', 'tan', 'asin', 'atan', 'sinh', 'asinh', 'atanh', 'expm1', 'log1p', 'erf', 'erfinv', 'floor', 'ceil', 'round', 'trunc']) {
      expect(Object.is(at(name, [-0])[0], -0)).toBe(true);
    }
    expect(Object.is(at('frac', [-0])[0], 0)).toBe(true); // -0 - trunc(-0) is +0, in PyTorch too
    expect(Object.is(at('ceil', [-0.5])[0], -0)).toBe(true);
    expect(Object.is(at('round', [-0.4])[0], -0)).toBe(true);
  });
});

describe('round', () => {
  test('half to even, as PyTorch (not JS Math.round)', () => {
    const x = [-2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5, 2.4999999999999996, 4503599627370495.5, 1e300];
    expect(nums(tg.round(f64(x)))).toEqual([-2, -2, -0, 0, 2, 2, 4, 2, 4503599627370496, 1e300]);
    expect(nums(f32([0.5, 1.5, 2.5, -3.5]).round())).toEqual([0, 2, 2, -4]);
  });
  test('decimals: x * 10^d rounded half to even, then divided; negative d rounds to tens', () => {
    // 2.675 * 100 rounds to 267.5 in float64, then half to even: 268.
    expectClose(nums(f64([1.2345, -0.125, 2.675]).round({ decimals: 2 })), [1.23, -0.12, 2.68], 1e-15);
    expect(nums(f64([1250, -1350, 49]).round({ decimals: -2 }))).toEqual([1200, -1400, 0]);
    expect(tg.round(f32([1.25]), { decimals: 1 }).gradFn).toBeNull();
  });
  test('errors', () => {
    expectTensorError(() => f64([1]).round({ decimals: 1.5 }), 'ARGUMENT', /decimals/);
    expectTensorError(() => tg.tensor([1], { dtype: 'int32' }).round({ decimals: 1 }), 'DTYPE', /round_cpu.*'Int'/);
  });
});

describe('integer and bool inputs', () => {
  const ints = tg.tensor([-3, -1, 0, 2, 5], { dtype: 'int32' });
  test('transcendental functions compute in float32 (int_to_float)', () => {
    for (const name of ['sin', 'exp2', 'atan', 'erf', 'reciprocal', 'log1p']) {
      const y = fnOf(name)(ints);
      expect(y.dtype).toBe('float32');
      expect(nums(y)).toEqual(nums(fnOf(name)(ints.to('float32'))));
    }
    const b = tg.tensor([true, false]);
    expect(b.sin().dtype).toBe('float32');
    expect(nums(b.log2())).toEqual([0, -Infinity]);
  });
  test('rounding keeps integers; frac, hypot and bool rounding are refused as in PyTorch', () => {
    for (const name of ['floor', 'ceil', 'round', 'trunc']) {
      const y = fnOf(name)(ints);
      expect(y.dtype).toBe('int32');
      expect(nums(y)).toEqual([-3, -1, 0, 2, 5]);
    }
    expect(nums(ints.square())).toEqual([9, 1, 0, 4, 25]);
    expectTensorError(() => ints.frac(), 'DTYPE', `"frac_cpu" not implemented for 'Int'`);
    expectTensorError(() => tg.tensor([true]).floor(), 'DTYPE', `"floor_vml_cpu" not implemented for 'Bool'`);
    expectTensorError(() => ints.hypot(ints), 'DTYPE', /hypot_cpu/);
  });
  test('integer fmod and remainder are integer ops; division by zero is an ARGUMENT error', () => {
    const a = [7, -7, 7, -7, 0, -2147483648];
    const b = [3, 3, -3, -3, 5, -1];
    const ta = tg.tensor(a, { dtype: 'int32' });
    const tb = tg.tensor(b, { dtype: 'int32' });
    expect(ta.fmod(tb).dtype).toBe('int32');
    expect(nums(ta.fmod(tb))).toEqual([1, -1, 1, -1, 0, 0]);
    expect(nums(ta.remainder(tb))).toEqual([1, 2, -2, -1, 0, 0]);
    expectTensorError(() => ta.fmod(0), 'ARGUMENT', /ZeroDivisionError/);
    expectTensorError(() => tg.remainder(ta, tg.tensor([1, 1, 1, 0, 1, 1], { dtype: 'int32' })), 'ARGUMENT', /ZeroDivisionError/);
    expect(ta.remainder(2.5).dtype).toBe('float32');
    expectTensorError(() => tg.tensor([true]).remainder(tg.tensor([true])), 'DTYPE', /remainder_cpu.*'Bool'/);
  });
});

describe('binary functions', () => {
  const a = Array.from(values(12, 21), (v) => v * 10);
  const b = Array.from(values(4, 22), (v) => (v < 0 ? v - 0.5 : v + 0.5) * 3);
  const A = f64(a, [3, 4]);
  const B = f64(b, [4]);
  const pairs = (f: (x: number, y: number) => number) => a.map((x, i) => f(x, b[i % 4]));

  test('broadcast against float64 references', () => {
    expectClose(nums(A.atan2(B)), pairs(Math.atan2), 4e-16);
    expectClose(nums(tg.hypot(A, B)), pairs(Math.hypot), 4e-16);
    expect(nums(A.fmod(B))).toEqual(pairs((x, y) => x % y)); // JS % is C's fmod, exactly
    const rem = (x: number, y: number) => {
      const r = x % y;
      return r !== 0 && y < 0 !== r < 0 ? r + y : r;
    };
    expect(nums(tg.remainder(A, B))).toEqual(pairs(rem));
    expect(nums(tg.remainder(A, -2.5))).toEqual(a.map((x) => rem(x, -2.5)));
  });
  test('strided and expanded operands', () => {
    const At = f64(a, [4, 3]).t(); // [3, 4], non-contiguous
    const ref = nums(At.contiguous().atan2(B.expand(3, 4)));
    expect(nums(At.atan2(B.expand(3, 4)))).toEqual(ref);
  });
  test('atan2 quadrants and signed zeros; fmod and remainder edge cases', () => {
    expect(nums(f64([0, -0, 0, -0, 1, -1]).atan2(f64([0, 0, -0, -0, -Infinity, -Infinity])))).toEqual([0, -0, Math.PI, -Math.PI, Math.PI, -Math.PI]);
    expect(nums(f64([-4, 4, -1, 5, Infinity]).remainder(f64([2, -2, Infinity, 0, 2])))).toEqual([-0, 0, Infinity, NaN, NaN]);
    expect(nums(f64([-1, 5]).fmod(f64([Infinity, 0])))).toEqual([-1, NaN]);
    expect(nums(tg.hypot(f64([Infinity, NaN, 3e300]), f64([NaN, Infinity, 4e300])))).toEqual([Infinity, Infinity, 5e300]);
  });
  test('float32 atan2 within 1 ulp of the rounded float64 value', () => {
    const x = Float32Array.from(values(500, 31), (v) => v * 50);
    const y = Float32Array.from(values(500, 32), (v) => v * 50);
    const got = nums(tg.atan2(f32(x), f32(y)));
    got.forEach((g, i) => expect(ulps32(g, Math.fround(Math.atan2(x[i], y[i])))).toBeLessThanOrEqual(1));
  });
  test('shape mismatch is a SHAPE error', () => {
    expectTensorError(() => A.atan2(f64([1, 2, 3])), 'SHAPE');
    expectTensorError(() => A.lerp(f64([1, 2, 3]), 0.5), 'SHAPE');
  });
});

describe('lerp', () => {
  test('PyTorch formula: exact at weight 0 and 1, both branches', () => {
    const s = f64([1e16, -3, 0.1]);
    const e = f64([1, 7, 0.3]);
    expect(nums(s.lerp(e, 1))).toEqual([1, 7, 0.3]);
    expect(nums(s.lerp(e, 0))).toEqual([1e16, -3, 0.1]);
    expect(nums(s.lerp(e, 0.25))).toEqual([1e16 + 0.25 * (1 - 1e16), -3 + 0.25 * 10, 0.1 + 0.25 * (0.3 - 0.1)]);
    expect(nums(s.lerp(e, 0.75))).toEqual([1 - (1 - 1e16) * 0.25, 7 - 10 * 0.25, 0.3 - (0.3 - 0.1) * 0.25]);
    const w = f64([0.25, 0.75, -2], [3]);
    expect(nums(tg.lerp(s, e, w))).toEqual([1e16 + 0.25 * (1 - 1e16), 7 - 10 * 0.25, 0.3 - (0.3 - 0.1) * 3]);
  });
  test('broadcasts a tensor weight with more dims', () => {
    const y = f64([0, 10]).lerp(f64([1, 20]), f64([0.5, 0.1], [2, 1]));
    expect(y.shape).toEqual([2, 2]);
    expect(nums(y)).toEqual([1 - 1 * 0.5, 20 - 10 * 0.5, 0.1, 10 + 0.1 * 10]);
  });
  test('errors as PyTorch', () => {
    expectTensorError(() => f32([1]).lerp(f64([1]), 0.5), 'DTYPE', 'expected dtype float for `end` but got dtype double');
    expectTensorError(() => f32([1]).lerp(f32([1]), f64([0.5])), 'DTYPE', /for `weight`/);
    expectTensorError(() => tg.tensor([1], { dtype: 'int32' }).lerp(tg.tensor([1], { dtype: 'int32' }), 0.5), 'DTYPE', /lerp_kernel_scalar/);
  });
});

describe('isnan, isinf, isfinite, nanToNum', () => {
  const x = f32([NaN, Infinity, -Infinity, 0, -1.5, 3e38]);
  test('tests', () => {
    expect(tg.isnan(x).toArray()).toEqual([true, false, false, false, false, false]);
    expect(x.isinf().toArray()).toEqual([false, true, true, false, false, false]);
    expect(x.isfinite().toArray()).toEqual([false, false, false, true, true, true]);
    const i = tg.tensor([1, 2], { dtype: 'int32' });
    expect([i.isnan().toArray(), i.isinf().toArray(), i.isfinite().toArray()]).toEqual([
      [false, false],
      [false, false],
      [true, true],
    ]);
  });
  test('nanToNum defaults to the dtype limits', () => {
    expect(nums(x.nanToNum())).toEqual([0, 3.4028234663852886e38, -3.4028234663852886e38, 0, -1.5, Math.fround(3e38)]);
    expect(nums(tg.nanToNum(f64([Infinity, -Infinity])))).toEqual([Number.MAX_VALUE, -Number.MAX_VALUE]);
    expect(nums(x.nanToNum({ nan: 2, posinf: 1, neginf: -1 }))).toEqual([2, 1, -1, 0, -1.5, Math.fround(3e38)]);
    const i = tg.tensor([1, 2], { dtype: 'int32' });
    expect(i.nanToNum().dtype).toBe('int32');
    expectTensorError(() => x.nanToNum({ nan: 'zero' as unknown as number }), 'ARGUMENT', /nan must be a number/);
  });
  test('nanToNum gradient is zero where the input was not finite', () => {
    const v = f64([NaN, 2, Infinity]).requiresGrad_();
    v.nanToNum().sum().backward();
    expect(nums(v.grad!)).toEqual([0, 1, 0]);
  });
});

describe('logical functions', () => {
  const a = tg.tensor([0, 1, NaN, -0.5]);
  const b = tg.tensor([true, false, true, true]);
  test('truth tables, with NaN true and -0 false', () => {
    expect(a.logicalNot().toArray()).toEqual([true, false, false, false]);
    expect(tg.logicalAnd(a, b).toArray()).toEqual([false, false, true, true]);
    expect(a.logicalOr(b).toArray()).toEqual([true, true, true, true]);
    expect(a.logicalXor(b).toArray()).toEqual([true, true, false, false]);
    expect(tg.logicalNot(tg.tensor([-0, 0.1])).toArray()).toEqual([true, false]);
  });
  test('broadcast, mixed dtypes, bool results', () => {
    const m = tg.tensor([[0], [3]], { dtype: 'int32' });
    const r = m.logicalAnd(tg.tensor([1, 0, 2]));
    expect(r.dtype).toBe('bool');
    expect(r.toArray()).toEqual([
      [false, false, false],
      [true, false, true],
    ]);
  });
});

describe('gradients', () => {
  test('rounding has zero gradients, frac the identity', () => {
    const x = f64([0.3, -1.7, 2.5]).requiresGrad_();
    x.floor()
      .add(x.ceil())
      .add(x.round())
      .add(x.trunc())
      .add(x.round({ decimals: 1 }))
      .sum()
      .backward();
    expect(nums(x.grad!)).toEqual([0, 0, 0]);
    x.grad = null;
    x.frac().sum().backward();
    expect(nums(x.grad!)).toEqual([1, 1, 1]);
  });
  test('node names', () => {
    const x = f64([0.5]).requiresGrad_();
    const names = [x.sin(), x.erfinv(), x.log1p(), x.square(), x.fmod(0.3), x.fmod(x), x.lerp(x, 0.5), x.lerp(x, x), x.round({ decimals: 2 })].map(
      (y) => y.gradFn!.name,
    );
    expect(names).toEqual([
      'SinBackward0',
      'ErfinvBackward0',
      'Log1PBackward0',
      'PowBackward0',
      'FmodBackward0',
      'FmodBackward1',
      'LerpBackward0',
      'LerpBackward1',
      'RoundBackward1',
    ]);
  });
});

test('empty and 0-d tensors; a large tensor through the thread pool', () => {
  expect(tg.sin(tg.zeros([0, 3])).shape).toEqual([0, 3]);
  expect(tg.atan2(tg.zeros([0]), tg.ones([1])).shape).toEqual([0]);
  expect(tg.tensor(0.5).erfinv().item()).toBeCloseTo(0.4769362762044699, 6);
  const n = 300000;
  const x = Float32Array.from(values(n, 41), (v) => v * 100);
  const got = tg.tensor(x).cos().dataSync() as Float32Array;
  let worst = 0;
  for (let i = 0; i < n; i++) worst = Math.max(worst, ulps32(got[i], Math.fround(Math.cos(x[i]))));
  expect(worst).toBeLessThanOrEqual(2);
});
