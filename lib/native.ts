// The only file that loads the addon. Argument order mirrors native/napi/exports.cc.
import * as fs from 'fs';
import * as path from 'path';
import { TensorError } from './errors';
import type { TypedArray } from './dtype';

type Dims = readonly number[];

export interface NativeAddon {
  init(errorClass: typeof TensorError): void;
  isa(): string;
  cpuIsas(): string[];
  getNumThreads(): number;
  setNumThreads(n: number): void;
  fill(shape: Dims, dst: TypedArray, strides: Dims, offset: number, value: number): void;
  copy(shape: Dims, dst: TypedArray, dstStrides: Dims, dstOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void;
  binary(
    op: number, shape: Dims,
    out: TypedArray, outStrides: Dims, outOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void;
  unary(op: number, shape: Dims, out: TypedArray, outStrides: Dims, outOffset: number, x: TypedArray, xStrides: Dims, xOffset: number): void;
  sum(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, reduceFlags: Dims, out: TypedArray, scale: number): void;
  matmul(aShape: Dims, a: TypedArray, aStrides: Dims, aOffset: number, bShape: Dims, b: TypedArray, bStrides: Dims, bOffset: number, out: TypedArray): void;
  indexSelect(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, index: Int32Array, out: TypedArray): void;
  compare(
    op: number, shape: Dims,
    out: Uint8Array, outStrides: Dims, outOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void;
  where(
    shape: Dims, out: TypedArray, outStrides: Dims, outOffset: number,
    cond: Uint8Array, condStrides: Dims, condOffset: number,
    a: TypedArray, aStrides: Dims, aOffset: number,
    b: TypedArray, bStrides: Dims, bOffset: number,
  ): void;
  argReduce(kind: number, shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, values: TypedArray, indices: Int32Array): void;
  gather(xShape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, indexShape: Dims, index: Int32Array, indexStrides: Dims, indexOffset: number, out: TypedArray): void;
  scatterAdd(outShape: Dims, out: TypedArray, dim: number, indexShape: Dims, index: Int32Array, indexStrides: Dims, indexOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void;
  indexAdd(outShape: Dims, out: TypedArray, dim: number, index: Int32Array, src: TypedArray, srcStrides: Dims, srcOffset: number): void;
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

function load(): NativeAddon {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nodeGypBuild = require('node-gyp-build') as (dir: string) => NativeAddon;
  const addon = nodeGypBuild(packageRoot());
  addon.init(TensorError);
  return addon;
}

export const native: NativeAddon = load();
