// Public exports only.
// First: the modules below load through the code cache (compile_cache.ts).
import './compile_cache';
import './tensor_methods';
import './methods/activations';
import './async_ops';
import './methods/random';
import './methods/views';
import './methods/conversions';
import './methods/math';
import './methods/dtypes';
import './methods/reductions';
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
export { Generator, manualSeed, seed, initialSeed, getRngState, setRngState, normal, randn, rand, randint, randperm, type RandomOptions } from './random';
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
export { bernoulli, type GeneratorOptions } from './ops/random_fill';
export { multinomial, type MultinomialOptions } from './ops/multinomial';
export { autograd, data, io, models, nn, optim };
export { save, load } from './io/safetensors';
export { memory } from './storage';

export { neg, exp, log, sqrt, abs, relu, sigmoid, tanh, sign } from './ops/unary';
export { gelu, silu, mish, logSigmoid, softplus, elu, leakyRelu, hardtanh, relu6 } from './ops/activations';
export type { GeluOptions, SoftplusOptions, HardtanhOptions } from './ops/activations';
export { softmax, logSoftmax } from './ops/softmax';
export type { SoftmaxOptions } from './ops/softmax';
export { setNumThreads, getNumThreads, backendInfo } from './backend/control';
export { select, index, split, chunk, unbind, movedim, type IndexSpec } from './ops/slicing';
export { flip, roll, tile } from './ops/reorder';
export { maskedFill, maskedSelect, nonzero } from './ops/masking';
export { scatter, scatterAdd, indexAdd, indexFill, take } from './ops/scatter';
export {
  sin,
  cos,
  tan,
  asin,
  acos,
  atan,
  sinh,
  cosh,
  asinh,
  acosh,
  atanh,
  floor,
  ceil,
  round,
  trunc,
  frac,
  reciprocal,
  rsqrt,
  square,
  log1p,
  expm1,
  log2,
  log10,
  exp2,
  erf,
  erfinv,
  type RoundOptions,
} from './ops/elementwise_math';
export { atan2, hypot, fmod, remainder, lerp } from './ops/elementwise_binary_math';
export { isnan, isinf, isfinite, nanToNum, logicalNot, logicalAnd, logicalOr, logicalXor, type NanToNumOptions } from './ops/elementwise_logical';
export { variance as var, std, varMean, stdMean, prod, logsumexp } from './ops/statistics';
export { amax, amin, all, any, countNonzero } from './ops/extremes';
export { cumsum, cumprod } from './ops/cumulative';
export { topk, sort, argsort, median } from './ops/sorting';
export type { ValuesIndices } from './ops/pair';
export { varAsync, stdAsync, cumsumAsync, cumprodAsync, sortAsync, argsortAsync, topkAsync } from './methods/reductions';
export { linalg };
export { norm, type NormOptions } from './ops/norms';
export { einsum } from './ops/einsum';
export { outer, cdist } from './ops/distance';
export { cosineSimilarity, pairwiseDistance } from './nn/functional_norm';
export { tidy, scope, keep, dispose, setMemoryPoolLimit, type TensorContainer } from './memory';
