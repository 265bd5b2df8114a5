// Kernel outputs above the pooled sizes start unzeroed (lib/dtype.ts allocateUninit); with glibc
// filling fresh allocations with a pattern, every such op must still produce exact results.
import { execFileSync } from 'child_process';
import * as path from 'path';

test('ops writing unzeroed outputs write every element', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'uninit_child.js')], {
    env: { ...process.env, MALLOC_PERTURB_: '165' },
    encoding: 'utf8',
  });
  const report = JSON.parse(out) as { garbage: boolean; checks: number; failures: string[] };
  expect(report.garbage).toBe(true); // the pattern is there, so a skipped element would show
  expect(report.failures).toEqual([]);
  expect(report.checks).toBe(12);
});
