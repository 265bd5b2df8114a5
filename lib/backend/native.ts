// The only file that loads the addon. Typed arrays go to the addon as arguments; shapes,
// strides, offsets, op codes and scalars go through one Float64Array of metadata shared with it
// (read in place by native/napi/args.cc): reading JS arrays element by element through N-API
// cost more than the kernels for small tensors. An entry (entries.ts) writes its export's
// metadata with the put* functions, in the order the export reads it (native/napi/exports.cc),
// then calls invoke(), which runs the export now or queues its Async variant.
import * as fs from 'fs';
import * as path from 'path';
import { TensorError } from '../errors';
import { setFreshBufferAdvice, type TypedArray } from '../dtype';
import { deferred } from './deferral';

type Dims = readonly number[];
type Run = (a: TypedArray, b?: TypedArray, c?: TypedArray, d?: TypedArray, e?: TypedArray) => void;
type Queue = (a: TypedArray, b?: TypedArray, c?: TypedArray, d?: TypedArray, e?: TypedArray) => Promise<void>;

/** The addon's exports that run a job: typed arrays as arguments, the rest in the metadata. */
const JOB_NAMES = [
  'fill',
  'copy',
  'binary',
  'compare',
  'unary',
  'axpy',
  'rngUniform',
  'rngNormal',
  'rngExponential',
  'rngRandperm',
  'sgdStep',
  'adamStep',
  'optimStep',
  'where',
  'sum',
  'argReduce',
  'varMean',
  'cumulative',
  'sort',
  'topk',
  'matmul',
  'indexSelect',
  'indexAdd',
  'gather',
  'scatterAdd',
  'activation',
  'softmax',
  'luFactor',
  'luSolve',
  'solve',
  'cholesky',
  'qr',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** The addon's own exports. Every job also has a Promise variant, `<name>Async`, run on the addon's executor thread. */
export type RawAddon = {
  init(errorClass: typeof TensorError, meta: Float64Array): void;
  isa(): string;
  cpuIsas(): string[];
  getNumThreads(): number;
  setNumThreads(n: number): void;
  prepareFreshBuffer?(buf: ArrayBuffer): void;
} & Record<JobName, Run> &
  Record<`${JobName}Async`, Queue>;

/** The package root: the nearest folder above this file that holds binding.gyp. */
function packageRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'binding.gyp'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new TensorError('tensorgrad: cannot find the package root (binding.gyp)', 'STATE');
    dir = up;
  }
  return dir;
}

function loadAddon(): RawAddon {
  const root = packageRoot();
  // TENSORGRAD_ADDON names another build of the addon (the sanitizer build of npm run test:asan).
  const override = process.env.TENSORGRAD_ADDON;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (override) return require(path.resolve(override)) as RawAddon;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('node-gyp-build') as (dir: string) => RawAddon)(root);
  } catch (e) {
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    const libc = process.platform === 'linux' ? (report?.header?.glibcVersionRuntime ? `glibc ${report.header.glibcVersionRuntime}` : 'musl') : '';
    throw new TensorError(
      `tensorgrad: no native addon for ${process.platform}-${process.arch}${libc ? ` (${libc})` : ''} with Node ${process.version}. ` +
        'Prebuilt binaries ship for linux-x64 and linux-arm64 with glibc 2.28 or newer and for win32-x64; elsewhere build one from source, once, with ' +
        '"npx tensorgrad build" (needs a C++17 compiler and make, plus cmake or python3). ' +
        `(${(e as Error).message.split('\n')[0]})`,
      'STATE',
    );
  }
}

export const addon = loadAddon();
export const meta = new Float64Array(4096);
addon.init(TensorError, meta);
// TENSORGRAD_PREFAULT=0 leaves fresh buffers to fault in page by page (an older addon has no
// prepareFreshBuffer).
if (typeof addon.prepareFreshBuffer === 'function' && process.env.TENSORGRAD_PREFAULT !== '0') {
  setFreshBufferAdvice((buf) => addon.prepareFreshBuffer!(buf));
}

/** A job export: its synchronous function and its Promise variant. */
export interface Job {
  readonly run: Run;
  readonly queue: Queue;
}

/** Every job export, looked up once (a named load per call instead of a keyed one). */
export const jobs = Object.fromEntries(
  JOB_NAMES.map((name) => {
    const run = addon[name];
    const queue = addon[`${name}Async`];
    // A stale build (an addon older than this JS) fails here, not at its first call.
    if (typeof run !== 'function' || typeof queue !== 'function') {
      throw new TensorError(`tensorgrad: the native addon has no ${name} export; rebuild it ("npx tensorgrad build")`, 'STATE');
    }
    return [name, { run, queue }];
  }),
) as Record<JobName, Job>;

/**
 * Runs a job on the metadata written since beginMeta(): now, or, while async ops are being
 * queued (lib/async.ts), as its Async variant on the executor thread, in order.
 */
export function invoke(job: Job, a: TypedArray, b?: TypedArray, c?: TypedArray, d?: TypedArray, e?: TypedArray): void {
  if (deferred.jobs !== null) deferred.jobs.push(job.queue(a, b, c, d, e));
  else job.run(a, b, c, d, e);
}

/** Runs a job now even while async ops are being queued (a read that must see the data now). */
export function runNow(job: Job, a: TypedArray, b?: TypedArray, c?: TypedArray): void {
  job.run(a, b, c);
}

// The metadata cursor: beginMeta() resets it, the put* functions append.
let p = 0;

export function beginMeta(): void {
  p = 0;
}
export function putNum(v: number): void {
  meta[p++] = v;
}
export function putDims(d: Dims): void {
  meta[p++] = d.length;
  for (let i = 0; i < d.length; i++) meta[p++] = d[i];
}
export function putGeometry(strides: Dims, offset: number): void {
  putDims(strides);
  meta[p++] = offset;
}
