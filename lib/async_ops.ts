// Promise variants (`<op>Async`) of the ops whose cost grows with size, as tg functions and as
// Tensor methods; each runs the op through runAsync (lib/async.ts).
import { runAsync } from './async';
import { add, div, mul, pow, sub } from './ops/binary';
import { clamp, maximum, minimum, where } from './ops/compare';
import { gather, indexSelect } from './ops/indexing';
import { cat, stack } from './ops/join';
import { bmm, dot, matmul, mm, mv } from './ops/linalg';
import { mean, sum } from './ops/reduce';
import { argmax, argmin, max, min } from './ops/select';
import { unary } from './ops/unary';
import { clone, contiguous } from './ops/view';
import { to } from './ops/cast';
import { Tensor } from './tensor';
import type { DType } from './dtype';
import type { Operand } from './backend/operand';

type Dim = number | readonly number[] | null | undefined;

export const matmulAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => matmul(a, b));
export const mmAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => mm(a, b));
export const bmmAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => bmm(a, b));
export const mvAsync = (a: Tensor, v: Tensor): Promise<Tensor> => runAsync([a, v], () => mv(a, v));
export const dotAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => dot(a, b));
export const sumAsync = (x: Tensor, dim?: Dim, keepdim = false): Promise<Tensor> => runAsync([x], () => sum(x, dim, keepdim));
export const meanAsync = (x: Tensor, dim?: Dim, keepdim = false): Promise<Tensor> => runAsync([x], () => mean(x, dim, keepdim));
export const addAsync = (a: Tensor, b: Operand, alpha = 1): Promise<Tensor> => runAsync([a, b], () => add(a, b, alpha));
export const subAsync = (a: Tensor, b: Operand, alpha = 1): Promise<Tensor> => runAsync([a, b], () => sub(a, b, alpha));
export const mulAsync = (a: Tensor, b: Operand): Promise<Tensor> => runAsync([a, b], () => mul(a, b));
export const divAsync = (a: Tensor, b: Operand): Promise<Tensor> => runAsync([a, b], () => div(a, b));
export const powAsync = (a: Tensor, b: Operand): Promise<Tensor> => runAsync([a, b], () => pow(a, b));
export const maximumAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => maximum(a, b));
export const minimumAsync = (a: Tensor, b: Tensor): Promise<Tensor> => runAsync([a, b], () => minimum(a, b));
export const clampAsync = (x: Tensor, lo: number | null = null, hi: number | null = null): Promise<Tensor> => runAsync([x], () => clamp(x, lo, hi));
export const whereAsync = (c: Tensor, a: Operand, b: Operand): Promise<Tensor> => runAsync([c, a, b], () => where(c, a, b));
export const catAsync = (ts: readonly Tensor[], dim = 0): Promise<Tensor> => runAsync([ts], () => cat(ts, dim));
export const stackAsync = (ts: readonly Tensor[], dim = 0): Promise<Tensor> => runAsync([ts], () => stack(ts, dim));
export const indexSelectAsync = (x: Tensor, dim: number, index: Tensor | readonly number[]): Promise<Tensor> =>
  runAsync([x, index], () => indexSelect(x, dim, index));
export const gatherAsync = (x: Tensor, dim: number, index: Tensor): Promise<Tensor> => runAsync([x, index], () => gather(x, dim, index));
export const argmaxAsync = (x: Tensor, dim?: number | null, keepdim = false): Promise<Tensor> => runAsync([x], () => argmax(x, dim, keepdim));
export const argminAsync = (x: Tensor, dim?: number | null, keepdim = false): Promise<Tensor> => runAsync([x], () => argmin(x, dim, keepdim));
export function maxAsync(x: Tensor): Promise<Tensor>;
export function maxAsync(x: Tensor, dim: number, keepdim?: boolean): Promise<{ values: Tensor; indices: Tensor }>;
export function maxAsync(x: Tensor, dim?: number, keepdim = false): Promise<Tensor | { values: Tensor; indices: Tensor }> {
  return runAsync([x], () => (dim === undefined ? max(x) : max(x, dim, keepdim)));
}
export function minAsync(x: Tensor): Promise<Tensor>;
export function minAsync(x: Tensor, dim: number, keepdim?: boolean): Promise<{ values: Tensor; indices: Tensor }>;
export function minAsync(x: Tensor, dim?: number, keepdim = false): Promise<Tensor | { values: Tensor; indices: Tensor }> {
  return runAsync([x], () => (dim === undefined ? min(x) : min(x, dim, keepdim)));
}
const unaryAsync =
  (name: Parameters<typeof unary>[0]) =>
  (x: Tensor): Promise<Tensor> =>
    runAsync([x], () => unary(name, x));
