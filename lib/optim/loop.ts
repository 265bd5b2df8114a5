// Shared pieces of the optimizers: PyTorch's hyperparameter checks and state scalars.
import { argumentError } from '../errors';
import { show } from '../shape';
import { isTensor, type Tensor } from '../tensor';
import { unaryRaw } from '../backend/elementwise';
import { UnaryCode } from '../backend/codes';
import { nonNegative, type ParamGroup } from './optimizer';

/** PyTorch's betas check: a pair, each in [0, 1) ("Invalid beta parameter at index i: x"). */
export function checkBetas(op: string, g: ParamGroup): void {
  const betas = g.betas as number[];
  if (!Array.isArray(betas) || betas.length !== 2) throw argumentError(`${op}: betas must be a pair of numbers, got ${show(betas)}`);
  betas.forEach((b, i) => {
    if (typeof b !== 'number' || !(b >= 0 && b < 1)) throw argumentError(`${op}: Invalid beta parameter at index ${i}: ${show(b)}`);
  });
  g.betas = [betas[0], betas[1]];
}

/** lr, then eps, as every adaptive optimizer checks them first. */
export function checkLrEps(op: string, g: ParamGroup): void {
  nonNegative(op, 'learning rate', g.lr);
  nonNegative(op, 'epsilon value', g.eps);
}

export function checkFlag(op: string, g: ParamGroup, name: string): void {
  if (typeof g[name] !== 'boolean') throw argumentError(`${op}: ${name} must be a boolean, got ${show(g[name])}`);
}

/** -g as a new contiguous tensor (maximize: PyTorch negates the gradient before anything else). */
export function negRaw(g: Tensor): Tensor {
  return unaryRaw(UnaryCode.Neg, g);
}

/** A state scalar (`step`, `mu_product`): a number here, a 0-d tensor in a state dict from PyTorch. */
export function scalarOf(v: unknown): number {
  return isTensor(v) ? Number(v.detach().dataSync<Float64Array>()[0]) : (v as number);
}
