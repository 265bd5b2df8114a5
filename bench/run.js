'use strict';
// `npm run bench`: tensorgrad's throughput on this machine, each number beside the machine's
// limit (bench/c/peak.c) and the same work done in the same run by the peers: onnxruntime-node
// (matmul), TensorFlow.js with its WebAssembly and plain-JS CPU backends, and PyTorch when
// python3 can import torch. Medians of repeated batches. `node bench/run.js --quick` leaves out
// the 1,000,000 x 64 training loop.
const { execFileSync } = require('child_process');
const os = require('os');
const path = require('path');
const tg = require('..');
const peers = require('./peers');

const quick = process.argv.includes('--quick');

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const seconds = (t0) => Number(process.hrtime.bigint() - t0) / 1e9;

/** Calls per batch: batches of n calls, n growing until one lasts target/4 s; then warmup. */
async function calibrate(batch, target, warmup) {
  await batch(1);
  let n = 1;
  while ((await batch(n)) <= target / 4 && n <= 1e7) n *= 4;
  for (let spent = 0; spent < warmup;) spent += await batch(n);
  return n;
}
/**
 * Median seconds per call over `reps` batches lasting about target/4 s; batch(n) times n calls.
 * Batches run first for at least `warmup` s, so the JIT has settled (a JS-heavy loop such as the
 * tutorial's kept speeding up for its first ~100 runs).
 */
async function measure(batch, reps, target, warmup = 0.5) {
  const n = await calibrate(batch, target, warmup);
  const samples = [];
  for (let r = 0; r < reps; r++) samples.push((await batch(n)) / n);
  return median(samples);
}
/**
 * measure() for several batch functions whose numbers are compared: each is calibrated and warmed
 * up, then their batches alternate, so a neighbour's burst on this shared machine falls on all
 * of them alike instead of on whichever ran at that moment. Each batch starts after a pause:
 * a peer's pool threads keep spinning after its call, and took a third off the speed of whatever
 * ran right after them. Median seconds per call, in order.
 */
async function measureAlternating(batches, reps, target, warmup = 0.5) {
  const ns = [];
  for (const batch of batches) ns.push(await calibrate(batch, target, warmup));
  const samples = batches.map(() => []);
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < batches.length; i++) {
      await sleep(100);
      samples[i].push((await batches[i](ns[i])) / ns[i]);
    }
  }
  return samples.map(median);
}
const syncBatch = (fn) => (n) => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return seconds(t0);
};
const asyncBatch = (fn) => async (n) => {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await fn();
  return seconds(t0);
};
/** For a synchronous fn, without an await per call (it would dominate tiny calls). */
const timeSync = (fn, reps = 7, target = 0.15) => measure(syncBatch(fn), reps, target);

/** Runs bench/c/peak.c (built here with gcc) in `mode` ('fma' or 'read'); null without gcc/x86. */
function machine(mode) {
  const exe = path.join(os.tmpdir(), `tensorgrad-peak-${process.pid}`);
  const avx512 = tg.backendInfo().isa === 'avx512';
  try {
    execFileSync('gcc', ['-O2', '-mavx2', '-mfma', ...(avx512 ? ['-DHAVE_AVX512'] : []), '-pthread', path.join(__dirname, 'c', 'peak.c'), '-o', exe]);
    const out = execFileSync(exe, [mode, ...(avx512 ? ['avx512'] : [])], { encoding: 'utf8' });
    return Object.fromEntries(
      out
        .trim()
        .split('\n')
        .map((l) => l.split(' '))
        .map(([k, v]) => [k, Number(v)]),
    );
  } catch {
    return null;
  } finally {
    require('fs').rmSync(exe, { force: true });
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fmt = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));
const rows = [];
/**
 * One line: tensorgrad's value, a note (fraction of the machine limit), then each peer's value
 * and tensorgrad's advantage over it (higher-is-better units: ours / theirs; times: theirs / ours).
 */
function row(what, value, unit, note, others = {}, lowerIsBetter = false) {
  const cells = Object.entries(others)
    .filter(([, v]) => v !== undefined && v !== null && Number.isFinite(v))
    .map(([name, v]) => `${name} ${fmt(v)} (x${(lowerIsBetter ? v / value : value / v).toFixed(2)})`);
  rows.push([what, `${fmt(value)} ${unit}`, [note, ...cells].filter(Boolean).join(' | ')]);
  console.log(`${what}: ${fmt(value)} ${unit} ${rows[rows.length - 1][2]}`); // progress, as it goes
}

