// Public exports only.
import './tensor_methods';
import './async_ops';
import './methods/linalg';

import * as autograd from './autograd';
import * as data from './data';
import * as models from './models';
import * as optim from './optim';
import * as nn from './nn';
import * as io from './io';
import * as linalg from './ops/linalg_namespace';

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
// Every Promise variant (matmulAsync, sumAsync, ...): async_ops.ts exports nothing else.
export * from './async_ops';
export { to } from './ops/cast';
export { autograd, data, io, models, nn, optim };
export { save, load } from './io/safetensors';
export { memory } from './storage';

export { neg, exp, log, sqrt, abs, relu, sigmoid, tanh, sign } from './ops/unary';
export { setNumThreads, getNumThreads, backendInfo } from './backend/control';
export { linalg };
export { norm, type NormOptions } from './ops/norms';
export { einsum } from './ops/einsum';
export { outer, cdist } from './ops/distance';
