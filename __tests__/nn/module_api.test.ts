// The Module API against PyTorch 1.13's behaviour: the names, orders and reprs below were printed
// by torch for the same module structure (a Net with a shared child, buffers, a Parameter).
import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

const { nn } = tg;

class Block extends nn.Module {
  proj: tg.nn.Linear;
  constructor() {
    super();
    this.registerBuffer('scale', tg.ones([2]));
    this.proj = new nn.Linear(2, 2, { bias: false });
    this.registerBuffer('tmp', tg.zeros([1]), { persistent: false });
    this.registerBuffer('absent', null);
  }
  forward(x: tg.Tensor): tg.Tensor {
    return this.proj.call(x).mul((this as unknown as { scale: tg.Tensor }).scale);
  }
}

class Net extends nn.Module {
  head = new nn.Linear(2, 1);
  block = new Block();
  shared = this.head;
  alpha = nn.Parameter(tg.zeros([1]));
  forward(x: tg.Tensor): tg.Tensor {
    return this.head.call(this.block.call(x)).add(this.alpha);
  }
}

describe('nn.Module API (as torch.nn.Module)', () => {
  test('names and orders: own parameters first, buffers after parameters, shared modules once (state dict: twice)', () => {
    const n = new Net();
    expect(n.namedParameters().map(([k]) => k)).toEqual(['alpha', 'head.weight', 'head.bias', 'block.proj.weight']);
    expect(Object.keys(n.stateDict())).toEqual(['alpha', 'head.weight', 'head.bias', 'block.scale', 'block.proj.weight', 'shared.weight', 'shared.bias']);
    expect(n.namedBuffers().map(([k]) => k)).toEqual(['block.scale', 'block.tmp']);
    expect(n.namedModules().map(([k]) => k)).toEqual(['', 'head', 'block', 'block.proj']);
    expect(n.children().length).toBe(2);
    const order: string[] = [];
    n.apply((m) => order.push(m.constructor.name));
    expect(order).toEqual(['Linear', 'Linear', 'Block', 'Net']);
  });

  test('repr as PyTorch prints it', () => {
    expect(String(new Net())).toBe(
      [
        'Net(',
        '  (head): Linear(in_features=2, out_features=1, bias=True)',
        '  (block): Block(',
        '    (proj): Linear(in_features=2, out_features=2, bias=False)',
        '  )',
        '  (shared): Linear(in_features=2, out_features=1, bias=True)',
        ')',
      ].join('\n'),
    );
    expect(String(new nn.Sequential())).toBe('Sequential()');
    expect(String(new nn.Linear(0, 0))).toBe('Linear(in_features=0, out_features=0, bias=True)');
    expect(String(new nn.Dropout(0.25))).toBe('Dropout(p=0.25, inplace=False)');
  });

  test('camelCase properties are PyTorch snake_case keys, and the state dict shares memory', () => {
    class M extends nn.Module {
      outProj = new nn.Linear(1, 1);
      constructor() {
        super();
        this.registerBuffer('runningMean', tg.zeros([1]));
      }
      forward(x: tg.Tensor): tg.Tensor {
        return x;
      }
    }
    const m = new M();
    const sd = m.stateDict();
    expect(Object.keys(sd)).toEqual(['running_mean', 'out_proj.weight', 'out_proj.bias']);
    m.outProj.weight.detach().fill_(3);
    expect(flat(sd['out_proj.weight'])).toEqual([3]);
  });

  test('loadStateDict: strict by default, non-strict reports keys, nothing half-loaded', () => {
    const a = new nn.Linear(2, 2);
    const b = new nn.Linear(2, 2);
    const before = flat(b.weight);
    expectTensorError(() => b.loadStateDict({ weight: a.weight, bias: tg.zeros([3]) }), 'SHAPE', 'size mismatch for bias');
    expect(flat(b.weight)).toEqual(before); // weight was fine but not copied: bias failed the check
    expectTensorError(
      () => b.loadStateDict({ weight: tg.zeros([3, 3]), bias: a.bias!, x: tg.zeros([1]) }),
      'ARGUMENT',
      'Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: "x". \n\tsize mismatch for weight: copying a param with shape [3, 3] from checkpoint, the shape in current model is [2, 2].',
    );
    expect(b.loadStateDict({ weight: a.weight, x: tg.zeros([1]) }, { strict: false })).toEqual({ missingKeys: ['bias'], unexpectedKeys: ['x'] });
    expect(flat(b.weight)).toEqual(flat(a.weight));
    const sd: Record<string, tg.Tensor> = { ...a.stateDict() };
    Object.defineProperty(sd, '__proto__', { value: tg.zeros([1]), enumerable: true });
    expect(b.loadStateDict(sd, { strict: false })).toEqual({ missingKeys: [], unexpectedKeys: ['__proto__'] });
    expectTensorError(() => b.loadStateDict(sd), 'ARGUMENT', 'Unexpected key(s) in state_dict: "__proto__"');
    expectTensorError(() => b.loadStateDict({ weight: [1, 2] as unknown as tg.Tensor, bias: a.bias! }), 'ARGUMENT', 'expected torch.Tensor');
  });

  test('buffers load, int64 included; non-persistent and null buffers are not in the state dict', () => {
    const n1 = new Net();
    const n2 = new Net();
    (n1.block as unknown as { scale: tg.Tensor }).scale.fill_(7);
    n2.loadStateDict(n1.stateDict());
    expect(flat((n2.block as unknown as { scale: tg.Tensor }).scale)).toEqual([7, 7]);
    expect(flat(n2.head.weight)).toEqual(flat(n1.head.weight));
    expectTensorError(() => new Net().registerBuffer('head', tg.zeros([1])), 'ARGUMENT', "attribute 'head' already exists");
    expectTensorError(() => new Net().registerBuffer('a.b', tg.zeros([1])), 'ARGUMENT');
  });

  test('forward hooks and pre-hooks run in call(), can replace inputs and output, and are removable', () => {
    const lin = new nn.Linear(1, 1);
    lin.weight.detach().fill_(2);
    lin.bias!.detach().fill_(0);
    const seen: number[] = [];
    const pre = lin.registerForwardPreHook((_m, [x]) => x.mul(10));
    const post = lin.registerForwardHook((_m, inputs, out) => {
      seen.push(Number(inputs[0].item()), Number(out.item()));
      return out.add(1);
    });
    const seq = new nn.Sequential(lin);
    expect(seq.forward(tg.tensor([3])).item()).toBe(61);
    expect(seen).toEqual([30, 60]);
    expect(lin.forward(tg.tensor([3])).item()).toBe(6); // forward() itself skips hooks, as PyTorch's
    pre.remove();
    post.remove();
    post.remove();
    expect(lin.call(tg.tensor([3])).item()).toBe(6);
  });

  test('to(dtype) keeps parameter objects (an optimizer made before still steps them); requiresGrad_', () => {
    const n = new Net();
    const opt = new tg.optim.SGD(n.parameters(), { lr: 0.5 });
    const w = n.head.weight;
    const w0 = flat(w);
    n.to('float64');
    expect(n.head.weight).toBe(w);
    expect(w.dtype).toBe('float64');
    expect(n.buffers().map((b) => b.dtype)).toEqual(['float64', 'float64']);
    expect(flat(w)).toEqual(w0);
    n.call(tg.ones([1, 2], { dtype: 'float64' }))
      .sum()
      .backward();
    opt.step();
    expect(flat(w)).not.toEqual(w0);
    n.requiresGrad_(false);
    expect(n.parameters().every((p) => !p.requiresGrad)).toBe(true);
    expectTensorError(() => n.to('int32'), 'ARGUMENT');
  });
});
