// int64: creation, reading, filling, casts, printing and IO, against BigInt references and values
// derived by hand (PyTorch's behaviour noted where it decides).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { indexResultRaw } from '../../lib/backend/raw';
import { expectTensorError, flat } from '../helpers';

const big = (t: tg.Tensor) => Array.from(t.dataSync<BigInt64Array>());
const MIN = -(2n ** 63n);
const MAX = 2n ** 63n - 1n;

describe('creation', () => {
  test('bigints and nested bigint arrays give int64, exactly', () => {
    const t = tg.tensor([
      [1n, -2n],
      [MAX, MIN],
    ]);
    expect([t.dtype, t.shape]).toEqual(['int64', [2, 2]]);
    expect(big(t)).toEqual([1n, -2n, MAX, MIN]);
    expect(tg.tensor(7n).shape).toEqual([]);
    // As PyTorch infers from Python values: a float (any JS number) wins over ints, ints over bools.
    expect(tg.tensor([1n, 2.5]).dtype).toBe('float32');
    expect(tg.tensor([true, 3n]).toArray()).toEqual([1, 3]);
    expect(tg.tensor([true, 3n]).dtype).toBe('int64');
  });

  test('numbers with dtype int64: integers beyond 2^53 kept exactly, fractions truncated', () => {
    expect(big(tg.tensor([2 ** 60, -(2 ** 63), 2.9, -2.9], { dtype: 'int64' }))).toEqual([2n ** 60n, MIN, 2n, -2n]);
    expect(big(tg.tensor(Int32Array.from([-5, 7]), { dtype: 'int64' }))).toEqual([-5n, 7n]);
    expect(flat(tg.tensor([1n, MAX], { dtype: 'float64' }))).toEqual([1, 2 ** 63]);
  });

  test('a value int64 cannot hold is an ARGUMENT error', () => {
    for (const v of [NaN, Infinity, -Infinity, 2 ** 63, -(2 ** 64)]) {
      expectTensorError(() => tg.tensor([v], { dtype: 'int64' }), 'ARGUMENT', 'cannot be converted to type int64_t without overflow');
    }
    expectTensorError(() => tg.tensor([MAX + 1n]), 'ARGUMENT', 'int64_t');
    expectTensorError(() => tg.tensor([MIN - 1n]), 'ARGUMENT', 'int64_t');
    expectTensorError(() => tg.tensor([2n ** 31n], { dtype: 'int32' }), 'ARGUMENT', 'int32_t');
  });

  test('a BigInt64Array is copied by tensor and shared by fromArray', () => {
    const src = BigInt64Array.from([3n, MIN]);
    const copy = tg.tensor(src, { shape: [2, 1] });
    const shared = tg.fromArray(src);
    src[0] = 9n;
    expect([copy.dtype, copy.shape, big(copy)]).toEqual(['int64', [2, 1], [3n, MIN]]);
    expect(big(shared)).toEqual([9n, MIN]);
  });

  test('full, zeros, ones, arange, eye, zerosLike with int64', () => {
    expect(big(tg.full([3], 2n ** 62n + 1n, { dtype: 'int64' }))).toEqual([2n ** 62n + 1n, 2n ** 62n + 1n, 2n ** 62n + 1n]);
    expect(big(tg.full([2], -(2 ** 63), { dtype: 'int64' }))).toEqual([MIN, MIN]);
    expect(big(tg.zeros(2, { dtype: 'int64' }))).toEqual([0n, 0n]);
    expect(big(tg.ones([2], { dtype: 'int64' }))).toEqual([1n, 1n]);
    expect(big(tg.arange(-2, 7, 3, { dtype: 'int64' }))).toEqual([-2n, 1n, 4n]);
    expect(big(tg.eye(2, { dtype: 'int64' }))).toEqual([1n, 0n, 0n, 1n]);
    expect(tg.zerosLike(tg.tensor([1n])).dtype).toBe('int64');
    expect(tg.full([1], 5n).dtype).toBe('float32');
  });

  test('full refuses fractions, NaN, ±Infinity and out-of-range values for integer dtypes', () => {
    expectTensorError(() => tg.full([2], 2.5, { dtype: 'int64' }), 'ARGUMENT', 'fraction');
    expectTensorError(() => tg.full([2], NaN, { dtype: 'int64' }), 'ARGUMENT', 'int64_t without overflow');
    expectTensorError(() => tg.full([2], -Infinity, { dtype: 'int64' }), 'ARGUMENT', 'int64_t without overflow');
    expectTensorError(() => tg.full([2], 2n ** 63n, { dtype: 'int64' }), 'ARGUMENT', 'int64_t without overflow');
    expectTensorError(() => tg.full([2], 2 ** 31, { dtype: 'int32' }), 'ARGUMENT', 'int32_t without overflow');
  });

  test('fill_: exact bigints, truncated fractions (as PyTorch), strided views, refusals', () => {
    const t = tg.zeros([3, 2], { dtype: 'int64' });
    t.fill_(2.7);
    expect(big(t)).toEqual([2n, 2n, 2n, 2n, 2n, 2n]);
    t.t()
      .narrow(0, 1, 1)
      .fill_(MAX - 2n); // column 1: strided
    expect(big(t)).toEqual([2n, MAX - 2n, 2n, MAX - 2n, 2n, MAX - 2n]);
    expectTensorError(() => t.fill_(NaN), 'ARGUMENT', 'int64_t');
    expectTensorError(() => t.fill_(2n ** 64n), 'ARGUMENT', 'int64_t');
    const f = tg.zeros([2]).fill_(3n);
    expect(flat(f)).toEqual([3, 3]);
  });
});

