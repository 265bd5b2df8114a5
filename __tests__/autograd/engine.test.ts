import * as tg from '../../lib';
import { expectTensorError, flat } from '../helpers';

describe('backward engine', () => {
  test('a long chain does not overflow the stack (iterative order)', () => {
    const x = tg.tensor([1], { requiresGrad: true });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1.0001);
    y.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(Math.pow(1.0001, 20000), 0);
  });

  test('a diamond sums both paths', () => {
    const x = tg.tensor([2], { requiresGrad: true });
    const a = x.mul(3);
    const out = a.mul(a).add(a.exp()); // 9x^2 + e^{3x}
    out.sum().backward();
    expect(x.grad!.item()).toBeCloseTo(18 * 2 + 3 * Math.exp(6), 1);
  });

  test('gradients from two paths are summed by the registry add: AddBackward0 under createGraph, as PyTorch', () => {
    const x = tg.tensor([2, -3], { requiresGrad: true });
    x.mul(x).sum().backward({ createGraph: true }); // d/dx x*x: g*x from each input edge, summed
    expect(flat(x.grad!)).toEqual([4, -6]);
    expect(x.grad!.gradFn!.name).toBe('AddBackward0');
    const [g] = tg.autograd.grad(x.mul(x).sum(), [x]);
    expect(g!.gradFn).toBeNull(); // without createGraph nothing is recorded
    expect(flat(g!)).toEqual([4, -6]);
  });

  test('a disposed gradient is refused with STATE, not read as garbage', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = x.mul(2);
    const gone = tg.ones([2]);
    gone.dispose();
    expectTensorError(() => y.backward(gone), 'STATE', 'disposed');
    // Straight into a leaf's .grad, through no op that would check it.
    expectTensorError(() => x.backward(gone), 'STATE', 'disposed');
    // Two seeds for one node are summed: a disposed one fails there too (it used to read zeros).
    const kept = tg.ones([2]);
    expectTensorError(() => tg.autograd.grad([y, y], [x], { gradOutputs: [kept, gone] }), 'STATE', 'disposed');
    // A hook's disposed replacement likewise, on a non-leaf and on a leaf (no op after it).
    const z = x.mul(3);
    z.registerHook(() => gone);
    expectTensorError(() => z.sum().backward(), 'STATE', 'disposed');
    const leaf = tg.tensor([1, 2], { requiresGrad: true });
    leaf.registerHook(() => gone);
    expectTensorError(() => leaf.mul(2).sum().backward(), 'STATE', 'disposed');
    expect(x.grad).toBeNull();
    expect(leaf.grad).toBeNull();
  });

  test('gradFn.nextFunctions mirrors PyTorch', () => {
    const x = tg.ones([2], { requiresGrad: true });
    const w = tg.ones([2]);
    const y = x.mul(w).sum();
    expect(y.gradFn!.name).toBe('SumBackward0');
    const [[mulNode]] = y.gradFn!.nextFunctions;
    expect(mulNode!.name).toBe('MulBackward0');
    expect(mulNode!.nextFunctions.map(([n, i]) => [n?.name ?? null, i])).toEqual([
      ['AccumulateGrad', 0],
      [null, 0],
    ]);
    // the same accumulator object for every use of a leaf, as in PyTorch
    const z = x.add(1);
    expect(z.gradFn!.nextFunctions[0][0]).toBe(mulNode!.nextFunctions[0][0]);
  });

  test('backward of a tensor that does not require grad', () => {
    expectTensorError(() => tg.ones([1]).sum().backward(), 'GRAD', 'element 0 of tensors does not require grad and does not have a grad_fn');
  });

  test('a gradient of the wrong shape', () => {
    const y = tg.ones([2], { requiresGrad: true }).mul(2);
    expectTensorError(
      () => y.backward(tg.ones([3])),
      'SHAPE',
      'Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a shape of torch.Size([2]).',
    );
  });

  test('hooks see and may replace gradients, and can be removed', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const seen: number[][] = [];
    const h = x.registerHook((g) => {
      seen.push(flat(g));
      return g.mul(10);
    });
    x.mul(3).sum().backward();
    expect(seen).toEqual([[3, 3]]);
    expect(flat(x.grad!)).toEqual([30, 30]);
    h.remove();
    x.grad = null;
    x.mul(3).sum().backward();
    expect(flat(x.grad!)).toEqual([3, 3]);
  });

  test("a hook may not change the gradient's dtype or size (PyTorch's check_variable_result), on a leaf and a non-leaf", () => {
    for (const onLeaf of [true, false]) {
      const x = tg.tensor([1, 2], { requiresGrad: true });
      const y = x.mul(2);
      const target = onLeaf ? x : y;
      const h = target.registerHook(function hook(g) {
        return g.to('float64');
      });
      expectTensorError(
        () => y.sum().backward({ retainGraph: true }),
        'DTYPE',
        /^hook 'hook' has changed the type of value \(was CPUFloatType got CPUDoubleType\)$/,
      );
      h.remove();
      const h2 = target.registerHook(() => tg.ones([3]));
      expectTensorError(() => y.sum().backward({ retainGraph: true }), 'SHAPE', /^hook '<anonymous>' has changed the size of value$/);
      h2.remove();
      expect(x.grad).toBe(null); // nothing reached the leaf
      y.sum().backward();
      expect(flat(x.grad!)).toEqual([2, 2]);
    }
  });

  test('requiresGrad on a non-leaf: the setter refuses both values as PyTorch does, requiresGrad_(true) is a no-op', () => {
    const y = tg.tensor([1, 2], { requiresGrad: true }).mul(2);
    expectTensorError(
      () => {
        y.requiresGrad = true;
      },
      'GRAD',
      /^you can only change requires_grad flags of leaf variables\.$/,
    );
    expectTensorError(
      () => {
        y.requiresGrad = false;
      },
      'GRAD',
      "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
    );
    expect(y.requiresGrad_(true)).toBe(y);
    expect(y.requiresGrad).toBe(true);
    expectTensorError(() => y.requiresGrad_(false), 'GRAD', 'var_no_grad = var.detach()');
  });

  test('grad may be assigned a tensor of the same shape and dtype, or null', () => {
    const x = tg.zeros([2], { requiresGrad: true });
    x.grad = tg.ones([2]);
    x.mul(2).sum().backward();
    expect(flat(x.grad)).toEqual([3, 3]);
    expectTensorError(() => {
      x.grad = tg.ones([3]);
    }, 'SHAPE');
    expectTensorError(() => {
      x.grad = tg.ones([2], { dtype: 'float64' });
    }, 'DTYPE');
  });

  test('createGraph gives a differentiable gradient (d2/dx2 x^3 = 6x)', () => {
    const x = tg.tensor([2], { requiresGrad: true });
    x.pow(3).sum().backward({ createGraph: true });
    const g = x.grad!;
    expect(g.requiresGrad).toBe(true);
    expect(g.item()).toBe(12);
    x.grad = null;
    g.sum().backward();
    expect(x.grad!.item()).toBe(12);
  });

  test('a backward re-entered from a hook over shared nodes leaves the outer pass intact', () => {
    // L = sum(3a) + sum(5a), a = 2x: dL/dx = 16. The hook on 3a runs a nested backward of sum(a)
    // through the same nodes (a's MulBackward, x's AccumulateGrad), adding 2 to x.grad.
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const a = x.mul(2);
    const c = a.mul(3);
    let nested = 0;
    c.registerHook(() => {
      nested++;
      // Hooks run with recording off (the engine's mode), as in PyTorch.
      tg.enableGrad(() => a.sum().backward({ retainGraph: true }));
    });
    c.sum().add(a.mul(5).sum()).backward();
    expect(nested).toBe(1);
    expect(flat(x.grad!)).toEqual([18, 18]);
  });

  test('a plain backward adds into a graph-carrying .grad in place, as PyTorch', () => {
    // PyTorch 1.13: after backward(create_graph=True), a second backward() keeps x.grad the same
    // object, adds in place (3x^2 = [3, 12] onto 2x = [2, 4]), bumps its version and keeps its grad_fn.
    const x = tg.tensor([1, 2], { requiresGrad: true });
    x.mul(x).sum().backward({ createGraph: true });
    const g = x.grad!;
    const node = g.gradFn;
    const version = g.version;
    x.mul(x).mul(x).sum().backward();
    expect(x.grad).toBe(g);
    expect(flat(g)).toEqual([5, 16]);
    expect(g.gradFn).toBe(node);
    expect(g.version).toBe(version + 1);
  });
});

