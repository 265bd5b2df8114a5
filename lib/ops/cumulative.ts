// cumsum/cumprod along a dim, in the addon: each line accumulated in order in double (floats) or
// int64 (integers), every step rounded to the dtype, as PyTorch's CPU kernel, so the bits match.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { checkDType, isFloating, type DType } from '../dtype';
import { dtypeError } from '../errors';
import { normDim } from '../shape';
import type { Tensor } from '../tensor';
import { CumulativeKind, cumulativeRaw, wideInt } from '../backend/along_dim';
import { checkTensor } from '../backend/operand';
import { castRaw, fromStorage } from '../backend/raw';
import { optionsArg } from '../shape';
import { tensor } from '../creation';
import { cat } from './join';

/** x reversed along dim (PyTorch's flip), through indexSelect so it is recorded. */
export function flipDim(x: Tensor, dim: number): Tensor {
  const n = x._shape[dim];
  return x.indexSelect(
    dim,
    Array.from({ length: n }, (_, i) => n - 1 - i),
  );
}

/** sum over j >= i of g[j] along dim: flip, cumsum, flip (PyTorch's reversed_cumsum). */
function reversedCumsum(g: Tensor, dim: number): Tensor {
  return flipDim(cumsum(flipDim(g, dim), dim), dim);
}

interface CumState {
  dim: number;
}

function forward(kind: CumulativeKind, x: Tensor, dim: number, dtype: DType): Tensor {
  const src = x.dtype === dtype ? x : castRaw(x, dtype);
  if (x.ndim === 0) {
    const one = cumulativeRaw(kind, fromStorage(castRaw(src, dtype)._storage, [1], dtype), 0);
    return fromStorage(one._storage, [], dtype);
  }
  return cumulativeRaw(kind, src, dim);
}

const cumsumOp = defineOp<[number, DType], CumState>({
  op: 'cumsum',
  nodeName: 'CumsumBackward0',
  forward(ctx, [x], dim, dtype) {
    ctx.state = { dim };
    return forward(CumulativeKind.Sum, x, dim, dtype);
  },
  backward(ctx, g) {
    const { dim } = ctx.state;
    if (g.ndim === 0 || g._shape[dim] <= 1) return [g];
    return [reversedCumsum(g, dim)];
  },
});

// cumprod_backward: without zeros, reversed_cumsum(out * g) / x. With zeros, dx_k = sum over
// i >= k of g_i * (product of x_j, j <= i, j != k): each k's line recomputed with x_k = 1.
const cumprodOp = defineOp<[number, DType], CumState>({
  op: 'cumprod',
  nodeName: 'CumprodBackward0',
  forward(ctx, [x], dim, dtype) {
    ctx.state = { dim };
    const out = forward(CumulativeKind.Prod, x, dim, dtype);
    ctx.save(x);
    ctx.saveOutput(out);
    return out;
  },
  backward(ctx, g) {
    const { dim } = ctx.state;
    const [saved, out] = ctx.savedTensors();
    const x = saved!.to(g.dtype);
    if (g.ndim === 0 || g._shape[dim] <= 1) return [g];
    const hasZero = noGradSync(() => x.detach().eq(0).to('int32').sum().item()) > 0;
    if (!hasZero) return [reversedCumsum(out!.mul(g), dim).div(x)];
    const n = x._shape[dim];
    const parts: Tensor[] = [];
    const lineShape = x._shape.map((s, i) => (i === dim ? n : 1));
    for (let k = 0; k < n; k++) {
      const e = tensor(
        Array.from({ length: n }, (_, j) => (j === k ? 1 : 0)),
        { dtype: x.dtype },
      ).reshape(lineShape);
      const replaced = x.mul(e.neg().add(1)).add(e); // x with x_k replaced by 1
      parts.push(
        cumprod(replaced, dim)
          .mul(g)
          .narrow(dim, k, n - k)
          .sum(dim, true),
      );
    }
    return [cat(parts, dim)];
  },
});

export interface CumulativeOptions {
  /** The dtype to accumulate and return in (PyTorch's dtype=); integers and bool default to int64. */
  dtype?: DType;
}

function cumulative(op: 'cumsum' | 'cumprod', x: Tensor, dim: number, options: unknown): Tensor {
  checkTensor(op, x);
  const opts = optionsArg<CumulativeOptions>(op, options) ?? {};
  const d = normDim(op, dim, x.ndim);
  const dtype = opts.dtype === undefined ? (isFloating(x.dtype) ? x.dtype : wideInt()) : checkDType(opts.dtype, op);
  if (dtype === 'bool') throw dtypeError(`${op}: dtype bool is not supported`);
  return (op === 'cumsum' ? cumsumOp : cumprodOp)([x], d, dtype);
}

/** Running sum along `dim` (torch.cumsum); integers and bool accumulate into int64. */
export function cumsum(x: Tensor, dim: number, opts?: CumulativeOptions): Tensor {
  return cumulative('cumsum', x, dim, opts);
}

/** Running product along `dim` (torch.cumprod). */
export function cumprod(x: Tensor, dim: number, opts?: CumulativeOptions): Tensor {
  return cumulative('cumprod', x, dim, opts);
}
