'use strict';
// Worker churn: CYCLES times, a worker loads tensorgrad, queues async ops big enough to be
// running, and dies (worker.terminate() or process.exit() inside it) while they are queued or
// running. The parent keeps its own tensor and an async op of its own in flight throughout, and
// checks both at the end. Prints one JSON line; a crash of the process is the failure.
// Usage: node bench/worker_churn.js [cycles=1000] [terminate|exit] [shared|workers-only]
// (workers-only: the parent never loads the addon, so Node unloads it after each worker.)
// __tests__/server/lifetime.test.ts runs short versions; the 1,000-cycle soak is this script.
const path = require('path');
const { Worker } = require('worker_threads');

const cycles = Number(process.argv[2] ?? 1000);
const mode = process.argv[3] ?? 'terminate';
const shared = (process.argv[4] ?? 'shared') === 'shared';
const dist = process.env.TENSORGRAD_DIST ?? path.join(__dirname, '..');

const code = `
  const { workerData, parentPort } = require('worker_threads');
  const tg = require(workerData.dist);
  const a = tg.ones([320, 320]);
  a.matmul(a); // a parallel region on the pool
  for (let i = 0; i < 4; i++) tg.matmulAsync(a, a);
  tg.sumAsync(tg.ones([1 << 20]));
  parentPort.postMessage('queued');
  if (workerData.mode === 'exit') setImmediate(() => process.exit(3));
`;

function cycle() {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { dist, mode } });
    w.on('message', () => {
      if (mode === 'terminate') void w.terminate();
    });
    w.on('error', reject);
    w.on('exit', resolve);
  });
}

(async () => {
  const tg = shared ? require(dist) : null;
  const mine = tg ? tg.arange(0, 4096).reshape([64, 64]) : null;
  const started = Date.now();
  let theirs = 0;
  for (let i = 0; i < cycles; i++) {
    const pending = tg ? tg.matmulAsync(mine, tg.eye(64)) : null;
    await cycle();
    if (pending) theirs += (await pending).sum().item();
  }
  const out = { cycles, mode, shared, ms: Date.now() - started };
  if (tg) Object.assign(out, { mineSum: mine.sum().item(), theirs, expected: (cycles * 4095 * 4096) / 2 });
  console.log(JSON.stringify(out));
})();
