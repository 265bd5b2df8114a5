import { noGrad } from '../autograd/grad_mode';
import { argumentError } from '../errors';
import type { Tensor } from '../tensor';
import { Optimizer } from './optimizer';

export interface SGDOptions {
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
}

/** torch.optim.SGD with PyTorch's update rule (momentum buffer starts as a copy of the first gradient). */
export class SGD extends Optimizer {
  readonly lr: number;
  readonly momentum: number;
  readonly dampening: number;
  readonly weightDecay: number;
  readonly nesterov: boolean;
  private readonly buffers = new Map<Tensor, Tensor>();

  constructor(params: Iterable<Tensor>, opts: SGDOptions) {
    super(params, 'SGD');
    const { lr, momentum = 0, dampening = 0, weightDecay = 0, nesterov = false } = opts ?? ({} as SGDOptions);
    if (typeof lr !== 'number' || !(lr >= 0)) throw argumentError(`SGD: Invalid learning rate: ${lr}`);
    if (!(momentum >= 0)) throw argumentError(`SGD: Invalid momentum value: ${momentum}`);
    if (!(weightDecay >= 0)) throw argumentError(`SGD: Invalid weight_decay value: ${weightDecay}`);
    if (nesterov && (momentum <= 0 || dampening !== 0)) throw argumentError('SGD: Nesterov momentum requires a momentum and zero dampening');
    this.lr = lr;
    this.momentum = momentum;
    this.dampening = dampening;
    this.weightDecay = weightDecay;
    this.nesterov = nesterov;
  }

  step(): void {
    noGrad(() => {
      for (const p of this.params) {
        if (p.grad === null) continue;
        let d = p.grad;
        if (this.weightDecay !== 0) d = d.add(p, this.weightDecay);
        if (this.momentum !== 0) {
          let buf = this.buffers.get(p);
          if (buf === undefined) {
            buf = d.clone();
            this.buffers.set(p, buf);
          } else {
            buf.mul_(this.momentum).add_(d, 1 - this.dampening);
          }
          d = this.nesterov ? d.add(buf, this.momentum) : buf;
        }
        p.add_(d, -this.lr);
      }
    });
  }
}
