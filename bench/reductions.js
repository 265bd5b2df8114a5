'use strict';
// The reductions' rows of `npm run bench` (issue #20): var over 16M floats, topk k=10 along the
// last dim of [1024, 4096], cumsum over 16M floats, sort along the last dim of [1024, 4096],
// each beside PyTorch's time (bench/torch_bench.py's "reductions" group) when python3 has torch.
// `node bench/reductions.js` runs them alone: ours, PyTorch's before and after (the machine is
// shared, so its numbers bracket ours), and the ratios.
const CASES = [
  ['var f32 16M elements (2 threads)', 'var_16m_ms', (d) => d.x.var()],
  ['topk k=10 f32 [1024, 4096] last dim (2 threads)', 'topk_1024x4096_ms', (d) => d.m.topk(10)],
  ['cumsum f32 16M elements (2 threads)', 'cumsum_16m_ms', (d) => d.x.cumsum(0)],
  ['sort f32 [1024, 4096] last dim (2 threads)', 'sort_1024x4096_ms', (d) => d.m.sort()],
];

/** Milliseconds per call of each case (median of repeats), on 2 threads. */
async function measureOurs(tg, timeSync) {
  const before = tg.getNumThreads();
  tg.setNumThreads(Math.min(2, before));
  const d = { x: tg.rand([1 << 24]), m: tg.randn([1024, 4096]) };
  const out = {};
  for (const [, key, fn] of CASES) out[key] = (await timeSync(() => fn(d), 7, 0.15)) * 1e3;
  tg.setNumThreads(before);
  return out;
}

/** Adds the rows to `npm run bench`'s table (row(what, value, unit, note, others, lowerIsBetter)). */
async function rows(tg, timeSync, row, torch) {
  const ours = await measureOurs(tg, timeSync);
  for (const [what, key] of CASES) row(what, ours[key], 'ms', '', { torch: torch?.[key] }, true);
}

async function main() {
  const tg = require('..');
  const peers = require('./peers');
  const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];
  const timeSync = async (fn, reps) => {
    fn();
    const ts = [];
    for (let r = 0; r < reps; r++) {
      const t0 = process.hrtime.bigint();
      fn();
      ts.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return median(ts);
  };
  const first = peers.torchRun(['reductions'], 2);
  const ours = await measureOurs(tg, timeSync);
  const second = peers.torchRun(['reductions'], 2);
  for (const [what, key] of CASES) {
    const theirs = first && second ? [first[key], second[key]] : null;
    const cell = theirs
      ? `torch ${theirs.map((v) => v.toFixed(2)).join(' / ')} ms (ours/theirs x${(ours[key] / Math.min(...theirs)).toFixed(2)} .. x${(ours[key] / Math.max(...theirs)).toFixed(2)})`
      : 'no PyTorch';
    console.log(`${what}: ${ours[key].toFixed(2)} ms | ${cell}`);
  }
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

module.exports = { rows };
