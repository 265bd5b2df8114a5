// embedding and embedding_bag: one registry entry each with PyTorch's node names
// (EmbeddingBackward0, EmbeddingBagBackward0). Forwards gather rows without recording; backwards
// scatter the gradient with recorded ops (index_select / index_add), so they differentiate again.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { tensor, zeros } from '../creation';
import type { Tensor } from '../tensor';

/** An int32 tensor over the given positions. */
export function int32Tensor(values: Int32Array | number[]): Tensor {
  return tensor(values instanceof Int32Array ? values : Int32Array.from(values), { dtype: 'int32' });
}

interface EmbeddingState {
  index: Int32Array;
  rows: number;
  paddingIdx: number | null;
  scaleGradByFreq: boolean;
}

/** weight[indices] (indices flattened, already checked in range), shaped [...shape, dim]. */
export const embeddingOp = defineOp<[Int32Array, number[], number | null, boolean], EmbeddingState>({
  op: 'embedding',
  nodeName: 'EmbeddingBackward0',
  forward(ctx, [weight], index, shape, paddingIdx, scaleGradByFreq) {
    ctx.state = { index: index.slice(), rows: weight.shape[0], paddingIdx, scaleGradByFreq };
    return noGradSync(() => weight.indexSelect(0, int32Tensor(index)).view([...shape, weight.shape[1]]));
  },
  backward(ctx, g) {
    // embedding_dense_backward: rows of padding_idx get nothing; with scale_grad_by_freq each
    // row's gradient is divided by how often its index occurs in the batch.
    const { index, rows, paddingIdx, scaleGradByFreq } = ctx.state;
    const dim = g.shape[g.ndim - 1];
    let flat = g.reshape([index.length, dim]);
    if (paddingIdx !== null || scaleGradByFreq) {
      const counts = new Map<number, number>();
      if (scaleGradByFreq) for (const i of index) counts.set(i, (counts.get(i) ?? 0) + 1);
      const factor = Array.from(index, (i) => (i === paddingIdx ? 0 : scaleGradByFreq ? 1 / counts.get(i)! : 1));
      flat = flat.mul(tensor(factor, { dtype: g.dtype }).unsqueeze(1));
    }
    return [zeros([rows, dim], { dtype: g.dtype }).indexAdd(0, int32Tensor(index), flat)];
  },
});

export type BagMode = 'sum' | 'mean' | 'max';

/** Which bag each looked-up row goes to, for the rows that count (padding rows dropped). */
export interface BagPlan {
  mode: BagMode;
  bags: number;
  rows: number;
  dim: number;
  /** Per counted position: its weight row, its bag, and its place in the input. */
  index: Int32Array;
  bag: Int32Array;
  position: Int32Array;
  inputLength: number;
  /** Counted rows per bag. */
  count: Int32Array;
}

interface BagState {
  plan: BagPlan;
  hasWeights: boolean;
  argmax: Int32Array | null;
}

/** Per bag and column: the counted row holding the first maximum (strictly greater wins, as ATen), -1 for an empty bag. */
function bagArgmax(weight: Tensor, plan: BagPlan): Int32Array {
  const data = weight.contiguous()._contiguousData() as Float32Array | Float64Array;
  const { bags, dim, index, bag } = plan;
  const best = new Int32Array(bags * dim).fill(-1);
  for (let k = 0; k < index.length; k++) {
    const base = bag[k] * dim;
    const row = index[k] * dim;
    for (let d = 0; d < dim; d++) {
      const cur = best[base + d];
      if (cur < 0 || data[row + d] > data[index[cur] * dim + d]) best[base + d] = k;
    }
  }
  return best;
}

