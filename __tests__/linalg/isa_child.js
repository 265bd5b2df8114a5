'use strict';
// Runs with TENSORGRAD_ISA set: the factorizations on the kernel table of that ISA (axpy, dot and
// the GEMM of the blocked LU), sizes across the unblocked/blocked switch, float32 and float64.
// Prints a JSON report of the worst residuals.
const path = require('path');
const tg = require(path.join(__dirname, '..', '..', 'dist', 'cjs'));
tg.manualSeed(0); // the same matrices every run (the default generator is seeded from the OS)

const worst = {};
const note = (k, v) => (worst[k] = Math.max(worst[k] ?? 0, v));
for (const dtype of ['float32', 'float64']) {
  for (const n of [1, 7, 31, 33, 64, 67]) {
    const eye = tg.eye(n, { dtype });
    const a = tg.rand([3, n, n], { dtype }).sub(0.5).add(eye.mul(2));
    const b = tg.rand([3, n, 2], { dtype });
    const x = tg.linalg.solve(a, b);
    note(`solve ${dtype}`, a.matmul(x).sub(b).abs().max().item());
    note(`inv ${dtype}`, a.matmul(tg.linalg.inv(a)).sub(eye).abs().max().item());
    const s = a.matmul(a.transpose(-2, -1)).add(eye);
    const l = tg.linalg.cholesky(s);
    note(`cholesky ${dtype}`, l.matmul(l.transpose(-2, -1)).sub(s).abs().max().item());
    const { Q, R } = tg.linalg.qr(a);
    note(`qr ${dtype}`, Q.matmul(R).sub(a).abs().max().item());
  }
}
process.stdout.write(JSON.stringify({ isa: tg.backendInfo().isa, worst }));
