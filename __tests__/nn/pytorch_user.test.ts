// Cases a PyTorch user meets, against PyTorch 1.13's numbers (scripts/pytorch_user.py), where
// tensorgrad once differed: each block names what PyTorch does.
import { inspect } from 'util';
import * as tg from '../../lib';
import { expectClose, expectTensorError, flat } from '../helpers';
import { f32, f64, fixture, nums } from './pytorch_user_fixture';

describe('an infinite gradient through where / maximum', () => {
  const c = fixture.where_infinite_grad;
  test('the side not taken gets an exact 0, not NaN (where(cond, grad, 0))', () => {
    const x = f64(c.x, [3]).requiresGrad_(true);
    tg.where(tg.tensor(c.cond as boolean[]), x, 0)
      .sum()
      .div(0)
      .backward();
    expectClose(flat(x.grad!), nums(c.where_grad));
    x.grad = null;
    tg.maximum(x, tg.tensor(Float64Array.from([0, 0, 5])))
      .sum()
      .div(0)
      .backward();
    expectClose(flat(x.grad!), nums(c.maximum_grad));
  });
});

describe('cross entropy with every target ignored', () => {
  const c = fixture.cross_entropy_all_ignored;
  for (const k of c.cases) {
    test(`${JSON.stringify(k.options)}: loss NaN, gradient exactly 0`, () => {
      const x = f64(c.x, [5, 4]).requiresGrad_(true);
      const y = tg.tensor(c.target as number[], { dtype: 'int64' });
      const opts = {
        ignoreIndex: k.options.ignore_index,
        labelSmoothing: k.options.label_smoothing,
        weight: k.options.weight ? f64(c.weight, [4]) : undefined,
      };
      const loss = tg.nn.functional.crossEntropy(x, y, opts);
      loss.backward();
      expectClose(flat(loss), nums(k.loss));
      expectClose(flat(x.grad!), nums(k.grad));
    });
  }
});

describe('Adagrad with parameter groups', () => {
  const c = fixture.adagrad_groups;
  test("every group's sum starts at the constructor's initialAccumulatorValue, as in PyTorch", () => {
    const pa = f32(c.a, [3, 2]).requiresGrad_(true);
    const pb = f32(c.b, [4]).requiresGrad_(true);
    const opt = new tg.optim.Adagrad(
      [
        { params: [pa], initialAccumulatorValue: 0.5, lrDecay: 0.01, weightDecay: 0.1 },
        { params: [pb], lr: 0.2 },
      ],
      { lr: 0.1, initialAccumulatorValue: 0.25 },
    );
    for (const [pas, pbs] of c.params as number[][][]) {
      opt.zeroGrad();
      pa.mul(pa).sum().add(pb.mul(pb).mul(pb).sum()).add(pa.sum().mul(0.3)).backward();
      opt.step();
      expectClose(flat(pa), pas, 1e-6);
      expectClose(flat(pb), pbs, 1e-6);
    }
    expectClose(flat(opt.stateDict().state[0].sum as tg.Tensor), c.sum[0], 1e-6);
    expectClose(flat(opt.stateDict().state[1].sum as tg.Tensor), c.sum[1], 1e-6);
  });
});

describe('models.MLP is the nn.Sequential a PyTorch user writes', () => {
  for (const c of fixture.mlp_sequential) {
    test(`${c.activation}, dropout ${c.dropout}: repr, seeded init and train-mode dropout as PyTorch`, () => {
      tg.manualSeed(11);
      const m = new tg.models.MLP(c.sizes as number[], { activation: c.activation, dropout: c.dropout });
      expect(m.toString()).toBe(c.repr);
      const x = tg.linspace(-2, 2, 8 * 4).reshape([8, 4]);
      expectClose(flat(m.call(x)), c.output, 1e-5);
    });
  }
});

