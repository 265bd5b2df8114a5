// torch.nn.functional.pad: constant_pad_nd (ConstantPadNdBackward0, whose backward is the
// opposite padding) and the index-based modes reflect / replicate (ReflectionPad{k}DBackward0,
// ReplicationPad{k}DBackward0), whose forward gathers along each padded dim and whose backward
// index_adds back; circular is PyTorch 1.13's _pad_circular (slice copies, circularPad below).
import { defineOp, type Op } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { full, tensor, zeros } from '../creation';
import type { Tensor } from '../tensor';

/** pads as [dim, before, after], last dim first (PyTorch's ordering). */
export type PadPlan = [number, number, number][];

/** The slice of `size` kept after negative padding, and where it lands in the padded dim. */
function window(size: number, before: number, after: number): { from: number; to: number; at: number } {
  const from = Math.max(-before, 0);
  const to = size - Math.max(-after, 0);
  return { from, to, at: Math.max(before, 0) };
}

export const constantPadOp: Op<[PadPlan, number]> = defineOp<[PadPlan, number], { plan: PadPlan }>({
  op: 'constantPadNd',
  nodeName: 'ConstantPadNdBackward0',
  forward(ctx, [x], plan, value) {
    ctx.state = { plan };
    return noGradSync(() => {
      const shape = x.shape.slice();
      for (const [d, before, after] of plan) shape[d] += before + after;
      const out = full(shape, value, { dtype: x.dtype });
      if (out.numel === 0) return out;
      let src = x;
      let dst = out;
      for (const [d, before, after] of plan) {
        const w = window(x.shape[d], before, after);
        if (w.to <= w.from) return out;
        src = src.narrow(d, w.from, w.to - w.from);
        dst = dst.narrow(d, w.at, w.to - w.from);
      }
      dst.copy_(src);
      return out;
    });
  },
  backward(ctx, g) {
    return [
      constantPadOp(
        [g],
        ctx.state.plan.map(([d, b, a]) => [d, -b, -a]),
        0,
      ),
    ];
  },
});

export type IndexPadMode = 'reflect' | 'replicate';

/** For each output position along a dim, the input position it copies. */
export function padIndex(mode: IndexPadMode, size: number, before: number, after: number): Int32Array {
  const out = new Int32Array(size + before + after);
  for (let o = 0; o < out.length; o++) {
    const i = o - before;
    if (mode === 'replicate') out[o] = Math.min(Math.max(i, 0), size - 1);
    else out[o] = i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
  }
  return out;
}

interface IndexPadState {
  steps: { dim: number; size: number; index: Tensor }[];
}

function gatherAlong(x: Tensor, plan: PadPlan, mode: IndexPadMode): { y: Tensor; steps: IndexPadState['steps'] } {
  const steps: IndexPadState['steps'] = [];
  let y = x;
  for (const [d, before, after] of plan) {
    const index = tensor(padIndex(mode, y.shape[d], before, after), { dtype: 'int32' });
    steps.push({ dim: d, size: y.shape[d], index });
    y = y.indexSelect(d, index);
  }
  return { y, steps };
}

/** Reflect or replicate padding over 1 to 3 trailing dims; the node names PyTorch's. */
export const indexPadOp = defineOp<[PadPlan, IndexPadMode], IndexPadState>({
  op: 'indexPad',
  nodeName: (plan, mode) => `${mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${plan.length}DBackward0`,
  forward(ctx, [x], plan, mode) {
    return noGradSync(() => {
      const { y, steps } = gatherAlong(x, plan, mode);
      ctx.state = { steps };
      return y;
    });
  },
  backward(ctx, g) {
    let out = g;
    for (const { dim, size, index } of ctx.state.steps.slice().reverse()) {
      const shape = out.shape.slice();
      shape[dim] = size;
      out = zeros(shape, { dtype: g.dtype }).indexAdd(dim, index, out);
    }
    return [out];
  },
});

/**
 * Circular padding as PyTorch 1.13's _pad_circular: a new tensor, the (cropped) input copied into
 * its middle, then per padded dim, first to last, the wrapped edges copied from the tensor
 * itself; in-place slice copies, so its node is CopySlices as PyTorch's.
 */
export function circularPad(x: Tensor, plan: PadPlan): Tensor {
  const shape = x.shape.slice();
  for (const [d, before, after] of plan) shape[d] += before + after;
  // cropped to nothing (PyTorch's empty result): no element to place or wrap
  if (plan.some(([d]) => shape[d] === 0)) return constantPadOp([x], plan, 0);
  const out = zeros(shape, { dtype: x.dtype });
  let dst = out;
  let src = x;
  for (const [d, before, after] of plan) {
    const inner = shape[d] - Math.max(before, 0) - Math.max(after, 0);
    dst = dst.narrow(d, Math.max(before, 0), inner);
    src = src.narrow(d, Math.max(-before, 0), inner);
  }
  dst.copy_(src);
  for (const [d, before, after] of plan.slice().reverse()) {
    const n = shape[d];
    const inner = n - Math.max(before, 0) - Math.max(after, 0);
    // out[i] = out[i + inner] left, out[j] = out[j - inner] right: a pad wider than what cropping
    // left of the input wraps around it again, so it is copied in chunks of at most `inner`, each
    // from elements already written (one copy when the pad fits, as before)
    for (let end = before; end > 0; end -= inner) {
      const c = Math.min(inner, end);
      out.narrow(d, end - c, c).copy_(out.narrow(d, end - c + inner, c));
    }
    for (let start = n - after; start < n; start += inner) {
      const c = Math.min(inner, n - start);
      out.narrow(d, start, c).copy_(out.narrow(d, start - inner, c));
    }
  }
  return out;
}
