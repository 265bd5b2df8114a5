'use strict';
// Runs in a child process with TENSORGRAD_ISA set: drives the raw addon's kernels on random
// shapes (odd lengths for SIMD tails, edge tiles for GEMM, strided views) and compares each
// result with a float64 reference computed here in plain JS. Prints a JSON report.
const path = require('path');
const { native: addon } = require(path.join(__dirname, '..', '..', 'dist', 'cjs', 'backend', 'entries.js'));

let seed = 12345;
function rand() {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return (seed / 4294967296) * 2 - 1;
}
const failures = [];
let checks = 0;
function check(name, got, want, tol) {
  checks++;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    if (!(err <= tol * Math.max(1, Math.abs(want[i])))) {
      failures.push(`${name}: element ${i} got ${got[i]} want ${want[i]}`);
      return;
    }
  }
}
const KINDS = { float32: [Float32Array, 2e-6], float64: [Float64Array, 1e-13] };
const BIN = [
  [0, (a, b) => a + b],
  [1, (a, b) => a - b],
  [2, (a, b) => a * b],
  [3, (a, b) => a / b],
  [4, (a, b) => Math.pow(a, b)],
];
const UN = [
  [0, (x) => -x],
  [1, Math.exp],
  [2, Math.log, (x) => Math.abs(x) + 0.1],
  [3, Math.sqrt, (x) => Math.abs(x)],
  [4, Math.abs],
  [5, (x) => Math.max(0, x)],
  [6, (x) => 1 / (1 + Math.exp(-x))],
  [7, Math.tanh],
];

for (const [kind, [Arr, tol]] of Object.entries(KINDS)) {
  for (const n of [1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 1001]) {
    const a = Arr.from({ length: n }, () => rand() + 2);
    const b = Arr.from({ length: n }, () => rand() + 2);
    for (const [op, f] of BIN) {
      const out = new Arr(n);
      addon.binary(op, [n], out, [1], 0, a, [1], 0, b, [1], 0);
      check(
        `${kind} binary ${op} vv n=${n}`,
        out,
        Array.from(a, (x, i) => f(x, b[i])),
        tol * 4,
      );
      addon.binary(op, [n], out, [1], 0, a, [1], 0, b, [0], 3 % n);
      check(
        `${kind} binary ${op} vs n=${n}`,
        out,
        Array.from(a, (x) => f(x, b[3 % n])),
        tol * 4,
      );
      addon.binary(op, [n], out, [1], 0, a, [0], 0, b, [1], 0);
      check(
        `${kind} binary ${op} sv n=${n}`,
        out,
        Array.from(b, (y) => f(a[0], y)),
        tol * 4,
      );
    }
    for (const [op, f, dom] of UN) {
      const x = dom ? Arr.from(a, (v) => dom(v - 2)) : Arr.from(a, (v) => v - 2);
      const out = new Arr(n);
      addon.unary(op, [n], out, [1], 0, x, [1], 0);
      check(
        `${kind} unary ${op} n=${n}`,
        out,
        Array.from(x, (v) => f(v)),
        tol * 4,
      );
    }
    const s = new Arr(1);
    addon.sum([n], a, [1], 0, [1], s, 1);
    check(`${kind} sum n=${n}`, s, [a.reduce((p, v) => p + v, 0)], tol * 10);
  }
  // strided binary: a transposed operand
  {
    const r = 13,
      c = 9;
    const a = Arr.from({ length: r * c }, rand);
    const b = Arr.from({ length: r * c }, rand);
    const out = new Arr(r * c);
    addon.binary(0, [c, r], out, [r, 1], 0, a, [1, c], 0, b, [r, 1], 0);
    const want = [];
    for (let i = 0; i < c; i++) for (let j = 0; j < r; j++) want.push(a[j * c + i] + b[i * r + j]);
    check(`${kind} strided add`, out, want, tol);
  }
  // GEMM: edge tiles in every direction, transposed B, a batch with a broadcast operand
  for (const [m, k, n] of [
    [1, 1, 1],
    [5, 3, 7],
    [17, 33, 31],
    [37, 64, 70],
    [96, 257, 48],
    [130, 40, 129],
  ]) {
    for (const transB of [false, true]) {
      const A = Arr.from({ length: m * k }, rand);
      const B = Arr.from({ length: k * n }, rand);
      const out = new Arr(2 * m * n);
      const bStrides = transB ? [0, 1, k] : [0, n, 1];
      addon.matmul([2, m, k], A, [0, k, 1], 0, [2, k, n], B, bStrides, 0, out);
      const want = [];
      for (let q = 0; q < 2; q++)
        for (let i = 0; i < m; i++)
          for (let j = 0; j < n; j++) {
            let acc = 0;
            for (let p = 0; p < k; p++) acc += A[i * k + p] * (transB ? B[j * k + p] : B[p * n + j]);
            want.push(acc);
          }
      check(`${kind} gemm ${m}x${k}x${n}${transB ? ' B^T' : ''}`, out, want, tol * 8 * Math.sqrt(k));
    }
  }
}
process.stdout.write(JSON.stringify({ isa: addon.isa(), checks, failures }));
