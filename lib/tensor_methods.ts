// Tensor methods: thin forwards to the ops, so every op has one implementation.
import { runBackward, seedGradient } from './autograd/engine';
import type { DType } from './dtype';
import { gradError } from './errors';
import { add, div, mul, pow, sub } from './ops/binary';
import { to } from './ops/cast';
import { indexSelect } from './ops/indexing';
import { addInplace, copyInplace, divInplace, fillInplace, mulInplace, subInplace, zeroInplace } from './ops/inplace';
import { bmm, dot, matmul, mm, mv, type MatmulOptions } from './ops/linalg';
import { clamp, eq, ge, gt, le, lt, maximum, minimum, ne, where } from './ops/compare';
import { argmax, argmin, max, min } from './ops/select';
import type { ValuesIndices } from './ops/pair';
import { gather } from './ops/indexing';
import type { Operand } from './backend/operand';
import { mean, sum } from './ops/reduce';
import { unary } from './ops/unary';
import { clone, contiguous, expand, flatten, narrow, permute, reshape, squeeze, t, transpose, unsqueeze, view } from './ops/view';
import { isTensor, Tensor } from './tensor';
import { signedSizes } from './shape';

type Dim = number | readonly number[];

export interface BackwardOptions {
  retainGraph?: boolean;
  createGraph?: boolean;
}

declare module './tensor' {
  interface Tensor {
    add(other: Operand, alpha?: number): Tensor;
    sub(other: Operand, alpha?: number): Tensor;
    mul(other: Operand): Tensor;
    div(other: Operand): Tensor;
    pow(exponent: Operand): Tensor;
    neg(): Tensor;
    exp(): Tensor;
    log(): Tensor;
    sqrt(): Tensor;
    abs(): Tensor;
    relu(): Tensor;
    sigmoid(): Tensor;
    tanh(): Tensor;
    sign(): Tensor;
    matmul(other: Tensor, opts?: MatmulOptions): Tensor;
    mm(other: Tensor): Tensor;
    mv(vec: Tensor): Tensor;
    bmm(other: Tensor): Tensor;
    dot(other: Tensor): Tensor;
    t(): Tensor;
    sum(dim?: Dim | null, keepdim?: boolean): Tensor;
    mean(dim?: Dim | null, keepdim?: boolean): Tensor;
    view(...shape: (number | readonly number[])[]): Tensor;
    reshape(...shape: (number | readonly number[])[]): Tensor;
    expand(...sizes: (number | readonly number[])[]): Tensor;
    permute(...dims: (number | readonly number[])[]): Tensor;
    transpose(dim0: number, dim1: number): Tensor;
    squeeze(dim?: Dim): Tensor;
    unsqueeze(dim: number): Tensor;
    flatten(startDim?: number, endDim?: number): Tensor;
    narrow(dim: number, start: number, length: number): Tensor;
    contiguous(): Tensor;
    clone(): Tensor;
    to(dtype: DType): Tensor;
    indexSelect(dim: number, index: Tensor | readonly (number | bigint)[]): Tensor;
    gather(dim: number, index: Tensor): Tensor;
    eq(other: Operand): Tensor;
    ne(other: Operand): Tensor;
    lt(other: Operand): Tensor;
    le(other: Operand): Tensor;
    gt(other: Operand): Tensor;
    ge(other: Operand): Tensor;
    /** PyTorch's x.where(condition, y): condition ? x : y. */
    where(condition: Tensor, other: Operand): Tensor;
    maximum(other: Tensor): Tensor;
    minimum(other: Tensor): Tensor;
    clamp(min?: number | null, max?: number | null): Tensor;
    max(): Tensor;
    max(dim: number, keepdim?: boolean): ValuesIndices;
    min(): Tensor;
    min(dim: number, keepdim?: boolean): ValuesIndices;
    argmax(dim?: number | null, keepdim?: boolean): Tensor;
    argmin(dim?: number | null, keepdim?: boolean): Tensor;
    zero_(): Tensor;
    fill_(value: number | bigint): Tensor;
    add_(other: Operand, alpha?: number): Tensor;
    sub_(other: Operand, alpha?: number): Tensor;
    mul_(other: Operand): Tensor;
    div_(other: Operand): Tensor;
    copy_(src: Tensor): Tensor;
    /** backward(gradient?, opts?) or backward(opts), as in PyTorch. */
    backward(gradient?: Tensor | null | BackwardOptions, opts?: BackwardOptions): void;
  }
}

