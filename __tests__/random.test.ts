import * as tg from '../lib';
import { expectTensorError, flat } from './helpers';
import { randpermAsync } from '../lib/random';

function stats(v: number[]): { mean: number; std: number } {
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  return { mean, std };
}

describe('random', () => {
  test('manualSeed: same seed, same numbers; another seed, other numbers', () => {
    tg.manualSeed(7);
    const a = flat(tg.randn([5]));
    const b = flat(tg.rand([5]));
    tg.manualSeed(7);
    expect(flat(tg.randn([5]))).toEqual(a);
    expect(flat(tg.rand([5]))).toEqual(b);
    tg.manualSeed(8);
    expect(flat(tg.randn([5]))).not.toEqual(a);
  });

  test('the stream is fixed across machines: xoshiro128** reference values', () => {
    // First outputs of xoshiro128** from SplitMix64-expanded seed 0, computed by hand from the
    // reference algorithm (Blackman & Vigna) with 64-bit SplitMix64 (Steele et al.).
    const g = new tg.Generator().manualSeed(0);
    const sm = (x: bigint) => {
      const m = (1n << 64n) - 1n;
      let z = x;
      z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & m;
      z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & m;
      return z ^ (z >> 31n);
    };
    const z1 = sm(0x9e3779b97f4a7c15n);
    const z2 = sm((2n * 0x9e3779b97f4a7c15n) & ((1n << 64n) - 1n));
    const s = [Number(z1 & 0xffffffffn), Number(z1 >> 32n), Number(z2 & 0xffffffffn), Number(z2 >> 32n)].map((v) => v >>> 0);
    const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;
    const expected: number[] = [];
    for (let i = 0; i < 4; i++) {
      expected.push(Number((BigInt(rotl(Number((BigInt(s[1]) * 5n) & 0xffffffffn), 7)) * 9n) & 0xffffffffn));
      const t = (s[1] << 9) >>> 0;
      s[2] = (s[2] ^ s[0]) >>> 0;
      s[3] = (s[3] ^ s[1]) >>> 0;
      s[1] = (s[1] ^ s[2]) >>> 0;
      s[0] = (s[0] ^ s[3]) >>> 0;
      s[2] = (s[2] ^ t) >>> 0;
      s[3] = rotl(s[3], 11);
    }
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual(expected);
  });

  test('a Generator is an independent stream', () => {
    const g1 = new tg.Generator().manualSeed(3);
    const a = flat(tg.randn([4], { generator: g1 }));
    tg.manualSeed(3);
    tg.randn([10]); // drawing from the default generator does not disturb g1's sequence
    const g2 = new tg.Generator().manualSeed(3);
    expect(flat(tg.randn([4], { generator: g2 }))).toEqual(a);
  });

  test('normal has the requested mean and std', () => {
    const v = flat(tg.normal(3, 2, [20000], { generator: new tg.Generator().manualSeed(1) }));
    const { mean, std } = stats(v);
    expect(Math.abs(mean - 3)).toBeLessThan(0.05);
    expect(Math.abs(std - 2)).toBeLessThan(0.05);
  });

  test('rand is uniform on [0, 1)', () => {
    const v = flat(tg.rand([20000], { generator: new tg.Generator().manualSeed(2) }));
    expect(Math.min(...v)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...v)).toBeLessThan(1);
    const { mean, std } = stats(v);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(std - Math.sqrt(1 / 12))).toBeLessThan(0.01);
  });

  test('randint covers [lo, hi) evenly; randperm is a permutation', () => {
    const r = tg.randint(-2, 3, [10000], { generator: new tg.Generator().manualSeed(4) });
    expect(r.dtype).toBe('int64');
    const counts = new Map<number, number>();
    for (const v of flat(r)) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([-1, -2, 0, 1, 2].sort());
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(200);
    const p = tg.randperm(100);
    expect(p.dtype).toBe('int64');
    expect(flat(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  test('bad arguments', () => {
    expectTensorError(() => tg.normal(0, -1, [2]), 'ARGUMENT', 'std >= 0.0');
    expectTensorError(() => tg.randint(3, 3, [2]), 'ARGUMENT');
    expectTensorError(() => tg.randn([2], { dtype: 'int32' }), 'DTYPE');
    expectTensorError(() => tg.randn([-1]), 'ARGUMENT');
    expectTensorError(() => tg.manualSeed(1.5), 'ARGUMENT');
  });
});

test('nextBelow is unbiased rejection sampling with exact remainders, up to n = 2^32', () => {
  // Reference in BigInt arithmetic, fed the same 32-bit stream.
  const a = new tg.Generator().manualSeed(7);
  const b = new tg.Generator().manualSeed(7);
  const ns = [2, 3, 7, 1000, 65537, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 3_000_000_019, 2 ** 32 - 1, 2 ** 32];
  for (let rep = 0; rep < 200; rep++) {
    for (const n of ns) {
      const big = BigInt(n);
      const limit = 2n ** 32n - (2n ** 32n % big);
      let x: bigint;
      do x = BigInt(b.nextUint32());
      while (x >= limit);
      expect(a.nextBelow(n)).toBe(Number(x % big));
    }
  }
});

/** The JS Fisher-Yates permutation of 0..n-1 drawn from g (the reference for the addon's). */
function fisherYates(n: number, g: tg.Generator): number[] {
  const want = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = g.nextBelow(i + 1);
    [want[i], want[j]] = [want[j], want[i]];
  }
  return want;
}

test('randperm of a long range (shuffled in the addon) is the JS Fisher-Yates permutation, and leaves the same state', async () => {
  // 63 steps and fewer shuffle in JS, 64 and more in the addon.
  for (const n of [2, 63, 64, 65, 1000, 4097, 100003]) {
    const a = new tg.Generator().manualSeed(n);
    const b = new tg.Generator().manualSeed(n);
    expect(tg.randperm(n, { generator: a }).toArray()).toEqual(fisherYates(n, b));
    expect([a.nextUint32(), a.nextUint32()]).toEqual([b.nextUint32(), b.nextUint32()]);
  }
  // The async variant shuffles in slices between event-loop turns: the same permutation.
  const sync = tg.randperm(200000, { generator: new tg.Generator().manualSeed(9) }).dataSync<BigInt64Array>();
  const async = (await randpermAsync(200000, { generator: new tg.Generator().manualSeed(9) })).dataSync<BigInt64Array>();
  expect(async).toEqual(sync);
});

test('the addon draws as nextBelow does where a draw lands in the rejection check', () => {
  // xoshiro128**'s output depends on word 1 only: rotl(s1 * 5, 7) * 9. Solve for the word whose
  // first draw is 2^32 - 1, which enters the exact-bound check for every n: rejected for n = 100
  // (2^32 mod 100 = 96), kept for n = 128 (a power of two: nothing to reject).
  const m = 2n ** 32n;
  const inverse = (a: bigint) => {
    let x = 1n;
    for (let i = 0; i < 5; i++) x = (x * (2n - ((a * x) % m) + m)) % m; // Newton: doubles the correct bits
    return x;
  };
  const rotr7 = (v: bigint) => ((v >> 7n) | (v << 25n)) % m;
  const s1 = (rotr7(((m - 1n) * inverse(9n)) % m) * inverse(5n)) % m;
  for (const n of [100, 128]) {
    const words = Int32Array.from([0x12345678, Number(BigInt.asIntN(32, s1)), -0x2468ace, 0x0badcafe]);
    const probe = new tg.Generator();
    probe._loadState(words);
    expect(probe.nextUint32()).toBe(2 ** 32 - 1);
    const a = new tg.Generator();
    const b = new tg.Generator();
    a._loadState(words);
    b._loadState(words);
    expect(tg.randperm(n, { generator: a }).toArray()).toEqual(fisherYates(n, b));
    expect(a.nextUint32()).toBe(b.nextUint32());
  }
});
