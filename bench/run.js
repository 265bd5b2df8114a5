'use strict';
// `npm run bench`: throughput of the main paths on this machine, each beside a baseline run in
// the same process (a plain-JS implementation of the same computation). Medians of repeats.
const tg = require('..');

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median seconds per call of fn, over `reps` timed batches of calls lasting about `target` s. */
function time(fn, reps = 7, target = 0.15) {
  fn();
  let n = 1;
  for (;;) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    const dt = Number(process.hrtime.bigint() - t0) / 1e9;
    if (dt > target / 4 || n > 1e7) break;
    n *= 4;
  }
  const samples = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e9 / n);
  }
  return median(samples);
}

function naiveMatmul(a, b, c, n) {
  for (let i = 0; i < n; i++) {
    const ci = i * n;
    for (let j = 0; j < n; j++) c[ci + j] = 0;
    for (let p = 0; p < n; p++) {
      const av = a[i * n + p];
      const bp = p * n;
      for (let j = 0; j < n; j++) c[ci + j] += av * b[bp + j];
    }
  }
}

const rows = [];
const row = (what, value, unit, baseline) =>
  rows.push([what, value.toFixed(value < 10 ? 3 : 1) + ' ' + unit, baseline === undefined ? '' : baseline]);

console.log(`tensorgrad bench: isa=${tg.backendInfo().isa} (cpu: ${tg.backendInfo().cpuIsas.join(', ')}), node ${process.version}`);

for (const n of [32, 64, 128, 256, 512, 1024]) {
  const a = tg.randn([n, n]);
  const b = tg.randn([n, n]);
  const flops = 2 * n * n * n;
  const t = time(() => a.matmul(b), 5);
  let base = '';
  if (n <= 256) {
    const ad = a.dataSync(), bd = b.dataSync(), c = new Float32Array(n * n);
    const tj = time(() => naiveMatmul(ad, bd, c, n), 3);
    base = `${(flops / tj / 1e9).toFixed(2)} GFLOP/s plain JS; x${(tj / t).toFixed(1)}`;
  }
  row(`matmul f32 ${n}x${n}`, flops / t / 1e9, 'GFLOP/s', base);
}
{
  const x = tg.randn([1000, 2]);
  const w = tg.randn([2, 1]);
  const t = time(() => x.matmul(w));
  row('matmul 1000x2 . 2x1', (2 * 1000 * 2) / t / 1e9, 'GFLOP/s');
}
{
  const n = 1 << 24;
  const x = tg.rand([n]);
  const xd = x.dataSync();
  const t = time(() => x.sum(), 5);
  const tj = time(() => {
    let s = 0;
    for (let i = 0; i < n; i++) s += xd[i];
    return s;
  }, 3);
  row('sum f32 16M elements', (4 * n) / t / 1e9, 'GB/s', `${((4 * n) / tj / 1e9).toFixed(2)} GB/s plain JS; x${(tj / t).toFixed(1)}`);
  const m = x.reshape(4096, 4096);
  row('sum f32 4096x4096 dim 0', (4 * n) / time(() => m.sum(0), 5) / 1e9, 'GB/s');
  row('sum f32 4096x4096 dim 1', (4 * n) / time(() => m.sum(1), 5) / 1e9, 'GB/s');
}
{
  const a = tg.tensor([1, 2, 3]);
  const b = tg.tensor([4, 5, 6]);
  const ad = new Float32Array([1, 2, 3]), bd = new Float32Array([4, 5, 6]);
  const tj = time(() => {
    const o = new Float32Array(3);
    for (let i = 0; i < 3; i++) o[i] = ad[i] + bd[i];
    return o;
  });
  row('add, 3 elements', time(() => a.add(b)) * 1e6, 'us/call', `${(tj * 1e6).toFixed(3)} us plain JS`);
}
{
  const t = time(() => {
    const x = tg.ones([2, 2], { requiresGrad: true });
    const y = x.add(2);
    y.mul(y).mul(3).mean().backward();
  });
  row('autograd snippet ((x+2)*(x+2)*3).mean().backward()', t * 1e6, 'us/iter');
}
{
  const gen = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [1000, 2], { generator: gen });
  const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
  const t = time(() => new tg.models.LinearRegression(2, { generator: gen }).fit(x, y, { epochs: 10, batchSize: 100, lr: 0.05, generator: gen }), 5, 0.3);
  row('tutorial training loop (1000x2, 10 epochs, batch 100)', t * 1e3, 'ms');
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
