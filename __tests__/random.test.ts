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

  test("the stream is mt19937's: the C++ standard's 10000th draw from seed 5489, and a JS reference of its first", () => {
    // [rand.predef]: the 10000th invocation of a default-constructed std::mt19937 (seed 5489)
    // produces 4123659995; PyTorch's at::mt19937 is the same engine.
    const g = new tg.Generator().manualSeed(5489);
    for (let i = 1; i < 10000; i++) g.nextUint32();
    expect(g.nextUint32()).toBe(4123659995);
    // Its first draw from seed 0, by the textbook algorithm in BigInt arithmetic.
    const mt: bigint[] = [0n];
    for (let i = 1; i < 624; i++) mt.push((1812433253n * (mt[i - 1] ^ (mt[i - 1] >> 30n)) + BigInt(i)) & 0xffffffffn);
    const twist = (i: number) => {
      const y = (mt[i] & 0x80000000n) | (mt[(i + 1) % 624] & 0x7fffffffn);
      return mt[(i + 397) % 624] ^ (y >> 1n) ^ (y & 1n ? 0x9908b0dfn : 0n);
    };
    let y = twist(0);
    y ^= y >> 11n;
    y ^= (y << 7n) & 0x9d2c5680n;
    y ^= (y << 15n) & 0xefc60000n;
    y ^= y >> 18n;
    expect(new tg.Generator().manualSeed(0).nextUint32()).toBe(Number(y & 0xffffffffn));
  });

  test('seeds as PyTorch takes them: [-2^63, 2^64), negatives as two-s complement, only the low 32 bits seed the words', () => {
    const draw = (s: number | bigint) => new tg.Generator().manualSeed(s).nextUint32();
    expect(draw(-1)).toBe(draw(2n ** 64n - 1n));
    expect(draw(2n ** 32n + 5n)).toBe(draw(5));
    expect(new tg.Generator().manualSeed(-1).initialSeed()).toBe(2n ** 64n - 1n);
    expect(new tg.Generator().initialSeed()).toBe(67280421310721n);
    for (const bad of [2n ** 64n, -(2n ** 63n) - 1n, 1.5, NaN, '3', null]) expectTensorError(() => tg.manualSeed(bad as never), 'ARGUMENT');
  });

  test('getState/setState: a saved state continues the same stream, including the cached normal', () => {
    const g = new tg.Generator().manualSeed(11);
    tg.randn(3, { generator: g }); // an odd number of Box-Muller values: one is cached
    const state = g.getState();
    const a = flat(tg.randn(5, { generator: g }));
    const h = new tg.Generator().setState(state);
    expect(flat(tg.randn(5, { generator: h }))).toEqual(a);
    expect(h.getState()).toEqual(g.getState());
    expectTensorError(() => h.setState(new Uint8Array(10)), 'ARGUMENT', 'Expected a CPUGeneratorImplState of size 5056');
    const broken = state.slice();
    broken[8] = 0; // left = 0
    broken[9] = broken[10] = broken[11] = 0;
    expectTensorError(() => h.setState(broken), 'ARGUMENT', 'Invalid mt19937 state');
    expectTensorError(() => h.setState([1, 2] as never), 'ARGUMENT');
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

/** PyTorch's randperm_cpu in JS over g's 32-bit draws (the reference for the addon's). */
function torchRandperm(n: number, g: tg.Generator): number[] {
  const r = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const z = i + (g.nextUint32() % (n - i));
    [r[i], r[z]] = [r[z], r[i]];
  }
  return r;
}

test('randperm of a long range (shuffled in the addon) is PyTorch-s algorithm, and leaves the same state', async () => {
  // 63 elements and fewer shuffle in JS, 64 and more in the addon.
  for (const n of [2, 63, 64, 65, 1000, 4097, 100003]) {
    const a = new tg.Generator().manualSeed(n);
    const b = new tg.Generator().manualSeed(n);
    expect(Array.from(tg.randperm(n, { generator: a }).dataSync(), Number)).toEqual(torchRandperm(n, b));
    expect([a.nextUint32(), a.nextUint32()]).toEqual([b.nextUint32(), b.nextUint32()]);
  }
  // The async variant shuffles in slices between event-loop turns: the same permutation.
  const sync = tg.randperm(200000, { generator: new tg.Generator().manualSeed(9) }).dataSync<BigInt64Array>();
  const async = (await randpermAsync(200000, { generator: new tg.Generator().manualSeed(9) })).dataSync<BigInt64Array>();
  expect(async).toEqual(sync);
});
