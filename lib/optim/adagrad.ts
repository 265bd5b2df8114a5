import { optionsBag } from '../shape';
import { full } from '../creation';
import type { Tensor } from '../tensor';
import { nonNegative, Optimizer, type ParamGroup, type ParamGroupSpec, type Params } from './optimizer';
import { checkFlag, scalarOf } from './loop';
import { optimStepRaw } from '../backend/optim';
import { OptimCode } from '../backend/codes';

export interface AdagradOptions {
  lr?: number;
  lrDecay?: number;
  weightDecay?: number;
  initialAccumulatorValue?: number;
  eps?: number;
  maximize?: boolean;
}

/**
 * torch.optim.Adagrad: sum += g^2; p -= clr * g / (sqrt(sum) + eps) with
 * clr = lr / (1 + (step - 1) * lrDecay). As in PyTorch the state (`step`, `sum` filled with
 * the constructor's initialAccumulatorValue, even for a group that sets its own) exists from
 * construction (and from addParamGroup).
 */
export class Adagrad extends Optimizer {
  constructor(params: Params, opts: AdagradOptions = {}) {
    const {
      lr = 1e-2,
      lrDecay = 0,
      weightDecay = 0,
      initialAccumulatorValue = 0,
      eps = 1e-10,
      maximize = false,
    } = optionsBag<NonNullable<typeof opts>>('Adagrad', opts) ?? {};
    super(params, { lr, lrDecay, eps, weightDecay, initialAccumulatorValue, maximize }, 'Adagrad', { scalars: ['step'], buffers: ['sum'] });
  }

  protected checkGroup(g: ParamGroup): void {
    nonNegative('Adagrad', 'learning rate', g.lr);
    nonNegative('Adagrad', 'lr_decay value', g.lrDecay);
    nonNegative('Adagrad', 'weight_decay value', g.weightDecay);
    nonNegative('Adagrad', 'initial_accumulator_value value', g.initialAccumulatorValue);
    nonNegative('Adagrad', 'epsilon value', g.eps);
    checkFlag('Adagrad', g, 'maximize');
  }

  override addParamGroup(spec: ParamGroupSpec): void {
    super.addParamGroup(spec);
    const group = this.paramGroups[this.paramGroups.length - 1];
    for (const p of group.params) this.initState(p);
  }

  /** PyTorch fills `sum` with the constructor's initial_accumulator_value, whatever a group says. */
  private initState(p: Tensor): void {
    this.state.set(p, { step: 0, sum: full(p.shape, this.defaults.initialAccumulatorValue as number, { dtype: p.dtype }) });
  }

  protected update(): void {
    for (const { group, p, g } of this.withGrads()) {
      if (!this.state.has(p)) this.initState(p);
      const s = this.state.get(p)!;
      const step = (s.step = scalarOf(s.step) + 1);
      const clr = group.lr / (1 + (step - 1) * (group.lrDecay as number));
      optimStepRaw(OptimCode.Adagrad, p, g, [s.sum as Tensor], {
        c: [group.weightDecay as number, -clr, group.eps as number],
        maximize: group.maximize === true,
      });
      p._version.value++;
    }
  }
}