export const expAsync = unaryAsync('exp');
export const logAsync = unaryAsync('log');
export const sqrtAsync = unaryAsync('sqrt');
export const absAsync = unaryAsync('abs');
export const negAsync = unaryAsync('neg');
export const reluAsync = unaryAsync('relu');
export const sigmoidAsync = unaryAsync('sigmoid');
export const tanhAsync = unaryAsync('tanh');
export const contiguousAsync = (x: Tensor): Promise<Tensor> => runAsync([x], () => contiguous(x));
export const cloneAsync = (x: Tensor): Promise<Tensor> => runAsync([x], () => clone(x));
export const toAsync = (x: Tensor, dtype: DType): Promise<Tensor> => runAsync([x], () => to(x, dtype));

declare module './tensor' {
  interface Tensor {
    matmulAsync(other: Tensor): Promise<Tensor>;
    mmAsync(other: Tensor): Promise<Tensor>;
    bmmAsync(other: Tensor): Promise<Tensor>;
    mvAsync(vec: Tensor): Promise<Tensor>;
    dotAsync(other: Tensor): Promise<Tensor>;
    sumAsync(dim?: Dim, keepdim?: boolean): Promise<Tensor>;
    meanAsync(dim?: Dim, keepdim?: boolean): Promise<Tensor>;
    addAsync(other: Operand, alpha?: number): Promise<Tensor>;
    subAsync(other: Operand, alpha?: number): Promise<Tensor>;
    mulAsync(other: Operand): Promise<Tensor>;
    divAsync(other: Operand): Promise<Tensor>;
    powAsync(exponent: Operand): Promise<Tensor>;
    maximumAsync(other: Tensor): Promise<Tensor>;
    minimumAsync(other: Tensor): Promise<Tensor>;
    clampAsync(min?: number | null, max?: number | null): Promise<Tensor>;
    indexSelectAsync(dim: number, index: Tensor | readonly number[]): Promise<Tensor>;
    gatherAsync(dim: number, index: Tensor): Promise<Tensor>;
    argmaxAsync(dim?: number | null, keepdim?: boolean): Promise<Tensor>;
    argminAsync(dim?: number | null, keepdim?: boolean): Promise<Tensor>;
    maxAsync(): Promise<Tensor>;
    maxAsync(dim: number, keepdim?: boolean): Promise<{ values: Tensor; indices: Tensor }>;
    minAsync(): Promise<Tensor>;
    minAsync(dim: number, keepdim?: boolean): Promise<{ values: Tensor; indices: Tensor }>;
    expAsync(): Promise<Tensor>;
    logAsync(): Promise<Tensor>;
    sqrtAsync(): Promise<Tensor>;
    absAsync(): Promise<Tensor>;
    negAsync(): Promise<Tensor>;
    reluAsync(): Promise<Tensor>;
    sigmoidAsync(): Promise<Tensor>;
    tanhAsync(): Promise<Tensor>;
    contiguousAsync(): Promise<Tensor>;
    cloneAsync(): Promise<Tensor>;
    toAsync(dtype: DType): Promise<Tensor>;
  }
}

const METHODS: Record<string, (self: Tensor, ...args: never[]) => Promise<unknown>> = {
  matmulAsync,
  mmAsync,
  bmmAsync,
  mvAsync,
  dotAsync,
  sumAsync,
  meanAsync,
  addAsync,
  subAsync,
  mulAsync,
  divAsync,
  powAsync,
  maximumAsync,
  minimumAsync,
  clampAsync,
  indexSelectAsync,
  gatherAsync,
  argmaxAsync,
  argminAsync,
  maxAsync,
  minAsync,
  expAsync,
  logAsync,
  sqrtAsync,
  absAsync,
  negAsync,
  reluAsync,
  sigmoidAsync,
  tanhAsync,
  contiguousAsync,
  cloneAsync,
  toAsync,
};
for (const [name, fn] of Object.entries(METHODS)) {
  Object.defineProperty(Tensor.prototype, name, {
    value: function (this: Tensor, ...args: never[]) {
      return fn(this, ...args);
    },
    writable: true,
    configurable: true,
  });
}
