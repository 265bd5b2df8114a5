// The code cache of the package's own modules (lib/compile_cache.ts), in fresh processes of the
// built package: written by one, used by the next, and never running stale or foreign code.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { cacheFiles, copyPackage, root, run, train, writerWork } from './compile_cache_helpers';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-cc-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('compile cache', () => {
  test('the first process writes it (0600, one file); the next compiles every module from it', () => {
    const first = run(tmp);
    const modules = first.misses; // every module index.js loads but compile_cache.js itself
    expect(first.hits).toBe(0);
    expect(modules).toBeGreaterThan(100);
    const [file] = cacheFiles(tmp);
    expect(cacheFiles(tmp)).toHaveLength(1);
    expect(path.join(tmp, file)).toBe(first.file);
    if (process.platform !== 'win32') expect(fs.statSync(first.file!).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(first.file!).subarray(0, 23).toString()).toBe('tensorgrad-code-cache-1');

    const second = run(tmp, 'return tg.tensor([1, 2]).add(1).tolist()');
    expect(second).toMatchObject({ hits: modules, misses: 0, out: [2, 3] });
    expect(fs.readdirSync(tmp)).toEqual([file]); // no temporary file left behind
  });

  test('a longer process adds what it compiled; a short one leaves the file alone', () => {
    const modules = run(tmp).misses;
    const file = path.join(tmp, cacheFiles(tmp)[0]);
    const loadOnly = fs.statSync(file).size;
    expect(writerWork(file)).toBeGreaterThan(0);
    expect(run(tmp, train(3 * writerWork(file) + 100)).out).toBe(2);
    const trained = fs.statSync(file).size;
    expect(trained).toBeGreaterThan(loadOnly * 1.05); // fit's functions, compiled lazily, now in it
    const before = fs.readFileSync(file);
    expect(run(tmp).hits).toBe(modules);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  test('a module edited to the same length runs its new code (V8 alone would take the old)', () => {
    // A copy of the package whose data_iter.js changes one word of an error message.
    const pkg = copyPackage(path.join(tmp, 'pkg'));
    const cache = path.join(tmp, 'cache');
    const message = 'try { tg.data.dataIter(1, 2, 3); } catch (e) { return e.message; }';
    const first = run(cache, message, pkg);
    expect(first.out).toBe('dataIter: samples and labels must be Tensors');
    expect(run(cache, message, pkg)).toMatchObject({ misses: 0, out: 'dataIter: samples and labels must be Tensors' });

    const src = path.join(pkg, 'dist', 'cjs', 'data', 'data_iter.js');
    const text = fs.readFileSync(src, 'utf8');
    fs.writeFileSync(src, text.replace('must be Tensors', 'must be TENSORS'));
    expect(fs.statSync(src).size).toBe(Buffer.byteLength(text));
    expect(run(cache, message, pkg)).toMatchObject({ hits: first.misses - 1, misses: 1, out: 'dataIter: samples and labels must be TENSORS' });
    expect(run(cache, message, pkg)).toMatchObject({ misses: 0, out: 'dataIter: samples and labels must be TENSORS' });
  });

  test.each([
    ['garbage', () => Buffer.from('not a cache at all')],
    ['a truncated file', (good: Buffer) => good.subarray(0, good.length >> 1)],
    ['a damaged blob', (good: Buffer) => Buffer.concat([good.subarray(0, good.length - 100), Buffer.alloc(100, 0x5a)])],
    // the first blob's length, written as 9s in as many digits: the header keeps its own length
    [
      'a header that lies about lengths',
      (good: Buffer) =>
        Buffer.from(
          good.toString('latin1').replace(/("files":\[\["[^"]+",\d+,)(\d+)/, (_m, head: string, n: string) => head + '9'.repeat(n.length)),
          'latin1',
        ),
    ],
    ['an empty file', () => Buffer.alloc(0)],
  ])('%s is ignored and replaced by a good cache', (_name, damage) => {
    const modules = run(tmp).misses;
    const file = path.join(tmp, cacheFiles(tmp)[0]);
    const good = fs.readFileSync(file);
    const bad = damage(good);
    expect(bad.equals(good)).toBe(false);
    fs.writeFileSync(file, bad);
    expect(run(tmp, 'return tg.tensor([[1, 2]]).matmul(tg.tensor([[3], [4]])).item()')).toMatchObject({ hits: 0, misses: modules, out: 11 });
    expect(run(tmp)).toMatchObject({ hits: modules, misses: 0 });
  });

  test.each(['0', 'off', 'false', 'NO', 'relative/dir', './x'])(
    'TENSORGRAD_COMPILE_CACHE=%s turns it off, making nothing in the working directory',
    (value) => {
      const r = run(value, 'return process.cwd()', root, [], {}, tmp);
      expect(r.file).toBeUndefined();
      expect([r.hits, r.misses, r.out]).toEqual([0, 0, tmp]);
      expect(fs.readdirSync(tmp)).toEqual([]);
    },
  );

  test.each(['1', 'yes', 'ON', ' '])('TENSORGRAD_COMPILE_CACHE=%j is the default directory', (value) => {
    expect(path.dirname(run(value).file!)).toBe(path.dirname(run(undefined).file!));
  });

  const posix = process.platform === 'win32' || process.getuid === undefined ? test.skip : test;
  posix('a directory that others may write, or a link, is not used', () => {
    const open = path.join(tmp, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    expect(run(open).file).toBeUndefined();
    expect(fs.readdirSync(open)).toEqual([]);

    const real = path.join(tmp, 'real');
    fs.mkdirSync(real, { mode: 0o700 });
    fs.symlinkSync(real, path.join(tmp, 'link'));
    expect(run(path.join(tmp, 'link')).file).toBeUndefined();
    expect(fs.readdirSync(real)).toEqual([]);
  });

  test('a path that is a file leaves loading as it was', () => {
    const file = path.join(tmp, 'file');
    fs.writeFileSync(file, 'x');
    const r = run(file, 'return tg.ones([2]).sum().item()');
    expect(r.file).toBeUndefined();
    expect(r.out).toBe(2);
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  test('the default directory is private to the user', () => {
    const r = run(undefined);
    expect(r.file).toBeDefined();
    const dir = path.dirname(r.file!);
    expect(path.dirname(dir)).toBe(os.tmpdir());
    if (process.getuid) {
      expect(path.basename(dir)).toBe(`tensorgrad-compile-cache-${process.getuid()}`);
      const st = fs.lstatSync(dir);
      expect(st.isDirectory() && st.uid === process.getuid() && (st.mode & 0o022) === 0).toBe(true); // as the code requires
    }
  });

  test('modules compiled from it keep require, module and __filename as Node gives them', () => {
    run(tmp);
    const body = `
      const m = require.cache[require.resolve(${JSON.stringify(path.join(root, 'dist', 'cjs', 'tensor.js'))})];
      return [m.loaded, m.filename === ${JSON.stringify(path.join(root, 'dist', 'cjs', 'tensor.js'))}, m.exports.Tensor === tg.Tensor, typeof m.require];`;
    expect(run(tmp, body)).toMatchObject({ misses: 0, out: [true, true, true, 'function'] });
  });

  test("the CLI's --plot still imports its ESM packages from a warm cache (a module with import() keeps Node's compile)", () => {
    const svg = path.join(tmp, 'loss.svg');
    const env = { ...process.env, TENSORGRAD_COMPILE_CACHE: path.join(tmp, 'cache') };
    for (let i = 0; i < 2; i++) {
      const r = spawnSync(process.execPath, [path.join(root, 'bin', 'tensorgrad.js'), 'linreg', '--epochs', '2', '--plot', svg], { env, encoding: 'utf8' });
      expect([r.status, r.stderr]).toEqual([0, '']);
      expect(fs.readFileSync(svg, 'utf8')).toMatch(/^<svg/);
      fs.rmSync(svg);
    }
    expect(cacheFiles(path.join(tmp, 'cache'))).toHaveLength(1);
  });

  test('runs with and without a V8 flag keep a file each instead of rewriting one in turn', () => {
    const modules = run(tmp).misses;
    expect(run(tmp, 'return typeof gc', root, ['--expose-gc'])).toMatchObject({ hits: 0, misses: modules, out: 'function' });
    expect(cacheFiles(tmp)).toHaveLength(2);
    const files = cacheFiles(tmp).map((f) => fs.readFileSync(path.join(tmp, f)));
    expect(run(tmp)).toMatchObject({ hits: modules, misses: 0 });
    expect(run(tmp, 'return typeof gc', root, ['--expose-gc'])).toMatchObject({ hits: modules, misses: 0, out: 'function' });
    expect(cacheFiles(tmp).map((f) => fs.readFileSync(path.join(tmp, f)))).toEqual(files);
  });
});
