// The examples run as a user would run them, and give the tutorial's answers.
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import * as path from 'path';

const dir = path.join(__dirname, '..', 'examples');

test('examples/tutorial.mjs reproduces the tutorial', () => {
  const res = spawnSync(process.execPath, [path.join(dir, 'tutorial.mjs')], { encoding: 'utf8' });
  expect(res.status).toBe(0);
  expect(res.stdout).toContain('x.grad = tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  expect(res.stdout).toContain('with noGrad: a.grad = tensor(2.)');
  const b = Number(/error in estimating b: (-?[\d.]+)/.exec(res.stdout)![1]);
  expect(Math.abs(b)).toBeLessThan(0.01);
  // The same data, losses, w and b as the PyTorch twin, examples/tutorial.py (recorded by
  // scripts/pytorch_rng.py): tensorgrad draws PyTorch's streams and computes the same bits.
  const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'pytorch_rng.json'), 'utf8')) as { tutorial: string[] };
  expect(fixture.tutorial.length).toBe(5);
  for (const line of fixture.tutorial) expect(res.stdout).toContain(line);
});

test('examples/csv_regression.mjs: Adam matches least squares', () => {
  const res = spawnSync(process.execPath, [path.join(dir, 'csv_regression.mjs')], { encoding: 'utf8' });
  expect(res.status).toBe(0);
  const [, adam, exact] = /R\^2 adam ([\d.]+), least squares ([\d.]+)/.exec(res.stdout)!;
  expect(Math.abs(Number(adam) - Number(exact))).toBeLessThan(1e-3);
});

test('examples/worker_training.mjs trains in a worker and the main thread sees the weights', () => {
  const res = spawnSync(process.execPath, [path.join(dir, 'worker_training.mjs'), '0'], { encoding: 'utf8', timeout: 60000 });
  expect(res.status).toBe(0);
  expect(res.stdout).toMatch(/training done after 10 epochs: w = tensor\(\[ 2\.0000, -3\.4000\]\), b = tensor\(\[4\.2000\]\)/);
});

function get(port: number, p: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: p }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      })
      .on('error', reject);
  });
}

function startServer(...args: string[]): Promise<{ child: ReturnType<typeof spawn>; port: number }> {
  const child = spawn(process.execPath, [path.join(dir, 'server.mjs'), '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve({ child, port: Number(m[1]) });
    });
    child.on('exit', () => reject(new Error(`server exited: ${out}`)));
  });
}

/**
 * Sends raw bytes (in pieces, then optionally ends or destroys the socket) and resolves with
 * the response's status code (0 if the server closed without one) once the server closes the
 * connection or `ms` pass.
 */
function raw(port: number, pieces: (string | Buffer)[], opts: { end?: 'end' | 'destroy' | 'keep'; ms?: number } = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let response = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(response);
      resolve(m ? Number(m[1]) : 0);
    };
    const timer = setTimeout(done, opts.ms ?? 5000);
    socket.on('data', (c) => (response += c.toString('latin1')));
    socket.on('close', done);
    socket.on('error', () => {}); // a reset after the server answered and closed
    socket.on('connect', () => {
      for (const p of pieces) socket.write(p);
      if (opts.end === 'destroy') socket.destroy();
      else if (opts.end !== 'keep') socket.end();
    });
  });
}

