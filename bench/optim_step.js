'use strict';
// CPU time of one fused optimizer step on 2^20 float32 parameters (SGD with momentum, Adam), one
// thread, for one or more builds of the addon, alternating fresh processes (A, B, A, B, ...):
//   node bench/optim_step.js [addonA.node addonB.node ...] [--rounds N]
// With no addon named, the package's own build. Prints the median milliseconds per step.
const { execFileSync } = require('child_process');
const path = require('path');

if (process.argv[2] === '--child') {
  const tg = require(path.join(__dirname, '..', 'dist', 'cjs'));
  const n = 1 << 20;
  const p = tg.randn([n]).requiresGrad_(true);
  p.grad = tg.randn([n]);
  const adam = new tg.optim.Adam([p], { lr: 1e-3 });
  const sgd = new tg.optim.SGD([p], { lr: 1e-3, momentum: 0.9 });
  const time = (opt) => {
    for (let i = 0; i < 5; i++) opt.step();
    const c0 = process.cpuUsage();
    for (let i = 0; i < 30; i++) opt.step();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 30 / 1000;
  };
  process.stdout.write(JSON.stringify({ sgd: time(sgd), adam: time(adam) }));
  return;
}

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args.splice(at, 2)[1]) : 5;
const addons = args.length > 0 ? args.map((a) => path.resolve(a)) : [undefined];
const runs = addons.map(() => ({ sgd: [], adam: [] }));
for (let r = 0; r < rounds; r++) {
  addons.forEach((addon, i) => {
    const env = { ...process.env, TENSORGRAD_THREADS: '1', ...(addon ? { TENSORGRAD_ADDON: addon } : {}) };
    const out = JSON.parse(execFileSync(process.execPath, [__filename, '--child'], { env, encoding: 'utf8' }));
    runs[i].sgd.push(out.sgd);
    runs[i].adam.push(out.adam);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
addons.forEach((addon, i) => {
  console.log(
    `${addon ?? 'this build'}: SGD (momentum) ${median(runs[i].sgd).toFixed(2)} ms, Adam ${median(runs[i].adam).toFixed(2)} ms per step of 2^20 float32 (median of ${rounds}, CPU time)`,
  );
});
