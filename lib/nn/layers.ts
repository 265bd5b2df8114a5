import { argumentError } from '../errors';
import { show, optionsBag } from '../shape';
import { generatorOf, uniformArray, type Generator } from '../random';
import { contiguousStrides } from '../shape';
import { Storage } from '../storage';
import { Tensor } from '../tensor';
import { Module, Parameter } from './module';
import * as F from './functional';
import { py, pyFloat } from './repr';

/** A float32 tensor of `shape` filled as PyTorch's uniform_(-bound, bound) fills it. */
function uniform(shape: number[], bound: number, generator?: Generator): Tensor {
  const data = uniformArray('float32', shape[0] * (shape[1] ?? 1), -bound, bound, generatorOf({ generator }));
  return new Tensor(new Storage(data), shape, contiguousStrides(shape), 0, 'float32');
}

/**
 * kaiming_uniform_(a = sqrt(5))'s bound, computed as torch.nn.init computes it (gain, then std,
 * then sqrt(3) * std) so that it rounds as PyTorch's: mathematically 1/sqrt(fanIn).
 */
function kaimingBound(fanIn: number): number {
  const a = Math.sqrt(5);
  const gain = Math.sqrt(2 / (1 + a * a));
  return Math.sqrt(3) * (gain / Math.sqrt(fanIn));
}

export interface LinearOptions {
  bias?: boolean;
  generator?: Generator;
}

/**
 * y = x W^T + b, with PyTorch's default init and random stream: W by kaiming_uniform_(a =
 * sqrt(5)), then b ~ U(-1/sqrt(inFeatures), 1/sqrt(inFeatures)); a weight with no elements draws
 * nothing, as PyTorch's init skips it.
 */
export class Linear extends Module {
  readonly weight: Tensor;
  readonly bias: Tensor | null;

  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LinearOptions = {},
  ) {
    super();
    opts = optionsBag('Linear', opts) ?? {};
    for (const [n, v] of [
      ['inFeatures', inFeatures],
      ['outFeatures', outFeatures],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw argumentError(`Linear: ${n} must be a non-negative integer, got ${show(v)}`);
    }
    const empty = inFeatures * outFeatures === 0;
    this.weight = Parameter(uniform([outFeatures, inFeatures], empty ? 0 : kaimingBound(inFeatures), opts.generator));
    const bound = inFeatures > 0 ? 1 / Math.sqrt(inFeatures) : 0;
    this.bias = (opts.bias ?? true) ? Parameter(uniform([outFeatures], bound, opts.generator)) : null;
  }

  forward(x: Tensor): Tensor {
    return F.linear(x, this.weight, this.bias);
  }

  override extraRepr(): string {
    return `in_features=${this.inFeatures}, out_features=${this.outFeatures}, bias=${py(this.bias !== null)}`;
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
    for (let i = 0; i < this.length; i++) y = this[i].call(y);
    return y;
  }
}

/**
 * Zeroes each element with probability p in training and scales the rest by 1 / (1 - p), as
 * PyTorch's: its mask is bernoulli_(1 - p) of PyTorch's stream; identity in eval() (torch.nn.Dropout).
 */
export class Dropout extends Module {
  constructor(readonly p = 0.5) {
    super();
    if (typeof p !== 'number' || !(p >= 0 && p <= 1)) throw argumentError(`dropout probability has to be between 0 and 1, but got ${show(p)}`);
  }

  forward(x: Tensor): Tensor {
    return F.dropout(x, this.p, { training: this.training });
  }

  override extraRepr(): string {
    return `p=${pyFloat(this.p)}, inplace=False`;
  }
}
