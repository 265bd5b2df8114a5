// Public exports only.
import './tensor_methods';
import './async_ops';

import * as autograd from './autograd';
import * as data from './data';
import * as models from './models';
import * as optim from './optim';
import * as nn from './nn';
import * as io from './io';
import { native } from './native';
import { TensorError } from './errors';

export { Tensor, isTensor, type NestedArray, type Hook } from './tensor';
export { TensorError, type ErrorCode } from './errors';
export type { DType, TypedArray } from './dtype';
export type { BackwardOptions } from './tensor_methods';
export { tensor, fromArray, zeros, ones, full, zerosLike, onesLike, arange, linspace, eye, type TensorOptions } from './creation';
export { Generator, manualSeed, normal, randn, rand, randint, randperm, type RandomOptions } from './random';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from './autograd/grad_mode';
export { add, sub, mul, div, pow } from './ops/binary';
export { matmul, mm, mv, bmm, dot, type MatmulOptions } from './ops/linalg';
export { sum, mean } from './ops/reduce';
export { reshape, view, expand, permute, transpose, squeeze, unsqueeze, flatten, narrow, contiguous, clone, t } from './ops/view';
export { indexSelect, gather } from './ops/indexing';
export { eq, ne, lt, le, gt, ge, where, maximum, minimum, clamp } from './ops/compare';
export { max, min, argmax, argmin } from './ops/select';
export { cat, stack } from './ops/join';
export {
  matmulAsync, mmAsync, bmmAsync, mvAsync, dotAsync, sumAsync, meanAsync, addAsync, subAsync, mulAsync, divAsync, powAsync,
  maximumAsync, minimumAsync, clampAsync, whereAsync, catAsync, stackAsync, indexSelectAsync, gatherAsync, argmaxAsync,
  argminAsync, maxAsync, minAsync, expAsync, logAsync, sqrtAsync, absAsync, negAsync, reluAsync, sigmoidAsync, tanhAsync,
  contiguousAsync, cloneAsync, toAsync,
} from './async_ops';
export { to } from './ops/cast';
export { autograd, data, io, models, nn, optim };
export { save, load } from './io/safetensors';
export { memory } from './storage';

import { unary } from './ops/unary';
import type { Tensor as T } from './tensor';
export const neg = (x: T): T => unary('neg', x);
export const exp = (x: T): T => unary('exp', x);
export const log = (x: T): T => unary('log', x);
export const sqrt = (x: T): T => unary('sqrt', x);
export const abs = (x: T): T => unary('abs', x);
export const relu = (x: T): T => unary('relu', x);
export const sigmoid = (x: T): T => unary('sigmoid', x);
export const tanh = (x: T): T => unary('tanh', x);
export const sign = (x: T): T => unary('sign', x);

/**
 * Threads the native kernels use (the addon's own pool, shared by every worker_thread of the
 * process). Starts at TENSORGRAD_NUM_THREADS, else the machine's cores.
 */
export function setNumThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new TensorError(`setNumThreads: expected a positive integer, got ${n}`, 'ARGUMENT');
  native.setNumThreads(n);
}

export function getNumThreads(): number {
  return native.getNumThreads();
}

/** The SIMD kernel set in use ('avx512', 'avx2', 'neon' or 'ref'); TENSORGRAD_ISA forces one. */
export function backendInfo(): { isa: string; cpuIsas: string[] } {
  return { isa: native.isa(), cpuIsas: native.cpuIsas() };
}
