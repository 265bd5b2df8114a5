import { execFileSync } from 'child_process';
import * as path from 'path';
import * as tg from '../../lib';
import { copyInto } from '../../lib/backend/raw';
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

  test('large matrix-vector products and row gathers split over threads, same results', () => {
    // Above the row-split thresholds: 3000 x 100 float64 (2.4 MB of A) and a gather of 1000
    // rows of 64 float32 (256 KB).
    const m = tg.tensor(values(3000 * 100, 7), { shape: [3000, 100], dtype: 'float64' });
    const v = tg.tensor(values(100, 8), { dtype: 'float64' });
    const mvRef = refMatmul(m.dataSync(), v.dataSync(), 1, 3000, 100, 1);
    const x = tg.tensor(values(3000 * 64, 9), { shape: [3000, 64] });
    const xd = x.dataSync();
    const idx = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 3000);
    const gatherRef = idx.flatMap((r) => Array.from(xd.subarray(r * 64, r * 64 + 64)));
    for (const n of [1, 2, 3]) {
      tg.setNumThreads(n);
      expectClose(flat(m.matmul(v)), mvRef, 1e-12);
      expect(flat(x.indexSelect(0, idx))).toEqual(gatherRef);
    }
  });

  test('large elementwise ops split over threads; overlapping in-place copies stay serial', () => {
    const n = 300000; // above the split threshold
    const xs = Float32Array.from(values(n, 10));
    const x = tg.tensor(xs);
    const y = tg.tensor(Float32Array.from(values(n, 11)));
    const ysd = y.dataSync();
    const f = Math.fround;
    for (const threads of [1, 2, 3]) {
      tg.setNumThreads(threads);
      expect(flat(x.add(y))).toEqual(Array.from(xs, (v, i) => f(v + ysd[i])));
      expect(flat(x.neg())).toEqual(Array.from(xs, (v) => -v));
      expect(flat(x.to('float64'))).toEqual(Array.from(xs));
      const z = x.clone();
      z.mul_(2); // in place: each element reads exactly what it writes
      expect(flat(z)).toEqual(Array.from(xs, (v) => v * 2));
      // Shifted onto itself: as one forward memmove, whatever the thread count. copy_ refuses
      // this partial overlap as PyTorch does, so the raw copy is driven directly.
      const w = x.clone();
      copyInto(w.narrow(0, 1, n - 1), w.narrow(0, 0, n - 1));
      const wd = w.dataSync();
      expect(wd[0]).toBe(xs[0]);
      expect(Array.from(wd.subarray(1))).toEqual(Array.from(xs.subarray(0, n - 1)));
    }
  });

  test('large sums are split over threads and give the same bits at every thread count', () => {
    // 600 x 300 float32 (above the threaded-sum threshold), summed every way, against float64.
    const rows = 600,
      cols = 300;
    const data = values(rows * cols, 6);
    const x = tg.tensor(data, { shape: [rows, cols] });
    const xd = x.dataSync();
    const ref = (keep: 'rows' | 'cols' | 'none'): number[] => {
      const out = new Array(keep === 'rows' ? rows : keep === 'cols' ? cols : 1).fill(0);
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[keep === 'rows' ? i : keep === 'cols' ? j : 0] += xd[i * cols + j];
      return out;
    };
    const cases: [string, () => tg.Tensor, number[]][] = [
      ['sum()', () => x.sum(), ref('none')],
      ['sum(0)', () => x.sum(0), ref('cols')],
      ['sum(1)', () => x.sum(1), ref('rows')],
      ['t().sum(0)', () => x.t().sum(0), ref('rows')],
      ['t().sum(1)', () => x.t().sum(1), ref('cols')],
      ['mean(0)', () => x.mean(0), ref('cols').map((v) => v / rows)],
    ];
    for (const [what, f, expected] of cases) {
      const bits: number[][] = [];
      for (const n of [1, 2, 3]) {
        tg.setNumThreads(n);
        const got = flat(f());
        expect([what, n, got.length]).toEqual([what, n, expected.length]);
        expectClose(got, expected, 1e-4);
        bits.push(got);
      }
      expect(bits[1]).toEqual(bits[0]);
      expect(bits[2]).toEqual(bits[0]);
    }
  });

  test('a batch of small products runs one per thread', () => {
    tg.setNumThreads(2);
    const a = tg.tensor(values(64 * 5 * 7, 4), { shape: [64, 5, 7], dtype: 'float64' });
    const b = tg.tensor(values(64 * 7 * 3, 5), { shape: [64, 7, 3], dtype: 'float64' });
    expectClose(flat(a.bmm(b)), refMatmul(a.dataSync(), b.dataSync(), 64, 5, 7, 3), 1e-12);
  });

  test('TENSORGRAD_NUM_THREADS sets the start value; bad values are refused', () => {
    const out = execFileSync(
      process.execPath,
      ['-e', `process.stdout.write(String(require('node-gyp-build')(${JSON.stringify(path.join(__dirname, '..', '..'))}).getNumThreads()))`],
      {
        env: { ...process.env, TENSORGRAD_NUM_THREADS: '3' },
        encoding: 'utf8',
      },
    );
    expect(out).toBe('3');
    expectTensorError(() => tg.setNumThreads(0), 'ARGUMENT');
    expectTensorError(() => tg.setNumThreads(1.5), 'ARGUMENT');
  });
});
