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

/** The machine's FMA peak and read bandwidth, from bench/c/peak.c (built here with gcc). */
function machineLimits() {
  const { execFileSync } = require('child_process');
  const os = require('os');
  const path = require('path');
  const exe = path.join(os.tmpdir(), `tensorgrad-peak-${process.pid}`);
  const isa = tg.backendInfo().isa;
  const flags = isa === 'avx512' ? ['-DHAVE_AVX512'] : [];
  try {
    execFileSync('gcc', ['-O2', '-mavx2', '-mfma', ...flags, '-pthread', path.join(__dirname, 'c', 'peak.c'), '-o', exe]);
    const out = execFileSync(exe, isa === 'avx512' ? ['avx512'] : [], { encoding: 'utf8' });
    return Object.fromEntries(out.trim().split('\n').map((l) => l.split(' ')).map(([k, v]) => [k, Number(v)]));
  } catch {
    return null; // no gcc or not x86: ratios to the machine's limits are left out
  } finally {
    require('fs').rmSync(exe, { force: true });
  }
}

const limits = machineLimits();
const rows = [];
const row = (what, value, unit, baseline) =>
  rows.push([what, value.toFixed(value < 10 ? 3 : 1) + ' ' + unit, baseline === undefined ? '' : baseline]);

if (limits) {
  console.log(`machine: FMA peak ${limits.fma_gflops_1t} GFLOP/s (1 thread), ${limits.fma_gflops_2t} (2 threads); read ${limits.read_gbs_1t} GB/s (1 thread), ${limits.read_gbs_2t} (2 threads)`);
}
console.log(`tensorgrad bench: isa=${tg.backendInfo().isa} (cpu: ${tg.backendInfo().cpuIsas.join(', ')}), node ${process.version}`);

const threadsAvailable = tg.getNumThreads();
for (const threads of [1, Math.min(2, threadsAvailable)]) {
  tg.setNumThreads(threads);
  for (const n of [32, 64, 128, 256, 512, 1024, 2048]) {
    const a = tg.randn([n, n]);
    const b = tg.randn([n, n]);
    const flops = 2 * n * n * n;
    const t = time(() => a.matmul(b), n >= 1024 ? 3 : 5);
    const gf = flops / t / 1e9;
    const peak = limits ? limits[`fma_gflops_${threads}t`] : NaN;
    let base = limits ? `${((100 * gf) / peak).toFixed(0)}% of FMA peak` : '';
    if (n <= 256 && threads === 1) {
      const ad = a.dataSync(), bd = b.dataSync(), c = new Float32Array(n * n);
      const tj = time(() => naiveMatmul(ad, bd, c, n), 3);
      base += `; ${(flops / tj / 1e9).toFixed(2)} GFLOP/s plain JS, x${(tj / t).toFixed(1)}`;
    }
    row(`matmul f32 ${n}x${n} (${threads} thread${threads > 1 ? 's' : ''})`, gf, 'GFLOP/s', base);
  }
  for (const [m, k, n] of [[1000, 2, 1], [65536, 64, 1], [1024, 1024, 1]]) {
    const a = tg.randn([m, k]);
    const b = tg.randn([k, n]);
    const t = time(() => a.matmul(b));
    row(`matmul ${m}x${k} . ${k}x${n} (${threads} thread${threads > 1 ? 's' : ''})`, (2 * m * k * n) / t / 1e9, 'GFLOP/s', `${((4 * (m * k + k * n)) / t / 1e9).toFixed(1)} GB/s read`);
  }
}
tg.setNumThreads(threadsAvailable);
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
  const bw = (gbs) => (limits ? `${((100 * gbs) / limits.read_gbs_1t).toFixed(0)}% of 1-thread read bandwidth; ` : '');
  const full = (4 * n) / t / 1e9;
  row('sum f32 16M elements', full, 'GB/s', `${bw(full)}${((4 * n) / tj / 1e9).toFixed(2)} GB/s plain JS, x${(tj / t).toFixed(1)}`);
  const m = x.reshape(4096, 4096);
  const d0 = (4 * n) / time(() => m.sum(0), 5) / 1e9;
  const d1 = (4 * n) / time(() => m.sum(1), 5) / 1e9;
  row('sum f32 4096x4096 dim 0', d0, 'GB/s', bw(d0));
  row('sum f32 4096x4096 dim 1', d1, 'GB/s', bw(d1));
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
