// Matrix products with PyTorch's matmul rules: dot (1-D x 1-D), mv, mm, and batched bmm with
// broadcast batch dims. Transposed operands reach the GEMM driver as strides, never copies.
import { defineOp } from '../autograd/define_op';
import { isFloating, promoteTypes, scalarTypeName } from '../dtype';
import { argumentError, dtypeError, gradError, shapeError } from '../errors';
import { broadcastShapes, fmt, sameShape } from '../shape';
import { isGradEnabled } from '../autograd/grad_mode';
import { checkNotBusy } from '../backend/busy';
import { BinaryCode } from '../backend/codes';
import { binaryInto } from '../backend/elementwise';
import { bmmRaw, mmRaw } from '../backend/linalg';
import { asDType, checkTensor, checkWritable } from '../backend/operand';
import { copyInto, fromStorage, viewRaw } from '../backend/raw';
import type { Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { unsafeView } from './view';

/** Both operands in their common dtype, which must not be bool, refused as in PyTorch's CPU matmul for bool. */
function common(op: string, a: Tensor, b: Tensor): [Tensor, Tensor] {
  const d = promoteTypes(a.dtype, b.dtype);
  if (d === 'bool') throw dtypeError(`${op}: not implemented for bool tensors`);
  return [asDType(a, d), asDType(b, d)];
}

// PyTorch's names for dtypes in these messages: ScalarType (Float) and TypeMeta (float).
const META_NAME = { float32: 'float', float64: 'double', int32: 'int', int64: 'long int', bool: 'bool' } as const;

/**
 * PyTorch's matrix products do not promote: operands of different dtypes are a DTYPE error, with
 * the message PyTorch 2.x gives for the op (mm's meta function, dot's, addmv's and bmm's checks).
 */
function sameDType(op: 'mm' | 'matmul' | 'mv' | 'dot' | 'bmm', a: Tensor, b: Tensor): void {
  if (a.dtype === b.dtype) return;
  if (op === 'dot') {
    throw dtypeError(`dot: expected both vectors to have same dtype, but found ${scalarTypeName(a.dtype)} and ${scalarTypeName(b.dtype)}`);
  }
  if (op === 'mv' || op === 'bmm') throw dtypeError(`${op}: expected scalar type ${scalarTypeName(a.dtype)} but found ${scalarTypeName(b.dtype)}`);
  throw dtypeError(`${op}: expected mat1 and mat2 to have the same dtype, but got: ${META_NAME[a.dtype]} != ${META_NAME[b.dtype]}`);
}

/** addmm's (nn.Linear's) dtype checks, with PyTorch 2.x's messages: mat1 and mat2, then self (the bias). */
export function addmmDTypes(op: string, bias: Tensor | null, x: Tensor, m: Tensor): void {
  if (x.dtype !== m.dtype) throw dtypeError(`${op}: mat1 and mat2 must have the same dtype, but got ${scalarTypeName(x.dtype)} and ${scalarTypeName(m.dtype)}`);
  if (bias !== null && bias.dtype !== x.dtype) {
    throw dtypeError(`${op}: self and mat2 must have the same dtype, but got ${scalarTypeName(bias.dtype)} and ${scalarTypeName(m.dtype)}`);
  }
}

function mismatch(op: string, a: Tensor, b: Tensor, k1: number, k2: number): never {
  throw shapeError(`${op}: cannot multiply ${fmt(a._shape)} by ${fmt(b._shape)} (${k1} != ${k2})`);
}

/** A 1-D operand read as a column [k, 1]. */
function asColumn(v: Tensor): Tensor {
  return viewRaw(v, [v._shape[0], 1], [v._strides[0], 1], v.offset);
}

const mmOp = defineOp<[], null>({
  op: 'mm',
  nodeName: 'MmBackward0',
  forward(ctx, [a, b]) {
    ctx.save(ctx.needsInputGrad[1] ? a : null, ctx.needsInputGrad[0] ? b : null);
    const [x, y] = common('mm', a, b);
    return mmRaw(x, y);
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    return [b ? g.mm(b.t()) : null, a ? a.t().mm(g) : null];
  },
});

const mvOp = defineOp<[], null>({
  op: 'mv',
  nodeName: 'MvBackward0',
  forward(ctx, [m, v]) {
    ctx.save(ctx.needsInputGrad[1] ? m : null, ctx.needsInputGrad[0] ? v : null);
    const [x, y] = common('mv', m, v);
    return fromStorage(mmRaw(x, asColumn(y))._storage, [m._shape[0]], x.dtype);
  },
  backward(ctx, g) {
    const [m, v] = ctx.savedTensors();
    return [v ? g.unsqueeze(1).mm(v.unsqueeze(0)) : null, m ? m.t().mv(g) : null];
  },
});

const dotOp = defineOp<[], null>({
  op: 'dot',
  nodeName: 'DotBackward0',
  forward(ctx, [a, b]) {
    ctx.save(ctx.needsInputGrad[1] ? a : null, ctx.needsInputGrad[0] ? b : null);
    const [x, y] = common('dot', a, b);
    const row = viewRaw(x, [1, x._shape[0]], [0, x._strides[0]], x.offset);
    return fromStorage(mmRaw(row, asColumn(y))._storage, [], x.dtype);
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    return [b ? b.mul(g) : null, a ? a.mul(g) : null];
  },
});

const bmmOp = defineOp<[], null>({
  op: 'bmm',
  nodeName: 'BmmBackward0',
  forward(ctx, [a, b]) {
    ctx.save(ctx.needsInputGrad[1] ? a : null, ctx.needsInputGrad[0] ? b : null);
    const [x, y] = common('bmm', a, b);
    return bmmRaw(x, y);
  },
  backward(ctx, g) {
    const [a, b] = ctx.savedTensors();
    return [b ? g.bmm(b.transpose(1, 2)) : null, a ? a.transpose(1, 2).bmm(g) : null];
  },
});

export function mm(a: Tensor, b: Tensor): Tensor {
  checkTensor('mm', a);
  checkTensor('mm', b, 'mat2');
  sameDType('mm', a, b);
  if (a.ndim !== 2) throw shapeError(`mm: self must be a matrix, got ${a.ndim}-D ${fmt(a._shape)}`);
  if (b.ndim !== 2) throw shapeError(`mm: mat2 must be a matrix, got ${b.ndim}-D ${fmt(b._shape)}`);
  if (a._shape[1] !== b._shape[0]) mismatch('mm', a, b, a._shape[1], b._shape[0]);
  return mmOp([a, b]);
}

export function mv(m: Tensor, v: Tensor): Tensor {
  checkTensor('mv', m);
  checkTensor('mv', v, 'vec');
  sameDType('mv', m, v);
  if (m.ndim !== 2 || v.ndim !== 1) throw shapeError(`mv: expected a matrix and a vector, got ${fmt(m._shape)} and ${fmt(v._shape)}`);
  if (m._shape[1] !== v._shape[0]) mismatch('mv', m, v, m._shape[1], v._shape[0]);
  return mvOp([m, v]);
}

export function dot(a: Tensor, b: Tensor): Tensor {
  checkTensor('dot', a);
  checkTensor('dot', b, 'tensor');
  sameDType('dot', a, b);
  if (a.ndim !== 1 || b.ndim !== 1) {
    throw shapeError(`dot: 1D tensors expected, but got ${a.ndim}D and ${b.ndim}D tensors`);
  }
  if (a._shape[0] !== b._shape[0]) {
    throw shapeError(
      `dot: inconsistent tensor size, expected tensor [${a._shape[0]}] and src [${b._shape[0]}] to have the same number of elements, but got ${a._shape[0]} and ${b._shape[0]} elements respectively`,
    );
  }
  return dotOp([a, b]);
}

export function bmm(a: Tensor, b: Tensor): Tensor {
  checkTensor('bmm', a);
  checkTensor('bmm', b, 'mat2');
  sameDType('bmm', a, b);
  if (a.ndim !== 3 || b.ndim !== 3) throw shapeError(`bmm: batch1 and batch2 must be 3D tensors, got ${fmt(a._shape)} and ${fmt(b._shape)}`);
  if (a._shape[0] !== b._shape[0]) throw shapeError(`bmm: batch sizes differ, ${fmt(a._shape)} and ${fmt(b._shape)}`);
  if (a._shape[2] !== b._shape[1]) mismatch('bmm', a, b, a._shape[2], b._shape[1]);
  return bmmOp([a, b]);
}

/**
 * bias + x @ m as one node, as PyTorch's nn.Linear records one addmm (its inputs in addmm's
 * order: bias, x, m). The same kernels as matmul then add and the composite's gradient formulas
 * (mm's and add's), so the same bits.
 */
const addmmOp = defineOp<[], null>({
  op: 'addmm',
  nodeName: 'AddmmBackward0',
  forward(ctx, [bias, x, m]) {
    ctx.save(ctx.needsInputGrad[2] ? x : null, ctx.needsInputGrad[1] ? m : null);
    const out = mmRaw(x, m);
    binaryInto(BinaryCode.Add, out, out, bias);
    return out;
  },
  backward(ctx, g) {
    const [x, m] = ctx.savedTensors();
    return [ctx.needsInputGrad[0] ? sumTo(g, ctx.inputShape(0)) : null, m ? g.mm(m.t()) : null, x ? x.t().mm(g) : null];
  },
});

/**
 * bias + x @ m for a linear layer (bias of shape [out], m of [in, out]): one node for a matrix x
 * and operands of one floating dtype, else matmul then add.
 */
export function addmm(bias: Tensor, x: Tensor, m: Tensor): Tensor {
  checkTensor('addmm', bias, 'self');
  checkTensor('addmm', x, 'mat1');
  checkTensor('addmm', m, 'mat2');
  addmmDTypes('addmm', bias, x, m);
  const fused =
    x.ndim === 2 &&
    m.ndim === 2 &&
    bias.ndim === 1 &&
    x._shape[1] === m._shape[0] &&
    bias._shape[0] === m._shape[1] &&
    isFloating(x.dtype) &&
    m.dtype === x.dtype &&
    bias.dtype === x.dtype;
  return fused ? addmmOp([bias, x, m]) : matmul(x, m).add(bias);
}

export interface MatmulOptions {
  /** Writes the product here and returns it (PyTorch's out=): same dtype and shape, no graph. */
  out?: Tensor;
}

/**
 * matmul with `out`: a 2-D product goes straight into a contiguous `out` that shares no memory
 * with the operands (no allocation: a fresh large output costs page faults); anything else is
 * computed, then copied in.
 */
function matmulOut(a: Tensor, b: Tensor, out: Tensor): Tensor {
  checkTensor('matmul', out, 'out');
  if (isGradEnabled() && (a.requiresGrad || b.requiresGrad || out.requiresGrad)) {
    throw gradError("matmul(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.");
  }
  const dtype = a.dtype;
  if (out.dtype !== dtype) throw dtypeError(`matmul: expected out tensor to have dtype ${dtype}, but got ${out.dtype} instead`);
  checkNotBusy('matmul', out);
  checkWritable('matmul', out);
  const direct =
    a.ndim === 2 &&
    b.ndim === 2 &&
    out.ndim === 2 &&
    a._shape[1] === b._shape[0] &&
    dtype !== 'bool' &&
    out._shape[0] === a._shape[0] &&
    out._shape[1] === b._shape[1] &&
    out.isContiguous() &&
    out._storage !== a._storage &&
    out._storage !== b._storage;
  if (direct) {
    const [x, y] = common('mm', a, b);
    mmRaw(x, y, out);
  } else {
    const r = matmul(a, b);
    if (!sameShape(r._shape, out._shape)) throw shapeError(`matmul: out has shape ${fmt(out._shape)}, the product's is ${fmt(r._shape)}`);
    copyInto(out, r);
  }
  out._version.value++;
  return out;
}

/** torch.matmul: dot, mv, mm, or a batched product with broadcast batch dims. */
export function matmul(a: Tensor, b: Tensor, opts?: MatmulOptions): Tensor {
  checkTensor('matmul', a);
  checkTensor('matmul', b, 'other');
  sameDType('matmul', a, b);
  if (opts !== undefined && opts !== null) {
    if (typeof opts !== 'object') throw argumentError('matmul: options must be an object ({ out })');
    if (opts.out !== undefined) return matmulOut(a, b, opts.out);
  }
  if (a.ndim === 0 || b.ndim === 0) {
    throw shapeError(`matmul: both arguments to matmul need to be at least 1D, but they are ${a.ndim}D and ${b.ndim}D`);
  }
  if (!isFloating(a.dtype) && !isFloating(b.dtype) && (a.dtype === 'bool' || b.dtype === 'bool')) {
    throw dtypeError('matmul: not implemented for bool tensors');
  }
  const k1 = a._shape[a.ndim - 1];
  const k2 = b.ndim === 1 ? b._shape[0] : b._shape[b.ndim - 2];
  if (k1 !== k2) mismatch('matmul', a, b, k1, k2);
  if (a.ndim === 1 && b.ndim === 1) return dotOp([a, b]);
  if (a.ndim === 2 && b.ndim === 1) return mvOp([a, b]);
  if (a.ndim === 1 && b.ndim === 2) return mmOp([a.unsqueeze(0), b]).squeeze(0);
  if (a.ndim === 2 && b.ndim === 2) return mmOp([a, b]);
  // Batched: promote 1-D operands to matrices, broadcast the batch dims, fold them into one.
  const x = a.ndim === 1 ? a.unsqueeze(0) : a;
  const y = b.ndim === 1 ? b.unsqueeze(1) : b;
  const m = x._shape[x.ndim - 2];
  const n = y._shape[y.ndim - 1];
  const batch = broadcastShapes('matmul', x._shape.slice(0, -2), y._shape.slice(0, -2));
  const nb = batch.reduce((p, s) => p * s, 1);
  const x3 = x.expand([...batch, m, k1]).reshape([nb, m, k1]);
  const y3 = y.expand([...batch, k1, n]).reshape([nb, k1, n]);
  let out = unsafeView(bmmOp([x3, y3]), [...batch, m, n]);
  if (a.ndim === 1) out = out.squeeze(-2);
  if (b.ndim === 1) out = out.squeeze(-1);
  return out;
}