function post(port: number, body: string | Buffer, type = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/predict', method: 'POST', headers: { 'content-type': type } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('examples/server.mjs survives malformed, oversized, slow and aborted requests with a 4xx and keeps serving', async () => {
  const { child, port } = await startServer();
  try {
    const alive = async () => {
      expect(child.exitCode).toBeNull();
      const ok = await get(port, '/predict?x=1.5,-2');
      expect(ok.status).toBe(200);
      expect(Number.isFinite(JSON.parse(ok.body).y)).toBe(true);
    };
    // A slow client that never finishes its headers, held open while the others are served.
    const slow = raw(port, ['GET /status HTTP/1.1\r\nHost: x\r\n'], { end: 'keep', ms: 2000 });
    const cases: [string, Promise<number>, number][] = [
      ['a garbage request line', raw(port, ['GARBAGE\r\n\r\n']), 400],
      ['binary garbage', raw(port, [Buffer.from([0, 1, 2, 255, 13, 10, 13, 10])]), 400],
      ['a URL that does not parse', raw(port, ['GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']), 400],
      ['an absolute URL with a bad port', raw(port, ['GET http://a:99999/predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']), 400],
      ['bad percent-encoding', raw(port, ['GET /predict?x=%E0%A4%A,%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']), 400],
      ['an unknown path', raw(port, ['GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']), 404],
      ['a wrong method', raw(port, ['DELETE /predict HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']), 405],
      ['headers over the limit', raw(port, [`GET /status HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`]), 431],
      [
        'a declared body over 1 MiB',
        raw(port, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n{']),
        413,
      ],
      [
        'a chunked body over 1 MiB',
        raw(port, [
          'POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n',
          ...Array.from({ length: 20 }, () => `10000\r\n${' '.repeat(0x10000)}\r\n`),
          '0\r\n\r\n',
        ]),
        413,
      ],
      [
        'an aborted body',
        raw(port, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"x":'], { end: 'destroy' }),
        0,
      ],
      [
        'a body shorter than declared',
        raw(port, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"x":']),
        400,
      ],
    ];
    for (const [name, response, status] of cases) expect([name, await response]).toEqual([name, status]);
    expect(await slow).toBe(0); // still waiting on its headers, and the others were answered
    const bodies: [string, string | Buffer, string, number][] = [
      ['invalid JSON', '{"x": [1, 2', 'application/json', 400],
      ['JSON that is not an object', '[1, 2]', 'application/json', 400],
      ['no x', '{"y": 1}', 'application/json', 400],
      ['x of the wrong length', '{"x": [1, 2, 3]}', 'application/json', 400],
      ['x of strings', '{"x": ["1", "2"]}', 'application/json', 400],
      ['ragged rows', '{"x": [[1, 2], [3]]}', 'application/json', 400],
      ['an overflowing number', '{"x": [1e999, 2]}', 'application/json', 400],
      ['deep nesting', '{"x": ' + '['.repeat(100000) + ']'.repeat(100000) + '}', 'application/json', 400],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'application/json', 400],
      ['a wrong content type', '{"x": [1, 2]}', 'text/plain', 415],
    ];
    for (const [name, body, type, status] of bodies) expect([name, (await post(port, body, type)).status]).toEqual([name, status]);
    await alive();
    const batch = await post(port, '{"x": [[1.5, -2], [0, 0]]}');
    expect(batch.status).toBe(200);
    expect(JSON.parse(batch.body).y).toHaveLength(2);
    expect((await post(port, '{"x": [1.5, -2]}')).status).toBe(200);
  } finally {
    child.kill();
  }
});

test('examples/server.mjs answers while it trains, then predicts y = 2 x0 - 3.4 x1 + 4.2', async () => {
  const { child, port } = await startServer();
  try {
    const early = await get(port, '/status');
    expect(early.status).toBe(200);
    for (let i = 0; i < 200; i++) {
      const s = JSON.parse((await get(port, '/status')).body);
      if (!s.training) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pred = JSON.parse((await get(port, '/predict?x=1.5,-2')).body);
    expect(pred.y).toBeCloseTo(14, 1);
    expect((await get(port, '/predict?x=oops')).status).toBe(400);
  } finally {
    child.kill();
  }
});

test("examples/server.mjs --model serves a classifier trained in PyTorch with PyTorch's probabilities", async () => {
  // scripts/pytorch_classify.py --save wrote the model and --predictions PyTorch's answers.
  const fx = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'models', 'pytorch_mlp_predictions.json'), 'utf8')) as {
    x: number[][];
    proba: number[][];
    labels: string[];
  };
  const { child, port } = await startServer('--model', path.join(dir, 'data', 'breast_cancer_pytorch_mlp.safetensors'));
  try {
    const info = JSON.parse((await get(port, '/status')).body) as { model: string; features: string[]; labels: string[] };
    expect(info.model).toBe('MLP');
    expect(info.features).toHaveLength(30);
    expect(info.labels).toEqual(fx.labels);
    const many = JSON.parse((await post(port, JSON.stringify({ x: fx.x }))).body) as { y: string[]; p: number[][] };
    fx.proba.forEach((row, i) => {
      row.forEach((v, j) => expect(Math.abs(many.p[i][j] - v)).toBeLessThan(1e-5));
      expect(many.y[i]).toBe(fx.labels[row.indexOf(Math.max(...row))]);
    });
    const one = JSON.parse((await get(port, `/predict?x=${fx.x[1].join(',')}`)).body) as { y: string; p: number[] };
    expect(one.y).toBe(many.y[1]);
    one.p.forEach((v, j) => expect(Math.abs(v - many.p[1][j])).toBeLessThan(1e-6)); // a batch of 1 sums in another order
    expect((await get(port, '/predict?x=1,2')).status).toBe(400); // 2 values for 30 features
    expect((await post(port, JSON.stringify({ x: [fx.x[0].slice(1)] }))).status).toBe(400);
  } finally {
    child.kill();
  }
});
