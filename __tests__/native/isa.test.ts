// Runs the kernel suite once per ISA this CPU supports, forcing each through TENSORGRAD_ISA.
import { execFileSync, spawnSync } from 'child_process';
import * as path from 'path';
import * as tg from '../../lib';

const { cpuIsas } = tg.backendInfo();

describe('kernels on every ISA this CPU has', () => {
  test('dispatch picks the best ISA by default', () => {
    expect(tg.backendInfo().isa).toBe(process.env.TENSORGRAD_ISA || cpuIsas[cpuIsas.length - 1]);
    expect(cpuIsas[0]).toBe('ref');
  });

  test.each(cpuIsas)('%s matches the float64 reference', (isa) => {
    const out = execFileSync(process.execPath, [path.join(__dirname, 'isa_child.js')], {
      env: { ...process.env, TENSORGRAD_ISA: isa },
      encoding: 'utf8',
    });
    const report = JSON.parse(out) as { isa: string; checks: number; failures: string[] };
    expect(report.isa).toBe(isa);
    expect(report.failures).toEqual([]);
    expect(report.checks).toBeGreaterThan(500);
  });

  test('an unsupported TENSORGRAD_ISA falls back to the best one with a warning', () => {
    const bogus = 'not-an-isa';
    const res = spawnSync(
      process.execPath,
      ['-e', `process.stdout.write(require('node-gyp-build')(${JSON.stringify(path.join(__dirname, '..', '..'))}).isa())`],
      { env: { ...process.env, TENSORGRAD_ISA: bogus }, encoding: 'utf8' },
    );
    expect(res.stdout).toBe(cpuIsas[cpuIsas.length - 1]);
    expect(res.stderr).toMatch(/TENSORGRAD_ISA=not-an-isa is not supported/);
  });
});
