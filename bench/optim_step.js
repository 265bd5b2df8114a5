'use strict';
// CPU time of one fused optimizer step on 2^20 float32 parameters (SGD with momentum, Adam;
// RMSprop, Adagrad, Adamax, NAdam and RAdam also through their JS loop, lib/backend/js_optim.ts, in
// the same process), one thread, for one or more builds of the addon, alternating fresh processes
// (A, B, A, B, ...):
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
  const time = (opt, steps = 30) => {
    for (let i = 0; i < 3; i++) opt.step();
    const c0 = process.cpuUsage();
    for (let i = 0; i < steps; i++) opt.step();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / steps / 1000;
  };
  const out = { sgd: time(sgd), adam: time(adam) };
  // The JS loop at every size: the step's small-parameter test answers with the loop.
  const jsOptim = require(path.join(__dirname, '..', 'dist', 'cjs', 'backend', 'js_optim'));
  const small = jsOptim.smallOptimStep;
  const adaptive = {
    rmsprop: () => new tg.optim.RMSprop([p], { momentum: 0.9, centered: true }),
    adagrad: () => new tg.optim.Adagrad([p]),
    adamax: () => new tg.optim.Adamax([p]),
    nadam: () => new tg.optim.NAdam([p]),
    radam: () => new tg.optim.RAdam([p]),
  };
  for (const [name, make] of Object.entries(adaptive)) {
    out[name] = time(make());
    jsOptim.smallOptimStep = (op, q, g, st, h) => (jsOptim.jsOptimStep(op, q, g, st, h), true);
    out[`${name}Js`] = time(make(), 5);
    jsOptim.smallOptimStep = small;
  }
  process.stdout.write(JSON.stringify(out));
  return;
}

const args = process.argv.slice(2);
const at = args.indexOf('--rounds');
const rounds = at >= 0 ? Number(args.splice(at, 2)[1]) : 5;
const addons = args.length > 0 ? args.map((a) => path.resolve(a)) : [undefined];
const runs = addons.map(() => ({}));
for (let r = 0; r < rounds; r++) {
  addons.forEach((addon, i) => {
    const env = { ...process.env, TENSORGRAD_THREADS: '1', ...(addon ? { TENSORGRAD_ADDON: addon } : {}) };
    const out = JSON.parse(execFileSync(process.execPath, [__filename, '--child'], { env, encoding: 'utf8' }));
    for (const [k, v] of Object.entries(out)) (runs[i][k] ??= []).push(v);
  });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ADAPTIVE = { rmsprop: 'RMSprop (momentum, centered)', adagrad: 'Adagrad', adamax: 'Adamax', nadam: 'NAdam', radam: 'RAdam' };
addons.forEach((addon, i) => {
  const m = (k) => median(runs[i][k]).toFixed(2);
  console.log(`${addon ?? 'this build'}: per step of 2^20 float32 (median of ${rounds}, CPU time)`);
  console.log(`  SGD (momentum) ${m('sgd')} ms, Adam ${m('adam')} ms`);
  for (const [k, label] of Object.entries(ADAPTIVE)) {
    console.log(`  ${label} ${m(k)} ms native, ${m(`${k}Js`)} ms JS loop (${(median(runs[i][`${k}Js`]) / median(runs[i][k])).toFixed(1)}x)`);
  }
});
