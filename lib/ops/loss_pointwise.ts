// The pointwise losses PyTorch computes as one node: binary_cross_entropy
// (BinaryCrossEntropyBackward0), binary_cross_entropy_with_logits, huber_loss (HuberLossBackward0), smooth_l1_loss
// (SmoothL1LossBackward0), plus clamp_min (ClampMinBackward0) and the division by a scalar
// (DivBackward1) that PyTorch's composite losses end with. Forwards are public ops run unrecorded
// with PyTorch's kernel formulas; backwards are public ops (differentiable under createGraph) with
// the formulas of PyTorch's derivatives.yaml / FunctionsManual.cpp.
import { defineOp } from '../autograd/define_op';
import { noGradSync } from '../autograd/grad_mode';
import { broadcastShapes } from '../shape';
import type { Tensor } from '../tensor';
import { sumTo } from './composite_support';
import { where } from './compare';
import type { Reduction } from './loss_nll';

function reduce(loss: Tensor, reduction: Reduction): Tensor {
  return reduction === 'mean' ? loss.mean() : reduction === 'sum' ? loss.sum() : loss;
}

/** The incoming gradient scaled as the reduction was: 1 / numel for the mean. */
function scaled(g: Tensor, reduction: Reduction, numel: number): Tensor {
  return reduction === 'mean' ? g.div(numel) : g;
}

const bceOp = defineOp<[Tensor | null, Reduction], { weight: Tensor | null; reduction: Reduction }>({
  op: 'binaryCrossEntropy',
  nodeName: 'BinaryCrossEntropyBackward0',
  forward(ctx, [x, y], weight, reduction) {
    ctx.state = { weight, reduction };
    ctx.save(x, y);
    return noGradSync(() => {
      // (y - 1) * max(log(1 - x), -100) - y * max(log(x), -100), as PyTorch 1.13's CPU kernel.
      const logX = x.log().clamp(-100, null);
      const log1mX = x.neg().add(1).log().clamp(-100, null);
      let loss = y.sub(1).mul(log1mX).sub(y.mul(logX));
      if (weight !== null) loss = loss.mul(weight);
      return reduce(loss, reduction);
    });
  },
  backward(ctx, g) {
    const [x, y] = ctx.savedTensors();
    const { weight, reduction } = ctx.state;
    const n = x!.numel;
    const need = ctx.needsInputGrad;
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (need[0]) {
      // grad * (x - y) / max((1 - x) * x, 1e-12), times weight, / numel for the mean.
      gx = g.mul(x!.sub(y!)).div(x!.neg().add(1).mul(x!).clamp(1e-12, null));
      if (weight !== null) gx = gx.mul(weight);
      gx = scaled(gx, reduction, n);
    }
    if (need[1]) {
      // binary_cross_entropy_target_backward: -logit(x) * grad (* weight) (/ numel).
      gy = x!.div(x!.neg().add(1)).log().neg().mul(g);
      if (weight !== null) gy = gy.mul(weight);
      gy = scaled(gy, reduction, n);
    }
    return [gx, gy];
  },
});

/** binary_cross_entropy on same-shaped float input (in [0, 1]) and target; weight already expanded. */
export function binaryCrossEntropyOp(x: Tensor, y: Tensor, weight: Tensor | null, reduction: Reduction): Tensor {
  return bceOp([x, y], weight, reduction);
}

interface LogitsState {
  weight: Tensor | null;
  posWeight: Tensor | null;
  reduction: Reduction;
}

const bceLogitsOp = defineOp<[Tensor | null, Tensor | null, Reduction], LogitsState>({
  op: 'binaryCrossEntropyWithLogits',
  nodeName: 'BinaryCrossEntropyWithLogitsBackward0',
  forward(ctx, [x, y], weight, posWeight, reduction) {
    ctx.state = { weight, posWeight, reduction };
    ctx.save(x, y);
    return noGradSync(() => {
      // PyTorch's overflow-free form: (1 - y) x + lw * (log(exp(-m) + exp(-x - m)) + m), m = max(-x, 0).
      const m = x.neg().clamp(0, null);
      const log = m.neg().exp().add(x.neg().sub(m).exp()).log().add(m);
      const lw = posWeight === null ? null : posWeight.sub(1).mul(y).add(1);
      let loss = y
        .neg()
        .add(1)
        .mul(x)
        .add(lw === null ? log : lw.mul(log));
      if (weight !== null) loss = loss.mul(weight);
      return reduce(loss, reduction);
    });
  },
  backward(ctx, g) {
    const [x, y] = ctx.savedTensors();
    const { weight, posWeight, reduction } = ctx.state;
    const need = ctx.needsInputGrad;
    let gx: Tensor | null = null;
    let gy: Tensor | null = null;
    if (need[0]) {
      // ((pw y + 1 - y) sigmoid(x) - pw y), or sigmoid(x) - y, times grad (and weight), / numel for the mean.
      const t = posWeight === null ? null : posWeight.mul(y!);
      gx = (t === null ? x!.sigmoid().sub(y!) : t.add(1).sub(y!).mul(x!.sigmoid()).sub(t)).mul(g);
      if (weight !== null) gx = gx.mul(weight);
      gx = scaled(gx, reduction, x!.numel);
    }
    if (need[1]) {
      // binary_cross_entropy_with_logits_target_backward: logsigmoid(-x) - pw logsigmoid(x), or -x.
      gy = (posWeight === null ? x!.neg() : x!.neg().logSigmoid().sub(x!.logSigmoid().mul(posWeight))).mul(g);
      if (weight !== null) gy = gy.mul(weight);
      gy = scaled(gy, reduction, y!.numel);
    }
    return [gx, gy];
  },
});

