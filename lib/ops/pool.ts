// max_pool1d and avg_pool1d as PyTorch 1.13 runs them: the [N, C, L] input unsqueezed to
// [N, C, 1, L], pooled by a 2-D op (MaxPool2DWithIndicesBackward0, AvgPool2DBackward0), then
// squeezed back. The window of every output position is gathered by one indexSelect from the
// input padded by -inf (max) or 0 (avg); the backwards scatter the gradient back with indexAdd
// and scatterAdd, registered ops, so they differentiate again.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import type { Tensor } from '../tensor';
import { full, tensor, zeros } from '../creation';
import { cat } from './join';
import { indexSelect } from './indexing';
import { indexAdd } from './scatter';

/** Pooling geometry over the last dim: kernel, stride, padding, dilation and output length. */
export interface PoolGeometry {
  k: number;
  stride: number;
  pad: number;
  dilation: number;
  lout: number;
}

/** PyTorch's pooling_output_shape: floor or ceil, and a last window must start inside the input or left padding. */
export function poolOutputSize(l: number, k: number, pad: number, stride: number, dilation: number, ceilMode: boolean): number {
  const num = l + 2 * pad - dilation * (k - 1) - 1 + (ceilMode ? stride - 1 : 0);
  let out = Math.floor(num / stride) + 1;
  if (ceilMode && (out - 1) * stride >= l + pad) out--;
  return out;
}

/** Right padding the last window needs beyond the input (ceil mode can reach past it). */
function rightPad(l: number, g: PoolGeometry): number {
  return Math.max(0, (g.lout - 1) * g.stride + (g.k - 1) * g.dilation + 1 - g.pad - l);
}

/** Source position in the padded input of every tap: [Lout * K] as j * K + t. */
function tapIndex(g: PoolGeometry): Tensor {
  const idx = new BigInt64Array(g.lout * g.k);
  for (let j = 0; j < g.lout; j++) for (let t = 0; t < g.k; t++) idx[j * g.k + t] = BigInt(j * g.stride + t * g.dilation);
  return tensor(idx);
}

/** Windows [N, C, 1, Lout, K] of x [N, C, 1, L] padded with `fill`. */
function windows(x: Tensor, g: PoolGeometry, fill: number): Tensor {
  const [n, c, , l] = x.shape;
  const right = rightPad(l, g);
  const parts = [x];
  if (g.pad > 0) parts.unshift(full([n, c, 1, g.pad], fill, { dtype: x.dtype }));
  if (right > 0) parts.push(full([n, c, 1, right], fill, { dtype: x.dtype }));
  const xp = parts.length === 1 ? x : cat(parts, 3);
  return indexSelect(xp, 3, tapIndex(g)).reshape([n, c, 1, g.lout, g.k]);
}

/**
 * The input positions of the maxima of x [N, C, 1, L] (as max_pool2d_with_indices' indices:
 * h * W + w, h = 0), by ATen's loop: each window starts at its first in-bounds tap with -inf and
 * takes a tap that is greater or NaN, so a window of -inf keeps its first in-bounds position and
 * the last NaN wins (an argmax over -inf padding chose the padding, a negative position).
 */
export function maxPoolIndices(x: Tensor, g: PoolGeometry): Tensor {
  const [n, c, , l] = x._shape;
  const data = x.detach().contiguous()._contiguousData();
  const out = new Int32Array(n * c * g.lout);
  for (let row = 0, o = 0; row < n * c; row++) {
    const base = row * l;
    for (let j = 0; j < g.lout; j++, o++) {
      let p = j * g.stride - g.pad;
      let t = 0;
      for (; p < 0; t++) p += g.dilation;
      let best = p;
      let max = -Infinity;
      for (; t < g.k && p < l; t++, p += g.dilation) {
        const v = Number(data[base + p]);
        if (v > max || Number.isNaN(v)) {
          max = v;
          best = p;
        }
      }
      out[o] = best;
    }
  }
  return tensor(out, { shape: [n, c, 1, g.lout] }).to('int64');
}

/**
 * The output positions whose window has no tap inside the input (padding and dilation can leave
 * one): ATen gives them -inf and the position past the end where its tap search stopped.
 */
