// Trains in a worker thread while the main thread serves predictions from the weights the worker
// publishes into shared memory (zero copy: both threads view the same SharedArrayBuffer).
// Run: node examples/worker_training.mjs [port]   then   curl 'http://127.0.0.1:8081/predict?x=1,2'
import * as http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as tg from 'tensorgrad';

if (isMainThread) {
  const shared = new SharedArrayBuffer(3 * 4); // w0, w1, b
  const weights = tg.fromArray(new Float32Array(shared));
  const worker = new Worker(new URL(import.meta.url), { workerData: { shared } });
  let epoch = 0;
  worker.on('message', (m) => (epoch = m.epoch));
  worker.on('exit', () => console.log(`training done after ${epoch} epochs: w = ${weights.narrow(0, 0, 2)}, b = ${weights.narrow(0, 2, 1)}`));

  const server = http.createServer((req, res) => {
    const x = new URL(req.url, 'http://localhost').searchParams.get('x')?.split(',').map(Number) ?? [];
    if (x.length !== 2 || x.some((v) => !Number.isFinite(v))) {
      res.statusCode = 400;
      return res.end('{"error":"x must be two numbers"}');
    }
    const w = weights.dataSync();
    res.end(JSON.stringify({ y: x[0] * w[0] + x[1] * w[1] + w[2], epoch }));
  });
  server.listen(Number(process.argv[2] ?? 8081), '127.0.0.1', () => console.log(`listening on http://127.0.0.1:${server.address().port}`));
  worker.on('exit', () => server.close());
} else {
  const out = tg.fromArray(new Float32Array(workerData.shared));
  const gen = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [20000, 2], { generator: gen });
  const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
  const model = new tg.models.LinearRegression(2, { generator: gen });
  await model.fitAsync(x, y, {
    epochs: 10,
    batchSize: 100,
    lr: 0.05,
    generator: gen,
    onEpoch: (epoch) => {
      out.narrow(0, 0, 2).copy_(model.weight.reshape(2));
      out.narrow(0, 2, 1).copy_(model.bias);
      parentPort.postMessage({ epoch });
    },
  });
}
