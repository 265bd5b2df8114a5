// torch.nn.Module: parameters and submodules found by walking the module's own properties in
// the order they were assigned, PyTorch's key names ("0.weight"), train/eval, state dicts.
import { noGrad } from '../autograd/grad_mode';
import { argumentError, shapeError } from '../errors';
import { fmt, sameShape } from '../shape';
import { isTensor, Tensor } from '../tensor';

const PARAMETER = Symbol('tensorgrad.parameter');

/** Marks a leaf tensor as a trainable parameter (torch.nn.Parameter); requiresGrad defaults to true. */
export function Parameter(t: Tensor, requiresGrad = true): Tensor {
  if (!isTensor(t)) throw argumentError('Parameter: expected a Tensor');
  const p = t.isLeaf ? t : t.detach();
  p.requiresGrad = requiresGrad;
  (p as unknown as Record<symbol, boolean>)[PARAMETER] = true;
  return p;
}

export function isParameter(v: unknown): v is Tensor {
  return isTensor(v) && (v as unknown as Record<symbol, boolean>)[PARAMETER] === true;
}

export abstract class Module {
  /** True after train() (the default), false after eval(). */
  training = true;

  abstract forward(...inputs: Tensor[]): Tensor;

  /** Direct children as [name, module], in assignment order. */
  namedChildren(): [string, Module][] {
    return Object.entries(this).filter(([, v]) => v instanceof Module) as [string, Module][];
  }

  /** Every parameter with its dotted name (PyTorch's named_parameters), recursing into children. */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [name, value] of Object.entries(this)) {
      if (isParameter(value)) out.push([prefix + name, value]);
      else if (value instanceof Module) out.push(...value.namedParameters(`${prefix}${name}.`));
    }
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** name -> tensor for every parameter (PyTorch's state_dict keys; the tensors are detached views). */
  stateDict(): Record<string, Tensor> {
    const out: Record<string, Tensor> = {};
    for (const [name, p] of this.namedParameters()) out[name] = p.detach();
    return out;
  }

  /** Copies values in by name; every key must match in name and shape (strict, as PyTorch's default). */
  loadStateDict(state: Record<string, Tensor>): void {
    if (typeof state !== 'object' || state === null) throw argumentError('loadStateDict: expected an object of name -> Tensor');
    const params = new Map(this.namedParameters());
    const missing = [...params.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !params.has(k));
    if (missing.length > 0 || unexpected.length > 0) {
      throw argumentError(
        `Error(s) in loading state_dict for ${this.constructor.name}: missing keys ${JSON.stringify(missing)}, unexpected keys ${JSON.stringify(unexpected)}`,
      );
    }
    for (const [name, p] of params) {
      const src = state[name];
      if (!isTensor(src)) throw argumentError(`loadStateDict: ${name} is not a Tensor`);
      if (!sameShape(src.shape, p.shape)) {
        throw shapeError(
          `loadStateDict: size mismatch for ${name}: copying a param with shape ${fmt(src.shape)}, the shape in current model is ${fmt(p.shape)}`,
        );
      }
    }
    noGrad(() => {
      for (const [name, p] of params) p.copy_(state[name]);
    });
  }

  train(mode = true): this {
    this.training = mode;
    for (const [, child] of this.namedChildren()) child.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's gradient (to null, as PyTorch 2's set_to_none default). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }
}
