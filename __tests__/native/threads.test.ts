import { execFileSync } from 'child_process';
import * as path from 'path';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat, refMatmul, values } from '../helpers';

describe('the thread pool', () => {
  const before = tg.getNumThreads();
  afterAll(() => tg.setNumThreads(before));

  test('results do not depend on the thread count', () => {
    const a = tg.tensor(values(200 * 150, 1), { shape: [200, 150], dtype: 'float64' });
    const b = tg.tensor(values(150 * 170, 2), { shape: [150, 170], dtype: 'float64' });
    const ref = refMatmul(a.dataSync(), b.dataSync(), 1, 200, 150, 170);
    for (const n of [1, 2, 3, 4]) {
      tg.setNumThreads(n);
      expect(tg.getNumThreads()).toBe(n);
      expectClose(flat(a.matmul(b)), ref, 1e-12);
      expectClose(flat(a.t().matmul(a)), refMatmul(a.t().contiguous().dataSync(), a.dataSync(), 1, 150, 200, 150), 1e-12);
      const v = tg.tensor(values(150, 3), { dtype: 'float64' });
      expectClose(flat(a.matmul(v)), refMatmul(a.dataSync(), v.dataSync(), 1, 200, 150, 1), 1e-12);
    }
  });

  test('a batch of small products runs one per thread', () => {
    tg.setNumThreads(2);
    const a = tg.tensor(values(64 * 5 * 7, 4), { shape: [64, 5, 7], dtype: 'float64' });
    const b = tg.tensor(values(64 * 7 * 3, 5), { shape: [64, 7, 3], dtype: 'float64' });
    expectClose(flat(a.bmm(b)), refMatmul(a.dataSync(), b.dataSync(), 64, 5, 7, 3), 1e-12);
  });

  test('TENSORGRAD_NUM_THREADS sets the start value; bad values are refused', () => {
    const out = execFileSync(process.execPath, ['-e', `process.stdout.write(String(require('node-gyp-build')(${JSON.stringify(path.join(__dirname, '..', '..'))}).getNumThreads()))`], {
      env: { ...process.env, TENSORGRAD_NUM_THREADS: '3' },
      encoding: 'utf8',
    });
    expect(out).toBe('3');
    expectTensorError(() => tg.setNumThreads(0), 'ARGUMENT');
    expectTensorError(() => tg.setNumThreads(1.5), 'ARGUMENT');
  });
});
