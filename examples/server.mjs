// An HTTP server that trains a model in the background, one batch per event-loop turn, and
// serves predictions meanwhile. Run: node examples/server.mjs [port]
//   curl 'http://127.0.0.1:8080/predict?x=1.5,-2'    -> {"y": ...}
//   curl -H 'content-type: application/json' -d '{"x": [[1.5, -2], [0, 1]]}' http://127.0.0.1:8080/predict
//                                                    -> {"y": [..., ...]}
//   curl 'http://127.0.0.1:8080/status'              -> {"epoch": ..., "loss": ...}
//
// Or it serves a trained classifier from a file: node examples/server.mjs [port] --model FILE,
// where FILE is what `tensorgrad classify --save` writes, or a model trained in PyTorch and saved
// in the same layout (scripts/pytorch_classify.py --save; examples/data/
// breast_cancer_pytorch_mlp.safetensors is one). Rows are the raw feature values, in the order of
// the file's `features`; the answer is the labels and the class probabilities:
//   curl -H 'content-type: application/json' -d '{"x": [[17.99, 10.38, ...]]}' .../predict
//                                                    -> {"y": ["0"], "p": [[0.99, 0.01]]}
//
// A server must survive whatever a client sends: every request gets an answer (4xx for a bad
// one: a URL that does not parse, a wrong method, a body that is not JSON or too large, inputs
// of the wrong shape) and nothing a request does can throw out of the handler. Bodies are capped
// at 1 MiB (413), slow clients time out, and an aborted request is dropped.
import * as http from 'node:http';
import * as tg from 'tensorgrad';

const args = process.argv.slice(2);
const modelAt = args.indexOf('--model');
const modelFile = modelAt >= 0 ? args.splice(modelAt, 2)[1] : undefined;
const port = Number(args[0] ?? 8080);
const MAX_BODY = 1 << 20; // bytes
const MAX_ROWS = 10000;

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

/** A classifier saved by `tensorgrad classify --save` (or PyTorch in its layout), with its standardisation. */
function loadClassifier(file) {
  const { metadata = {} } = tg.io.loadWithMetadata(file);
  const net = metadata.model === 'MLP' ? tg.models.MLP.load(file) : tg.models.LogisticRegression.load(file);
  const features = JSON.parse(metadata.features ?? '[]');
  const mean = tg.tensor(JSON.parse(metadata.mean), { dtype: 'float64' });
  const std = tg.tensor(JSON.parse(metadata.std), { dtype: 'float64' });
  const labels = JSON.parse(metadata.labels ?? 'null');
  return {
    width: features.length,
    info: { model: metadata.model, features, labels },
    predict(rows) {
      const xs = tg.tensor(rows, { dtype: 'float64' }).sub(mean).div(std).float();
      const p = tg.noGrad(() => net.predictProba(xs));
      const k = Array.from(net.predict(xs).dataSync(), Number);
      return { y: k.map((i) => (labels ? labels[i] : i)), p: p.toArray() };
    },
  };
}
const served = modelFile === undefined ? null : loadClassifier(modelFile);
const WIDTH = served ? served.width : 2;

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

/** An error that becomes a response with this status. */
class HttpError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function send(res, status, body) {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

/** Rows of WIDTH finite numbers: [a, b] is one row, [[a, b], ...] several. */
function inputRows(value) {
  const rows = Array.isArray(value) && value.every((v) => typeof v === 'number') ? [value] : value;
  const ok = (row) => Array.isArray(row) && row.length === WIDTH && row.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!Array.isArray(rows) || rows.length === 0 || rows.length > MAX_ROWS || !rows.every(ok)) {
    throw new HttpError(400, `x must be a row of ${WIDTH} finite numbers or a list of 1 to ${MAX_ROWS} such rows`);
  }
  return rows;
}

/** {y} for each row, and with a served classifier {y: labels, p: probabilities}. */
function predict(rows) {
  if (served) return served.predict(rows);
  return { y: Array.from(tg.noGrad(() => model.forward(tg.tensor(rows)).dataSync())) };
}

/** The answer for one row ([a, b]) or several. */
function answer(out, single) {
  return single ? Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v[0]])) : out;
}

/** The request body as text, at most MAX_BODY bytes (413 beyond); rejects if the client goes away. */
function readBody(req) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY) return reject(new HttpError(413, `the body is over ${MAX_BODY} bytes`));
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (fn, v) => {
      if (done) return;
      done = true;
      fn(v);
    };
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        req.removeAllListeners('data');
        req.resume(); // discard the rest; the response closes the connection
        finish(reject, new HttpError(413, `the body is over ${MAX_BODY} bytes`));
      } else if (!done) chunks.push(chunk);
    });
    req.on('end', () => finish(resolve, Buffer.concat(chunks).toString('utf8')));
    req.on('close', () => finish(reject, new HttpError(400, 'the request was aborted')));
    req.on('error', (e) => finish(reject, new HttpError(400, e.message)));
  });
}

async function handle(req, res) {
  let url;
  try {
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch {
    throw new HttpError(400, 'the request URL does not parse');
  }
  if (url.pathname === '/status') {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'use GET');
    return send(res, 200, served ? served.info : status);
  }
  if (url.pathname !== '/predict') throw new HttpError(404, 'not found');
  if (req.method === 'GET') {
    const values = (url.searchParams.get('x') ?? '').split(',').map(Number);
    if (values.length !== WIDTH || values.some((v) => !Number.isFinite(v))) throw new HttpError(400, `x must be ${WIDTH} comma-separated numbers`);
    return send(res, 200, answer(predict([values]), true));
  }
  if (req.method !== 'POST') throw new HttpError(405, 'use GET or POST');
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json') throw new HttpError(415, 'send the body as application/json');
  const text = await readBody(req);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  if (body === null || typeof body !== 'object' || !('x' in body)) throw new HttpError(400, 'expected {"x": [a, b]} or {"x": [[a, b], ...]}');
  const single = Array.isArray(body.x) && body.x.every((v) => typeof v === 'number');
  return send(res, 200, answer(predict(inputRows(body.x)), single));
}

const server = http.createServer((req, res) => {
  // A client that disconnects makes these streams emit errors; without listeners they would be
  // thrown out of the event loop.
  req.on('error', () => {});
  res.on('error', () => {});
  handle(req, res).catch((e) => {
    const code = e instanceof HttpError ? e.status : e instanceof tg.TensorError ? 400 : 500;
    if (code === 413) res.setHeader('connection', 'close');
    send(res, code, { error: code === 500 ? 'internal error' : e.message });
    if (code === 500) console.error(e);
  });
});
// Requests the HTTP parser rejects (a garbage request line, oversized headers): answer and close.
server.on('clientError', (err, socket) => {
  if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
  const status =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? '431 Request Header Fields Too Large'
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
});
server.headersTimeout = 10_000; // a client that never finishes its headers
server.requestTimeout = 30_000; // ... or its body
server.keepAliveTimeout = 5_000;

server.listen(port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
  if (served) return console.log(`serving ${modelFile}: ${served.info.model} on ${served.width} features`);
  train(20).then(
    () => console.log(`trained: loss ${status.loss.toFixed(6)}`),
    (e) => console.error(`training failed: ${e.message}`),
  );
});