describe('reading', () => {
  test('item and toArray give numbers for safe integers, ARGUMENT otherwise; dataSync the BigInt64Array', () => {
    const t = tg.tensor([2n ** 53n - 1n, -5n]);
    expect(t.toArray()).toEqual([2 ** 53 - 1, -5]);
    expect(t.narrow(0, 1, 1).item()).toBe(-5);
    expect(t.dataSync<BigInt64Array>()).toBeInstanceOf(BigInt64Array);
    expect(JSON.parse(JSON.stringify(tg.tensor([[1n], [2n]])))).toEqual({ dtype: 'int64', shape: [2, 1], data: [[1], [2]] });
    const unsafe = tg.tensor([1n, 2n ** 53n + 1n]);
    expectTensorError(() => unsafe.toArray(), 'ARGUMENT', 'not a safe integer');
    expectTensorError(() => unsafe.narrow(0, 1, 1).item(), 'ARGUMENT', 'not a safe integer');
    expectTensorError(() => tg.tensor([-(2n ** 53n)]).item(), 'ARGUMENT', 'not a safe integer');
  });

  test('long() converts (truncating) and returns an int64 tensor itself', () => {
    const x = tg.tensor([2.9, -2.9, 0.5]);
    expect(big(x.long())).toEqual([2n, -2n, 0n]);
    const y = tg.tensor([1n]);
    expect(y.long()).toBe(y);
    expect(big(tg.tensor([true, false]).long())).toEqual([1n, 0n]);
  });
});

describe('casts', () => {
  test('int64 -> float32 rounds once (not through float64), -> int32 wraps, -> bool is != 0', () => {
    // 2^60 + 2^36 + 1 is just over half a float32 ulp (2^37) above 2^60: up. Through a double it
    // would be 2^60 + 2^36, a tie, rounded to even: down.
    const t = tg.tensor([2n ** 60n + 2n ** 36n + 1n, 2n ** 24n + 1n, MAX]);
    expect(flat(t.to('float32'))).toEqual([2 ** 60 + 2 ** 37, 2 ** 24, 2 ** 63]);
    expect(flat(t.to('int32'))).toEqual([1, 16777217, -1]);
    expect(flat(tg.tensor([0n, MIN, 3n]).to('bool'))).toEqual([0, 1, 1]);
    expect(flat(tg.tensor([2n ** 53n + 1n]).to('float64'))).toEqual([2 ** 53]);
  });

  test('float -> int64 truncates; NaN and out of range give INT64_MIN, as PyTorch on x86', () => {
    const x = tg.tensor([1e30, -1e30, NaN, Infinity, 2 ** 63, -(2 ** 63), -7.99], { dtype: 'float64' });
    expect(big(x.to('int64'))).toEqual([MIN, MIN, MIN, MIN, MIN, MIN, -7n]);
    expect(big(tg.tensor([3e9, -0.5]).to('int64'))).toEqual([3000000000n, 0n]);
    // int32 follows the same rule (cvttss2si).
    expect(flat(tg.tensor([3e9, -3e9, NaN]).to('int32'))).toEqual([-(2 ** 31), -(2 ** 31), -(2 ** 31)]);
  });
});

describe('printing, as PyTorch', () => {
  test('int64 has no dtype suffix, int32 has; empty tensors name every dtype but float32', () => {
    expect(tg.tensor([1n, -20n]).toString()).toBe('tensor([  1, -20])');
    expect(tg.tensor([1n, -20n]).to('int32').toString()).toBe('tensor([  1, -20], dtype=torch.int32)');
    expect(tg.tensor(MIN).toString()).toBe('tensor(-9223372036854775808)');
    expect(tg.zeros([0], { dtype: 'int64' }).toString()).toBe('tensor([], dtype=torch.int64)');
    expect(tg.zeros([0], { dtype: 'bool' }).toString()).toBe('tensor([], dtype=torch.bool)');
    expect(tg.zeros([0, 2], { dtype: 'int64' }).toString()).toBe('tensor([], size=(0, 2), dtype=torch.int64)');
    expect(tg.zeros([0]).toString()).toBe('tensor([])');
  });
});

describe('files keep int64', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-int64-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('safetensors I64 round trip, exactly', () => {
    const t = tg.tensor([
      [MAX, MIN],
      [0n, -1n],
    ]);
    const file = path.join(dir, 'a.safetensors');
    tg.save({ t }, file);
    const bytes = fs.readFileSync(file);
    const header = JSON.parse(bytes.subarray(8, 8 + Number(bytes.readBigUInt64LE(0))).toString('utf8')) as Record<string, { dtype: string }>;
    expect(header.t.dtype).toBe('I64');
    const back = tg.load(file).t;
    expect([back.dtype, back.shape, big(back)]).toEqual(['int64', [2, 2], [MAX, MIN, 0n, -1n]]);
  });

  test(".npy '<i8' round trip, exactly", () => {
    const t = tg.tensor([2n ** 62n + 3n, -9n]);
    const file = path.join(dir, 'a.npy');
    tg.io.writeNpy(file, t);
    expect(fs.readFileSync(file).subarray(10, 60).toString('latin1')).toContain("'descr': '<i8'");
    const back = tg.io.readNpy(file);
    expect([back.dtype, big(back)]).toEqual(['int64', [2n ** 62n + 3n, -9n]]);
  });
});

test('indexResultRaw turns indices computed in JS into an int64 tensor', () => {
  const t = indexResultRaw(Int32Array.from([3, 0, -1, 2 ** 31 - 1]), [2, 2]);
  expect([t.dtype, t.shape, big(t)]).toEqual(['int64', [2, 2], [3n, 0n, -1n, 2n ** 31n - 1n]]);
  expect(big(indexResultRaw(Float64Array.from([2 ** 40, 5]), [2]))).toEqual([2n ** 40n, 5n]);
});
