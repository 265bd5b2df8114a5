// Integer dtypes refuse values they cannot hold (ARGUMENT, PyTorch's "value cannot be converted to
// type int64_t without overflow"), in arange as in full, tensor and fill_; arange with an integer
// dtype follows PyTorch's arange_out (checked with torch 1.13): start, end and step truncated to
// int64, values start + i * step computed exactly.
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const ints = (t: tg.Tensor): bigint[] => Array.from(t.dataSync<BigInt64Array | Int32Array>() as ArrayLike<number | bigint>, (v) => BigInt(v));

describe('arange with an integer dtype', () => {
  test("PyTorch's values and lengths", () => {
    // torch.arange(-2.5, 3, 1.5, dtype=torch.int64) -> [-2, -1, 0, 1, 2]; int32 -> [-2, -1, 0, 1]
    expect(ints(tg.arange(-2.5, 3, 1.5, { dtype: 'int64' }))).toEqual([-2n, -1n, 0n, 1n, 2n]);
    expect(ints(tg.arange(-2.5, 3, 1.5, { dtype: 'int32' }))).toEqual([-2n, -1n, 0n, 1n]);
    expect(ints(tg.arange(2.7, 0, -1, { dtype: 'int64' }))).toEqual([2n, 1n]);
    expect(ints(tg.arange(0.5, 3, { dtype: 'int64' }))).toEqual([0n, 1n, 2n]);
    expect(ints(tg.arange(5, { dtype: 'int32' }))).toEqual([0n, 1n, 2n, 3n, 4n]);
    expect(tg.arange(0, 0, { dtype: 'int64' }).shape).toEqual([0]);
    expect(tg.arange(3, { dtype: 'int64', requiresGrad: false }).dtype).toBe('int64');
  });

  test('int64 values past 2^53 are exact', () => {
    // torch.arange(2**53, 2**53 + 10, 3) -> [9007199254740992, 9007199254740995, 9007199254740998, 9007199254741001]
    const two53 = 2n ** 53n;
    expect(ints(tg.arange(2 ** 53, 2 ** 53 + 10, 3, { dtype: 'int64' }))).toEqual([two53, two53 + 3n, two53 + 6n, two53 + 9n]);
    const top = 2 ** 63 - 4096; // a double, exactly 9223372036854771712
    expect(ints(tg.arange(top, top + 3072, 2048, { dtype: 'int64' }))).toEqual([BigInt(top), BigInt(top) + 2048n]);
  });

  test('a value the dtype cannot hold is refused, not saturated or wrapped', () => {
    const INT64 = /^arange: value cannot be converted to type int64_t without overflow/;
    expectTensorError(() => tg.arange(2 ** 63, 2 ** 63 + 4096, 2048, { dtype: 'int64' }), 'ARGUMENT', INT64);
    expectTensorError(() => tg.arange(0, 1e300, { dtype: 'int64' }), 'ARGUMENT', INT64);
    expectTensorError(() => tg.arange(-(2 ** 64), 0, 2 ** 62, { dtype: 'int64' }), 'ARGUMENT', INT64);
    // PyTorch 1.13 wraps these silently (2147483647, -2147483648, ...); refused here
    const INT32 = /^arange: value cannot be converted to type int32_t without overflow \(got (2147483649|-3000000000)\)$/;
    expectTensorError(() => tg.arange(2147483640, 2147483650, { dtype: 'int32' }), 'ARGUMENT', INT32);
    expectTensorError(() => tg.arange(-3e9, 0, 1e9, { dtype: 'int32' }), 'ARGUMENT', INT32);
    // the largest int32 itself is fine
    expect(ints(tg.arange(2147483646, 2147483648, { dtype: 'int32' }))).toEqual([2147483646n, 2147483647n]);
  });

  test("step and sign errors are PyTorch's", () => {
    // a step that truncates to 0: torch.arange(0, 2, 0.5, dtype=torch.int32) -> "step must be nonzero"
    expectTensorError(() => tg.arange(0, 2, 0.5, { dtype: 'int32' }), 'ARGUMENT', 'arange: step must be nonzero');
    expectTensorError(() => tg.arange(0, 5, -1, { dtype: 'int64' }), 'ARGUMENT', 'arange: upper bound and larger bound inconsistent with step sign');
    expectTensorError(() => tg.arange(0, Infinity, { dtype: 'int64' }), 'ARGUMENT', 'arange: start, end and step must be finite numbers');
  });
});

describe('int64 values in full, tensor and fill_: one rule', () => {
  // [-2^63, 2^63): numbers are taken as the doubles they are (2^53 + 2 is exact), bigints exactly.
  const cases: [string, (v: number | bigint) => tg.Tensor][] = [
    ['full', (v) => tg.full([2], v, { dtype: 'int64' })],
    ['tensor', (v) => tg.tensor([v], { dtype: 'int64' })],
    ['fill_', (v) => tg.zeros([2], { dtype: 'int64' }).fill_(v)],
  ];
  test.each(cases)('%s', (op, make) => {
    expect(ints(make(2 ** 53 + 2))[0]).toBe(2n ** 53n + 2n);
    expect(ints(make(-(2 ** 63)))[0]).toBe(-(2n ** 63n));
    expect(ints(make(2n ** 63n - 1n))[0]).toBe(2n ** 63n - 1n);
    expect(ints(make(-(2n ** 63n)))[0]).toBe(-(2n ** 63n));
    const message = new RegExp(`^${op}: value cannot be converted to type int64_t without overflow`);
    for (const v of [2 ** 63, -(2 ** 64), 1e300, 2n ** 63n, -(2n ** 63n) - 1n, 2n ** 100n]) {
      expectTensorError(() => make(v), 'ARGUMENT', message);
    }
  });

  test('int32 the same way', () => {
    for (const [op, make] of [
      ['full', (v: number | bigint) => tg.full([1], v, { dtype: 'int32' })],
      ['tensor', (v: number | bigint) => tg.tensor([v], { dtype: 'int32' })],
      ['fill_', (v: number | bigint) => tg.zeros([1], { dtype: 'int32' }).fill_(v)],
    ] as const) {
      expect(make(2147483647).item()).toBe(2147483647);
      expect(make(-2147483648n).item()).toBe(-2147483648);
      for (const v of [2147483648, -2147483649, 2n ** 31n]) {
        expectTensorError(() => make(v), 'ARGUMENT', new RegExp(`^${op}: value cannot be converted to type int32_t without overflow`));
      }
    }
  });
});
