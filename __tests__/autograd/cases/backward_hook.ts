// Gradcheck case of the identity node of full backward hooks (lib/nn/backward_hook.ts).
import * as tg from '../../../lib';
import { rnd, type Case } from './common';

const scaleBy = (k: number) => {
  const m = new tg.nn.Linear(3, 2, { generator: new tg.Generator().manualSeed(k) }).to('float64');
  m.registerFullBackwardHook(() => undefined);
  return m;
};

export const CASES: Record<string, Case[]> = {
  backwardHook: [
    { inputs: () => [rnd([4, 3], 931)], fn: (x) => scaleBy(1).call(x) },
    { inputs: () => [rnd([2, 3, 4], 932)], fn: (x) => new HookedPair().call(x, x.mul(2)) },
  ],
};

/** Two inputs, so the hook node packs them into one vector. */
class HookedPair extends tg.nn.Module {
  constructor() {
    super();
    this.registerFullBackwardHook(() => undefined);
  }
  forward(a: tg.Tensor, b: tg.Tensor): tg.Tensor {
    return a.mul(b).sin();
  }
}
