'use strict';
// `npm run bench:thresholds`: the sizes at which work moves from a JS loop to the addon and from
// one thread to the pool, measured on this machine against the constants that route it
// (lib/backend/js_paths.ts, native/elementwise/elementwise.h, native/reduce/reduce.cc).
// Each pair of paths runs alternately, batch by batch, on the same data; medians of the batches.
const tg = require('..');
const { native } = require('../dist/cjs/backend/entries.js');

const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

/**
 * Median seconds per call of each fn, their batches alternating (a neighbour's burst hits all
 * alike); `setups[i]()` runs before each batch of fns[i], untimed.
 */
function alternate(fns, reps = 21, setups = []) {
  const ns = fns.map((fn, i) => {
    setups[i]?.();
    let n = 1;
    for (;;) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      if (Number(process.hrtime.bigint() - t0) > 5e6 || n > 1e6) return n;
      n *= 2;
    }
  });
  const samples = fns.map(() => []);
  for (let r = 0; r < reps; r++) {
    fns.forEach((fn, i) => {
      setups[i]?.();
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < ns[i]; k++) fn();
      samples[i].push(Number(process.hrtime.bigint() - t0) / 1e9 / ns[i]);
    });
  }
  return samples.map(median);
}

const us = (s) => (s * 1e6).toFixed(3);

console.log(`tensorgrad ${tg.backendInfo().isa}, ${tg.getNumThreads()} threads`);
console.log('\nfloat32 add into a preallocated output: the JS loop (any size, forced) against the addon');
console.log('elements  js us   addon us   (lib/backend/js_paths.ts: JS up to 128 elements)');
for (const n of [4, 16, 64, 128, 256, 512, 1024]) {
  const a = tg.rand([n]);
  const b = tg.rand([n]);
  const x = a._storage.data;
  const y = b._storage.data;
  const out = new Float32Array(n);
  const [js, addon] = alternate([
    () => {
      for (let i = 0; i < n; i++) out[i] = x[i] + y[i];
    },
    () => native.binary(0, [n], out, [1], 0, x, [1], 0, y, [1], 0),
  ]);
  console.log(`${String(n).padStart(8)}  ${us(js).padStart(6)}  ${us(addon).padStart(8)}`);
}

console.log('\nfloat32 a.mul(b) and a.sum() on 1 thread against 2 (native/: the pool from 2^17 and 2^16 elements)');
console.log('elements   mul 1t us  mul 2t us   sum 1t us  sum 2t us');
const threads = tg.getNumThreads();
for (const log2 of [12, 14, 15, 16, 17, 18, 20]) {
  const n = 2 ** log2;
  const a = tg.rand([n]);
  const b = tg.rand([n]);
  const one = () => tg.setNumThreads(1);
  const all = () => tg.setNumThreads(Math.max(2, threads));
  const mul = () => a.mul(b);
  const sum = () => a.sum();
  const [m1, m2, s1, s2] = alternate([mul, mul, sum, sum], 15, [one, all, one, all]);
  console.log(`  2^${log2}`.padEnd(10) + [m1, m2, s1, s2].map((v) => us(v).padStart(10)).join(' '));
}
tg.setNumThreads(threads);
