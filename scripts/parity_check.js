#!/usr/bin/env node
'use strict';
// Checks tensorgrad against the results recorded from PyTorch in __tests__/fixtures/parity/
// (scripts/pytorch_parity.py writes them): forward values and dtype, the grad_fn name, the printed
// form where recorded, and the gradients of sum(output * w). Plain JavaScript on the public API,
// so that the same checks run in jest (__tests__/pytorch_parity.test.ts) and, on the installed
// package, on an arm64 Node under qemu and a Windows Node under wine (scripts/pack_check.sh).
//
//   node parity_check.js --fixtures DIR [--package DIR] [--isa NAME]
const fs = require('fs');
const path = require('path');

// Node names that PyTorch 2 (the API's reference) changed from the 1.13 that wrote the fixtures:
// reshape no longer goes through _reshape_alias, and matmul's vector case squeezes out of place.
const NAMES_SINCE_2 = { ReshapeAliasBackward0: 'ViewBackward0', SqueezeBackward3: 'SqueezeBackward1' };

// Names the JS expressions may use besides tg and the inputs (the Python side's ENV).
const HELPERS = {
  inplaceView(a, b) {
    const y = a.mul(2);
    y.narrow(0, 1, 2).mul_(b);
    return y;
  },
};

const decode = (v) => (typeof v === 'number' ? v : v === 'nan' ? NaN : v === 'inf' ? Infinity : -Infinity);
const numbers = (x) => Array.from(x.dataSync(), Number);

/** The fixture files of `dir`: [{module, pytorch, cases}], in name order. */
function loadFixtures(dir) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ module: f.slice(0, -5), ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

function fail(what) {
  throw new Error(what);
}

function close(actual, expected, tol, what) {
  if (actual.length !== expected.length) fail(`${what}: ${actual.length} values, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a === e || (Number.isNaN(e) && Number.isNaN(a))) continue; // equal infinities too
    if (!(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e)))) fail(`${what}: element ${i} is ${a}, expected ${e} (tolerance ${tol})`);
  }
}

function input(tg, dtype, shape, values, requiresGrad) {
  const data = values.map(decode);
  const t = tg.tensor(dtype === 'float32' ? Float32Array.from(data) : Float64Array.from(data), { shape });
  return dtype === 'float64' || dtype === 'float32' ? t.requiresGrad_(requiresGrad) : t.to(dtype);
}

/** Runs one recorded case; throws an Error naming what differs from PyTorch. */
function checkCase(tg, c) {
  const floating = c.dtype === 'float64' || c.dtype === 'float32';
  const withGrad = floating && c.grads !== undefined;
  const inputs = c.inputs.map((i) => input(tg, c.dtype, i.shape, i.values, withGrad));
  const result = new Function('tg', 'a', 'b', 'c', 'h', `return ${c.js};`)(tg, inputs[0], inputs[1], inputs[2], HELPERS);
  if (JSON.stringify(result.shape) !== JSON.stringify(c.shape)) fail(`shape [${result.shape}], expected [${c.shape}]`);
  if (result.dtype !== c.result_dtype) fail(`dtype ${result.dtype}, expected ${c.result_dtype}`);
  let tol = c.tol ?? (c.result_dtype === 'float64' ? 1e-12 : 1e-6);
  // An exact (tol 0) case is exact on what recorded it, Linux x86-64: where the C library's
  // log/exp/erf differ in the last bit (arm64's glibc fuses with FMA, Windows has its own), so
  // would PyTorch's there. Two units in the last place, relative to max(1, |value|).
  if (tol === 0 && !(process.platform === 'linux' && process.arch === 'x64')) tol = c.result_dtype === 'float64' ? 2 ** -51 : 2 ** -22;
  close(numbers(result), c.output.map(decode), tol, 'output');
  if (c.repr !== undefined && result.detach().toString() !== c.repr) fail(`prints ${result.detach().toString()}, expected ${c.repr}`);
  const node = result.gradFn ? result.gradFn.name : undefined;
  if (c.grad_fn !== null && node !== (NAMES_SINCE_2[c.grad_fn] ?? c.grad_fn)) fail(`grad_fn ${node}, expected ${c.grad_fn}`);
  if (!withGrad) return;
  const w = tg.tensor(Float64Array.from(c.weight), { shape: c.shape }).to(result.dtype);
  const grads = tg.autograd.grad(result.mul(w).sum(), inputs, { allowUnused: true });
  c.grads.forEach((g, i) => {
    if (g === null) {
      if (grads[i] !== null) fail(`gradient ${i} exists, PyTorch's is None`);
    } else close(numbers(grads[i]), g.map(decode), tol, `gradient ${i}`);
  });
}

module.exports = { loadFixtures, checkCase };

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const pkg = opt('--package') ? path.resolve(opt('--package')) : require.resolve('tensorgrad', { paths: [process.cwd()] });
  const tg = require(pkg);
  const isa = tg.backendInfo().isa;
  if (opt('--isa') && isa !== opt('--isa')) fail(`parity: kernel table ${isa}, expected ${opt('--isa')}`);
  let n = 0;
  const failures = [];
  for (const f of loadFixtures(opt('--fixtures') || '.')) {
    for (const c of f.cases) {
      n++;
      try {
        checkCase(tg, c);
      } catch (e) {
        failures.push(`${f.module} / ${c.name}: ${e.message}`);
      }
    }
  }
  for (const line of failures) console.error(`parity: ${line}`);
  if (n === 0) fail('parity: no cases found');
  console.log(`parity: ${n - failures.length} of ${n} cases match PyTorch on Node ${process.version} ${process.platform}-${process.arch}, isa ${isa}`);
  process.exit(failures.length === 0 ? 0 : 1);
}
