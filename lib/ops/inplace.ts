// The in-place family. Each write bumps the version counter shared by the tensor's views, so a
// saved tensor modified in place makes backward throw, as in PyTorch. When autograd must see
// the write, the new value comes from the out-of-place op on a snapshot of the old value and
// the tensor takes over that op's node (PyTorch's history rebase).
import { defineOp } from '../autograd/define_op';
import { isGradEnabled } from '../autograd/grad_mode';
import { isFloating, scalarTypeName, type DType } from '../dtype';
import { argumentError, dtypeError, gradError, shapeError } from '../errors';
import { broadcastShapes, fmt, sameShape } from '../shape';
import { checkNotBusy } from '../backend/busy';
import { BinaryCode } from '../backend/codes';
import { axpyInto, binaryInto } from '../backend/elementwise';
import { checkTensor, checkWritable, resultType, wrapOperand, type Operand } from '../backend/operand';
import { cloneRaw, copyInto, emptyRaw, fillRaw, viewRaw } from '../backend/raw';
import { Tensor } from '../tensor';
import { add, checkAlpha, div, mul, sub } from './binary';
import { where } from './compare';
import { asStrided } from './view';
import { sumTo } from './composite_support';

function checkCastable(op: string, self: Tensor, result: DType): void {
  const rank = (d: DType) => (d === 'bool' ? 0 : isFloating(d) ? 2 : 1);
  if (rank(result) > rank(self.dtype)) {
    throw dtypeError(`${op}: result type ${scalarTypeName(result)} can't be cast to the desired output type ${scalarTypeName(self.dtype)}`);
  }
}

/**
 * PyTorch's is_non_overlapping_and_dense (TensorImpl::compute_non_overlapping_and_dense): the
 * dims of size 2 or more, sorted by stride, have strides 1, size0, size0*size1...
 */
function isDense(t: Tensor): boolean {
  if (t.isContiguous()) return true;
  const dims: number[] = [];
  for (let d = 0; d < t.ndim; d++) if (t._shape[d] >= 2) dims.push(d);
  dims.sort((a, b) => t._strides[a] - t._strides[b]);
  let need = 1;
  for (const d of dims) {
    if (t._strides[d] !== need) return false;
    need *= t._shape[d];
  }
  return true;
}

/**
 * PyTorch's assert_no_partial_overlap (ATen/MemoryOverlap.cpp, get_overlap_status), which
 * TensorIterator runs between the written-to tensor and each input: the same tensor, or the
 * same start, end and strides, is full overlap and allowed (x.add_(x)); sharing any other span
 * of memory is refused. As in PyTorch, only tensors that are non-overlapping and dense are
 * compared: for any other (a broadcast input, a strided slice) PyTorch gives up ("TooHard") and
 * lets the op run, so this does too.
 */
function checkPartialOverlap(op: string, self: Tensor, input: Tensor): void {
  if (input._storage !== self._storage) return;
  if (input === self || self.numel === 0 || input.numel === 0) return;
  if (!isDense(self) || !isDense(input)) return;
  const aEnd = self.offset + self.numel;
  const bEnd = input.offset + input.numel;
  if (self.offset === input.offset && aEnd === bEnd) {
    if (self.ndim === input.ndim && self._strides.every((st, i) => st === input._strides[i])) return;
  } else if (!(self.offset < bEnd && input.offset < aEnd)) {
    return;
  }
  throw argumentError(
    `${op}: unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.`,
  );
}

/**
 * The input as the write must read it: a copy when it shares memory with self in a way the
 * checks let through (a strided or broadcast view: PyTorch's "TooHard"), so that the result never
 * depends on the order elements are written (PyTorch's does: x.narrow(0, 1, 2).narrow(1, 1, 1)
 * .copy_(x.narrow(0, 0, 2).narrow(1, 1, 1)) copies a value it has just written). The same
 * tensor, or the same geometry (x.add_(x)), is read as is: each element is read before written.
 */
