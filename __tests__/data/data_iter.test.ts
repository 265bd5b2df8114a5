import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('dataIter', () => {
  const x = tg.arange(20).reshape(10, 2);
  const y = tg.arange(10);

  test('in order without shuffle, last batch short', () => {
    const batches = [...tg.data.dataIter(x, y, 4, { shuffle: false })];
    expect(batches.map(([, b]) => flat(b))).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(batches[2][0].toArray()).toEqual([
      [16, 17],
      [18, 19],
    ]);
  });

  test('shuffled: every row once per epoch, rows stay paired with labels, seeded', () => {
    const run = () => [...tg.data.dataIter(x, y, 3, { generator: new tg.Generator().manualSeed(5) })];
    const batches = run();
    const labels = batches.flatMap(([, b]) => flat(b));
    expect([...labels].sort((a, b) => a - b)).toEqual(flat(y));
    expect(labels).not.toEqual(flat(y));
    for (const [xb, yb] of batches) {
      const rows = xb.toArray() as number[][];
      flat(yb).forEach((label, i) => expect(rows[i]).toEqual([2 * label, 2 * label + 1]));
    }
    expect(run().flatMap(([, b]) => flat(b))).toEqual(labels);
  });

  test('errors', () => {
    expectTensorError(() => [...tg.data.dataIter(x, tg.arange(9), 2)], 'SHAPE', 'same number of rows');
    expectTensorError(() => [...tg.data.dataIter(x, y, 0)], 'ARGUMENT', 'batchSize');
  });
});
