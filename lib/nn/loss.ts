import { optionsBag } from '../shape';
import type { Tensor } from '../tensor';
import * as F from './functional';
import { Module } from './module';
import type { CrossEntropyOptions } from './functional_loss';

interface LossOptions {
  reduction?: F.Reduction;
}

abstract class Loss extends Module {
  readonly reduction: F.Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    opts = optionsBag(this.constructor.name, opts) ?? {};
    this.reduction = opts?.reduction ?? 'mean';
  }
  abstract override forward(input: Tensor, target: Tensor): Tensor;
}

export class MSELoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.mseLoss(input, target, { reduction: this.reduction });
  }
}

export class L1Loss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.l1Loss(input, target, { reduction: this.reduction });
  }
}

/** torch.nn.BCEWithLogitsLoss({weight, reduction, posWeight}); weight and posWeight are buffers (keys weight, pos_weight), as in PyTorch. */
export class BCEWithLogitsLoss extends Loss {
  declare readonly weight: Tensor | null;
  declare readonly posWeight: Tensor | null;
  constructor(opts: LossOptions & { weight?: Tensor | null; posWeight?: Tensor | null } = {}) {
    super(opts);
    opts = optionsBag('BCEWithLogitsLoss', opts) ?? {};
    this.registerBuffer('weight', opts?.weight ?? null);
    this.registerBuffer('posWeight', opts?.posWeight ?? null);
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { reduction: this.reduction, weight: this.weight, posWeight: this.posWeight });
  }
}

/**
 * torch.nn.CrossEntropyLoss({weight, ignoreIndex = -100, labelSmoothing = 0, reduction}):
 * forward(logits, classIndicesOrProbabilities).
 */
export class CrossEntropyLoss extends Loss {
  /** A buffer, as PyTorch registers it (in stateDict() when given). */
  declare readonly weight: Tensor | null;
  readonly ignoreIndex: number;
  readonly labelSmoothing: number;
  constructor(opts: CrossEntropyOptions = {}) {
    super(opts);
    opts = optionsBag('CrossEntropyLoss', opts) ?? {};
    this.registerBuffer('weight', opts?.weight ?? null);
    this.ignoreIndex = opts?.ignoreIndex ?? -100;
    this.labelSmoothing = opts?.labelSmoothing ?? 0;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, {
      weight: this.weight,
      ignoreIndex: this.ignoreIndex,
      labelSmoothing: this.labelSmoothing,
      reduction: this.reduction,
    });
  }
}
