// Helpers of the code cache's tests (compile_cache*.test.ts): fresh processes of the built package.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const root = path.join(__dirname, '..', '..');

export interface Status {
  hits: number;
  misses: number;
  file?: string;
  out: unknown;
}

/**
 * Loads the package at `pkg` in a new process (Node options `flags`, environment `env` added,
 * working directory `cwd`), runs `body` (tg in scope) and returns the cache's status with what
 * body returned.
 */
export function run(cacheDir: string | undefined, body = 'null', pkg = root, flags: string[] = [], env: NodeJS.ProcessEnv = {}, cwd?: string): Status {
  const script = `
    const tg = require(${JSON.stringify(path.join(pkg, 'dist', 'cjs', 'index.js'))});
    const { compileCacheStatus } = require(${JSON.stringify(path.join(pkg, 'dist', 'cjs', 'compile_cache.js'))});
    const out = (() => { ${body} })();
    process.stdout.write(JSON.stringify({ ...compileCacheStatus(), out }));`;
  // Coverage or Node's own compile cache in the environment would turn this cache off.
  const e: NodeJS.ProcessEnv = { ...process.env, NODE_V8_COVERAGE: undefined, NODE_COMPILE_CACHE: undefined, ...env };
  for (const k of Object.keys(e)) if (e[k] === undefined) delete e[k];
  if (cacheDir === undefined) delete e.TENSORGRAD_COMPILE_CACHE;
  else e.TENSORGRAD_COMPILE_CACHE = cacheDir;
  const r = spawnSync(process.execPath, [...flags, '-e', script], { env: e, cwd, encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout) as Status;
}

// Trains until the process has used `ms` of CPU time: more than the writer of a cache did.
export const train = (ms: number): string => `
  const g = new tg.Generator().manualSeed(0);
  const x = tg.normal(0, 1, [200, 2], { generator: g });
  const y = x.matmul(tg.tensor([[2], [-3.4]])).add(4.2);
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e3; };
  let losses;
  do losses = new tg.models.LinearRegression(2, { generator: g }).fit(x, y, { epochs: 2, batchSize: 20, lr: 0.05, generator: g }).losses;
  while (cpu() < ${ms});
  return losses.length;`;

/** The CPU time (ms) the cache's writer recorded in its header. */
export function writerWork(file: string): number {
  const buf = fs.readFileSync(file);
  const start = 'tensorgrad-code-cache-1\n'.length + 4;
  return (JSON.parse(buf.toString('utf8', start, start + buf.readUInt32LE(start - 4))) as { work: number }).work;
}

export function cacheFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.bin'));
}

/** A copy of the package's dist/ and bin/ at `dir`, with the rest (the addon, node_modules) linked. */
export function copyPackage(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.cpSync(path.join(root, 'bin'), path.join(dir, 'bin'), { recursive: true }); // a link would run the original's dist
  for (const f of ['package.json', 'binding.gyp', 'build', 'node_modules']) fs.symlinkSync(path.join(root, f), path.join(dir, f));
  return dir;
}
