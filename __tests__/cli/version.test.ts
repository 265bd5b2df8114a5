// `tensorgrad --version` prints package.json's version, from the sources and from the built bin.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { main } from '../../lib/cli/main';

const root = path.join(__dirname, '..', '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

describe('tensorgrad --version', () => {
  test.each([['--version'], ['-v'], ['linreg', '--version']])('%s prints the version alone and exits 0', async (...args) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), tty: false });
    expect(code).toBe(0);
    expect(out).toEqual([version]);
    expect(err).toEqual([]);
  });

  test('the bin prints it too', () => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'tensorgrad.js'), '--version'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`${version}\n`);
    expect(version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('--help lists it', async () => {
    const out: string[] = [];
    await main(['--help'], { out: (l) => out.push(l), tty: false });
    expect(out.join('\n')).toMatch(/-v, --version/);
  });
});
