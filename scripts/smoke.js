#!/usr/bin/env node
'use strict';
// A smoke test of an installed tensorgrad, small enough to run under qemu or on several Node
// versions where jest is too slow or absent: the autograd tutorial's numbers, matrix products
// against a float64 naive loop (sizes that cross the GEMM's tiles and blocks), autograd through
// matmul against the closed form, and the optimizer trajectories recorded from PyTorch
// (__tests__/fixtures/pytorch_training.json). Plain JavaScript on the public API only.
//
//   node smoke.js [--isa NAME] [--fixture FILE] [--package DIR]
// --isa: the kernel table backendInfo() must report (neon under qemu-aarch64, say).
// --package: the package folder to load (default: `tensorgrad` resolved from the working folder).
const path = require('path');
const fs = require('fs');

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const pkg = opt('--package') ? path.resolve(opt('--package')) : require.resolve('tensorgrad', { paths: [process.cwd()] });
const tg = require(pkg);

let checks = 0;
function check(cond, what) {
  if (!cond) throw new Error(`smoke: ${what}`);
  checks++;
}
function close(actual, expected, tol, what) {
  check(actual.length === expected.length, `${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    check(err <= tol * Math.max(1, Math.abs(expected[i])), `${what}[${i}] = ${actual[i]}, expected ${expected[i]} (tol ${tol})`);
  }
}
const flat = (t) => Array.from(t.contiguous().dataSync());

// The kernel table: the one this CPU should get.
const info = tg.backendInfo();
if (opt('--isa')) check(info.isa === opt('--isa'), `kernel table ${info.isa}, expected ${opt('--isa')} (cpuIsas ${info.cpuIsas})`);

// The autograd tutorial (values hand-derived: d(mean(3 (x+2)^2))/dx = 4.5 at x = 1).
{
  const x = tg.ones([2, 2], { requiresGrad: true });
  const y = x.add(2);
  check(y.gradFn.name === 'AddBackward0', `y.gradFn ${y.gradFn.name}`);
  const out = y.mul(y).mul(3).mean();
  check(String(out) === 'tensor(27., grad_fn=<MeanBackward0>)', `out prints ${out}`);
  out.backward();
  check(String(x.grad) === 'tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])', `x.grad prints ${x.grad}`);
  const s = tg.tensor(1.0, { requiresGrad: true });
  s.pow(2)
    .add(tg.noGrad(() => s.pow(3)))
    .backward();
  check(s.grad.item() === 2, `noGrad branch: grad ${s.grad.item()}, expected 2`);
  const v = tg.tensor([1, 2, 3], { requiresGrad: true });
  v.mul(2).backward(tg.tensor([0.1, 1.0, 0.0001]));
  close(flat(v.grad), [0.2, 2, 0.0002], 1e-6, 'vector-Jacobian product');
}

// Matrix products against a float64 naive loop: small, odd (edge tiles), and past the blocking.
function naive(a, b, m, k, n) {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      for (let j = 0; j < n; j++) c[i * n + j] += aip * b[p * n + j];
    }
  }
  return c;
}
const gen = new tg.Generator().manualSeed(7);
for (const [m, k, n] of [
  [1, 1, 1],
  [3, 5, 2],
  [37, 53, 29],
  [130, 300, 70],
]) {
  for (const dtype of ['float32', 'float64']) {
    const a = tg.randn([m, k], { dtype, generator: gen });
    const b = tg.randn([k, n], { dtype, generator: gen });
    const want = naive(flat(a), flat(b), m, k, n);
    close(flat(a.matmul(b)), want, dtype === 'float32' ? 2e-4 * Math.sqrt(k) : 1e-12 * k, `matmul ${m}x${k}x${n} ${dtype}`);
    // A transposed (non-contiguous) operand takes another path into the GEMM.
    close(flat(b.t().matmul(a.t()).t()), want, dtype === 'float32' ? 2e-4 * Math.sqrt(k) : 1e-12 * k, `matmul of transposes ${m}x${k}x${n} ${dtype}`);
  }
}

// Autograd through matmul and a reduction: d(sum(A B))/dA = 1 B^T, d/dB = A^T 1.
{
  const a = tg.randn([6, 4], { dtype: 'float64', generator: gen, requiresGrad: true });
  const b = tg.randn([4, 5], { dtype: 'float64', generator: gen, requiresGrad: true });
  a.matmul(b).sum().backward();
  const av = flat(a);
  const bv = flat(b);
  const ga = [];
  for (let i = 0; i < 6; i++) for (let p = 0; p < 4; p++) ga.push(bv.slice(p * 5, p * 5 + 5).reduce((s, x) => s + x, 0));
  const gb = [];
  for (let p = 0; p < 4; p++) for (let j = 0; j < 5; j++) gb.push([0, 1, 2, 3, 4, 5].reduce((s, i) => s + av[i * 4 + p], 0));
  close(flat(a.grad), ga, 1e-12, 'grad of A');
  close(flat(b.grad), gb, 1e-12, 'grad of B');
}

// Optimizer trajectories recorded from PyTorch, step by step.
const fixtureFile = opt('--fixture');
let runs = 0;
if (fixtureFile) {
  const T = JSON.parse(fs.readFileSync(fixtureFile, 'utf8')).trajectories;
  for (const run of T.runs) {
    const o = run.options;
    const dtype = run.dtype;
    const x = tg.tensor(Float32Array.from(T.x), { shape: [8, 3] }).to(dtype);
    const y = tg.tensor(Float32Array.from(T.y), { shape: [8, 2] }).to(dtype);
    const w = tg
      .tensor(Float32Array.from(T.w0), { shape: [2, 3] })
      .to(dtype)
      .requiresGrad_();
    const b = tg
      .tensor(Float32Array.from(T.b0), { shape: [2] })
      .to(dtype)
      .requiresGrad_();
    const common = { lr: o.lr, weightDecay: o.weight_decay };
    const optim =
      run.optimizer === 'SGD'
        ? new tg.optim.SGD([w, b], { ...common, momentum: o.momentum, dampening: o.dampening, nesterov: o.nesterov })
        : new tg.optim[run.optimizer]([w, b], { ...common, betas: o.betas, eps: o.eps, amsgrad: o.amsgrad });
    const tol = dtype === 'float32' ? 2e-5 : 1e-11;
    run.steps.forEach((want, step) => {
      optim.zeroGrad();
      tg.nn.functional.mseLoss(x.matmul(w.t()).add(b), y).backward();
      optim.step();
      close(flat(w), want.w, tol, `${run.optimizer} ${JSON.stringify(o)} ${dtype} step ${step} w`);
      close(flat(b), want.b, tol, `${run.optimizer} ${JSON.stringify(o)} ${dtype} step ${step} b`);
    });
    runs++;
  }
}

console.log(`smoke: ok on Node ${process.version} ${process.platform}-${process.arch}, kernels ${info.isa}: ${checks} checks, ${runs} PyTorch optimizer runs`);
