// Tests of float values (isnan, isinf, isfinite), nanToNum, and the logical functions. Only
// nanToNum is differentiable; the rest give bool tensors, as in PyTorch.
import { defineOp } from '../autograd/define_op';
import { isFloating } from '../dtype';
import { argumentError } from '../errors';
import { optionsArg } from '../shape';
import type { Tensor } from '../tensor';
import { BinaryCode, CompareCode, UnaryCode } from '../backend/codes';
import { binaryRaw, compareRaw, unaryRaw, whereRaw } from '../backend/elementwise';
import { checkTensor, wrapNumber } from '../backend/operand';
import { castRaw, cloneRaw, fullRaw } from '../backend/raw';

const FLOAT32_MAX = 3.4028234663852886e38;

/** x != x: true where x is NaN (torch.isnan); integer and bool tensors hold none. */
export function isnan(x: Tensor): Tensor {
  checkTensor('isnan', x);
  if (!isFloating(x.dtype)) return fullRaw(x._shape, 0, 'bool');
  return compareRaw(CompareCode.Ne, x, x, 'isnan');
}

/** |x| == Infinity (torch.isinf). */
export function isinf(x: Tensor): Tensor {
  checkTensor('isinf', x);
  if (!isFloating(x.dtype)) return fullRaw(x._shape, 0, 'bool');
  return compareRaw(CompareCode.Eq, unaryRaw(UnaryCode.Abs, x), wrapNumber(Infinity, x.dtype), 'isinf');
}

/** Neither NaN nor ±Infinity (torch.isfinite): x - x is 0 exactly for those and NaN otherwise. */
export function isfinite(x: Tensor): Tensor {
  checkTensor('isfinite', x);
  if (!isFloating(x.dtype)) return fullRaw(x._shape, 1, 'bool');
  return compareRaw(CompareCode.Eq, binaryRaw(BinaryCode.Sub, x, x, 'isfinite'), wrapNumber(0, x.dtype), 'isfinite');
}

export interface NanToNumOptions {
  /** What NaN becomes (default 0). */
  nan?: number;
  /** What +Infinity becomes (default the dtype's largest finite value). */
  posinf?: number;
  /** What -Infinity becomes (default the dtype's lowest finite value). */
  neginf?: number;
}

interface Replacements {
  nan: number;
  posinf: number;
  neginf: number;
}

const nanToNumOp = defineOp<[Replacements], null>({
  op: 'nanToNum',
  nodeName: 'NanToNumBackward0',
  forward(ctx, [x], r) {
    ctx.save(x);
    const d = x.dtype;
    let out = whereRaw(compareRaw(CompareCode.Ne, x, x, 'nanToNum'), wrapNumber(r.nan, d), x);
    out = whereRaw(compareRaw(CompareCode.Eq, x, wrapNumber(Infinity, d), 'nanToNum'), wrapNumber(r.posinf, d), out);
    return whereRaw(compareRaw(CompareCode.Eq, x, wrapNumber(-Infinity, d), 'nanToNum'), wrapNumber(r.neginf, d), out);
  },
  backward(ctx, g) {
    const [x] = ctx.savedTensors();
    return [g.mul(isfinite(x!))];
  },
});

/**
 * Replaces NaN, +Infinity and -Infinity (torch.nan_to_num): by default with 0 and the dtype's
 * largest and lowest finite values. Integer and bool tensors come back as copies.
 */
export function nanToNum(x: Tensor, options?: NanToNumOptions | null): Tensor {
  checkTensor('nanToNum', x);
  const opts = optionsArg<NanToNumOptions>('nanToNum', options) ?? {};
  for (const k of ['nan', 'posinf', 'neginf'] as const) {
    const v = opts[k];
    if (v !== undefined && v !== null && typeof v !== 'number') throw argumentError(`nanToNum: ${k} must be a number, got ${typeof v}`);
  }
  if (!isFloating(x.dtype)) return cloneRaw(x);
  const max = x.dtype === 'float32' ? FLOAT32_MAX : Number.MAX_VALUE;
  return nanToNumOp([x], { nan: opts.nan ?? 0, posinf: opts.posinf ?? max, neginf: opts.neginf ?? -max });
}

/** x as 0/1 int32: true where x is nonzero (NaN counts as true, as in PyTorch). */
function truth(name: string, x: Tensor): Tensor {
  checkTensor(name, x);
  if (x.dtype === 'bool') return castRaw(x, 'int32');
  return castRaw(compareRaw(CompareCode.Ne, x, wrapNumber(0, x.dtype), name), 'int32');
}

/** Elementwise NOT as a bool tensor: true where x is zero (torch.logical_not). */
export function logicalNot(x: Tensor): Tensor {
  return compareRaw(CompareCode.Eq, truth('logicalNot', x), wrapNumber(0, 'int32'), 'logicalNot');
}

/** Elementwise AND of the truth of a and b, broadcasting, as a bool tensor (torch.logical_and). */
export function logicalAnd(a: Tensor, b: Tensor): Tensor {
  return castRaw(binaryRaw(BinaryCode.Mul, truth('logicalAnd', a), truth('logicalAnd', b), 'logicalAnd'), 'bool');
}

/** Elementwise OR, broadcasting, as a bool tensor (torch.logical_or). */
export function logicalOr(a: Tensor, b: Tensor): Tensor {
  return castRaw(binaryRaw(BinaryCode.Maximum, truth('logicalOr', a), truth('logicalOr', b), 'logicalOr'), 'bool');
}

/** Elementwise XOR, broadcasting, as a bool tensor (torch.logical_xor). */
export function logicalXor(a: Tensor, b: Tensor): Tensor {
  return compareRaw(CompareCode.Ne, truth('logicalXor', a), truth('logicalXor', b), 'logicalXor');
}
