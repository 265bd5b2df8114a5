// amax/amin over dims (NaN propagates, the gradient shared evenly among ties), and the counting
// reductions all/any/countNonzero (no gradient).
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { indexError } from '../errors';
import type { Shape } from '../shape';
import type { Tensor } from '../tensor';
import { linesOver, wideInt } from '../backend/along_dim';
import { ArgReduceKind } from '../backend/codes';
import { checkTensor } from '../backend/operand';
import { cloneRaw, fromStorage } from '../backend/raw';
import { argReduceRaw } from '../backend/reduce';
import { reduceFlags, sum } from './reduce';
import { dimAndOptions, keepdimOf, keptShape, withKeepdim, type Dim } from './reduce_args';

interface AmaxState {
  flags: boolean[];
  keepdim: boolean;
  shape: Shape;
}

type Kind = 'amax' | 'amin';

function checkNonEmpty(op: string, x: Tensor, flags: readonly boolean[], all: boolean): void {
  if (x.numel !== 0) return;
  if (all) throw indexError(`${op}(): Expected reduction dim to be specified for input.numel() == 0. Specify the reduction dim with the 'dim' argument.`);
  for (let i = 0; i < x.ndim; i++) {
    if (flags[i] && x._shape[i] === 0) throw indexError(`${op}(): Expected reduction dim ${i} to have non-zero size.`);
  }
}

/** The extreme over the flagged dims (dropped from the shape); NaN wins. */
function extremeRaw(kind: Kind, x: Tensor, flags: readonly boolean[]): Tensor {
  const shape = x._shape.filter((_, i) => !flags[i]);
  if (!flags.some(Boolean)) return fromStorage(cloneRaw(x)._storage, shape, x.dtype);
  const l = linesOver(x, flags);
  if (x.numel === 0) return fromStorage(cloneRaw(x)._storage, shape, x.dtype);
  const lines = fromStorage(l.x._storage, [l.outer, l.n, l.inner], x.dtype, l.x.offset);
  const { values } = argReduceRaw(kind === 'amax' ? ArgReduceKind.Max : ArgReduceKind.Min, lines, 1);
  return fromStorage(values._storage, shape, x.dtype, values.offset);
}

function defineExtreme(kind: Kind, node: string) {
  return defineOp<[boolean[], boolean], AmaxState>({
    op: kind,
    nodeName: node,
    forward(ctx, [x], flags, keepdim) {
      const out = withKeepdim(extremeRaw(kind, x, flags), x._shape, flags, keepdim);
      ctx.state = { flags, keepdim, shape: x._shape };
      ctx.save(x);
      ctx.saveOutput(out);
      return out;
    },
    backward(ctx, g) {
      // scale_grad_by_count: the gradient split evenly among the elements equal to the result.
      const [x, result] = ctx.savedTensors();
      const { flags, keepdim, shape } = ctx.state;
      const kept = keptShape(shape, flags);
      const dims = flags.flatMap((f, i) => (f ? [i] : []));
      const gk = keepdim ? g : g.reshape(kept);
      const mask = x!.eq(keepdim ? result! : result!.reshape(kept)).to(g.dtype);
      const count = dims.length === 0 ? mask : mask.sum(dims, true);
      return [gk.div(count).mul(mask)];
    },
  });
}

const amaxOp = defineExtreme('amax', 'AmaxBackward0');
const aminOp = defineExtreme('amin', 'AminBackward0');

export interface KeepdimOptions {
  keepdim?: boolean;
}

function extreme(kind: Kind, x: Tensor, dim: unknown, options: unknown): Tensor {
  checkTensor(kind, x);
  const [d, opts] = dimAndOptions<KeepdimOptions>(kind, dim, options);
  const flags = reduceFlags(kind, x, d);
  const all = d === undefined || (Array.isArray(d) && d.length === 0);
  checkNonEmpty(kind, x, flags, all);
  return (kind === 'amax' ? amaxOp : aminOp)([x], flags, keepdimOf(kind, opts.keepdim));
}

/** Maximum over `dim` (all dims when omitted or []), NaN propagating (torch.amax). */
export function amax(x: Tensor, dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor {
  return extreme('amax', x, dim ?? undefined, opts);
}

/** Minimum over `dim` (torch.amin). */
export function amin(x: Tensor, dim?: Dim | KeepdimOptions | null, opts?: KeepdimOptions): Tensor {
  return extreme('amin', x, dim ?? undefined, opts);
}

/** Non-zero elements (NaN counts) over dims, as the wide integer dtype. */
function nonzeroCount(op: string, x: Tensor, dim: unknown, keepdim: boolean): { count: Tensor; n: number } {
  checkTensor(op, x);
  const flags = reduceFlags(op, x, dim as Dim | undefined);
  let n = 1;
  for (let i = 0; i < x.ndim; i++) if (flags[i]) n *= x._shape[i];
  const dims = flags.flatMap((f, i) => (f ? [i] : []));
  const count = noGradSync(() => {
    const nz = x.detach().ne(0).to(wideInt());
    return dims.length === 0 ? nz : sum(nz, dims, keepdim);
  });
  return { count, n };
}

/** Number of non-zero elements over `dim` (all when omitted), int64 as PyTorch (torch.count_nonzero). */
export function countNonzero(x: Tensor, dim?: Dim | null): Tensor {
  return nonzeroCount('count_nonzero', x, dim ?? undefined, false).count;
}

/** Whether every element over `dim` is non-zero; bool (torch.all). */
export function all(x: Tensor, dim?: Dim | KeepdimOptions | null, options?: KeepdimOptions): Tensor {
  const [d, opts] = dimAndOptions<KeepdimOptions>('all', dim ?? undefined, options);
  const { count, n } = nonzeroCount('all', x, d, keepdimOf('all', opts.keepdim));
  return noGradSync(() => count.eq(n));
}

/** Whether any element over `dim` is non-zero; bool (torch.any). */
export function any(x: Tensor, dim?: Dim | KeepdimOptions | null, options?: KeepdimOptions): Tensor {
  const [d, opts] = dimAndOptions<KeepdimOptions>('any', dim ?? undefined, options);
  const { count } = nonzeroCount('any', x, d, keepdimOf('any', opts.keepdim));
  return noGradSync(() => count.gt(0));
}