function emptyWindows(l: number, g: PoolGeometry): Tensor | null {
  const empty: number[] = [];
  for (let j = 0; j < g.lout; j++) {
    let p = j * g.stride - g.pad;
    while (p < 0) p += g.dilation;
    if (p >= l) empty.push(j);
  }
  if (empty.length === 0) return null;
  const mask = new Uint8Array(g.lout);
  for (const j of empty) mask[j] = 1;
  return tensor(mask, { dtype: 'bool' });
}

// The indices with those positions clamped into the input (they are gathered, then masked).
const gatherable = (indices: Tensor, l: number, empty: Tensor | null): Tensor => (empty === null ? indices : indices.clamp(0, l - 1));

const maxPoolOp = defineOp<[Tensor, PoolGeometry], PoolGeometry>({
  op: 'max_pool2d_with_indices',
  nodeName: 'MaxPool2DWithIndicesBackward0',
  forward(ctx, [x], indices, g) {
    ctx.save(indices);
    ctx.state = g;
    const [n, c, , l] = x.shape;
    const lout = indices.shape[3];
    const empty = emptyWindows(l, g);
    return noGradSync(() => {
      const v = x
        .detach()
        .reshape([n, c, l])
        .gather(2, gatherable(indices, l, empty).reshape([n, c, lout]))
        .reshape([n, c, 1, lout]);
      return empty === null ? v : v.maskedFill(empty, -Infinity);
    });
  },
  backward(ctx, grad) {
    const [indices] = ctx.savedTensors();
    const [n, c, , l] = ctx.inputShape(0);
    const lout = indices!.shape[3];
    const empty = emptyWindows(l, ctx.state);
    const g = empty === null ? grad : grad.maskedFill(empty, 0);
    const gx = zeros([n, c, l], { dtype: grad.dtype }).scatterAdd(2, gatherable(indices!, l, empty).reshape([n, c, lout]), g.reshape([n, c, lout]));
    return [gx.reshape([n, c, 1, l])];
  },
});

/** max_pool2d_with_indices over [N, C, 1, L] with the precomputed maxima positions `indices` [N, C, 1, Lout]. */
export function maxPool2dWithIndices(x: Tensor, indices: Tensor, g: PoolGeometry): Tensor {
  return maxPoolOp([x], indices, g);
}

/** PyTorch's avg_pool divisors: the window clipped to the padded input, or to the input itself. */
function divisors(l: number, g: PoolGeometry, countIncludePad: boolean): Float64Array {
  const div = new Float64Array(g.lout);
  for (let j = 0; j < g.lout; j++) {
    const start = j * g.stride - g.pad;
    const end = Math.min(start + g.k, l + g.pad);
    div[j] = countIncludePad ? end - start : Math.min(end, l) - Math.max(start, 0);
  }
  return div;
}

const avgPoolOp = defineOp<[PoolGeometry, boolean], { g: PoolGeometry; include: boolean }>({
  op: 'avg_pool2d',
  nodeName: 'AvgPool2DBackward0',
  forward(ctx, [x], g, include) {
    ctx.state = { g, include };
    const div = tensor(divisors(x.shape[3], g, include)).to(x.dtype);
    return noGradSync(() => windows(x.detach(), g, 0).sum(4).div(div));
  },
  backward(ctx, grad) {
    const { g, include } = ctx.state;
    const [n, c, , l] = ctx.inputShape(0);
    const div = tensor(divisors(l, g, include)).to(grad.dtype);
    // Every tap of window j receives grad_j / div_j; taps in the padding are dropped.
    const per = grad
      .div(div)
      .reshape([n, c, g.lout, 1])
      .expand([n, c, g.lout, g.k])
      .reshape([n, c, g.lout * g.k]);
    const lp = g.pad + l + rightPad(l, g);
    const gxp = indexAdd(zeros([n, c, lp], { dtype: grad.dtype }), 2, tapIndex(g), per);
    return [gxp.narrow(2, g.pad, l).reshape([n, c, 1, l])];
  },
});

/** avg_pool2d over [N, C, 1, L] with a 1 x K window. */
export function avgPool2d(x: Tensor, g: PoolGeometry, countIncludePad: boolean): Tensor {
  return avgPoolOp([x], g, countIncludePad);
}