function unaliased(self: Tensor, input: Tensor): Tensor {
  if (input._storage !== self._storage || input === self) return input;
  if (input.offset === self.offset && sameShape(input._shape, self._shape) && input._strides.every((st, i) => st === self._strides[i])) return input;
  const [a0, a1] = span(self);
  const [b0, b1] = span(input);
  return a1 < b0 || b1 < a0 ? input : cloneRaw(input);
}

/** The first and last storage element a tensor reaches ([1, 0] when it has none). */
function span(t: Tensor): [number, number] {
  let lo = t.offset;
  let hi = t.offset;
  for (let i = 0; i < t.ndim; i++) {
    if (t._shape[i] === 0) return [1, 0];
    const reach = (t._shape[i] - 1) * t._strides[i];
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  return [lo, hi];
}

/**
 * TensorIterator's checks for an in-place op, in its order, before anything is written: no
 * internal overlap in self (checkWritable: a broadcast dim of size > 1, PyTorch's only "Yes"
 * case of has_internal_overlap), no partial overlap with the input, and a broadcast shape equal
 * to self's ("output with shape [3] doesn't match the broadcast shape [2, 3]").
 */
function checkInplaceOperand(op: string, self: Tensor, other: Tensor): void {
  if (!self.isContiguous()) checkWritable(op, self); // a contiguous tensor has no broadcast dim
  if (other._storage === self._storage) checkPartialOverlap(op, self, other);
  if (other._shape === self._shape) return; // shapes are often shared arrays
  if (other.ndim <= self.ndim) {
    let fits = true;
    for (let i = other.ndim - 1, j = self.ndim - 1; i >= 0; i--, j--) {
      if (other._shape[i] !== self._shape[j] && other._shape[i] !== 1) fits = false;
    }
    if (fits) return;
  }
  const shape = broadcastShapes(op, self._shape, other._shape);
  throw shapeError(`${op}: output with shape ${fmt(self._shape)} doesn't match the broadcast shape ${fmt(shape)}`);
}

/** A copy of self's current value that keeps self's place in the graph. */
function snapshot(self: Tensor): Tensor {
  const s = cloneRaw(self);
  s.gradFn = self.gradFn;
  s._outputNr = self._outputNr;
  s._requiresGrad = self._requiresGrad;
  return s;
}

/**
 * Writes `value(self)` into self. `record` says whether autograd must see it; `recorded` gives
 * the new value as a recorded op of the snapshot; `raw` writes without recording.
 */
export function commit(op: string, self: Tensor, others: readonly Tensor[], recorded: (old: Tensor) => Tensor, raw: () => void): Tensor {
  checkTensor(op, self);
  checkNotBusy(op, self);
  const gradOn = isGradEnabled();
  if (gradOn && self.isLeaf && self._requiresGrad) {
    throw gradError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (!gradOn || !(self.requiresGrad || others.some((o) => o.requiresGrad))) {
    raw();
    self._version.value++;
    return self;
  }
  if (self._base !== null) return commitToView(op, self, recorded);
  const result = recorded(snapshot(self));
  copyInto(self, result);
  self._version.value++;
  self.gradFn = result.gradFn;
  self._outputNr = 0;
  return self;
}

// The base's new value: its old value with the view's region replaced by `result`.
const copySlicesOp = defineOp<[Geometry], { geom: Geometry; shape: readonly number[] }>({
  op: 'copySlices',
  nodeName: 'CopySlices',
  forward(ctx, [base, result], geom) {
    void result; // already written into the base's storage by commitToView
    ctx.state = { geom, shape: base._shape };
    return new Tensor(base._storage, base._shape, base._strides, base.offset, base.dtype);
  },
  backward(ctx, g) {
    const { geom, shape } = ctx.state;
    let gBase: Tensor | null = null;
    if (ctx.needsInputGrad[0]) {
      const outside = fillRaw(emptyRaw(shape, 'bool'), 1);
      fillRaw(viewRaw(outside, geom.shape, geom.strides, geom.offset), 0);
      gBase = where(outside, g, 0);
    }
    return [gBase, ctx.needsInputGrad[1] ? asStrided(g.contiguous(), geom) : null];
  },
});

interface Geometry {
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
}

/**
 * An in-place write through a view while autograd records: the base takes a CopySlices node
 * (old base + new region) and the view becomes a view of the new base, as in PyTorch.
 */
function commitToView(op: string, self: Tensor, recorded: (old: Tensor) => Tensor): Tensor {
  const base = self._base!;
  if (base.isLeaf && base._requiresGrad) {
    throw gradError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (!base.isContiguous()) throw gradError(`${op}: in-place on a view of a non-contiguous tensor is not supported while recording`);
  const result = recorded(snapshot(self));
  copyInto(self, result);
  self._version.value++;
  const geom: Geometry = { shape: self._shape, strides: self._strides, offset: self.offset - base.offset };
  const oldBase = new Tensor(base._storage, base._shape, base._strides, base.offset, base.dtype);
  oldBase.gradFn = base.gradFn;
  oldBase._outputNr = base._outputNr;
  oldBase._requiresGrad = base._requiresGrad;
  base.gradFn = copySlicesOp([oldBase, result], geom).gradFn;
  base._outputNr = 0;
  self.gradFn = asStrided(base, geom).gradFn;
  self._outputNr = 0;
  return self;
}

function binaryInplace(op: string, code: BinaryCode, self: Tensor, other: Operand, outOfPlace: (a: Tensor, b: Tensor) => Tensor): Tensor {
  checkTensor(op, self);
  const b = wrapOperand(op, self, other);
  checkInplaceOperand(op, self, b);
  const dtype = code === BinaryCode.Div && !isFloating(resultType(self, b)) ? 'float32' : resultType(self, b);
  checkCastable(op, self, dtype);
  return commit(
    op,
    self,
    [b],
    (old) => outOfPlace(old, b),
    () => {
      if (b.dtype === self.dtype) binaryInto(code, self, self, unaliased(self, b));
      else copyInto(self, outOfPlace(self, b));
    },
  );
}

/** self += alpha * other in one native pass, when nothing needs recording and layouts allow. */
function fusedAxpy(self: Tensor, other: Tensor, alpha: number): boolean {
  if (other.dtype !== self.dtype || !isFloating(self.dtype)) return false;
  if (!sameShape(self._shape, other._shape) || !self.isContiguous() || !other.isContiguous()) return false;
  if (isGradEnabled() && (self.requiresGrad || other.requiresGrad)) return false;
  checkNotBusy('add_', self);
  axpyInto(self, alpha, other);
  self._version.value++;
  return true;
}

/** add_/sub_ with an alpha: the checks run on `other` itself, before it is scaled. */
function scaledOperand(op: string, self: Tensor, other: Operand): Tensor {
  checkTensor(op, self);
  const b = wrapOperand(op, self, other);
  checkInplaceOperand(op, self, b);
  return b;
}

export function addInplace(self: Tensor, other: Operand, alpha = 1): Tensor {
  checkAlpha('add_', alpha);
  if (alpha !== 1) {
    const b = scaledOperand('add_', self, other);
    if (fusedAxpy(self, b, alpha)) return self;
    return binaryInplace('add_', BinaryCode.Add, self, mul(b, alpha), (a, c) => add(a, c));
  }
  return binaryInplace('add_', BinaryCode.Add, self, other, (a, b) => add(a, b));
}

export function subInplace(self: Tensor, other: Operand, alpha = 1): Tensor {
  checkAlpha('sub_', alpha);
  if (alpha !== 1) {
    const b = scaledOperand('sub_', self, other);
    if (fusedAxpy(self, b, -alpha)) return self;
    return binaryInplace('sub_', BinaryCode.Sub, self, mul(b, alpha), (a, c) => sub(a, c));
  }
  return binaryInplace('sub_', BinaryCode.Sub, self, other, (a, b) => sub(a, b));
}

export function mulInplace(self: Tensor, other: Operand): Tensor {
  return binaryInplace('mul_', BinaryCode.Mul, self, other, (a, b) => mul(a, b));
}

export function divInplace(self: Tensor, other: Operand): Tensor {
  return binaryInplace('div_', BinaryCode.Div, self, other, (a, b) => div(a, b));
}

const fillOp = defineOp<[number | bigint, string], null>({
  op: 'fill',
  nodeName: (_v, name) => name,
  forward(_ctx, [x], value) {
    return fillRaw(emptyRaw(x._shape, x.dtype), value);
  },
  backward(_ctx, g) {
    return [emptyRaw(g._shape, g.dtype)];
  },
});

// fill_ and zero_ have no input to overlap, and PyTorch lets them write to a broadcast (expanded)
// tensor ("Fill is idempotent", fill_out skips the internal-overlap check; zero_ is fill_(0)).
// The write goes to the memory the view covers: its broadcast dims cut to size 1, since the
// addon's kernels take outputs without internal overlap. While autograd records, such a write
// is refused as other in-place ops are: PyTorch accepts it, but its backward then fails with
// this same message.
export function fillInplace(self: Tensor, value: number | bigint): Tensor {
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'bigint') {
    throw dtypeError(`fill_: value must be a number, got ${typeof value}`);
  }
  const v = typeof value === 'bigint' ? value : Number(value);
  checkTensor('fill_', self);
  if (!self.isContiguous() && isGradEnabled() && self.requiresGrad) checkWritable('fill_', self);
  return commit(
    'fill_',
    self,
    [],
    (old) => fillOp([old], v, 'FillBackward0'),
    () => fillRaw(withoutBroadcastDims(self), v),
  );
}

export function zeroInplace(self: Tensor): Tensor {
  checkTensor('zero_', self);
  if (!self.isContiguous() && isGradEnabled() && self.requiresGrad) checkWritable('zero_', self);
  return commit(
    'zero_',
    self,
    [],
    (old) => fillOp([old], 0, 'ZeroBackward0'),
    () => fillRaw(withoutBroadcastDims(self), 0),
  );
}

/** The same memory as `t` without repeats: each broadcast dim (stride 0, size > 1) cut to size 1. */
function withoutBroadcastDims(t: Tensor): Tensor {
  if (!t._strides.some((st, i) => st === 0 && t._shape[i] > 1)) return t;
  const shape = t._shape.map((n, i) => (t._strides[i] === 0 ? Math.min(n, 1) : n));
  return new Tensor(t._storage, shape, t._strides, t.offset, t.dtype, t._version);
}

const copyOp = defineOp<[], { src: readonly number[] }>({
  op: 'copy',
  nodeName: 'CopyBackwards',
  forward(ctx, [self, src]) {
    ctx.state = { src: src._shape };
    const out = emptyRaw(self._shape, self.dtype);
    copyInto(out, src);
    return out;
  },
  backward(ctx, g) {
    return [emptyRaw(g._shape, g.dtype), sumTo(g, ctx.state.src)];
  },
});

/**
 * src must broadcast to exactly self's shape, with PyTorch's messages (infer_size, then
 * TensorIterator's output check): a size mismatch names the dim of the broadcast shape, counted
 * as PyTorch does, from the last dim backwards.
 */
function checkCopyShape(self: Tensor, src: Tensor): void {
  const a = self._shape;
  const b = src._shape;
  const n = Math.max(a.length, b.length);
  for (let i = n - 1; i >= 0; i--) {
    const da = i - (n - a.length) >= 0 ? a[i - (n - a.length)] : 1;
    const db = i - (n - b.length) >= 0 ? b[i - (n - b.length)] : 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw shapeError(`copy_: The size of tensor a (${da}) must match the size of tensor b (${db}) at non-singleton dimension ${i}`);
    }
  }
  const shape = broadcastShapes('copy_', a, b);
  if (!sameShape(shape, a)) throw shapeError(`copy_: output with shape ${fmt(a)} doesn't match the broadcast shape ${fmt(shape)}`);
}

/** self[...] = src, broadcasting src and converting its dtype (PyTorch's copy_). */
export function copyInplace(self: Tensor, src: Tensor): Tensor {
  checkTensor('copy_', self);
  checkTensor('copy_', src, 'src');
  checkWritable('copy_', self);
  checkPartialOverlap('copy_', self, src);
  checkCopyShape(self, src);
  return commit(
    'copy_',
    self,
    [src],
    (old) => copyOp([old, src]),
    () => copyInto(self, unaliased(self, src)),
  );
}
