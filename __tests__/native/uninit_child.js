'use strict';
// Runs with MALLOC_PERTURB_ set, so unzeroed outputs (allocateUninit) start as garbage: every op
// whose output a kernel is trusted to write in full is run on shapes above the pooled sizes and
// compared with a plain-JS reference. Prints a JSON report.
const path = require('path');
const dist = path.join(__dirname, '..', '..', 'dist', 'cjs');
const tg = require(path.join(dist, 'index.js'));
const { allocateUninit } = require(path.join(dist, 'dtype.js'));

const failures = [];
let checks = 0;
function check(name, got, want) {
  checks++;
  if (got.length !== want.length) return failures.push(`${name}: length ${got.length}, want ${want.length}`);
  for (let i = 0; i < want.length; i++) {
    const ok = Number.isNaN(want[i]) ? Number.isNaN(got[i]) : Math.abs(got[i] - want[i]) <= 1e-5 * Math.max(1, Math.abs(want[i]));
    if (!ok) return failures.push(`${name}: element ${i} got ${got[i]} want ${want[i]}`);
  }
}
const garbage = Array.from(allocateUninit('float32', 4096)).some((v) => v !== 0);

const R = 70,
  C = 33; // 2310 elements: outputs of 9 KiB (float32) or more
const xs = Array.from({ length: R * C }, (_, i) => Math.sin(i) * 3);
const ys = Array.from({ length: R * C }, (_, i) => Math.cos(i * 0.7));
const x = tg.tensor(xs, { shape: [R, C] });
const y = tg.tensor(ys, { shape: [R, C] });
check(
  'add',
  x.add(y).dataSync(),
  xs.map((v, i) => Math.fround(v) + Math.fround(ys[i])),
);
check(
  'mul broadcast',
  x.mul(y.narrow(0, 0, 1)).dataSync(),
  xs.map((v, i) => Math.fround(v) * Math.fround(ys[i % C])),
);
check(
  'exp',
  x.exp().dataSync(),
  xs.map((v) => Math.exp(Math.fround(v))),
);
check(
  'to float64',
  x.to('float64').dataSync(),
  xs.map((v) => Math.fround(v)),
);
check(
  'clone of transpose',
  x.t().contiguous().dataSync(),
  Array.from({ length: R * C }, (_, k) => Math.fround(xs[(k % R) * C + Math.floor(k / R)])),
);
check(
  'gt',
  x.gt(y).dataSync(),
  xs.map((v, i) => (Math.fround(v) > Math.fround(ys[i]) ? 1 : 0)),
);
check(
  'where',
  tg.where(x.gt(0), x, y).dataSync(),
  xs.map((v, i) => (Math.fround(v) > 0 ? Math.fround(v) : Math.fround(ys[i]))),
);
const big = tg.tensor(
  Array.from({ length: 3 * 2000 }, (_, i) => i % 7),
  { shape: [3, 2000] },
);
check(
  'sum(0)',
  big.sum(0).dataSync(),
  Array.from({ length: 2000 }, (_, j) => (j % 7) + ((2000 + j) % 7) + ((4000 + j) % 7)),
);
const idx = Array.from({ length: 60 }, (_, i) => (i * 13) % R);
check(
  'indexSelect',
  x.indexSelect(0, idx).dataSync(),
  idx.flatMap((r) => xs.slice(r * C, r * C + C).map(Math.fround)),
);
const gi = tg.tensor(
  Array.from({ length: R * C }, (_, i) => (i * 5) % C),
  { shape: [R, C], dtype: 'int32' },
);
check(
  'gather',
  x.gather(1, gi).dataSync(),
  Array.from({ length: R * C }, (_, i) => Math.fround(xs[Math.floor(i / C) * C + ((i * 5) % C)])),
);
const a = tg.tensor(
  Array.from({ length: 40 * 30 }, (_, i) => (i % 11) - 5),
  { shape: [40, 30] },
);
const b = tg.tensor(
  Array.from({ length: 30 * 50 }, (_, i) => (i % 7) - 3),
  { shape: [30, 50] },
);
const mm = [];
for (let i = 0; i < 40; i++)
  for (let j = 0; j < 50; j++) {
    let s = 0;
    for (let p = 0; p < 30; p++) s += (((i * 30 + p) % 11) - 5) * (((p * 50 + j) % 7) - 3);
    mm.push(s);
  }
check('matmul', a.matmul(b).dataSync(), mm);
check(
  'matmul k=0',
  tg
    .ones([40, 0])
    .matmul(tg.ones([0, 50]))
    .dataSync(),
  new Array(2000).fill(0),
);
process.stdout.write(JSON.stringify({ garbage, checks, failures }));
