import type { Tensor } from '../tensor';
import * as F from './functional';
import { Module } from './module';

interface LossOptions {
  reduction?: F.Reduction;
}

abstract class Loss extends Module {
  readonly reduction: F.Reduction;
  constructor(opts: LossOptions = {}) {
    super();
    this.reduction = opts.reduction ?? 'mean';
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

export class BCEWithLogitsLoss extends Loss {
  readonly posWeight?: Tensor;
  constructor(opts: LossOptions & { posWeight?: Tensor } = {}) {
    super(opts);
    this.posWeight = opts.posWeight;
  }
  forward(input: Tensor, target: Tensor): Tensor {
    return F.binaryCrossEntropyWithLogits(input, target, { reduction: this.reduction, posWeight: this.posWeight });
  }
}

export class CrossEntropyLoss extends Loss {
  forward(input: Tensor, target: Tensor): Tensor {
    return F.crossEntropy(input, target, { reduction: this.reduction });
  }
}
