'use strict';
// The memory rows of `npm run bench` (issue #23): a loop of 16 MB float32 adds whose outputs are
// left to the garbage collector (fresh pages each time, until glibc happens to reuse a block),
// disposed at once, or made inside tg.tidy (both return the buffer to the pool, so the next add
// writes warm pages); a 1024-wide linear layer's training step with and without tg.tidy; and the
// tutorial's step loop inside tg.tidy (tidy's cost on small tensors). Batches of the variants
// alternate, so a neighbour's burst on the shared machine falls on all of them alike. PyTorch's
// numbers come from the same run (bench/torch_bench.py's "small" group).
// `node bench/memory.js` runs them alone.
const N = 1 << 22; // 16 MB of float32

function median(xs) {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median seconds per call of each fn: `reps` rounds, each running every fn `n` times in turn,
 * after `warm` calls of each (a JS-heavy loop such as the tutorial's needs ~50 to settle).
 */
function alternate(fns, n, reps, warm = n) {
  const samples = fns.map(() => []);
  for (const fn of fns) for (let i = 0; i < warm; i++) fn();
  for (let r = 0; r < reps; r++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) fn();
      samples[k].push(Number(process.hrtime.bigint() - t0) / 1e9 / n);
    });
  }
  return samples.map(median);
}

/** The tutorial's step (soak.js's loop), minibatches of 10 over 1000 x 2, with or without tidy. */
function tutorial(tg, tidy) {
  const gen = new tg.Generator().manualSeed(0);
  const features = tg.normal(0, 1, [1000, 2], { generator: gen });
  const labels = features.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
  const w = tg.normal(0, 0.01, [2, 1], { requiresGrad: true, generator: gen });
  const b = tg.zeros([1], { requiresGrad: true });
  const opt = new tg.optim.SGD([w, b], { lr: 0.03 });
  const step = (X, Y) => {
    X.matmul(w).add(b).sub(Y).pow(2).div(2).mean().backward();
    opt.step();
    opt.zeroGrad();
  };
  return () => {
    for (const [X, Y] of tg.data.dataIter(features, labels, 10, { generator: gen })) {
      if (tidy) tg.tidy(() => step(X, Y));
      else step(X, Y);
    }
  };
}

/** One SGD step of a 1024 x 1024 linear layer with tanh on a batch of 1024 (4 MB activations). */
function layer(tg, tidy) {
  const x = tg.randn([1024, 1024]);
  const w = tg.randn([1024, 1024], { requiresGrad: true });
  const opt = new tg.optim.SGD([w], { lr: 1e-6 });
  const step = () => {
    x.matmul(w).tanh().square().mean().backward();
    opt.step();
    opt.zeroGrad({ setToNone: false });
  };
  return () => (tidy ? tg.tidy(step) : step());
}

async function rows(tg, row, torch) {
  const a = tg.rand([N]);
  const b = tg.rand([N]);
  const [fresh, disposed, tidied] = alternate(
    [
      () => a.add(b),
      () => a.add(b).dispose(),
      () =>
        tg.tidy(() => {
          a.add(b);
        }),
    ],
    20,
    9,
  ).map((s) => s * 1e3);
  const t = { torch: torch?.add_16mb_ms };
  row('add f32 16 MB, fresh outputs left to the GC', fresh, 'ms', '', t, true);
  row('add f32 16 MB, output disposed (pooled)', disposed, 'ms', `x${(fresh / disposed).toFixed(2)} vs fresh`, t, true);
  row('add f32 16 MB, inside tg.tidy (pooled)', tidied, 'ms', `x${(fresh / tidied).toFixed(2)} vs fresh`, t, true);
  const [plain, scoped] = alternate([layer(tg, false), layer(tg, true)], 5, 7).map((s) => s * 1e3);
  row('train step, linear 1024x1024 + tanh, batch 1024', plain, 'ms', `inside tg.tidy: ${scoped.toFixed(2)} ms (x${(plain / scoped).toFixed(2)})`, {}, true);
  const [tut, tutTidy] = alternate([tutorial(tg, false), tutorial(tg, true)], 10, 7, 60).map((s) => s * 1e3);
  row(
    'tutorial epoch (100 steps of batch 10), each step in tg.tidy',
    tutTidy,
    'ms',
    `without tidy ${tut.toFixed(2)} ms`,
    { torch: torch?.tutorial_epoch_ms },
    true,
  );
  const m = tg.memory();
  console.log(
    `memory: ${m.tensors} live storages >= 64 KiB, ${(m.bytes / 2 ** 20).toFixed(1)} MiB; pool ${(m.pooledBytes / 2 ** 20).toFixed(1)} MiB of ${(m.poolLimit / 2 ** 20).toFixed(0)}, ${m.poolReuses} reuses`,
  );
}

module.exports = { rows };

if (require.main === module) {
  const tg = require('..');
  const torch = require('./peers').torchRun(['small'], 2);
  rows(
    tg,
    (what, value, unit, note, others) => {
      const cells = Object.entries(others)
        .filter(([, v]) => Number.isFinite(v))
        .map(([k, v]) => `${k} ${v.toFixed(2)} (x${(v / value).toFixed(2)})`);
      console.log(`${what}: ${value.toFixed(3)} ${unit} ${[note, ...cells].filter(Boolean).join(' | ')}`);
    },
    torch,
  );
}