/** Flat positions (row * dim + col) of the weight entries chosen by the max, and the matching output positions. */
function maxPositions(plan: BagPlan, argmax: Int32Array): { weightAt: Int32Array; outAt: Int32Array } {
  const weightAt: number[] = [];
  const outAt: number[] = [];
  for (let j = 0; j < argmax.length; j++) {
    if (argmax[j] < 0) continue;
    weightAt.push(plan.index[argmax[j]] * plan.dim + (j % plan.dim));
    outAt.push(j);
  }
  return { weightAt: Int32Array.from(weightAt), outAt: Int32Array.from(outAt) };
}

/** Mean mode's per-position scale 1 / count of its bag. */
function meanScale(plan: BagPlan, dtype: Tensor['dtype']): Tensor {
  return tensor(
    Array.from(plan.bag, (b) => 1 / plan.count[b]),
    { dtype },
  ).unsqueeze(1);
}

/** Inputs: [weight] or [weight, perSampleWeights] (sum mode only). Output [bags, dim]; empty bags are zeros. */
export const embeddingBagOp = defineOp<[BagPlan], BagState>({
  op: 'embeddingBag',
  nodeName: 'EmbeddingBagBackward0',
  forward(ctx, inputs, plan) {
    const [weight] = inputs;
    const hasWeights = inputs.length > 1;
    return noGradSync(() => {
      const { bags, dim } = plan;
      if (plan.mode === 'max') {
        const argmax = bagArgmax(weight, plan);
        ctx.state = { plan, hasWeights, argmax };
        const { weightAt, outAt } = maxPositions(plan, argmax);
        const picked = weight.reshape([-1]).indexSelect(0, int32Tensor(weightAt));
        return zeros([bags * dim], { dtype: weight.dtype })
          .indexAdd(0, int32Tensor(outAt), picked)
          .view([bags, dim]);
      }
      ctx.state = { plan, hasWeights, argmax: null };
      if (hasWeights) ctx.save(weight, inputs[1]);
      let rows = weight.indexSelect(0, int32Tensor(plan.index));
      if (hasWeights) rows = rows.mul(inputs[1].indexSelect(0, int32Tensor(plan.position)).unsqueeze(1));
      const out = zeros([bags, dim], { dtype: weight.dtype }).indexAdd(0, int32Tensor(plan.bag), rows);
      if (plan.mode === 'sum') return out;
      return out.div(
        tensor(
          Array.from(plan.count, (c) => Math.max(c, 1)),
          { dtype: weight.dtype },
        ).unsqueeze(1),
      );
    });
  },
  backward(ctx, g) {
    const { plan, hasWeights, argmax } = ctx.state;
    const { rows, dim } = plan;
    if (argmax !== null) {
      const { weightAt, outAt } = maxPositions(plan, argmax);
      const picked = g.reshape([-1]).indexSelect(0, int32Tensor(outAt));
      return [
        zeros([rows * dim], { dtype: g.dtype })
          .indexAdd(0, int32Tensor(weightAt), picked)
          .view([rows, dim]),
      ];
    }
    let perRow = g.indexSelect(0, int32Tensor(plan.bag));
    if (plan.mode === 'mean') perRow = perRow.mul(meanScale(plan, g.dtype));
    const out: (Tensor | null)[] = [];
    let psw: Tensor | null = null;
    let weight: Tensor | null = null;
    if (hasWeights) [weight, psw] = ctx.savedTensors() as Tensor[];
    if (ctx.needsInputGrad[0]) {
      const scaled = psw === null ? perRow : perRow.mul(psw.indexSelect(0, int32Tensor(plan.position)).unsqueeze(1));
      out.push(zeros([rows, dim], { dtype: g.dtype }).indexAdd(0, int32Tensor(plan.index), scaled));
    } else out.push(null);
    if (hasWeights) {
      // d out[bag] / d psw[k] = weight[index[k]], dotted with the bag's gradient.
      const gw = ctx.needsInputGrad[1] ? perRow.mul(weight!.indexSelect(0, int32Tensor(plan.index))).sum(1) : null;
      out.push(gw === null ? null : zeros([plan.inputLength], { dtype: g.dtype }).indexAdd(0, int32Tensor(plan.position), gw));
    }
    return out;
  },
});
