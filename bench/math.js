'use strict';
// Elementwise math over 2^20 random normal elements, one thread, float32 and float64, beside
// PyTorch 1.13 (Debian's python3-torch) in the same run: the minimum of 25 calls, each result
// disposed so the next takes its buffer warm from the pool (PyTorch's allocator reuses it too),
// in ms. The rows of docs/math.md's speed table.
//   node bench/math.js [--ops sin,cos,...]
const { execFileSync } = require('child_process');
const path = require('path');
const tg = require(path.join(__dirname, '..'));

const argv = process.argv.slice(2);
const OPS = (argv.includes('--ops') ? argv[argv.indexOf('--ops') + 1] : 'sin,cos,exp,log,tanh,erf,log1p,expm1,atan,erfinv,floor,round').split(',');
const N = 1 << 20;
const REPS = 25;

tg.setNumThreads(1);
const min = (v) => Math.min(...v);

function ours(op, dtype) {
  const x = tg.randn([N], { dtype });
  // Inputs in each function's domain, as for PyTorch below.
  const input = op === 'erfinv' ? x.tanh() : op === 'log' || op === 'log1p' ? x.abs() : x;
  const times = [];
  for (let r = 0; r < REPS; r++) {
    const t0 = process.hrtime.bigint();
    const y = tg[op](input);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    y.dispose();
  }
  return min(times);
}

const PY = `
import json, sys, time, torch
torch.set_num_threads(1)
out = {}
for op in sys.argv[1].split(','):
    for name, dt in (('float32', torch.float32), ('float64', torch.float64)):
        x = torch.randn(${N}, dtype=dt)
        x = x.tanh() if op == 'erfinv' else x.abs() if op in ('log', 'log1p') else x
        f = getattr(torch, op)
        t = []
        for _ in range(${REPS}):
            t0 = time.perf_counter()
            y = f(x)
            del y
            t.append((time.perf_counter() - t0) * 1e3)
        out[op + ' ' + name] = min(t)
print(json.dumps(out))
`;

let torch = null;
try {
  const env = { ...process.env, OMP_NUM_THREADS: '1' };
  torch = JSON.parse(execFileSync('/usr/bin/python3', ['-c', PY, OPS.join(',')], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'ignore'] }));
} catch {
  // no PyTorch here: our columns only
}

console.log(`elementwise math, 2^20 elements, 1 thread, min of ${REPS} calls (ms), isa ${tg.backendInfo().isa}`);
console.log('| op | tensorgrad f32 | PyTorch f32 | tensorgrad f64 | PyTorch f64 |');
console.log('| --- | --- | --- | --- | --- |');
for (const op of OPS) {
  const cells = ['float32', 'float64'].flatMap((dt) => [ours(op, dt).toFixed(2), torch ? torch[`${op} ${dt}`].toFixed(2) : '-']);
  console.log(`| ${op} | ${cells.join(' | ')} |`);
}
