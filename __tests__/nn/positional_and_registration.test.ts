// PyTorch's positional flags (nn.ReLU(True), zero_grad(False)), add_module on a Sequential,
// attribute clashes on registration, and SGD with its lr only in the groups. Expected values are
// PyTorch 1.13's (printed by /usr/bin/python3 for the same calls).
import * as tg from '../../lib';
import { expectTensorError } from '../helpers';

const { nn } = tg;

test('Sequential.addModule appends under the new name and the module runs, as add_module', () => {
  tg.manualSeed(0);
  // torch: Sequential(OrderedDict(fc=Linear(2, 2))).add_module('extra', Linear(2, 3)): keys
  // fc.*, extra.*; len 2; output [1, 3]. The unnamed form prints (0) then (extra).
  const named = new nn.Sequential(new Map([['fc', new nn.Linear(2, 2)]]));
  named.addModule('extra', new nn.Linear(2, 3));
  expect(Object.keys(named.stateDict())).toEqual(['fc.weight', 'fc.bias', 'extra.weight', 'extra.bias']);
  expect([named.length, named.call(tg.ones([1, 2])).shape]).toEqual([2, [1, 3]]);
  expect(named.parameters()).toHaveLength(4);

  const plain = new nn.Sequential(new nn.Linear(2, 2));
  plain.addModule('extra', new nn.Linear(2, 3));
  expect(Object.keys(plain.stateDict())).toEqual(['0.weight', '0.bias', 'extra.weight', 'extra.bias']);
  expect([plain.length, plain.call(tg.ones([1, 2])).shape]).toEqual([2, [1, 3]]);
  expect(String(plain)).toBe(
    'Sequential(\n  (0): Linear(in_features=2, out_features=2, bias=True)\n  (extra): Linear(in_features=2, out_features=3, bias=True)\n)',
  );
  // an existing name replaces that child in place
  const replacement = new nn.Linear(2, 2);
  plain.addModule('0', replacement);
  expect([plain.length, plain.get(0)]).toEqual([2, replacement]);
  plain.addModule('2', new nn.ReLU());
  expect(plain.length).toBe(3);
});

test('registering over a method or another kind of attribute is PyTorch\'s "attribute already exists"', () => {
  const m = new nn.Linear(2, 2);
  expectTensorError(() => m.registerParameter('forward', tg.ones([1])), 'ARGUMENT', "attribute 'forward' already exists");
  expectTensorError(() => m.addModule('train', new nn.ReLU()), 'ARGUMENT', "attribute 'train' already exists");
  expectTensorError(() => m.addModule('weight', new nn.ReLU()), 'ARGUMENT', "attribute 'weight' already exists");
  expect(typeof m.forward).toBe('function');
  m.registerParameter('weight', tg.ones([2, 2])); // a parameter again: replaced
  expect(m.weight.sum().item()).toBe(4);
});

test('a boolean is the positional inplace / set_to_none, as in PyTorch', () => {
  expect(String(new nn.ReLU(true))).toBe('ReLU(inplace=True)');
  expect(String(new nn.Dropout(0.5, true))).toBe('Dropout(p=0.5, inplace=True)');
  expect(String(new nn.LeakyReLU(0.2, true))).toBe('LeakyReLU(negative_slope=0.2, inplace=True)');
  expect(String(new nn.Hardtanh(-1, 1, true))).toBe('Hardtanh(min_val=-1.0, max_val=1.0, inplace=True)');

  const x = tg.ones([2], { requiresGrad: true });
  x.grad = tg.ones([2]);
  const opt = new tg.optim.SGD([x], { lr: 0.1 });
  opt.zeroGrad(false); // zero_grad(False): zeroed in place
  expect(x.grad?.toArray()).toEqual([0, 0]);
  opt.zeroGrad(true);
  expect(x.grad).toBeNull();
  expectTensorError(() => opt.zeroGrad('x' as unknown as boolean), 'ARGUMENT');
  const lin = new nn.Linear(2, 1);
  lin.weight.grad = tg.ones([1, 2]);
  lin.zeroGrad(false);
  expect(lin.weight.grad?.toArray()).toEqual([[0, 0]]);
});

test('SGD with lr only in its groups steps (PyTorch: SGD([{params, lr}])); options still checked at each step', () => {
  const x = tg.tensor([1, 2], { requiresGrad: true });
  x.grad = tg.tensor([1, 1]);
  const opt = new tg.optim.SGD([{ params: [x], lr: 0.5 }], {} as tg.optim.SGDOptions);
  opt.step();
  expect(x.toArray()).toEqual([0.5, 1.5]);
  opt.paramGroups[0].lr = 'x' as unknown as number;
  expectTensorError(() => opt.step(), 'ARGUMENT', "the group's lr is x, expected a number");
  const adam = new tg.optim.Adam([x]);
  adam.paramGroups[0].betas = [0.9];
  expectTensorError(() => adam.step(), 'ARGUMENT', 'expected a list of numbers');
});
