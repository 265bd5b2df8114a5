// The only file that loads the addon. Typed arrays go to the addon as arguments; shapes,
// strides, offsets, op codes and scalars go through one Float64Array of metadata shared with it
// (read in place by native/napi/args.cc): reading JS arrays element by element through N-API
// cost more than the kernels for small tensors. Each wrapper writes the metadata in the order
// its export reads it (native/napi/exports.cc).
import * as fs from 'fs';
import * as path from 'path';
import { TensorError } from './errors';
import type { TypedArray } from './dtype';

type Dims = readonly number[];

/** The addon's own exports: typed arrays as arguments, the rest in the metadata buffer. */
export interface RawAddon {
  init(errorClass: typeof TensorError, meta: Float64Array): void;
  isa(): string;
  cpuIsas(): string[];
  getNumThreads(): number;
  setNumThreads(n: number): void;
  fill(dst: TypedArray): void;
  copy(dst: TypedArray, src: TypedArray): void;
  binary(out: TypedArray, a: TypedArray, b: TypedArray): void;
  compare(out: Uint8Array, a: TypedArray, b: TypedArray): void;
  unary(out: TypedArray, x: TypedArray): void;
  axpy(y: TypedArray, x: TypedArray): void;
  shuffle(state: Int32Array, perm: Int32Array): void;
  sgdStep(param: TypedArray, grad: TypedArray, buf: TypedArray): void;
  adamStep(param: TypedArray, grad: TypedArray, expAvg: TypedArray, expAvgSq: TypedArray, maxExpAvgSq: TypedArray): void;
  where(out: TypedArray, cond: Uint8Array, a: TypedArray, b: TypedArray): void;
  sum(x: TypedArray, out: TypedArray): void;
  argReduce(x: TypedArray, values: TypedArray, indices: Int32Array): void;
  matmul(a: TypedArray, b: TypedArray, out: TypedArray): void;
  indexSelect(x: TypedArray, index: Int32Array, out: TypedArray): void;
  indexAdd(out: TypedArray, index: Int32Array, src: TypedArray): void;
  gather(x: TypedArray, index: Int32Array, out: TypedArray): void;
  scatterAdd(out: TypedArray, index: Int32Array, src: TypedArray): void;
  /** Every job export also has a Promise variant, `<name>Async`, that runs on the addon's executor thread. */
  [async: `${string}Async`]: (...buffers: TypedArray[]) => Promise<void>;
}

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
        'Prebuilt binaries ship for linux-x64 with glibc 2.28 or newer; elsewhere build one from source, once, with ' +
        '"npx tensorgrad build" (needs a C++17 compiler and make, plus cmake or python3). ' +
        `(${(e as Error).message.split('\n')[0]})`,
      'STATE',
    );
  }
}

export const addon = loadAddon();
export const meta = new Float64Array(4096);
addon.init(TensorError, meta);

let p = 0;

// Deferred mode (lib/async.ts): wrappers queue the Async variant of their export instead of
// running it, in order; the promises are collected and awaited by the caller.
let deferred: Promise<void>[] | null = null;

export function beginDeferred(): void {
  deferred = [];
}

export function endDeferred(): Promise<void>[] {
  const jobs = deferred ?? [];
  deferred = null;
  return jobs;
}

/** True while an async op is being queued: JS fast paths must not touch tensor data then. */
export function deferring(): boolean {
  return deferred !== null;
}

function dims(d: Dims): void {
  meta[p++] = d.length;
  for (let i = 0; i < d.length; i++) meta[p++] = d[i];
}
function geometry(strides: Dims, offset: number): void {
  dims(strides);
  meta[p++] = offset;
}
// The metadata of binary and compare: op, shape, then out's, a's and b's geometry.
function threeOperandMeta(op: number, shape: Dims, os: Dims, oo: number, as: Dims, ao: number, bs: Dims, bo: number): void {
  p = 0;
  meta[p++] = op;
  dims(shape);
  geometry(os, oo);
  geometry(as, ao);
  geometry(bs, bo);
}

