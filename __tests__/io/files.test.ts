// Every file reader takes regular files only and checks their size before reading: a directory,
// a FIFO, /dev/zero, a missing file or one over the 2 GiB cap is an IO TensorError naming the
// file, at once. The readers run in a child process with a timeout, since a reader that blocks
// (a FIFO without writer) or reads forever (/dev/zero) would otherwise hang the test itself.
// TG_PACKAGE=<dir> runs the same checks against another build (e.g. the previous one).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const pkg = process.env.TG_PACKAGE ?? path.join(__dirname, '..', '..');

const CHILD = `
const tg = require(process.argv[1]);
const paths = JSON.parse(process.argv[2]);
const readers = {
  load: (p) => tg.load(p),
  loadWithMetadata: (p) => tg.io.loadWithMetadata(p),
  readNpy: (p) => tg.io.readNpy(p),
  readCsv: (p) => tg.data.readCsv(p),
  'LinearRegression.load': (p) => tg.models.LinearRegression.load(p),
};
(async () => {
  const out = [];
  for (const [kind, p] of Object.entries(paths)) {
    for (const [name, read] of Object.entries(readers)) {
      try {
        await read(p);
        out.push({ kind, name, ok: true });
      } catch (e) {
        out.push({ kind, name, path: p, error: e instanceof tg.TensorError, code: e.code, message: String(e.message) });
      }
    }
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

describe('file readers and writers take regular files only', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-files-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a directory, a FIFO, /dev/zero, a missing file and a 3 GiB file: an IO error naming the file, promptly', () => {
    const paths: Record<string, string> = { directory: dir, missing: path.join(dir, 'missing.bin') };
    const big = path.join(dir, 'big.bin');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 3 * 2 ** 30); // sparse: takes no space
    paths.huge = big;
    if (process.platform !== 'win32') {
      paths.devzero = '/dev/zero';
      const fifo = path.join(dir, 'fifo');
      execFileSync('mkfifo', [fifo]);
      paths.fifo = fifo;
    }
    const res = spawnSync(process.execPath, ['-e', CHILD, pkg, JSON.stringify(paths)], { encoding: 'utf8', timeout: 20000 });
    expect(res.signal).toBeNull(); // not killed by the timeout: every reader returned
    const results = JSON.parse(res.stdout) as { kind: string; name: string; path: string; error: boolean; code: string; message: string }[];
    expect(results).toHaveLength(Object.keys(paths).length * 5);
    for (const r of results) {
      expect(r).toMatchObject({ error: true, code: 'IO' });
      expect(r.message).toContain(r.path);
    }
    const messages = (kind: string) => results.filter((r) => r.kind === kind).map((r) => r.message);
    for (const m of messages('directory')) expect(m).toMatch(/a directory, not a regular file/);
    for (const m of messages('huge')) expect(m).toMatch(/3221225472 bytes is over the limit of 2147483647 bytes/);
    for (const m of messages('missing')) expect(m).toMatch(/ENOENT/);
    if (process.platform !== 'win32') {
      for (const m of messages('fifo')) expect(m).toMatch(/a FIFO, not a regular file/);
      for (const m of messages('devzero')) expect(m).toMatch(/a device, not a regular file/);
    }
  });
  test('writers refuse a FIFO (without blocking on it), a directory and a device: an IO error naming the file', () => {
    const targets: Record<string, string> = { directory: dir };
    if (process.platform !== 'win32') {
      const fifo = path.join(dir, 'wfifo');
      execFileSync('mkfifo', [fifo]);
      Object.assign(targets, { fifo, device: '/dev/null' });
    }
    const child = `
      const tg = require(process.argv[1]);
      const out = [];
      for (const [kind, p] of Object.entries(JSON.parse(process.argv[2]))) {
        for (const [name, write] of Object.entries({
          save: () => tg.save({ a: tg.ones([2]) }, p),
          writeNpy: () => tg.io.writeNpy(p, tg.ones([2])),
          'LinearRegression.save': () => new tg.models.LinearRegression(2).save(p),
        })) {
          try { write(); out.push({ kind, name, ok: true }); }
          catch (e) { out.push({ kind, name, path: p, error: e instanceof tg.TensorError, code: e.code, message: String(e.message) }); }
        }
      }
      process.stdout.write(JSON.stringify(out));`;
    const res = spawnSync(process.execPath, ['-e', child, pkg, JSON.stringify(targets)], { encoding: 'utf8', timeout: 20000 });
    expect(res.signal).toBeNull(); // the FIFO did not block the write
    const results = JSON.parse(res.stdout) as { path: string; error: boolean; code: string; message: string }[];
    expect(results).toHaveLength(Object.keys(targets).length * 3);
    for (const r of results) {
      expect(r).toMatchObject({ error: true, code: 'IO' });
      expect(r.message).toContain(`cannot write ${r.path}`);
    }
    const good = path.join(dir, 'good.safetensors');
    const res2 = spawnSync(process.execPath, ['-e', child, pkg, JSON.stringify({ good })], { encoding: 'utf8', timeout: 20000 });
    expect(JSON.parse(res2.stdout)).toEqual([
      { kind: 'good', name: 'save', ok: true },
      { kind: 'good', name: 'writeNpy', ok: true },
      { kind: 'good', name: 'LinearRegression.save', ok: true },
    ]);
  });
});