const P = Tensor.prototype;
P.add = function (other, alpha) {
  return add(this, other, alpha);
};
P.sub = function (other, alpha) {
  return sub(this, other, alpha);
};
P.mul = function (other) {
  return mul(this, other);
};
P.div = function (other) {
  return div(this, other);
};
P.pow = function (exponent) {
  return pow(this, exponent);
};
for (const name of ['neg', 'exp', 'log', 'sqrt', 'abs', 'relu', 'sigmoid', 'tanh', 'sign'] as const) {
  P[name] = function (this: Tensor) {
    return unary(name, this);
  };
}
P.matmul = function (other, opts) {
  return matmul(this, other, opts);
};
P.mm = function (other) {
  return mm(this, other);
};
P.mv = function (vec) {
  return mv(this, vec);
};
P.bmm = function (other) {
  return bmm(this, other);
};
P.dot = function (other) {
  return dot(this, other);
};
P.t = function () {
  return t(this);
};
P.sum = function (dim, keepdim) {
  return sum(this, dim, keepdim);
};
P.mean = function (dim, keepdim) {
  return mean(this, dim, keepdim);
};
P.view = function (...shape) {
  return view(this, signedSizes('view', shape));
};
P.reshape = function (...shape) {
  return reshape(this, signedSizes('reshape', shape));
};
P.expand = function (...sizes) {
  return expand(this, signedSizes('expand', sizes));
};
P.permute = function (...dims) {
  return permute(this, signedSizes('permute', dims, 'dims'));
};
P.transpose = function (dim0, dim1) {
  return transpose(this, dim0, dim1);
};
P.squeeze = function (dim) {
  return squeeze(this, dim);
};
P.unsqueeze = function (dim) {
  return unsqueeze(this, dim);
};
P.flatten = function (startDim, endDim) {
  return flatten(this, startDim, endDim);
};
P.narrow = function (dim, start, length) {
  return narrow(this, dim, start, length);
};
P.contiguous = function () {
  return contiguous(this);
};
P.clone = function () {
  return clone(this);
};
P.to = function (dtype) {
  return to(this, dtype);
};
P.indexSelect = function (dim, index) {
  return indexSelect(this, dim, index);
};
P.gather = function (dim, index) {
  return gather(this, dim, index);
};
P.eq = function (other) {
  return eq(this, other);
};
P.ne = function (other) {
  return ne(this, other);
};
P.lt = function (other) {
  return lt(this, other);
};
P.le = function (other) {
  return le(this, other);
};
P.gt = function (other) {
  return gt(this, other);
};
P.ge = function (other) {
  return ge(this, other);
};
P.where = function (condition, other) {
  return where(condition, this, other);
};
P.maximum = function (other) {
  return maximum(this, other);
};
P.minimum = function (other) {
  return minimum(this, other);
};
P.clamp = function (lo, hi) {
  return clamp(this, lo, hi);
};
P.max = function (this: Tensor, dim?: number, keepdim?: boolean) {
  return dim === undefined ? max(this) : max(this, dim, keepdim);
} as Tensor['max'];
P.min = function (this: Tensor, dim?: number, keepdim?: boolean) {
  return dim === undefined ? min(this) : min(this, dim, keepdim);
} as Tensor['min'];
P.argmax = function (dim, keepdim) {
  return argmax(this, dim, keepdim);
};
P.argmin = function (dim, keepdim) {
  return argmin(this, dim, keepdim);
};
P.zero_ = function () {
  return zeroInplace(this);
};
P.fill_ = function (value) {
  return fillInplace(this, value);
};
P.add_ = function (other, alpha) {
  return addInplace(this, other, alpha);
};
P.sub_ = function (other, alpha) {
  return subInplace(this, other, alpha);
};
P.mul_ = function (other) {
  return mulInplace(this, other);
};
P.div_ = function (other) {
  return divInplace(this, other);
};
P.copy_ = function (src) {
  return copyInplace(this, src);
};
P.backward = function (gradient, opts = {}) {
  if (gradient !== null && gradient !== undefined && !isTensor(gradient) && typeof gradient === 'object') {
    opts = gradient;
    gradient = undefined;
  }
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  if (!this.requiresGrad) throw gradError('element 0 of tensors does not require grad and does not have a grad_fn');
  runBackward([this], [seedGradient(this, gradient, 0)], { retainGraph, createGraph });
};
