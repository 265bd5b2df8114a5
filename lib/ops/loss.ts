// The tutorial's loss, (y_hat - y)^2 / 2 per element, and its batch mean as one graph node for
// the training loop.
import { defineOp } from '../autograd/define_op';
import { isGradEnabled } from '../autograd/grad_mode';
import { isFloating } from '../dtype';
import { contiguousStrides, type Shape } from '../shape';
import { BinaryCode, UnaryCode } from '../backend/codes';
import { binaryInto, binaryRaw, unaryRaw } from '../backend/elementwise';
import { wrapNumber } from '../backend/operand';
import { contiguousRaw, viewRaw } from '../backend/raw';
import { sumRaw } from '../backend/reduce';
import type { Tensor } from '../tensor';

/** (y_hat - y)^2 / 2 per element, the tutorial's squared_loss. */
export function squaredLoss(yHat: Tensor, y: Tensor): Tensor {
  return yHat.sub(y.reshape(yHat._shape)).pow(2).div(2);
}

/** t read with `shape` (same element count), as the tutorial's y.reshape(y_hat.shape). */
function reshaped(t: Tensor, shape: Shape): Tensor {
  const c = contiguousRaw(t);
  return viewRaw(c, shape, contiguousStrides(shape), c.offset);
}

/**
 * squaredLoss(yHat, y).mean() in one node instead of five (reshape, sub, pow, div, mean). Its
 * forward runs the same kernels in the same order and its backward rounds the composite's chain
 * step by step (mean: g / n; div: / 2; pow as d * d: g * d from each factor, summed; sub), so
 * values and gradients are bit-identical to the composite's.
 */
const meanSquaredLossOp = defineOp<[], null>({
  op: 'meanSquaredLoss',
  nodeName: 'MeanSquaredLossBackward',
  forward(ctx, [yHat, y]) {
    const d = binaryRaw(BinaryCode.Sub, yHat, reshaped(y, yHat._shape), 'sub');
    ctx.save(yHat, y, d);
    const dt = d.dtype;
    // (d * d) / 2 in one buffer: the square is private, so the division may overwrite it.
    const half = binaryRaw(BinaryCode.Mul, d, d, 'pow');
    binaryInto(BinaryCode.Div, half, half, wrapNumber(2, dt));
    return sumRaw(half, new Array<boolean>(half.ndim).fill(true), d.numel);
  },
  backward(ctx, g) {
    const [yHat, y, diff] = ctx.savedTensors();
    const need = ctx.needsInputGrad;
    const n = diff!.numel;
    let gd: Tensor;
    if (isGradEnabled()) {
      // createGraph: the same steps as recorded ops, so the gradient can be differentiated.
      const t = yHat!.sub(y!.reshape(yHat!._shape)).mul(g.div(n).div(2));
      gd = t.add(t);
      return [need[0] ? gd : null, need[1] ? gd.neg().reshape(y!._shape) : null];
    }
    const dt = diff!.dtype;
    const c = binaryRaw(BinaryCode.Div, binaryRaw(BinaryCode.Div, g, wrapNumber(n, dt), 'mean'), wrapNumber(2, dt), 'div');
    gd = binaryRaw(BinaryCode.Mul, c, diff!, 'mul');
    binaryInto(BinaryCode.Add, gd, gd, gd); // the two factors' g * d, summed in place
    return [need[0] ? gd : null, need[1] ? reshaped(unaryRaw(UnaryCode.Neg, gd), ctx.inputShape(1)) : null];
  },
});

/**
 * squaredLoss(yHat, y).mean() for a prediction yHat and a target y with as many elements: one
 * node when both share a floating dtype, else the composite (which promotes).
 */
export function meanSquaredLoss(yHat: Tensor, y: Tensor): Tensor {
  if (yHat.dtype !== y.dtype || !isFloating(yHat.dtype) || yHat.numel !== y.numel || yHat.numel === 0) return squaredLoss(yHat, y).mean();
  return meanSquaredLossOp([yHat, y]);
}
