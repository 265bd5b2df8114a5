// An HTTP server that trains a model in the background, one batch per event-loop turn, and
// serves predictions meanwhile. Run: node examples/server.mjs [port]
//   curl 'http://127.0.0.1:8080/predict?x=1.5,-2'    -> {"y": ...}
//   curl 'http://127.0.0.1:8080/status'              -> {"epoch": ..., "loss": ...}
import * as http from 'node:http';
import * as tg from 'tensorgrad';

const port = Number(process.argv[2] ?? 8080);
const gen = new tg.Generator().manualSeed(0);
const trueW = tg.tensor([[2], [-3.4]]);
const x = tg.normal(0, 1, [10000, 2], { generator: gen });
const y = x
  .matmul(trueW)
  .add(4.2)
  .add(tg.normal(0, 0.01, [10000, 1], { generator: gen }));

const model = new tg.nn.Linear(2, 1, { generator: gen });
const opt = new tg.optim.SGD(model.parameters(), { lr: 0.05 });
const loader = new tg.data.DataLoader(new tg.data.TensorDataset(x, y), { batchSize: 100, shuffle: true, generator: gen });
const status = { epoch: 0, loss: null, training: true };

async function train(epochs) {
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for await (const [xb, yb] of loader) {
      // for await yields to the event loop between batches, so requests are answered meanwhile.
      opt.zeroGrad();
      tg.nn.functional.mseLoss(model.forward(xb), yb).backward();
      opt.step();
    }
    status.epoch = epoch;
    status.loss = tg.noGrad(() => tg.nn.functional.mseLoss(model.forward(x), y).item());
  }
  status.training = false;
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('content-type', 'application/json');
  if (url.pathname === '/predict') {
    const values = (url.searchParams.get('x') ?? '').split(',').map(Number);
    if (values.length !== 2 || values.some((v) => !Number.isFinite(v))) {
      res.statusCode = 400;
      return res.end(JSON.stringify({ error: 'x must be two comma-separated numbers' }));
    }
    const pred = tg.noGrad(() => model.forward(tg.tensor([values])).item());
    return res.end(JSON.stringify({ y: pred }));
  }
  if (url.pathname === '/status') return res.end(JSON.stringify(status));
  res.statusCode = 404;
  res.end(JSON.stringify({ error: 'not found' }));
});

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
  train(20).then(() => console.log(`trained: loss ${status.loss.toFixed(6)}`));
});