/** binary_cross_entropy_with_logits on same-shaped input and target; weight and posWeight broadcast. */
export function binaryCrossEntropyWithLogitsOp(x: Tensor, y: Tensor, weight: Tensor | null, posWeight: Tensor | null, reduction: Reduction): Tensor {
  return bceLogitsOp([x, y], weight, posWeight, reduction);
}

interface SmoothState {
  param: number;
  reduction: Reduction;
}

/** Huber (delta) and smooth L1 (beta) share the shape handling; their formulas differ. */
function defineSmooth(op: string, nodeName: string, huber: boolean) {
  return defineOp<[number, Reduction], SmoothState>({
    op,
    nodeName,
    forward(ctx, [x, y], param, reduction) {
      ctx.state = { param, reduction };
      ctx.save(x, y);
      return noGradSync(() => {
        const z = x.sub(y).abs();
        const small = huber ? z.mul(z).mul(0.5) : z.mul(z).mul(0.5).div(param);
        const large = huber ? z.sub(0.5 * param).mul(param) : z.sub(0.5 * param);
        return reduce(where(z.lt(param), small, large), reduction);
      });
    },
    backward(ctx, g) {
      const [x, y] = ctx.savedTensors();
      const { param, reduction } = ctx.state;
      const d = x!.sub(y!);
      const gs = scaled(g, reduction, d.numel);
      let gd: Tensor;
      if (huber) {
        // x < -delta: -delta; x > delta: delta; else x (times grad and the mean's norm).
        gd = where(d.lt(-param), gs.mul(-param), where(d.gt(param), gs.mul(param), d.mul(gs)));
      } else {
        // x <= -beta: -1; x >= beta: 1; else x / beta (so at beta = 0, x = 0 gives -1).
        const inner = param === 0 ? d.mul(0) : d.mul(gs).div(param);
        gd = where(d.le(-param), gs.neg(), where(d.ge(param), gs, inner));
      }
      const need = ctx.needsInputGrad;
      return [need[0] ? sumTo(gd, ctx.inputShape(0)).to(x!.dtype) : null, need[1] ? sumTo(gd.neg(), ctx.inputShape(1)).to(y!.dtype) : null];
    },
  });
}

const huberOp = defineSmooth('huberLoss', 'HuberLossBackward0', true);
const smoothL1Op = defineSmooth('smoothL1Loss', 'SmoothL1LossBackward0', false);

/** huber_loss of input and target (broadcast against each other, as PyTorch with its warning). */
export function huberLossOp(x: Tensor, y: Tensor, delta: number, reduction: Reduction): Tensor {
  broadcastShapes('huber_loss', x.shape, y.shape);
  return huberOp([x, y], delta, reduction);
}

/** smooth_l1_loss of input and target (broadcast against each other, as PyTorch with its warning). */
export function smoothL1LossOp(x: Tensor, y: Tensor, beta: number, reduction: Reduction): Tensor {
  broadcastShapes('smooth_l1_loss', x.shape, y.shape);
  return smoothL1Op([x, y], beta, reduction);
}

const clampMinOp = defineOp<[number], number>({
  op: 'clampMin',
  nodeName: 'ClampMinBackward0',
  forward(ctx, [x], min) {
    ctx.state = min;
    ctx.save(x);
    return noGradSync(() => x.clamp(min, null));
  },
  backward(ctx, g) {
    // clamp_min's derivative: where(self >= min, grad, 0).
    const [x] = ctx.savedTensors();
    return [where(x!.ge(ctx.state), g, 0)];
  },
});

/** torch.clamp_min(x, min) as its own node, as PyTorch's composite losses record it. */
export function clampMin(x: Tensor, min: number): Tensor {
  return clampMinOp([x], min);
}

const divScalarOp = defineOp<[number], number>({
  op: 'divScalar',
  nodeName: 'DivBackward1',
  forward(ctx, [x], s) {
    ctx.state = s;
    return noGradSync(() => x.div(s));
  },
  backward(ctx, g) {
    return [g.div(ctx.state)];
  },
});

/** x / s for a C++ scalar s (PyTorch's div.Scalar overload, node DivBackward1). */
export function divScalar(x: Tensor, s: number): Tensor {
  return divScalarOp([x], s);
}
