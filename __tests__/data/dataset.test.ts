import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('TensorDataset, DataLoader, randomSplit', () => {
  const x = tg.arange(20).reshape(10, 2);
  const y = tg.arange(10, { dtype: 'int32' });
  const ds = new tg.data.TensorDataset(x, y);

  test('TensorDataset rows', () => {
    expect(ds.length).toBe(10);
    const [xi, yi] = ds.get(3);
    expect([flat(xi), yi.item()]).toEqual([[6, 7], 3]);
    expect(flat(ds.get(-1)[0])).toEqual([18, 19]);
    expectTensorError(() => ds.get(10), 'INDEX');
    expectTensorError(() => new tg.data.TensorDataset(x, tg.arange(9)), 'SHAPE', 'Size mismatch');
  });

  test('batches in order, dropLast, length', () => {
    const dl = new tg.data.DataLoader(ds, { batchSize: 4 });
    expect(dl.length).toBe(3);
    expect([...dl].map(([, b]) => flat(b))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    const dropped = new tg.data.DataLoader(ds, { batchSize: 4, dropLast: true });
    expect(dropped.length).toBe(2);
    expect([...dropped]).toHaveLength(2);
  });

  test('seeded shuffling keeps rows paired and covers every row', () => {
    const run = () => [...new tg.data.DataLoader(ds, { batchSize: 3, shuffle: true, generator: new tg.Generator().manualSeed(9) })];
    const batches = run();
    const labels = batches.flatMap(([, b]) => flat(b));
    expect([...labels].sort((a, b) => a - b)).toEqual(flat(y));
    for (const [xb, yb] of batches) flat(yb).forEach((l, i) => expect((xb.toArray() as number[][])[i]).toEqual([2 * l, 2 * l + 1]));
    expect(run().flatMap(([, b]) => flat(b))).toEqual(labels);
  });

  test('for await yields to the event loop between batches', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const seen: number[] = [];
    for await (const [, b] of new tg.data.DataLoader(ds, { batchSize: 2 })) {
      seen.push(...flat(b));
      await new Promise((r) => setTimeout(r, 1));
    }
    clearInterval(timer);
    expect(seen).toEqual(flat(y));
    expect(ticks).toBeGreaterThan(0);
  });

  test('randomSplit: counts or fractions, disjoint, seeded; subsets batch too', () => {
    const [a, b] = tg.data.randomSplit(ds, [7, 3], { generator: new tg.Generator().manualSeed(1) });
    expect([a.length, b.length]).toEqual([7, 3]);
    const all = [...a.indices, ...b.indices].sort((p, q) => p - q);
    expect(all).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const [c, d] = tg.data.randomSplit(ds, [0.5, 0.5]);
    expect([c.length, d.length]).toEqual([5, 5]);
    const rows = [...new tg.data.DataLoader(b, { batchSize: 2 })].flatMap(([xb, yb]) => flat(yb).map((l, i) => [l, ...(xb.toArray() as number[][])[i]]));
    for (const [l, x0, x1] of rows) expect([x0, x1]).toEqual([2 * l, 2 * l + 1]);
    expectTensorError(() => tg.data.randomSplit(ds, [5, 4]), 'ARGUMENT', 'Sum of input lengths');
  });
});

describe('readCsv', () => {
  test('streams a numeric table into a tensor; bad cells name the line', async () => {
    const file = path.join(os.tmpdir(), `tg-csv-${process.pid}.csv`);
    const lines = ['a,"b c",y'];
    for (let i = 0; i < 3000; i++) lines.push(`${i},${i * 0.5},${-i}`);
    fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
    const { columns, values } = await tg.data.readCsv(file);
    expect(columns).toEqual(['a', 'b c', 'y']);
    expect(values.shape).toEqual([3000, 3]);
    expect(flat(values.narrow(0, 2999, 1))).toEqual([2999, 1499.5, -2999]);
    fs.writeFileSync(file, 'a,b\n1,2\n3,x\n');
    await expect(tg.data.readCsv(file)).rejects.toThrow(/:3: column 'b' is not a number: 'x'/);
    fs.unlinkSync(file);
    await expect(tg.data.readCsv(file)).rejects.toMatchObject({ code: 'IO' });
  });
});
