'use strict';
// float32 GEMM against OpenBLAS, the issue's yardstick: tensorgrad on the machine's best ISA and
// with AVX2 forced, beside NumPy's OpenBLAS with its own kernel choice and with its Haswell
// (AVX2) kernel, for 1 and 2 threads at n = 256, 512, 1024, 2048. Each contender runs in its own
// fresh process and the contenders alternate (A, B, C, D, A, B, ...) for several rounds, so a
// neighbour's burst on this shared machine falls on all of them alike; medians of the rounds.
//   node bench/gemm.js [--rounds N] [--threads 1,2] [--sizes 256,512] [--dtype float64]
//                      [--layout NN|TN|NT] [--compare A.node B.node]
// --compare runs two builds of the addon (TENSORGRAD_ADDON) instead of OpenBLAS: an A/B decision.
// --layout TN multiplies A^T (a transposed view) by B, NT A by B^T: the backward pass's products.
// OpenBLAS comes from Debian's python3-numpy with libopenblas0 (the libblas alternative).
const { execFileSync } = require('child_process');
const path = require('path');

const C_MATMUL = 'matmul into a preallocated out=, the kernel without fresh pages';
// Each process first multiplies 512 x 512 matrices for this long, untimed: a fresh process's first
// few hundred milliseconds ran up to 20% slower here (Node's 1-thread GEMM: 158-178 GFLOP/s from
// a cold start, 194-212 after a 0.3 s warm-up, alternating runs), and the timed loops are short.
const WARM_UP_S = 0.5;
function warmUp(make) {
  const step = make();
  const t0 = performance.now();
  while (performance.now() - t0 < WARM_UP_S * 1e3) step();
}

if (process.argv[2] === '--child') {
  const [threads, sizes, dtype, layout] = [Number(process.argv[3]), process.argv[4].split(',').map(Number), process.argv[5], process.argv[6]];
  const tg = require(path.join(__dirname, '..'));
  const operand = (n, transposed) => (transposed ? tg.randn([n, n], { dtype }).t() : tg.randn([n, n], { dtype }));
  tg.setNumThreads(threads);
  const out = { isa: tg.backendInfo().isa };
  warmUp(() => {
    const [a, b, c] = [operand(512, false), operand(512, false), tg.zeros([512, 512], { dtype })];
    return () => a.matmul(b, { out: c });
  });
  for (const n of sizes) {
    const [a, b, c] = [operand(n, layout === 'TN'), operand(n, layout === 'NT'), tg.zeros([n, n], { dtype })];
    const calls = Math.max(1, Math.round(0.4e9 / (2 * n ** 3)));
    const t = [];
    for (let r = 0; r < 6; r++) {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < calls; i++) a.matmul(b, { out: c });
      if (r > 0) t.push(Number(process.hrtime.bigint() - t0) / 1e9 / calls); // the first warms up
    }
    out[n] = (2 * n ** 3) / t.sort((x, y) => x - y)[t.length >> 1] / 1e9;
  }
  process.stdout.write(JSON.stringify(out));
  return;
}

const PY = `
import json, sys, time
import numpy as np
n_list = [int(s) for s in sys.argv[1].split(',')]
dtype, layout = np.dtype(sys.argv[2]), sys.argv[3]
out = {'isa': 'openblas'}
rng = np.random.default_rng(0)
w = [rng.standard_normal((512, 512), dtype=dtype) for _ in range(3)]
t0 = time.perf_counter()
while time.perf_counter() - t0 < ${WARM_UP_S}:
    np.matmul(w[0], w[1], out=w[2])
for n in n_list:
    a, b = (rng.standard_normal((n, n), dtype=dtype) for _ in range(2))
    a, b = (a.T if layout == 'TN' else a), (b.T if layout == 'NT' else b)
    c = np.empty((n, n), dtype)
    calls = max(1, round(0.4e9 / (2 * n ** 3)))
    t = []
    for r in range(6):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.matmul(a, b, out=c)
        if r > 0:
            t.append((time.perf_counter() - t0) / calls)
    out[str(n)] = 2 * n ** 3 / sorted(t)[len(t) // 2] / 1e9
print(json.dumps(out))
`;

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rounds = Number(opt('--rounds', 5));
const threadList = opt('--threads', '1,2').split(',').map(Number);
const sizes = opt('--sizes', '256,512,1024,2048');
const dtype = opt('--dtype', 'float32');
const layout = opt('--layout', 'NN');
if (!['float32', 'float64'].includes(dtype) || !['NN', 'TN', 'NT'].includes(layout)) throw new Error('--dtype float32|float64, --layout NN|TN|NT');
const compareAt = args.indexOf('--compare');
const compare = compareAt >= 0 ? args.slice(compareAt + 1, compareAt + 3).map((p) => path.resolve(p)) : null;

const baseEnv = { ...process.env };
delete baseEnv.TENSORGRAD_ISA;
const node = (label, env) => ({
  label,
  run: (t) => execFileSync(process.execPath, [__filename, '--child', t, sizes, dtype, layout], { env: { ...baseEnv, ...env }, encoding: 'utf8' }),
});
const blas = (label, coretype) => ({
  label,
  run: (t) => {
    const env = { ...baseEnv, OPENBLAS_NUM_THREADS: String(t), OMP_NUM_THREADS: String(t) };
    if (coretype) env.OPENBLAS_CORETYPE = coretype;
    else delete env.OPENBLAS_CORETYPE; // set on this machine for other tools; it picks the AVX2 kernel
    return execFileSync('/usr/bin/python3', ['-c', PY, sizes, dtype, layout], { env, encoding: 'utf8' });
  },
});
// Pairs [ours, baseline]: the ratio of each pair is what the issue's targets read.
const pairs = compare
  ? [
      [node('B best', { TENSORGRAD_ADDON: compare[1] }), node('A best', { TENSORGRAD_ADDON: compare[0] })],
      [node('B avx2', { TENSORGRAD_ADDON: compare[1], TENSORGRAD_ISA: 'avx2' }), node('A avx2', { TENSORGRAD_ADDON: compare[0], TENSORGRAD_ISA: 'avx2' })],
    ]
  : [
      [node('tensorgrad best', {}), blas('OpenBLAS', null)],
      [node('tensorgrad avx2', { TENSORGRAD_ISA: 'avx2' }), blas('OpenBLAS Haswell', 'Haswell')],
    ];

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`${dtype} GEMM${layout === 'NN' ? '' : ` (${layout})`}, GFLOP/s, ${C_MATMUL}; medians of ${rounds} alternating rounds`);
for (const t of threadList) {
  const contenders = pairs.flat();
  const samples = contenders.map(() => ({}));
  const isas = contenders.map(() => '');
  for (let r = 0; r < rounds; r++) {
    contenders.forEach((c, i) => {
      const res = JSON.parse(c.run(t).trim().split('\n').pop());
      isas[i] = res.isa;
      for (const n of sizes.split(',')) (samples[i][n] ??= []).push(res[n]);
    });
  }
  for (const n of sizes.split(',')) {
    const cells = pairs.map(([ours, base]) => {
      const [o, b] = [median(samples[contenders.indexOf(ours)][n]), median(samples[contenders.indexOf(base)][n])];
      return `${ours.label} (${isas[contenders.indexOf(ours)]}) ${o.toFixed(0)} vs ${base.label} ${b.toFixed(0)}: ${(o / b).toFixed(2)}x`;
    });
    console.log(`n=${n} ${t} thread${t > 1 ? 's' : ''}: ${cells.join(' | ')}`);
  }
}