describe('l1Loss broadcasts input and target as PyTorch does (as mseLoss)', () => {
  const c = fixture.l1_loss_broadcast;
  for (const k of c.cases) {
    test(`reduction ${k.reduction}: values, shape, gradient and ${k.grad_fn}`, () => {
      const a = f64(c.input, [3, 1]).requiresGrad_(true);
      const y = tg.nn.functional.l1Loss(a, f64(c.target, [2]), { reduction: k.reduction });
      expect(y.shape).toEqual(k.shape);
      expect(y.gradFn?.name).toBe(k.grad_fn);
      expectClose(flat(y), k.loss, 1e-12);
      y.mul(tg.arange(1, y.numel + 1, { dtype: 'float64' }).reshape([...y.shape]))
        .sum()
        .backward();
      expectClose(flat(a.grad!), k.grad, 1e-12);
      const m = new tg.nn.L1Loss({ reduction: k.reduction }).forward(f64(c.input, [3, 1]), f64(c.target, [2]));
      expectClose(flat(m), k.loss, 1e-12);
    });
  }
});

describe('Module.zeroGrad', () => {
  const c = fixture.module_zero_grad;
  test('{setToNone: false} zeroes each gradient in place (PyTorch 1.13 default); the default sets null', () => {
    const lin = new tg.nn.Linear(2, 3);
    lin
      .call(tg.ones([4, 2]))
      .sum()
      .backward();
    const g = lin.weight.grad;
    lin.zeroGrad({ setToNone: false });
    expect(lin.weight.grad === g).toBe(c.same_tensor);
    expect(flat(lin.weight.grad!)).toEqual(c.zeroed);
    lin.zeroGrad();
    expect(lin.weight.grad === null).toBe(c.none_after_set_to_none);
  });
});

describe("PyTorch's messages", () => {
  test('SGD without lr', () => {
    expectTensorError(() => new tg.optim.SGD([tg.zeros([2], { requiresGrad: true })], {} as never), 'ARGUMENT', fixture.errors.sgd_without_lr);
  });
});

describe('a Parameter prints as PyTorch prints it', () => {
  const c = fixture.parameter_repr;
  test("'Parameter containing:' then the tensor, in toString and util.inspect; what is computed from it prints as a tensor", () => {
    tg.manualSeed(0);
    const lin = new tg.nn.Linear(2, 2);
    expect(lin.weight.toString()).toBe(c.weight);
    expect(inspect(lin.bias)).toBe(c.bias);
    expect(String(lin.weight.detach())).toBe(c.detached);
    expect(String(lin.weight.mul(2))).toBe(c.product);
    expect(String(tg.nn.Embedding.fromPretrained(tg.ones([2, 2])).weight)).toBe(c.frozen);
    expect(lin.namedParameters().map(([n]) => n)).toEqual(['weight', 'bias']);
  });
});

describe('optimizer.step(closure)', () => {
  for (const c of fixture.step_closure) {
    test(`${c.optimizer}: the closure runs with grad on (even inside noGrad), its loss is returned`, () => {
      const p = tg.tensor([0.5, -1.0, 2.0], { requiresGrad: true });
      const opt = c.optimizer === 'SGD' ? new tg.optim.SGD([p], { lr: 0.1, momentum: 0.9 }) : new tg.optim.Adam([p], { lr: 0.1 });
      const closure = (): tg.Tensor => {
        opt.zeroGrad();
        const loss = p.sub(1).pow(2).sum().add(p.prod());
        loss.backward();
        return loss;
      };
      (c.losses as number[]).forEach((want, i) => {
        const loss = tg.noGrad(() => opt.step(closure));
        expectClose([loss!.item()], [want], 1e-6);
        expectClose(flat(p), c.params[i], 1e-6);
      });
      expect(opt.step()).toBeUndefined();
    });
  }
});

