// Tensor methods of the 0.2 reductions: var/std, prod, logsumexp, amax/amin, all/any,
// countNonzero, cumsum/cumprod, topk/sort/argsort, median (thin forwards to the ops).
import { runAsync } from '../async';
import { Tensor } from '../tensor';
import { cumprod, cumsum, type CumulativeOptions } from '../ops/cumulative';
import { all, amax, amin, any, countNonzero, type KeepdimOptions } from '../ops/extremes';
import type { ValuesIndices } from '../ops/pair';
import type { Dim, VarOptions } from '../ops/reduce_args';
import { argsort, median, sort, topk, type SortOptions, type TopkOptions } from '../ops/sorting';
import { logsumexp, prod, std, variance, type ProdOptions } from '../ops/statistics';

declare module '../tensor' {
  interface Tensor {
    /** Variance over `dim` (all dims when omitted), divisor n - correction (PyTorch's var). */
    var(dim?: Dim | VarOptions | null, opts?: VarOptions): Tensor;
    /** Standard deviation (PyTorch's std). */
    std(dim?: Dim | VarOptions | null, opts?: VarOptions): Tensor;
    /** Product of all elements or along `dim` (PyTorch's prod); integers give int64. */
    prod(dim?: number | ProdOptions | null, opts?: ProdOptions): Tensor;
    /** log(sum(exp(x))) over `dim`, computed stably (PyTorch's logsumexp). */
    logsumexp(dim: Dim, opts?: KeepdimOptions): Tensor;
    /** Maximum over `dim` (all dims when omitted), NaN propagating (PyTorch's amax). */
    amax(dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor;
    /** Minimum over `dim` (PyTorch's amin). */
    amin(dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor;
    /** Whether every element (over `dim`) is non-zero (PyTorch's all). */
    all(dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor;
    /** Whether any element (over `dim`) is non-zero (PyTorch's any). */
    any(dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor;
    /** Count of non-zero elements over `dim` (PyTorch's count_nonzero). */
    countNonzero(dim?: Dim | null): Tensor;
    /** Running sum along `dim` (PyTorch's cumsum). */
    cumsum(dim: number, opts?: CumulativeOptions): Tensor;
    /** Running product along `dim` (PyTorch's cumprod). */
    cumprod(dim: number, opts?: CumulativeOptions): Tensor;
    /** The k largest (or smallest) along `dim` (default -1): `{values, indices}` (PyTorch's topk). */
    topk(k: number, dim?: number | TopkOptions, opts?: TopkOptions): ValuesIndices;
    /** Sorted along `dim` (default -1): `{values, indices}` (PyTorch's sort). */
    sort(dim?: number | SortOptions, opts?: SortOptions): ValuesIndices;
    /** Indices that sort along `dim` (PyTorch's argsort). */
    argsort(dim?: number | SortOptions, opts?: SortOptions): Tensor;
    /** Lower median of all elements, or `{values, indices}` along `dim` (PyTorch's median). */
    median(): Tensor;
    median(dim: number, opts?: KeepdimOptions): ValuesIndices;
  }
}

const P = Tensor.prototype;
P.var = function (dim, opts) {
  return variance(this, dim, opts);
};
P.std = function (dim, opts) {
  return std(this, dim, opts);
};
P.prod = function (dim, opts) {
  return prod(this, dim, opts);
};
P.logsumexp = function (dim, opts) {
  return logsumexp(this, dim, opts);
};
P.amax = function (dim, opts) {
  return amax(this, dim, opts);
};
P.amin = function (dim, opts) {
  return amin(this, dim, opts);
};
P.all = function (dim, opts) {
  return all(this, dim, opts);
};
P.any = function (dim, opts) {
  return any(this, dim, opts);
};
P.countNonzero = function (dim) {
  return countNonzero(this, dim);
};
P.cumsum = function (dim, opts) {
  return cumsum(this, dim, opts);
};
P.cumprod = function (dim, opts) {
  return cumprod(this, dim, opts);
};
P.topk = function (k, dim, opts) {
  return topk(this, k, dim, opts);
};
P.sort = function (dim, opts) {
  return sort(this, dim, opts);
};
P.argsort = function (dim, opts) {
  return argsort(this, dim, opts);
};
P.median = function (this: Tensor, dim?: number | null, opts?: KeepdimOptions) {
  return dim === undefined || dim === null ? median(this) : median(this, dim, opts);
} as Tensor['median'];

// Promise variants of the reductions that run in the addon (median and prod read their results
// in TypeScript and have none), as in async_ops.ts.
export const varAsync = (x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): Promise<Tensor> => runAsync([x], () => variance(x, dim, opts));
export const stdAsync = (x: Tensor, dim?: Dim | VarOptions | null, opts?: VarOptions): Promise<Tensor> => runAsync([x], () => std(x, dim, opts));
export const cumsumAsync = (x: Tensor, dim: number, opts?: CumulativeOptions): Promise<Tensor> => runAsync([x], () => cumsum(x, dim, opts));
export const cumprodAsync = (x: Tensor, dim: number, opts?: CumulativeOptions): Promise<Tensor> => runAsync([x], () => cumprod(x, dim, opts));
export const sortAsync = (x: Tensor, dim?: number | SortOptions, opts?: SortOptions): Promise<ValuesIndices> => runAsync([x], () => sort(x, dim, opts));
export const argsortAsync = (x: Tensor, dim?: number | SortOptions, opts?: SortOptions): Promise<Tensor> => runAsync([x], () => argsort(x, dim, opts));
export const topkAsync = (x: Tensor, k: number, dim?: number | TopkOptions, opts?: TopkOptions): Promise<ValuesIndices> =>
  runAsync([x], () => topk(x, k, dim, opts));

declare module '../tensor' {
  interface Tensor {
    varAsync(dim?: Dim | VarOptions | null, opts?: VarOptions): Promise<Tensor>;
    stdAsync(dim?: Dim | VarOptions | null, opts?: VarOptions): Promise<Tensor>;
    cumsumAsync(dim: number, opts?: CumulativeOptions): Promise<Tensor>;
    cumprodAsync(dim: number, opts?: CumulativeOptions): Promise<Tensor>;
    sortAsync(dim?: number | SortOptions, opts?: SortOptions): Promise<ValuesIndices>;
    argsortAsync(dim?: number | SortOptions, opts?: SortOptions): Promise<Tensor>;
    topkAsync(k: number, dim?: number | TopkOptions, opts?: TopkOptions): Promise<ValuesIndices>;
  }
}

P.varAsync = function (dim, opts) {
  return varAsync(this, dim, opts);
};
P.stdAsync = function (dim, opts) {
  return stdAsync(this, dim, opts);
};
P.cumsumAsync = function (dim, opts) {
  return cumsumAsync(this, dim, opts);
};
P.cumprodAsync = function (dim, opts) {
  return cumprodAsync(this, dim, opts);
};
P.sortAsync = function (dim, opts) {
  return sortAsync(this, dim, opts);
};
P.argsortAsync = function (dim, opts) {
  return argsortAsync(this, dim, opts);
};
P.topkAsync = function (k, dim, opts) {
  return topkAsync(this, k, dim, opts);
};
