import { argumentError } from '../errors';
import { show } from '../shape';
import { rand, type Generator } from '../random';
import type { Tensor } from '../tensor';
import { Module, Parameter } from './module';
import * as F from './functional';

/** U(-bound, bound) of `shape`: PyTorch's kaiming_uniform_(a=sqrt(5)) for Linear gives 1/sqrt(fan_in). */
function uniform(shape: number[], bound: number, generator?: Generator): Tensor {
  return rand(shape, { generator })
    .mul(2 * bound)
    .sub(bound);
}

export interface LinearOptions {
  bias?: boolean;
  generator?: Generator;
}

/** y = x W^T + b, with PyTorch's default init: W and b ~ U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)). */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LinearOptions = {},
  ) {
    super();
    for (const [n, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw argumentError(`Linear: ${n} must be a non-negative integer, got ${show(v)}`);
    }
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.weight = Parameter(uniform([outFeatures, inFeatures], bound, opts.generator));
    this.bias = (opts.bias ?? true) ? Parameter(uniform([outFeatures], bound, opts.generator)) : null;
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }
}

/** Runs modules in order; children are named "0", "1", ... as in PyTorch. */
export class Sequential extends Module {
  [index: number]: Module;
  readonly length: number;

  constructor(...modules: Module[]) {
    super();
    modules.forEach((m, i) => {
      if (!(m instanceof Module)) throw argumentError(`Sequential: argument ${i} is not a Module`);
      this[i] = m;
    });
    this.length = modules.length;
  }

  forward(x: Tensor): Tensor {
    let y = x;
    for (let i = 0; i < this.length; i++) y = this[i].forward(y);
    return y;
  }
}

export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}