/** Typed wrappers over the addon, one per export, in the argument order of the old API. */
export const native = {
  isa: (): string => addon.isa(),
  cpuIsas: (): string[] => addon.cpuIsas(),
  getNumThreads: (): number => addon.getNumThreads(),
  setNumThreads: (n: number): void => addon.setNumThreads(n),

  fill(shape: Dims, dst: TypedArray, strides: Dims, offset: number, value: number): void {
    p = 0;
    dims(shape);
    geometry(strides, offset);
    meta[p++] = value;
    if (deferred !== null) deferred.push(addon.fillAsync(dst));
    else addon.fill(dst);
  },

  /** copy, always run now (reads of a tensor's data must not be deferred). */
  copyNow(shape: Dims, dst: TypedArray, dstStrides: Dims, dstOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    p = 0;
    dims(shape);
    geometry(dstStrides, dstOffset);
    geometry(srcStrides, srcOffset);
    addon.copy(dst, src);
  },

  copy(shape: Dims, dst: TypedArray, dstStrides: Dims, dstOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    p = 0;
    dims(shape);
    geometry(dstStrides, dstOffset);
    geometry(srcStrides, srcOffset);
    if (deferred !== null) deferred.push(addon.copyAsync(dst, src));
    else addon.copy(dst, src);
  },

  binary(
    op: number, shape: Dims,
    out: TypedArray, outStrides: Dims, outOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void {
    threeOperandMeta(op, shape, outStrides, outOffset, aStrides, aOffset, bStrides, bOffset);
    if (deferred !== null) deferred.push(addon.binaryAsync(out, a, b));
    else addon.binary(out, a, b);
  },

  compare(
    op: number, shape: Dims,
    out: Uint8Array, outStrides: Dims, outOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void {
    threeOperandMeta(op, shape, outStrides, outOffset, aStrides, aOffset, bStrides, bOffset);
    if (deferred !== null) deferred.push(addon.compareAsync(out, a, b));
    else addon.compare(out, a, b);
  },

  unary(op: number, shape: Dims, out: TypedArray, outStrides: Dims, outOffset: number, x: TypedArray, xStrides: Dims, xOffset: number): void {
    p = 0;
    meta[p++] = op;
    dims(shape);
    geometry(outStrides, outOffset);
    geometry(xStrides, xOffset);
    if (deferred !== null) deferred.push(addon.unaryAsync(out, x));
    else addon.unary(out, x);
  },

  /** y[yOffset + i] += alpha * x[xOffset + i] for i < n (contiguous, same float dtype). */
  axpy(n: number, alpha: number, y: TypedArray, yOffset: number, x: TypedArray, xOffset: number): void {
    p = 0;
    meta[p++] = n;
    meta[p++] = alpha;
    meta[p++] = yOffset;
    meta[p++] = xOffset;
    if (deferred !== null) deferred.push(addon.axpyAsync(y, x));
    else addon.axpy(y, x);
  },

  /** Fisher-Yates steps from..to+1 over perm with the generator state (4 int32 words, updated). */
  shuffle(state: Int32Array, perm: Int32Array, from: number, to: number): void {
    p = 0;
    meta[p++] = from;
    meta[p++] = to;
    addon.shuffle(state, perm);
  },

  /** One SGD step over n contiguous elements (native/optim/optim.cc). */
  sgdStep(
    n: number, param: TypedArray, paramOffset: number, grad: TypedArray, gradOffset: number, buf: TypedArray, bufOffset: number,
    h: { lr: number; momentum: number; dampening: number; weightDecay: number; nesterov: boolean; first: boolean },
  ): void {
    p = 0;
    for (const v of [n, paramOffset, gradOffset, bufOffset, h.lr, h.momentum, h.dampening, h.weightDecay, +h.nesterov, +h.first]) meta[p++] = v;
    if (deferred !== null) deferred.push(addon.sgdStepAsync(param, grad, buf));
    else addon.sgdStep(param, grad, buf);
  },

  /** One Adam/AdamW step over n contiguous elements; buffers are [param, grad, expAvg, expAvgSq, maxExpAvgSq]. */
  adamStep(
    n: number, bufs: readonly TypedArray[], offsets: readonly number[],
    h: { lr: number; beta1: number; beta2: number; eps: number; weightDecay: number; amsgrad: boolean; decoupled: boolean; step: number },
  ): void {
    p = 0;
    meta[p++] = n;
    for (const o of offsets) meta[p++] = o;
    for (const v of [h.lr, h.beta1, h.beta2, h.eps, h.weightDecay, +h.amsgrad, +h.decoupled, h.step]) meta[p++] = v;
    if (deferred !== null) deferred.push(addon.adamStepAsync(bufs[0], bufs[1], bufs[2], bufs[3], bufs[4]));
    else addon.adamStep(bufs[0], bufs[1], bufs[2], bufs[3], bufs[4]);
  },

  where(
    shape: Dims, out: TypedArray, outStrides: Dims, outOffset: number,
    cond: Uint8Array, condStrides: Dims, condOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void {
    p = 0;
    dims(shape);
    geometry(outStrides, outOffset);
    geometry(condStrides, condOffset);
    geometry(aStrides, aOffset);
    geometry(bStrides, bOffset);
    if (deferred !== null) deferred.push(addon.whereAsync(out, cond, a, b));
    else addon.where(out, cond, a, b);
  },

  sum(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, reduce: readonly boolean[], out: TypedArray, divisor: number): void {
    p = 0;
    dims(shape);
    geometry(xStrides, xOffset);
    meta[p++] = reduce.length;
    for (let i = 0; i < reduce.length; i++) meta[p++] = reduce[i] ? 1 : 0;
    meta[p++] = divisor;
    if (deferred !== null) deferred.push(addon.sumAsync(x, out));
    else addon.sum(x, out);
  },

  argReduce(kind: number, shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, values: TypedArray, indices: Int32Array): void {
    p = 0;
    meta[p++] = kind;
    dims(shape);
    geometry(xStrides, xOffset);
    meta[p++] = dim;
    if (deferred !== null) deferred.push(addon.argReduceAsync(x, values, indices));
    else addon.argReduce(x, values, indices);
  },

  matmul(
    aShape: Dims, a: TypedArray, aStrides: Dims, aOffset: number, bShape: Dims, b: TypedArray, bStrides: Dims, bOffset: number,
    out: TypedArray, outOffset = 0,
  ): void {
    p = 0;
    dims(aShape);
    geometry(aStrides, aOffset);
    dims(bShape);
    geometry(bStrides, bOffset);
    meta[p++] = outOffset;
    if (deferred !== null) deferred.push(addon.matmulAsync(a, b, out));
    else addon.matmul(a, b, out);
  },

  indexSelect(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, index: Int32Array, out: TypedArray): void {
    p = 0;
    dims(shape);
    geometry(xStrides, xOffset);
    meta[p++] = dim;
    if (deferred !== null) deferred.push(addon.indexSelectAsync(x, index, out));
    else addon.indexSelect(x, index, out);
  },

  indexAdd(outShape: Dims, out: TypedArray, dim: number, index: Int32Array, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    p = 0;
    dims(outShape);
    meta[p++] = dim;
    geometry(srcStrides, srcOffset);
    if (deferred !== null) deferred.push(addon.indexAddAsync(out, index, src));
    else addon.indexAdd(out, index, src);
  },

  gather(xShape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, indexShape: Dims, index: Int32Array, indexStrides: Dims, indexOffset: number, out: TypedArray): void {
    p = 0;
    dims(xShape);
    geometry(xStrides, xOffset);
    meta[p++] = dim;
    dims(indexShape);
    geometry(indexStrides, indexOffset);
    if (deferred !== null) deferred.push(addon.gatherAsync(x, index, out));
    else addon.gather(x, index, out);
  },

  scatterAdd(outShape: Dims, out: TypedArray, dim: number, indexShape: Dims, index: Int32Array, indexStrides: Dims, indexOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    p = 0;
    dims(outShape);
    meta[p++] = dim;
    dims(indexShape);
    geometry(indexStrides, indexOffset);
    geometry(srcStrides, srcOffset);
    if (deferred !== null) deferred.push(addon.scatterAddAsync(out, index, src));
    else addon.scatterAdd(out, index, src);
  },
};

export type NativeAddon = typeof native;
