'use strict';
// A/B of small-op overhead between two builds of the package, in CPU time (process.cpuUsage, so a
// loaded machine changes it less than wall time), runs alternating A, B, A, B... in fresh processes.
//   node bench/small_ops_ab.js <dirA> <dirB> [rounds]
// Each dir is a package root holding dist/ (dist/cjs/index.js). TENSORGRAD_ADDON may name the addon.
// Prints the minimum and the median microseconds per iteration of each workload for A and B.
const { execFileSync } = require('child_process');
const path = require('path');

const WORKLOADS = {
  // a 3-element add: the JS overhead of one op (argument checks, shape logic, allocation)
  add3: (tg) => {
    const a = tg.tensor([1, 2, 3]);
    const b = tg.tensor([4, 5, 6]);
    return () => a.add(b);
  },
  // a small autograd graph: ((x+2)*(x+2)*3).mean().backward()
  autograd: (tg) => {
    const x = tg.tensor([1, 2, 3, 4], { requiresGrad: true });
    return () => {
      const y = x.add(2);
      y.mul(y).mul(3).mean().backward();
    };
  },
  // views and shape reads: narrow + transpose + contiguous + sum
  views: (tg) => {
    const a = tg.ones([4, 5]);
    return () => a.narrow(0, 1, 2).t().contiguous().sum();
  },
};

function child(dir, name, iters) {
  const tg = require(path.resolve(dir, 'dist/cjs/index.js'));
  const step = WORKLOADS[name](tg);
  for (let i = 0; i < iters / 4; i++) step(); // warm up the JIT
  const t0 = process.cpuUsage();
  for (let i = 0; i < iters; i++) step();
  const t = process.cpuUsage(t0);
  process.stdout.write(String(((t.user + t.system) / iters).toFixed(4)));
}

if (process.argv[2] === '--child') {
  child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else {
  const [dirA, dirB] = [process.argv[2], process.argv[3]];
  const rounds = Number(process.argv[4] ?? 7);
  const median = (xs) => xs.slice().sort((p, q) => p - q)[Math.floor(xs.length / 2)];
  const iters = { add3: 400000, autograd: 40000, views: 100000 };
  for (const name of Object.keys(WORKLOADS)) {
    const res = { A: [], B: [] };
    for (let r = 0; r < rounds; r++) {
      for (const [k, dir] of [
        ['A', dirA],
        ['B', dirB],
      ]) {
        res[k].push(
          Number(
            execFileSync(process.execPath, [__filename, '--child', dir, name, String(iters[name])], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }),
          ),
        );
      }
    }
    // The minimum is the least disturbed run (other processes only ever add time); the median is shown too.
    const [a, b] = [Math.min(...res.A), Math.min(...res.B)];
    const [ma, mb] = [median(res.A), median(res.B)];
    console.log(
      `${name.padEnd(9)} min A ${a.toFixed(3)} B ${b.toFixed(3)} B/A ${(b / a).toFixed(3)} | median A ${ma.toFixed(3)} B ${mb.toFixed(3)} B/A ${(mb / ma).toFixed(3)} (us per iteration)`,
    );
  }
}