describe('tg.autograd.grad', () => {
  test('returns gradients without touching .grad', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const y = tg.tensor([3], { requiresGrad: true });
    const out = x.mul(y).sum();
    const [gx, gy] = tg.autograd.grad(out, [x, y]);
    expect(flat(gx!)).toEqual([3, 3]);
    expect(flat(gy!)).toEqual([3]);
    expect(x.grad).toBeNull();
  });

  test('gradients w.r.t. an intermediate tensor', () => {
    const x = tg.tensor([1, 2], { requiresGrad: true });
    const h = x.mul(2);
    const [gh] = tg.autograd.grad(h.pow(2).sum(), h);
    expect(flat(gh!)).toEqual([4, 8]);
  });

  test('allowUnused', () => {
    const x = tg.tensor([1], { requiresGrad: true });
    const unused = tg.tensor([1], { requiresGrad: true });
    const out = x.mul(2).sum();
    expectTensorError(() => tg.autograd.grad(out, [x, unused], { retainGraph: true }), 'GRAD', 'appears to not have been used in the graph');
    const [gx, gu] = tg.autograd.grad(out, [x, unused], { allowUnused: true });
    expect(flat(gx!)).toEqual([2]);
    expect(gu).toBeNull();
  });

  test('createGraph: the Hessian-vector pattern', () => {
    const x = tg.tensor([1, 2, 3], { requiresGrad: true, dtype: 'float64' });
    const [g] = tg.autograd.grad(x.pow(3).sum(), x, { createGraph: true });
    const [h] = tg.autograd.grad(g!.sum(), x);
    expect(flat(h!)).toEqual([6, 12, 18]);
  });
});
