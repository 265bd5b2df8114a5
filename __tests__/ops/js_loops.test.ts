// The small-tensor JS loops (lib/backend/js_paths.ts) take over from the addon above 16 elements
// only after ~1,000 calls in a process. Both sides of that switch must give the same bits: each
// case below runs cold (the addon) and again after the warm-up (the JS loop), against exact
// references (IEEE float32/float64 arithmetic done in JS, Math.imul for int32, a plain gather).
import * as tg from '../../lib';

type Case = { name: string; run: () => tg.Tensor; expected: () => number[] };

const f32 = (n: number, seed: number): Float32Array => Float32Array.from({ length: n }, (_, i) => Math.fround(Math.sin(i * 12.9898 + seed) * 437.5));
const OPS: [string, (a: tg.Tensor, b: tg.Tensor) => tg.Tensor, (u: number, v: number) => number][] = [
  ['add', (a, b) => a.add(b), (u, v) => u + v],
  ['sub', (a, b) => a.sub(b), (u, v) => u - v],
  ['mul', (a, b) => a.mul(b), (u, v) => u * v],
  ['div', (a, b) => a.div(b), (u, v) => u / v],
];

function cases(): Case[] {
  const out: Case[] = [];
  for (const n of [17, 64, 100, 128]) {
    const av = f32(n, 1);
    const bv = f32(n, 2);
    for (const [name, op, ref] of OPS) {
      out.push({
        name: `float32 ${name} n=${n}`,
        run: () => op(tg.tensor(av), tg.tensor(bv)),
        expected: () => Array.from(av, (u, i) => Math.fround(ref(u, bv[i]))),
      });
      out.push({
        name: `float64 ${name} n=${n} with a scalar tensor`,
        run: () => op(tg.tensor(Float64Array.from(av)), tg.tensor(Float64Array.from([bv[0]]))),
        expected: () => Array.from(av, (u) => ref(u, bv[0])),
      });
    }
    const ai = Int32Array.from(av, (v) => Math.trunc(v * 1e6));
    const bi = Int32Array.from(bv, (v) => Math.trunc(v * 1e6));
    out.push({
      name: `int32 mul n=${n} wraps`,
      run: () => tg.tensor(ai).mul(tg.tensor(bi)),
      expected: () => Array.from(ai, (u, i) => Math.imul(u, bi[i])),
    });
    // A gather of rows (the tutorial's minibatch): rows of 1 and 2 elements and of 3.
    for (const row of [1, 2, 3]) {
      const rows = 50;
      const src = f32(rows * row, 3);
      const index = Array.from({ length: Math.ceil(n / row) }, (_, i) => (i * 7 + 3) % rows);
      out.push({
        name: `indexSelect of ${index.length} rows of ${row}`,
        run: () => tg.tensor(src, { shape: [rows, row] }).indexSelect(0, tg.tensor(index, { dtype: 'int64' })),
        expected: () => index.flatMap((r) => Array.from(src.subarray(r * row, (r + 1) * row))),
      });
    }
  }
  return out;
}

test('the addon (cold) and the JS loops (after the warm-up) give the same, exact bits', () => {
  const all = cases();
  const check = (phase: string) => {
    for (const c of all) {
      const got = Array.from(c.run().dataSync());
      const want = c.expected();
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) {
        if (!Object.is(got[i], want[i])) throw new Error(`${phase} ${c.name}: element ${i} is ${got[i]}, expected ${want[i]}`);
      }
    }
  };
  check('cold');
  // Past the warm-up: every small-path call counts, whichever path it took.
  const a = tg.tensor(f32(32, 4));
  for (let i = 0; i < 1100; i++) a.add(a);
  check('warm');
});
