// The addon in worker_threads: eight workers load it at once, compute and check results, and
// exit cleanly; a worker trains a model and hands the weights to the main thread zero-copy.
import * as path from 'path';
import { Worker } from 'worker_threads';
import * as tg from '../../lib';

const dist = path.join(__dirname, '..', '..', 'dist', 'cjs', 'index.js');

function run(code: string, workerData: unknown): Promise<{ result: unknown; exitCode: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: { dist, ...(workerData as object) } });
    let result: unknown;
    w.on('message', (m) => (result = m));
    w.on('error', reject);
    w.on('exit', (exitCode) => resolve({ result, exitCode }));
  });
}

test('eight workers load the addon at once, compute, and exit cleanly', async () => {
  const code = `
    const { workerData, parentPort } = require('worker_threads');
    const tg = require(workerData.dist);
    const n = 64 + workerData.id;
    const a = tg.ones([n, n]).mul(workerData.id + 1);
    const c = a.matmul(tg.eye(n));
    const s = c.sum().item();
    tg.matmulAsync(a, a).then((p) => {
      parentPort.postMessage({ s, p: p.narrow(0, 0, 1).narrow(1, 0, 1).item(), isa: tg.backendInfo().isa });
    });
  `;
  const runs = await Promise.all(Array.from({ length: 8 }, (_, id) => run(code, { id })));
  runs.forEach(({ result, exitCode }, id) => {
    const n = 64 + id;
    expect(exitCode).toBe(0);
    expect(result).toEqual({ s: n * n * (id + 1), p: n * (id + 1) ** 2, isa: tg.backendInfo().isa });
  });
});

test('a worker trains; the main thread reads the weights from shared memory', async () => {
  const shared = new SharedArrayBuffer(4 * 3);
  const code = `
    const { workerData, parentPort } = require('worker_threads');
    const tg = require(workerData.dist);
    const gen = new tg.Generator().manualSeed(5);
    const x = tg.normal(0, 1, [2000, 2], { generator: gen });
    const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
    const model = new tg.models.LinearRegression(2, { generator: gen });
    model.fitAsync(x, y, { epochs: 30, batchSize: 100, lr: 0.05, generator: gen }).then(() => {
      const out = tg.fromArray(new Float32Array(workerData.shared));
      out.narrow(0, 0, 2).copy_(model.weight.reshape(2));
      out.narrow(0, 2, 1).copy_(model.bias);
      parentPort.postMessage('done');
    });
  `;
  const { result, exitCode } = await run(code, { shared });
  expect([result, exitCode]).toEqual(['done', 0]);
  const [w0, w1, b] = Array.from(tg.fromArray(new Float32Array(shared)).dataSync());
  expect(w0).toBeCloseTo(2, 2);
  expect(w1).toBeCloseTo(-3.4, 2);
  expect(b).toBeCloseTo(4.2, 2);
});