describe('Sequential with named children (PyTorch: an OrderedDict)', () => {
  const c = fixture.named_sequential;
  test('keys as given in the repr, stateDict and namedModules; append, get(-1), iteration and seeded values as PyTorch', () => {
    tg.manualSeed(0);
    const s = new tg.nn.Sequential(
      new Map<string, tg.nn.Module>([
        ['fc1', new tg.nn.Linear(2, 3)],
        ['act', new tg.nn.ReLU()],
        ['fcOut', new tg.nn.Linear(3, 1)],
      ]),
    );
    s.append(new tg.nn.Sigmoid());
    expect(s.toString()).toBe(c.repr);
    expect(Object.keys(s.stateDict())).toEqual(c.state_dict_keys);
    expect(s.namedModules().map(([n]) => n)).toEqual(c.module_names);
    expect(s.get(-1).toString()).toBe(c.last);
    expect(s.length).toBe(c.length);
    expect([...s].length).toBe(c.length);
    expectClose(
      flat(
        s.call(
          tg.tensor([
            [1.0, -2.0],
            [0.5, 0.25],
          ]),
        ),
      ),
      c.output,
      1e-6,
    );
    // A plain object names the children too.
    const o = new tg.nn.Sequential({ fc1: new tg.nn.Linear(2, 3), act: new tg.nn.ReLU(), fcOut: new tg.nn.Linear(3, 1) });
    expect(Object.keys(o.stateDict())).toEqual(c.state_dict_keys);
  });
});

describe('activation modules and Dropout with {inplace: true}', () => {
  const c = fixture.inplace_reprs;
  const nn = tg.nn;
  const o = { inplace: true };
  const make: Record<string, () => tg.nn.Module> = {
    ReLU: () => new nn.ReLU(o),
    ReLU6: () => new nn.ReLU6(o),
    LeakyReLU: () => new nn.LeakyReLU(0.2, o),
    ELU: () => new nn.ELU(0.5, o),
    CELU: () => new nn.CELU(0.5, o),
    SELU: () => new nn.SELU(o),
    Hardtanh: () => new nn.Hardtanh(-2, 2, o),
    Threshold: () => new nn.Threshold(0.1, 20, o),
    SiLU: () => new nn.SiLU(o),
    Mish: () => new nn.Mish(o),
    Hardsigmoid: () => new nn.Hardsigmoid(o),
    Hardswish: () => new nn.Hardswish(o),
    Dropout: () => new nn.Dropout(0.2, o).eval(),
  };
  for (const [name, m] of Object.entries(c.modules as Record<string, { repr: string; output: number[] }>)) {
    test(`${name}: PyTorch's repr, its values`, () => {
      const mod = make[name]();
      expect(mod.toString()).toBe(m.repr);
      expectClose(flat(mod.call(f32(c.x, [6]))), m.output, 1e-6);
    });
  }
});

describe('registerParameter, addModule, getSubmodule/getParameter/getBuffer, double()', () => {
  const c = fixture.module_registration;
  test('as PyTorch: keys, repr, lookups by dotted path, their errors', () => {
    tg.manualSeed(0);
    const m = new tg.nn.Sequential(new tg.nn.Linear(2, 2), new tg.nn.BatchNorm1d(2));
    m.registerParameter('w', tg.zeros([2]));
    m.addModule('act', new tg.nn.ReLU());
    expect(m.toString()).toBe(c.repr);
    expect(Object.keys(m.stateDict())).toEqual(c.state_dict_keys);
    expect(m.getSubmodule('0').toString()).toBe(c.submodule);
    expectClose(flat(m.getParameter('0.weight')), c.parameter, 1e-7);
    expect(flat(m.getBuffer('1.running_var'))).toEqual(c.buffer);
    expectTensorError(() => m.getSubmodule('0.x'), 'ARGUMENT', c.no_submodule);
    expectTensorError(() => m.getParameter('0.foo'), 'ARGUMENT', c.no_parameter);
    expect(m.double().getParameter('0.weight').dtype).toBe(c.dtype_after_double);
    expect(m.float().getParameter('0.weight').dtype).toBe('float32');
  });
});

