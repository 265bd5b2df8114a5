// A CI-sized soak: 20,000 tutorial training steps in a fresh process with --expose-gc. Memory
// must stay flat: RSS grows by less than 50 MB after warm-up and tg.memory() returns to its start.
import { spawnSync } from 'child_process';
import * as path from 'path';

test('the training loop does not leak', () => {
  const res = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, '..', '..', 'bench', 'soak.js'), '20000'], { encoding: 'utf8' });
  expect(res.status).toBe(0);
  const report = JSON.parse(res.stdout.trim().split('\n').pop()!);
  expect(report.rssGrowthMB).toBeLessThan(50);
  expect(report.memoryAfter).toEqual(report.memoryBefore);
}, 120000);
