// Typed entries over the addon's exports, one per export: each writes the metadata in the order
// its export reads it (native/napi/exports.cc) and invokes it. The raw kernels call these.
import type { TypedArray } from '../dtype';
import { addon, beginMeta, invoke, jobs, putDims, putGeometry, putNum, runNow } from './native';

type Dims = readonly number[];

// The metadata of binary and compare: op, shape, then out's, a's and b's geometry.
function threeOperandMeta(op: number, shape: Dims, os: Dims, oo: number, as: Dims, ao: number, bs: Dims, bo: number): void {
  beginMeta();
  putNum(op);
  putDims(shape);
  putGeometry(os, oo);
  putGeometry(as, ao);
  putGeometry(bs, bo);
}

export const native = {
  isa: (): string => addon.isa(),
  cpuIsas: (): string[] => addon.cpuIsas(),
  getNumThreads: (): number => addon.getNumThreads(),
  setNumThreads: (n: number): void => addon.setNumThreads(n),

  fill(shape: Dims, dst: TypedArray, strides: Dims, offset: number, value: number): void {
    beginMeta();
    putDims(shape);
    putGeometry(strides, offset);
    putNum(value);
    invoke(jobs.fill, dst);
  },

  /** copy, always run now (reads of a tensor's data must not be deferred). */
  copyNow(shape: Dims, dst: TypedArray, dstStrides: Dims, dstOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    beginMeta();
    putDims(shape);
    putGeometry(dstStrides, dstOffset);
    putGeometry(srcStrides, srcOffset);
    runNow(jobs.copy, dst, src);
  },

  copy(shape: Dims, dst: TypedArray, dstStrides: Dims, dstOffset: number, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    beginMeta();
    putDims(shape);
    putGeometry(dstStrides, dstOffset);
    putGeometry(srcStrides, srcOffset);
    invoke(jobs.copy, dst, src);
  },

  binary(
    op: number,
    shape: Dims,
    out: TypedArray,
    outStrides: Dims,
    outOffset: number,
    a: TypedArray,
    aStrides: Dims,
    aOffset: number,
    b: TypedArray,
    bStrides: Dims,
    bOffset: number,
  ): void {
    threeOperandMeta(op, shape, outStrides, outOffset, aStrides, aOffset, bStrides, bOffset);
    invoke(jobs.binary, out, a, b);
  },

  compare(
    op: number,
    shape: Dims,
    out: Uint8Array,
    outStrides: Dims,
    outOffset: number,
    a: TypedArray,
    aStrides: Dims,
    aOffset: number,
    b: TypedArray,
    bStrides: Dims,
    bOffset: number,
  ): void {
    threeOperandMeta(op, shape, outStrides, outOffset, aStrides, aOffset, bStrides, bOffset);
    invoke(jobs.compare, out, a, b);
  },

  unary(op: number, shape: Dims, out: TypedArray, outStrides: Dims, outOffset: number, x: TypedArray, xStrides: Dims, xOffset: number): void {
    beginMeta();
    putNum(op);
    putDims(shape);
    putGeometry(outStrides, outOffset);
    putGeometry(xStrides, xOffset);
    invoke(jobs.unary, out, x);
  },

  /** y[yOffset + i] += alpha * x[xOffset + i] for i < n (contiguous, same float dtype). */
  axpy(n: number, alpha: number, y: TypedArray, yOffset: number, x: TypedArray, xOffset: number): void {
    beginMeta();
    putNum(n);
    putNum(alpha);
    putNum(yOffset);
    putNum(xOffset);
    invoke(jobs.axpy, y, x);
  },

  where(
    shape: Dims,
    out: TypedArray,
    outStrides: Dims,
    outOffset: number,
    cond: Uint8Array,
    condStrides: Dims,
    condOffset: number,
    a: TypedArray,
    aStrides: Dims,
    aOffset: number,
    b: TypedArray,
    bStrides: Dims,
    bOffset: number,
  ): void {
    beginMeta();
    putDims(shape);
    putGeometry(outStrides, outOffset);
    putGeometry(condStrides, condOffset);
    putGeometry(aStrides, aOffset);
    putGeometry(bStrides, bOffset);
    invoke(jobs.where, out, cond, a, b);
  },

  sum(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, reduce: readonly boolean[], out: TypedArray, divisor: number): void {
    beginMeta();
    putDims(shape);
    putGeometry(xStrides, xOffset);
    putNum(reduce.length);
    for (let i = 0; i < reduce.length; i++) putNum(reduce[i] ? 1 : 0);
    putNum(divisor);
    invoke(jobs.sum, x, out);
  },

  activation(op: number, n: number, x: TypedArray, xOffset: number, out: TypedArray, outOffset: number, p0: number, p1: number): void {
    beginMeta();
    putNum(op);
    putNum(n);
    putNum(xOffset);
    putNum(outOffset);
    putNum(p0);
    putNum(p1);
    invoke(jobs.activation, x, out);
  },

  softmax(log: boolean, shape: Dims, dim: number, x: TypedArray, xOffset: number, out: TypedArray, outOffset: number): void {
    beginMeta();
    putNum(log ? 1 : 0);
    putDims(shape);
    putNum(dim);
    putNum(xOffset);
    putNum(outOffset);
    invoke(jobs.softmax, x, out);
  },

  argReduce(kind: number, shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, values: TypedArray, indices: BigInt64Array): void {
    beginMeta();
    putNum(kind);
    putDims(shape);
    putGeometry(xStrides, xOffset);
    putNum(dim);
    invoke(jobs.argReduce, x, values, indices);
  },

  /** var/mean over the middle dim of x seen as [outer, n, inner], contiguous from xOffset. */
  varMean(outer: number, n: number, inner: number, x: TypedArray, xOffset: number, correction: number, v: TypedArray, mean: TypedArray): void {
    beginMeta();
    putNum(outer);
    putNum(n);
    putNum(inner);
    putNum(xOffset);
    putNum(correction);
    invoke(jobs.varMean, x, v, mean);
  },

  cumulative(kind: number, outer: number, n: number, inner: number, x: TypedArray, xOffset: number, out: TypedArray): void {
    beginMeta();
    putNum(kind);
    putNum(outer);
    putNum(n);
    putNum(inner);
    putNum(xOffset);
    invoke(jobs.cumulative, x, out);
  },

  sort(
    outer: number,
    n: number,
    inner: number,
    x: TypedArray,
    xOffset: number,
    descending: boolean,
    stable: boolean,
    values: TypedArray,
    indices: TypedArray,
  ): void {
    beginMeta();
    putNum(outer);
    putNum(n);
    putNum(inner);
    putNum(xOffset);
    putNum(descending ? 1 : 0);
    putNum(stable ? 1 : 0);
    invoke(jobs.sort, x, values, indices);
  },

  topk(
    outer: number,
    n: number,
    inner: number,
    x: TypedArray,
    xOffset: number,
    k: number,
    largest: boolean,
    sorted: boolean,
    values: TypedArray,
    indices: TypedArray,
  ): void {
    beginMeta();
    putNum(outer);
    putNum(n);
    putNum(inner);
    putNum(xOffset);
    putNum(k);
    putNum(largest ? 1 : 0);
    putNum(sorted ? 1 : 0);
    invoke(jobs.topk, x, values, indices);
  },

  matmul(
    aShape: Dims,
    a: TypedArray,
    aStrides: Dims,
    aOffset: number,
    bShape: Dims,
    b: TypedArray,
    bStrides: Dims,
    bOffset: number,
    out: TypedArray,
    outOffset = 0,
  ): void {
    beginMeta();
    putDims(aShape);
    putGeometry(aStrides, aOffset);
    putDims(bShape);
    putGeometry(bStrides, bOffset);
    putNum(outOffset);
    invoke(jobs.matmul, a, b, out);
  },

  indexSelect(shape: Dims, x: TypedArray, xStrides: Dims, xOffset: number, dim: number, index: Int32Array, out: TypedArray): void {
    beginMeta();
    putDims(shape);
    putGeometry(xStrides, xOffset);
    putNum(dim);
    invoke(jobs.indexSelect, x, index, out);
  },

  indexAdd(outShape: Dims, out: TypedArray, dim: number, index: Int32Array, src: TypedArray, srcStrides: Dims, srcOffset: number): void {
    beginMeta();
    putDims(outShape);
    putNum(dim);
    putGeometry(srcStrides, srcOffset);
    invoke(jobs.indexAdd, out, index, src);
  },

  gather(
    xShape: Dims,
    x: TypedArray,
    xStrides: Dims,
    xOffset: number,
    dim: number,
    indexShape: Dims,
    index: Int32Array | BigInt64Array,
    indexStrides: Dims,
    indexOffset: number,
    out: TypedArray,
  ): void {
    beginMeta();
    putDims(xShape);
    putGeometry(xStrides, xOffset);
    putNum(dim);
    putDims(indexShape);
    putGeometry(indexStrides, indexOffset);
    invoke(jobs.gather, x, index, out);
  },

  scatterAdd(
    outShape: Dims,
    out: TypedArray,
    dim: number,
    indexShape: Dims,
    index: Int32Array | BigInt64Array,
    indexStrides: Dims,
    indexOffset: number,
    src: TypedArray,
    srcStrides: Dims,
    srcOffset: number,
  ): void {
    beginMeta();
    putDims(outShape);
    putNum(dim);
    putDims(indexShape);
    putGeometry(indexStrides, indexOffset);
    putGeometry(srcStrides, srcOffset);
    invoke(jobs.scatterAdd, out, index, src);
  },

  luFactor(batch: number, n: number, a: TypedArray, piv: Int32Array, info: Int32Array): void {
    beginMeta();
    putNum(batch);
    putNum(n);
    invoke(jobs.luFactor, a, piv, info);
  },

  luSolve(batch: number, n: number, k: number, trans: boolean, lu: TypedArray, piv: Int32Array, b: TypedArray): void {
    beginMeta();
    putNum(batch);
    putNum(n);
    putNum(k);
    putNum(trans ? 1 : 0);
    invoke(jobs.luSolve, lu, piv, b);
  },

  solve(batch: number, n: number, k: number, trans: boolean, a: TypedArray, aStrides: Dims, aOffset: number, b: TypedArray, info: Int32Array): void {
    beginMeta();
    putNum(batch);
    putNum(n);
    putNum(k);
    putNum(trans ? 1 : 0);
    putGeometry(aStrides, aOffset);
    invoke(jobs.solve, a, b, info);
  },

  cholesky(batch: number, n: number, a: TypedArray, info: Int32Array): void {
    beginMeta();
    putNum(batch);
    putNum(n);
    invoke(jobs.cholesky, a, info);
  },

  qr(batch: number, m: number, n: number, kq: number, a: TypedArray, q: TypedArray): void {
    beginMeta();
    putNum(batch);
    putNum(m);
    putNum(n);
    putNum(kq);
    invoke(jobs.qr, a, q);
  },
};
