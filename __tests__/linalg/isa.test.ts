// The factorizations on every kernel table this CPU has (TENSORGRAD_ISA in a child process):
// residuals of solve, inv, cholesky and qr across the unblocked/blocked LU switch.
import { execFileSync } from 'child_process';
import * as path from 'path';
import * as tg from '../../lib';

test.each(tg.backendInfo().cpuIsas)('linalg on the %s kernels', (isa) => {
  const out = execFileSync(process.execPath, [path.join(__dirname, 'isa_child.js')], { env: { ...process.env, TENSORGRAD_ISA: isa }, encoding: 'utf8' });
  const report = JSON.parse(out) as { isa: string; worst: Record<string, number> };
  expect(report.isa).toBe(isa);
  expect(Object.keys(report.worst).length).toBe(8);
  for (const [what, err] of Object.entries(report.worst)) expect([what, err < (what.endsWith('float32') ? 1e-3 : 1e-11)]).toEqual([what, true]);
});
