// The code cache (lib/compile_cache.ts) where the environment works against it: other require
// hooks, a frozen Module.prototype, two copies of the package, a FIFO for a cache file, coverage,
// the CLI and the library sharing a file, and a directory that fills up.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheFiles, copyPackage, root, run } from './compile_cache_helpers';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cch-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A preload script (node -r) with this source. */
function preload(name: string, source: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, source);
  return file;
}

describe('compile cache, hostile environments', () => {
  test('a changed module wrapper (as rewire makes) compiles anew: the key is the wrapped source', () => {
    const cache = path.join(tmp, 'cache');
    const tag = (t: string) => preload(`tag_${t}.js`, `const M = require('module'); const w = M.wrap; M.wrap = (s) => w("globalThis.__tag = '${t}';" + s);`);
    expect(run(cache, 'return globalThis.__tag', root, ['-r', tag('AAAA')]).out).toBe('AAAA');
    expect(run(cache, 'return globalThis.__tag', root, ['-r', tag('BBBB')])).toMatchObject({ hits: 0, out: 'BBBB' });
  });

  test('a frozen Module.prototype leaves loading to Node, and the package works', () => {
    const freeze = preload('freeze.js', "Object.freeze(require('module').prototype);");
    const r = run(path.join(tmp, 'cache'), 'return tg.tensor([1, 2]).sum().item()', root, ['-r', freeze]);
    expect(r.file).toBeUndefined();
    expect(r.out).toBe(3);
  });

  test('two copies of the package loaded in one tick both leave the compile chain afterwards', () => {
    const other = copyPackage(path.join(tmp, 'other'));
    const body = `
      const before = require('module').prototype._compile;
      const a = require(${JSON.stringify(path.join(root, 'dist', 'cjs', 'index.js'))});
      const b = require(${JSON.stringify(path.join(other, 'dist', 'cjs', 'index.js'))});
      const during = require('module').prototype._compile !== before;
      setTimeout(() => console.log(JSON.stringify([during, require('module').prototype._compile === before, a.Tensor !== b.Tensor])));`;
    const r = spawnSync(process.execPath, ['-e', body], { env: { ...process.env, TENSORGRAD_COMPILE_CACHE: path.join(tmp, 'cache') }, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(JSON.parse(r.stdout)).toEqual([true, true, true]);
  });

  const linux = process.platform === 'linux' ? test : test.skip;
  linux('a FIFO in place of the cache file is passed over, not read (reading it would hang)', () => {
    const name = path.basename(run(path.join(tmp, 'a')).file!);
    const dir = path.join(tmp, 'b');
    fs.mkdirSync(dir, { mode: 0o700 });
    expect(spawnSync('mkfifo', [path.join(dir, name)]).status).toBe(0);
    const r = run(dir, 'return tg.ones([3]).sum().item()');
    expect(r).toMatchObject({ hits: 0, out: 3 });
    expect(fs.lstatSync(path.join(dir, name)).isFile()).toBe(true); // replaced by a cache at exit
  });

  const policies = process.allowedNodeEnvironmentFlags.has('--experimental-policy') ? test : test.skip;
  policies("under a Node policy the cache is off: the policy's integrity checks run in Node's compile step", () => {
    const policy = path.join(tmp, 'policy.json');
    fs.writeFileSync(policy, JSON.stringify({ onerror: 'log', resources: {} }));
    const script = `require(${JSON.stringify(root)}); console.log(JSON.stringify(require(${JSON.stringify(path.join(root, 'dist', 'cjs', 'compile_cache.js'))}).compileCacheStatus()))`;
    const env = { ...process.env, TENSORGRAD_COMPILE_CACHE: path.join(tmp, 'cache') };
    const r = spawnSync(process.execPath, [`--experimental-policy=${policy}`, '-e', script], { env, encoding: 'utf8' });
    expect(r.status).toBe(0); // the policy logs each unlisted file to stderr and goes on
    expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ hits: 0, misses: 0 });
  });

  test('with coverage on (NODE_V8_COVERAGE) the cache is off: cached code loses block counts', () => {
    const r = run(path.join(tmp, 'cache'), 'return 1', root, [], { NODE_V8_COVERAGE: path.join(tmp, 'coverage') });
    expect(r.file).toBeUndefined();
  });

  test('the CLI and the library share one file: each keeps the entries of modules it did not load', () => {
    const cache = path.join(tmp, 'cache');
    const cli = () => {
      const r = spawnSync(process.execPath, [path.join(root, 'bin', 'tensorgrad.js'), 'linreg', '--epochs', '1'], {
        env: { ...process.env, TENSORGRAD_COMPILE_CACHE: cache },
        encoding: 'utf8',
      });
      expect([r.status, r.stderr]).toEqual([0, '']);
    };
    const modules = run(cache).misses;
    cli(); // compiles the CLI's own modules anew and writes them beside the library's
    expect(run(cache)).toMatchObject({ hits: modules, misses: 0 });
    cli();
    expect(run(cache)).toMatchObject({ hits: modules, misses: 0 });
    expect(cacheFiles(cache)).toHaveLength(1);
  });

  test("a write prunes the directory: at most 8 cache files, no stale temporary files, nobody else's files", () => {
    const cache = path.join(tmp, 'cache');
    fs.mkdirSync(cache, { mode: 0o700 });
    const old = Date.now() / 1e3 - 3600;
    for (let i = 0; i < 10; i++) {
      const f = path.join(cache, `tgcc-old-${i}.bin`);
      fs.writeFileSync(f, 'x');
      fs.utimesSync(f, old + i, old + i);
    }
    const tmpFile = path.join(cache, 'tgcc-x.bin.123.abc.tmp');
    fs.writeFileSync(tmpFile, 'partial');
    fs.utimesSync(tmpFile, old, old);
    const fresh = path.join(cache, 'tgcc-y.bin.456.def.tmp');
    fs.writeFileSync(fresh, 'being written');
    fs.writeFileSync(path.join(cache, 'mine.bin'), 'a user file');
    const file = run(cache).file!;
    const left = fs.readdirSync(cache).sort();
    expect(left.filter((f) => f.startsWith('tgcc-') && f.endsWith('.bin'))).toEqual(
      [path.basename(file), ...[3, 4, 5, 6, 7, 8, 9].map((i) => `tgcc-old-${i}.bin`)].sort(),
    );
    expect(left).toContain('mine.bin');
    expect(left).toContain(path.basename(fresh));
    expect(left).not.toContain(path.basename(tmpFile));
  });
});