describe('cosineSimilarity at a zero or tiny vector', () => {
  for (const c of fixture.cosine_similarity_small) {
    test(`${JSON.stringify(c.a)} vs ${JSON.stringify(c.b)}, dim ${c.dim}, eps ${c.eps}, ${c.dtype}: values and finite gradients as PyTorch`, () => {
      const a = tg.tensor(c.a as number[][], { dtype: c.dtype, requiresGrad: true });
      const b = tg.tensor(c.b as number[][], { dtype: c.dtype, requiresGrad: true });
      const y = tg.nn.functional.cosineSimilarity(a, b, c.dim, c.eps);
      y.mul(tg.arange(1, y.numel + 1, { dtype: c.dtype }))
        .sum()
        .backward();
      const tol = c.dtype === 'float32' ? 1e-6 : 1e-12;
      expectClose(flat(y), c.value, tol);
      expectClose(flat(a.grad!), c.grad_a, tol);
      expectClose(flat(b.grad!), c.grad_b, tol);
    });
  }
});

describe('loadStateDict without num_batches_tracked', () => {
  const c = fixture.batchnorm_without_num_batches_tracked;
  test('loads strictly into BatchNorm1d, which counts from 0; the given object is not changed', () => {
    const m = new tg.nn.Sequential(new tg.nn.Linear(2, 2), new tg.nn.BatchNorm1d(2));
    (m[1] as tg.nn.BatchNorm1d).numBatchesTracked!.fill_(5);
    const sd = {
      '0.weight': tg.ones([2, 2]),
      '0.bias': tg.zeros([2]),
      '1.weight': tg.ones([2]),
      '1.bias': tg.zeros([2]),
      '1.running_mean': tg.ones([2]),
      '1.running_var': tg.ones([2]).mul(2),
    };
    const r = m.loadStateDict(sd);
    expect(r).toEqual({ missingKeys: c.missing, unexpectedKeys: c.unexpected });
    expect(Number((m[1] as tg.nn.BatchNorm1d).numBatchesTracked!.item())).toBe(c.num_batches_tracked);
    expect(Object.keys(sd)).toHaveLength(c.keys_in_dict_after);
    // Without running statistics there is no count to fill in.
    expect(new tg.nn.BatchNorm1d(2, { trackRunningStats: false }).loadStateDict({ weight: tg.ones([2]), bias: tg.zeros([2]) })).toEqual({
      missingKeys: [],
      unexpectedKeys: [],
    });
  });
});

describe('EmbeddingBag.fromPretrained', () => {
  const c = fixture.embedding_bag_from_pretrained;
  test('the given weights, frozen unless freeze is false, with the bag options; repr and values as PyTorch', () => {
    const w = f32(c.weight, [4, 3]);
    const idx = tg
      .tensor([
        [0, 1],
        [3, 2],
      ])
      .long();
    const frozen = tg.nn.EmbeddingBag.fromPretrained(w, { mode: 'max' });
    const free = tg.nn.EmbeddingBag.fromPretrained(w, { freeze: false, mode: 'sum', paddingIdx: 1 });
    for (const [m, want] of [
      [frozen, c.frozen],
      [free, c.free],
    ] as const) {
      expect(m.toString()).toBe(want.repr);
      expect(m.weight.requiresGrad).toBe(want.requires_grad);
      expect(flat(m.call(idx))).toEqual(want.output);
    }
    expect(w.requiresGrad).toBe(c.given_requires_grad);
    // The storage is shared (PyTorch: the same data_ptr): a write through the weight shows in w.
    expect(c.shares_storage).toBe(true);
    tg.noGrad(() => free.weight.select(0, 0).fill_(-1));
    expect(flat(w.select(0, 0))).toEqual([-1, -1, -1]);
  });
});
