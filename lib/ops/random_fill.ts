// In-place random fills (uniform_, normal_, bernoulli_) and bernoulli: PyTorch's samplers
// (random.ts) in the order PyTorch's TensorIterator visits the elements, which for a tensor
// that is not contiguous is memory order, written with copy_ (so in place on a view reaches its
// base, and a leaf that requires grad is refused as for any in-place op).
import { isFloating, type DType, type TypedArray } from '../dtype';
import { argumentError, dtypeError } from '../errors';
import { Generator } from '../generator';
import { allocateUninit } from '../dtype';
import { exponentialArray, generatorOf, normalArray, uniformArray } from '../random';
import { contiguousStrides, optionsArg, show } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { checkTensor } from '../backend/operand';
import { copyInplace } from './inplace';
import { permute } from './view';

export interface GeneratorOptions {
  generator?: Generator;
}

/** self's dims from the largest stride to the smallest: TensorIterator's order of its elements. */
function memoryOrder(self: Tensor): number[] {
  return self._shape.map((_, d) => d).sort((a, b) => self._strides[b] - self._strides[a] || a - b);
}

/** Writes `data` (in PyTorch's visiting order) into self, in place. */
function fillFrom(self: Tensor, data: TypedArray, dtype: DType): Tensor {
  const order = memoryOrder(self);
  const target = self.isContiguous() ? self : permute(self, order);
  copyInplace(target, fresh(data, target._shape, dtype));
  return self;
}

function fresh(data: TypedArray, shape: readonly number[], dtype: DType): Tensor {
  return new Tensor(new Storage(data), shape.slice(), contiguousStrides(shape), 0, dtype);
}

function floatSelf(op: string, self: Tensor): 'float32' | 'float64' {
  checkTensor(op, self);
  if (!isFloating(self.dtype)) throw dtypeError(`"${op}" not implemented for '${self.dtype}'`);
  return self.dtype as 'float32' | 'float64';
}

function finite(op: string, name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw argumentError(`${op}: ${name} must be a finite number, got ${show(v)}`);
  return v;
}

/** Fills self with samples of U(from, to) in place (torch.Tensor.uniform_). */
export function uniformInplace(self: Tensor, from = 0, to = 1, opts?: GeneratorOptions): Tensor {
  const dtype = floatSelf('uniform_', self);
  finite('uniform_', 'from', from);
  finite('uniform_', 'to', to);
  if (from > to) throw argumentError(`uniform_ expects to return a [from, to) range, but found from=${from} > to=${to}`);
  const g = generatorOf(optionsArg<GeneratorOptions>('uniform_', opts));
  return fillFrom(self, uniformArray(dtype, self.numel, from, to, g), dtype);
}

/** Fills self with samples of N(mean, std^2) in place (torch.Tensor.normal_). */
export function normalInplace(self: Tensor, mean = 0, std = 1, opts?: GeneratorOptions): Tensor {
  const dtype = floatSelf('normal_', self);
  finite('normal_', 'mean', mean);
  finite('normal_', 'std', std);
  if (std < 0) throw argumentError(`normal expects std >= 0.0, but found std ${std}`);
  const g = generatorOf(optionsArg<GeneratorOptions>('normal_', opts));
  return fillFrom(self, normalArray(dtype, self.numel, mean, std, g, !self.isContiguous()), dtype);
}

/** Fills with samples of Exp(lambda) in place (torch.Tensor.exponential_). */
export function exponentialInplace(self: Tensor, lambda = 1, opts?: GeneratorOptions): Tensor {
  const dtype = floatSelf('exponential_', self);
  if (typeof lambda !== 'number' || !(lambda >= 0)) throw argumentError(`exponential_ expects lambda >= 0.0, but found lambda=${show(lambda)}`);
  const g = generatorOf(optionsArg<GeneratorOptions>('exponential_', opts));
  return fillFrom(self, exponentialArray(dtype, self.numel, lambda, g), dtype);
}

/** 1 with probability p, else 0, in place, in self's dtype (torch.Tensor.bernoulli_ with a float p). */
export function bernoulliInplace(self: Tensor, p = 0.5, opts?: GeneratorOptions): Tensor {
  checkTensor('bernoulli_', self);
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(`bernoulli_ expects p to be in [0, 1], but got p=${show(p)}`);
  const g = generatorOf(optionsArg<GeneratorOptions>('bernoulli_', opts));
  const n = self.numel;
  const data = allocateUninit(self.dtype, n);
  // bernoulli_distribution<double>: a double uniform below p.
  if (data instanceof BigInt64Array) for (let i = 0; i < n; i++) data[i] = g.nextDouble() < p ? 1n : 0n;
  else for (let i = 0; i < n; i++) data[i] = g.nextDouble() < p ? 1 : 0;
  return fillFrom(self, data, self.dtype);
}

/**
 * A contiguous tensor of x's shape and dtype, 1 with probability p else 0, in row-major order:
 * dropout's noise (PyTorch's _dropout draws it into a legacy-contiguous empty_like(input)).
 */
export function bernoulliMask(x: Tensor, p: number, opts?: GeneratorOptions): Tensor {
  checkTensor('bernoulli_', x);
  return bernoulliInplace(fresh(allocateUninit(x.dtype, x.numel), x._shape, x.dtype), p, opts);
}

/**
 * Samples 1 with the probability in each element of `input`, else 0 (torch.bernoulli), in
 * input's dtype: a float32 probability is compared with a float uniform (24 bits), a float64
 * one with a double uniform (53 bits), as PyTorch's bernoulli_distribution does.
 */
export function bernoulli(input: Tensor, opts?: GeneratorOptions): Tensor {
  const dtype = floatSelf('bernoulli', input);
  const g = generatorOf(optionsArg<GeneratorOptions>('bernoulli', opts));
  // The result has input's layout (empty_like), filled in memory order.
  const order = memoryOrder(input);
  const visited = permute(input.detach(), order);
  const p = visited.contiguous().dataSync() as Float32Array | Float64Array;
  const n = p.length;
  for (let i = 0; i < n; i++) {
    if (!(p[i] >= 0 && p[i] <= 1)) throw argumentError(`bernoulli: every probability must be in [0, 1], got ${p[i]}`);
  }
  const out = allocateUninit(dtype, n);
  if (dtype === 'float32') for (let i = 0; i < n; i++) out[i] = g.nextFloat() < p[i] ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = g.nextDouble() < p[i] ? 1 : 0;
  const inverse = order.map((_, d) => order.indexOf(d));
  return permute(fresh(out, visited._shape, dtype), inverse);
}
