'use strict';
// The tutorial's loop scaled to 1,000,000 x 64 (batch 1024, one epoch with its whole-set loss,
// 2 threads) against PyTorch's same loop (bench/torch_bench.py "large"): each in its own fresh
// process, alternating for several rounds so a neighbour's burst on this shared machine falls on
// both alike. Prints the medians in samples/s and their ratio.
//   node bench/large_loop.js [--rounds N] [--compare A.node B.node]
// --compare runs two builds of the addon (TENSORGRAD_ADDON) instead of PyTorch: an A/B decision.
const { execFileSync } = require('child_process');
const path = require('path');
const { torchRun } = require('./peers');

const ROWS = 1000000;

if (process.argv[2] === '--child') {
  const tg = require(path.join(__dirname, '..'));
  tg.setNumThreads(2);
  const gen = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [ROWS, 64], { generator: gen });
  const y = x.matmul(tg.normal(0, 1, [64, 1], { generator: gen })).add(4.2);
  const fit = () => new tg.models.LinearRegression(64, { generator: gen }).fit(x, y, { epochs: 1, batchSize: 1024, lr: 0.05, generator: gen });
  fit(); // warms up, as torch_bench.py's timed() does
  const t = [];
  for (let r = 0; r < 3; r++) {
    const t0 = process.hrtime.bigint();
    fit();
    t.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  process.stdout.write(JSON.stringify({ samples_per_s: ROWS / t.sort((a, b) => a - b)[1], isa: tg.backendInfo().isa }));
  return;
}

const argv = process.argv.slice(2);
const opt = (name, dflt) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : dflt);
const rounds = Number(opt('--rounds', 3));
const compare = argv.includes('--compare') ? argv.slice(argv.indexOf('--compare') + 1, argv.indexOf('--compare') + 3) : null;
const median = (v) => [...v].sort((a, b) => a - b)[v.length >> 1];

function ours(addon) {
  const env = addon ? { ...process.env, TENSORGRAD_ADDON: path.resolve(addon) } : process.env;
  return JSON.parse(execFileSync(process.execPath, [__filename, '--child'], { encoding: 'utf8', env }));
}

const names = compare ? ['A', 'B'] : ['tensorgrad', 'PyTorch'];
const runs = [[], []];
let isa = '';
for (let r = 0; r < rounds; r++) {
  if (compare) {
    runs[0].push(ours(compare[0]).samples_per_s);
    runs[1].push(ours(compare[1]).samples_per_s);
  } else {
    const o = ours(null);
    isa = o.isa;
    runs[0].push(o.samples_per_s);
    const t = torchRun(['large'], 2);
    if (!t) {
      console.log('1M x 64 loop: PyTorch not available (Debian python3-torch); tensorgrad only');
      break;
    }
    runs[1].push(t.large_samples_per_s);
  }
}
const m = runs.map((v) => (v.length ? median(v) : NaN));
console.log(`1M x 64 loop (batch 1024, 1 epoch, 2 threads${isa ? `, ${isa}` : ''}), medians of ${rounds} alternating rounds:`);
for (let i = 0; i < 2; i++)
  console.log(`  ${names[i].padEnd(11)} ${(m[i] / 1e6).toFixed(2)} M samples/s  (${runs[i].map((v) => (v / 1e6).toFixed(2)).join(' ')})`);
console.log(`  ratio ${names[0]}/${names[1]}: ${(m[0] / m[1]).toFixed(2)}x`);
