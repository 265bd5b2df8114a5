// torch.autograd.grad: gradients of outputs with respect to inputs, without touching .grad.
import { argumentError, gradError } from '../errors';
import { isTensor, Tensor } from '../tensor';
import { runBackward, seedGradient } from './engine';
import { gradientEdge, type GradFn } from './node';

export interface GradOptions {
  gradOutputs?: readonly (Tensor | null)[] | Tensor | null;
  retainGraph?: boolean;
  createGraph?: boolean;
  allowUnused?: boolean;
}

function list(op: string, v: Tensor | readonly Tensor[], what: string): Tensor[] {
  const arr = isTensor(v) ? [v] : Array.isArray(v) ? (v as readonly unknown[]).slice() : null;
  if (arr === null || arr.some((t) => !isTensor(t))) throw argumentError(`${op}: ${what} must be a Tensor or an array of Tensors`);
  return arr as Tensor[];
}

export function grad(outputs: Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], opts: GradOptions = {}): (Tensor | null)[] {
  const outs = list('grad', outputs, 'outputs');
  const ins = list('grad', inputs, 'inputs');
  const seeds = isTensor(opts.gradOutputs) ? [opts.gradOutputs] : (opts.gradOutputs ?? []);
  const createGraph = opts.createGraph ?? false;
  const retainGraph = opts.retainGraph ?? createGraph;
  outs.forEach((o, i) => {
    if (!o.requiresGrad) throw gradError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
  });
  const nodes: GradFn[] = ins.map((t) => {
    const [node] = gradientEdge(t);
    if (node === null) throw gradError('One of the differentiated Tensors does not require grad');
    return node;
  });
  const rootGrads = outs.map((o, i) => seedGradient(o, seeds[i], i));
  const captured = runBackward(outs, rootGrads, { retainGraph, createGraph, captures: nodes });
  return nodes.map((node) => {
    const g = captured.get(node);
    if (g === undefined) {
      if (!opts.allowUnused) {
        throw gradError('One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.');
      }
      return null;
    }
    return g;
  });
}