/** A linear-regression training loop in TensorFlow.js, as the tutorial's (SGD, squared loss). */
function tfTrain(tf, x, y, epochs, batchSize, lr) {
  const [n, d] = x.shape;
  const w = tf.variable(tf.zeros([d, 1]));
  const b = tf.variable(tf.zeros([1]));
  const opt = tf.train.sgd(lr);
  for (let e = 0; e < epochs; e++) {
    const order = tf.util.createShuffledIndices(n);
    for (let i = 0; i < n; i += batchSize) {
      tf.tidy(() => {
        const idx = tf.tensor1d(Int32Array.from(order.subarray(i, i + batchSize)), 'int32');
        const xb = tf.gather(x, idx);
        const yb = tf.gather(y, idx);
        opt.minimize(() => xb.matMul(w).add(b).sub(yb).square().div(2).mean());
      });
    }
    tf.tidy(() => x.matMul(w).add(b).sub(y).square().div(2).mean().dataSync());
  }
  w.dispose();
  b.dispose();
  opt.dispose();
}

async function main() {
  const info = tg.backendInfo();
  const limits = machine('fma');
  if (limits) console.log(`machine: FMA peak ${limits.fma_gflops_1t} GFLOP/s (1 thread), ${limits.fma_gflops_2t} (2 threads)`);
  console.log(`tensorgrad: isa=${info.isa} (cpu: ${info.cpuIsas.join(', ')}), node ${process.version}`);

  const havePeers = peers.ensureInstalled();
  const tf = havePeers ? await peers.loadTf() : null;
  const ort = havePeers ? await peers.loadOrt() : null;
  // PyTorch's 1,000,000-row loop runs just before ours, not here: in every run that started with
  // it, the small-op rows measured ~2x slower than without it (snippet 8.2-9.0 vs 4.6-4.7 us).
  const torch = peers.torchNumbers(['matmul', 'small', 'reductions', 'linalg']); // and matmul with 1 thread
  console.log(
    `peers: ${tf ? `tfjs ${tf.version.tfjs} (wasm: single-threaded in Node; cpu: plain JS)` : 'no tfjs'}, ` +
      `${ort ? `onnxruntime-node ${ort.version}` : 'no onnxruntime-node'}, ${torch ? `PyTorch ${torch.version}` : 'no PyTorch (python3 -c "import torch" fails)'}`,
  );

  /** Seconds per call of fn(tfTensors...) on tfjs backend `backend`; undefined without tfjs. */
  async function tfTime(backend, setup, fn, reps, target) {
    if (!tf) return undefined;
    await tf.setBackend(backend);
    const args = setup(tf);
    const t = await timeSync(() => tf.tidy(() => fn(tf, ...args)), reps, target);
    args.forEach((a) => a.dispose?.());
    return t;
  }

  const threadsAvailable = tg.getNumThreads();
  const threadCounts = [...new Set([1, Math.min(2, threadsAvailable)])];
  for (const threads of threadCounts) {
    tg.setNumThreads(threads);
    if (threads > 1 && limits) {
      // Measured again: a neighbour busy on the other core during the first measurement makes
      // the 2-thread peak look like one core's. A limit can only be underestimated: keep the max.
      const again = machine('fma');
      for (const k of Object.keys(limits)) limits[k] = Math.max(limits[k], again?.[k] ?? 0);
      console.log(`machine: FMA peak measured again, now ${limits.fma_gflops_1t} GFLOP/s (1 thread), ${limits.fma_gflops_2t} (2 threads)`);
    }
    const label = `(${threads} thread${threads > 1 ? 's' : ''})`;
    const shapes = [32, 64, 128, 256, 512, 1024, 2048]
      .map((n) => [n, n, n])
      .concat([
        [1000, 2, 1],
        [65536, 64, 1],
        [1024, 1024, 1],
      ]);
    for (const [m, k, n] of shapes) {
      const square = m === k && k === n;
      const a = tg.randn([m, k]);
      const b = tg.randn([k, n]);
      const ad = a.dataSync(),
        bd = b.dataSync();
      const flops = 2 * m * k * n;
      const reps = m >= 1024 && square ? 3 : 5;
      const gf = (t) => (t === undefined ? undefined : flops / t / 1e9);
      await sleep(200); // let a peer's spinning pool threads from the previous row go idle
      // Ours into a fresh result, ours into a preallocated out= tensor (the kernel without the
      // page faults of fresh memory: V8 frees dead buffers only at GC, so malloc rarely hands
      // back warm ones) and ORT's, batches alternating.
      const into = tg.zeros([m, n]);
      const batches = [syncBatch(() => a.matmul(b))];
      if (square) batches.push(syncBatch(() => a.matmul(b, { out: into })));
      if (ort) {
        const A = new ort.ort.Tensor('float32', ad, [m, k]);
        const B = new ort.ort.Tensor('float32', bd, [k, n]);
        batches.push(asyncBatch(() => ort.sessions[threads].run({ A, B })));
      }
      const times = await measureAlternating(batches, reps, 0.15);
      const ours = gf(times[0]);
      const oursOut = square ? gf(times[1]) : undefined;
      const ortGf = ort ? gf(times[times.length - 1]) : undefined;
      const setup = (t) => [t.tensor2d(ad, [m, k]), t.tensor2d(bd, [k, n])];
      const mm = (t, x, y) => t.matMul(x, y);
      const wasm = gf(await tfTime('wasm', setup, mm, reps));
      // The plain-JS backend needs seconds per call from 512 up.
      const cpu = m * k * n <= 256 ** 3 ? gf(await tfTime('cpu', setup, mm, 3)) : undefined;
      const key = square ? `matmul_${n}_${threads}` : `matmul_${m}x${k}x${n}_${threads}`;
      const peak = (v) => (limits ? ` (${((100 * v) / limits[`fma_gflops_${threads}t`]).toFixed(0)}% of FMA peak)` : '');
      const note = square
        ? `${peak(ours).trim()}; into out= ${fmt(oursOut)}${peak(oursOut)}`
        : `${((4 * (m * k + k * n)) / (flops / ours / 1e9) / 1e9).toFixed(1)} GB/s read`;
      row(square ? `matmul f32 ${n}x${n} ${label}` : `matmul ${m}x${k} . ${k}x${n} ${label}`, ours, 'GFLOP/s', note, {
        ort: ortGf,
        'tfjs-wasm': wasm,
        'tfjs-cpu': cpu,
        torch: torch?.[key],
      });
    }
  }

  // Reductions over 16M floats, each thread count right after the C read baseline.
  const n = 1 << 24;
  const x = tg.rand([n]);
  const xd = x.dataSync();
  const m = x.reshape(4096, 4096);
  for (const threads of threadCounts) {
    tg.setNumThreads(threads);
    const read = machine('read');
    const base = read?.[`read_gbs_${threads}t`];
    const label = `(${threads} thread${threads > 1 ? 's' : ''})`;
    const cases = [
      ['full', () => x.sum(), (t, v) => t.sum(v)],
      ['dim0', () => m.sum(0), (t, v) => t.sum(v.reshape([4096, 4096]), 0)],
      ['dim1', () => m.sum(1), (t, v) => t.sum(v.reshape([4096, 4096]), 1)],
    ];
    for (const [name, ours, theirs] of cases) {
      const gbs = (t) => (t === undefined ? undefined : (4 * n) / t / 1e9);
      const v = gbs(await timeSync(ours, 5));
      const others = {};
      if (threads === 1) {
        others['tfjs-wasm'] = gbs(await tfTime('wasm', (t) => [t.tensor1d(xd)], theirs, 5));
        others['tfjs-cpu'] = gbs(await tfTime('cpu', (t) => [t.tensor1d(xd)], theirs, 3));
        if (name === 'full') {
          others['plain JS'] = gbs(
            await timeSync(() => {
              let s = 0;
              for (let i = 0; i < n; i++) s += xd[i];
              return s;
            }, 3),
          );
        }
      }
      others.torch = torch?.[`sum_${name}_${threads}`];
      row(
        `sum f32 16M ${name === 'full' ? 'elements' : `4096x4096 ${name.replace('dim', 'dim ')}`} ${label}`,
        v,
        'GB/s',
        base ? `${((100 * v) / base).toFixed(0)}% of the ${threads}-thread C read baseline (${base} GB/s, run just before)` : '',
        others,
      );
    }
  }
  tg.setNumThreads(threadsAvailable);
  // softmax and log_softmax over the last dim of [4096, 1024] float32 (PyTorch's numbers from the
  // same run of bench/torch_bench.py).
  {
    const sx = tg.randn([4096, 1024]);
    for (const threads of threadCounts) {
      tg.setNumThreads(threads);
      const label = `(${threads} thread${threads > 1 ? 's' : ''})`;
      for (const [name, key, fn] of [
        ['softmax', 'softmax', () => sx.softmax(-1)],
        ['logSoftmax', 'log_softmax', () => sx.logSoftmax(-1)],
      ]) {
        const ms = (await timeSync(fn, 7)) * 1e3;
        const gbs = (8 * 4096 * 1024) / (ms / 1e3) / 1e9;
        row(`${name} f32 4096x1024 dim -1 ${label}`, ms, 'ms', `${gbs.toFixed(1)} GB/s read + written`, { torch: torch?.[`${key}_${threads}`] }, true);
      }
    }
  }
  await require('./reductions').rows(tg, timeSync, row, torch);
  await require('./memory').rows(tg, row, torch);

  {
    const a = tg.tensor([1, 2, 3]);
    const b = tg.tensor([4, 5, 6]);
    const ours = (await timeSync(() => a.add(b))) * 1e6;
    const setup = (t) => [t.tensor1d([1, 2, 3]), t.tensor1d([4, 5, 6])];
    const wasm = (await tfTime('wasm', setup, (t, p, q) => t.add(p, q))) * 1e6;
    const cpu = (await tfTime('cpu', setup, (t, p, q) => t.add(p, q))) * 1e6;
    row('add, 3 elements', ours, 'us/call', '', { 'tfjs-wasm': wasm, 'tfjs-cpu': cpu, torch: torch?.add3_us }, true);
  }
  {
    // A transcendental function over 2^20 float32: the SIMD tables' sin polynomial, PyTorch's SLEEF.
    const xd = Float32Array.from({ length: 1 << 20 }, (_, i) => Math.sin(i) * 10);
    const x = tg.tensor(xd);
    const ours = (await timeSync(() => x.sin())) * 1e3;
    const wasm =
      (await tfTime(
        'wasm',
        (t) => [t.tensor1d(xd)],
        (t, p) => t.sin(p),
      )) * 1e3;
    row('sin f32, 2^20 elements', ours, 'ms/call', '', { 'tfjs-wasm': wasm, torch: torch?.sin_1m_ms }, true);
  }
  {
    const ours =
      (await timeSync(() => {
        const x = tg.ones([2, 2], { requiresGrad: true });
        const y = x.add(2);
        y.mul(y).mul(3).mean().backward();
        x.grad.zero_();
      })) * 1e6;
    const f = (x) => {
      const y = x.add(2);
      return y.mul(y).mul(3).mean();
    };
    const snippet = async (backend) =>
      (await tfTime(
        backend,
        () => [],
        (t) => t.grad(f)(t.ones([2, 2])),
      )) * 1e6;
    row(
      'autograd snippet ((x+2)*(x+2)*3).mean().backward()',
      ours,
      'us/iter',
      '',
      { 'tfjs-wasm': await snippet('wasm'), 'tfjs-cpu': await snippet('cpu'), torch: torch?.snippet_us },
      true,
    );
  }
  // PyTorch's random streams (the same numbers as PyTorch's after the same seed): one thread
  // each, as PyTorch's samplers are serial.
  for (const [what, key, fn] of [
    ['randn(1e6) float32 (PyTorch-exact stream)', 'randn_1e6_ms', () => tg.randn(1000000)],
    ['rand(1e6) float32 (PyTorch-exact stream)', 'rand_1e6_ms', () => tg.rand(1000000)],
    ['randperm(1e6) (PyTorch-exact stream)', 'randperm_1e6_ms', () => tg.randperm(1000000)],
  ]) {
    const ours = (await measure(syncBatch(fn), 7, 0.3)) * 1e3;
    row(what, ours, 'ms', '', { torch: torch?.[key] }, true);
  }

  {
    // linalg (2 threads, as PyTorch's numbers): a batched LU solve and einsum routed to bmm.
    const a = tg.randn([256, 64, 64]).add(tg.eye(64).mul(8));
    const b = tg.randn([256, 64, 1]);
    const solve = (await timeSync(() => tg.linalg.solve(a, b), 7, 0.3)) * 1e3;
    row('linalg.solve f32 [256, 64, 64] . [256, 64, 1]', solve, 'ms', '', { torch: torch?.solve_ms }, true);
    const x = tg.randn([32, 128, 128]);
    const y = tg.randn([32, 128, 128]);
    const einsum = (await timeSync(() => tg.einsum('bij,bjk->bik', x, y), 7, 0.3)) * 1e3;
    row("einsum 'bij,bjk->bik' f32 [32, 128, 128] x2", einsum, 'ms', '', { torch: torch?.einsum_bmm_ms }, true);
  }

  /** tensorgrad's and tfjs's seconds for the tutorial's training loop on [rows, d] data. */
  async function training(rows, d, epochs, batchSize, reps, target, backends) {
    const gen = new tg.Generator().manualSeed(0);
    const x = tg.normal(0, 1, [rows, d], { generator: gen });
    const y = x.matmul(tg.normal(0, 1, [d, 1], { generator: gen })).add(4.2);
    const ours = await timeSync(
      () => new tg.models.LinearRegression(d, { generator: gen }).fit(x, y, { epochs, batchSize, lr: 0.05, generator: gen }),
      reps,
      target,
    );
    const others = {};
    for (const backend of tf ? backends : []) {
      others[`tfjs-${backend}`] = await tfTime(
        backend,
        (t) => [t.tensor2d(x.dataSync(), [rows, d]), t.tensor2d(y.dataSync(), [rows, 1])],
        (t, xs, ys) => tfTrain(t, xs, ys, epochs, batchSize, 0.05),
        reps,
        target,
      );
    }
    return { ours, others };
  }
  {
    const { ours, others } = await training(1000, 2, 10, 100, 5, 0.3, ['wasm', 'cpu']);
    const ms = Object.fromEntries(Object.entries(others).map(([k, v]) => [k, v * 1e3]));
    row('tutorial training loop (1000x2, 10 epochs, batch 100)', ours * 1e3, 'ms', '', { ...ms, torch: torch?.tutorial_ms }, true);
  }
  if (!quick) {
    tg.setNumThreads(Math.min(2, threadsAvailable));
    const rowsN = 1000000;
    const torchLarge = torch ? peers.torchRun(['large'], 2) : null;
    const { ours, others } = await training(rowsN, 64, 1, 1024, 3, 1.0, ['wasm']);
    const sps = Object.fromEntries(Object.entries(others).map(([k, v]) => [k, rowsN / v]));
    row(`same loop on 1,000,000 x 64 (batch 1024, 1 epoch, ${tg.getNumThreads()} threads)`, rowsN / ours, 'samples/s', '', {
      ...sps,
      torch: torchLarge?.large_samples_per_s,
    });
    tg.setNumThreads(threadsAvailable);
  }

  if (!quick) {
    // GEMM against OpenBLAS in fresh processes, alternating (bench/gemm.js): the issue's yardstick.
    console.log('');
    console.log(execFileSync(process.execPath, [path.join(__dirname, 'gemm.js'), '--rounds', '5'], { encoding: 'utf8' }).trimEnd());
    // The 1M x 64 loop against PyTorch's, alternating fresh processes (bench/large_loop.js).
    console.log('');
    console.log(execFileSync(process.execPath, [path.join(__dirname, 'large_loop.js'), '--rounds', '5'], { encoding: 'utf8' }).trimEnd());
    // Elementwise math beside PyTorch, float32 and float64 (bench/math.js: docs/math.md's table).
    console.log('');
    console.log(execFileSync(process.execPath, [path.join(__dirname, 'math.js')], { encoding: 'utf8' }).trimEnd());
    // A fresh process's first steps beside PyTorch's (bench/first_steps.js).
    console.log('');
    console.log(execFileSync(process.execPath, [path.join(__dirname, 'first_steps.js'), '--rounds', '7'], { encoding: 'utf8' }).trimEnd());
    // What training costs a server's awaits (bench/awaits.js).
    console.log('');
    console.log(execFileSync(process.execPath, [path.join(__dirname, 'awaits.js')], { encoding: 'utf8' }).trimEnd());
  }

  console.log("\nsummary (peer columns: their value, then tensorgrad's advantage x(ours/theirs); for times x(theirs/ours))");
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
