// The examples run as a user would run them, and give the tutorial's answers.
import { spawn, spawnSync } from 'child_process';
import * as http from 'http';
import * as path from 'path';

const dir = path.join(__dirname, '..', 'examples');

test('examples/tutorial.mjs reproduces the tutorial', () => {
  const res = spawnSync(process.execPath, [path.join(dir, 'tutorial.mjs')], { encoding: 'utf8' });
  expect(res.status).toBe(0);
  expect(res.stdout).toContain('x.grad = tensor([[4.5000, 4.5000],\n        [4.5000, 4.5000]])');
  expect(res.stdout).toContain('with noGrad: a.grad = tensor(2.)');
  const b = Number(/error in estimating b: (-?[\d.]+)/.exec(res.stdout)![1]);
  expect(Math.abs(b)).toBeLessThan(0.01);
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

test('examples/server.mjs answers while it trains, then predicts y = 2 x0 - 3.4 x1 + 4.2', async () => {
  const child = spawn(process.execPath, [path.join(dir, 'server.mjs'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`server exited: ${out}`)));
    });
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
