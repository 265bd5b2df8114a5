"""Records PyTorch 1.13 optimizer trajectories for __tests__/optim/pytorch_optim.test.ts.

Run with Debian's PyTorch: /usr/bin/python3 scripts/pytorch_optim.py
Writes __tests__/fixtures/pytorch_optim.json: for each optimizer and option set, three parameters
(float32 [3], float32 [3, 5] -- a vectorised body and a scalar tail in PyTorch's kernels -- and
float64 [2, 5], and float32 [41] and float64 [3, 7], which take the addon path of every optimizer;
the parameter-group runs take the first four) with fixed initial values, an explicit gradient per parameter per step (so the JS
test feeds the very same), the parameters after every step, the final state_dict (state tensors as
lists, param_groups' keys) and PyTorch's messages for invalid hyperparameters.
NAdam and RAdam have no `maximize` in 1.13; PyTorch 2.x's maximize negates the gradient first,
which is recorded here by feeding the negated gradients (the case's `emulateMaximize`).
"""
import json
import os

import numpy  # noqa: F401 (tensor.numpy)
import torch

STEPS = 10
SHAPES = [((3,), torch.float32), ((3, 5), torch.float32), ((2, 5), torch.float64), ((41,), torch.float32),
          ((3, 7), torch.float64)]
GROUP_SHAPES = SHAPES[:4]

CASES = {
    'SGD': [
        {'lr': 0.1},
        {'lr': 0.1, 'momentum': 0.9, 'weight_decay': 0.01},
        {'lr': 0.05, 'momentum': 0.9, 'dampening': 0.1},
        {'lr': 0.05, 'momentum': 0.8, 'nesterov': True, 'weight_decay': 0.1},
        {'lr': 0.03, 'momentum': 0.9, 'maximize': True},
    ],
    'Adam': [
        {'lr': 0.01},
        {'lr': 0.01, 'weight_decay': 0.1, 'amsgrad': True},
        {'lr': 0.02, 'betas': (0.8, 0.99), 'eps': 1e-6, 'maximize': True},
    ],
    'AdamW': [
        {'lr': 0.01},
        {'lr': 0.01, 'weight_decay': 0.05, 'amsgrad': True},
        {'lr': 0.02, 'maximize': True},
    ],
    'RMSprop': [
        {},
        {'momentum': 0.9},
        {'centered': True},
        {'lr': 0.02, 'centered': True, 'momentum': 0.5, 'weight_decay': 0.1},
        {'alpha': 0.9, 'eps': 1e-6, 'maximize': True},
        {'centered': True, 'momentum': 0.9, 'weight_decay': 0.05, 'maximize': True},
    ],
    'Adagrad': [
        {},
        {'lr': 0.1, 'lr_decay': 0.01, 'weight_decay': 0.1},
        {'initial_accumulator_value': 0.1, 'eps': 1e-6},
        {'lr': 0.05, 'maximize': True},
        {'lr': 0.1, 'lr_decay': 0.05, 'weight_decay': 0.05, 'initial_accumulator_value': 0.2, 'maximize': True},
    ],
    'Adamax': [
        {},
        {'lr': 0.01, 'weight_decay': 0.1, 'betas': (0.8, 0.99)},
        {'eps': 1e-3, 'maximize': True},
        {'lr': 0.01, 'weight_decay': 0.05, 'maximize': True},
    ],
    'NAdam': [
        {},
        {'lr': 0.01, 'weight_decay': 0.1},
        {'momentum_decay': 0.01, 'betas': (0.8, 0.99), 'eps': 1e-6},
        {'lr': 0.01, 'maximize': True},
        {'lr': 0.01, 'weight_decay': 0.1, 'momentum_decay': 0.01, 'maximize': True},
    ],
    'RAdam': [
        {},
        {'lr': 0.01, 'weight_decay': 0.1},
        {'lr': 0.01, 'betas': (0.9, 0.9)},
        {'lr': 0.01, 'maximize': True},
        {'lr': 0.01, 'weight_decay': 0.1, 'betas': (0.9, 0.9), 'maximize': True},
    ],
}

INVALID = {
    'SGD': [{'lr': -1}, {'lr': 0.1, 'momentum': -1}, {'lr': 0.1, 'weight_decay': -0.5},
            {'lr': 0.1, 'nesterov': True}, {'lr': 0.1, 'momentum': 0.9, 'dampening': 0.5, 'nesterov': True}],
    'Adam': [{'lr': -1}, {'eps': -1}, {'betas': (1.5, 0.9)}, {'betas': (0.9, -0.5)}, {'weight_decay': -1}],
    'AdamW': [{'lr': -1}, {'eps': -1}, {'betas': (0.9, 1.5)}, {'weight_decay': -1}],
    'RMSprop': [{'lr': -1}, {'eps': -1}, {'momentum': -1}, {'weight_decay': -1}, {'alpha': -0.5}],
    'Adagrad': [{'lr': -1}, {'lr_decay': -1}, {'weight_decay': -1}, {'initial_accumulator_value': -1}, {'eps': -1}],
    'Adamax': [{'lr': -1}, {'eps': -1}, {'betas': (1.5, 0.9)}, {'betas': (0.9, 1.5)}, {'weight_decay': -1}],
    'NAdam': [{'lr': -1}, {'eps': -1}, {'betas': (-0.5, 0.9)}, {'betas': (0.9, 1.5)}, {'weight_decay': -1},
              {'momentum_decay': -1}],
    'RAdam': [{'lr': -1}, {'eps': -1}, {'betas': (1.5, 0.9)}, {'betas': (0.9, 1.5)}, {'weight_decay': -1}],
}

NO_MAXIMIZE = {'NAdam', 'RAdam'}


def values(g, shape, dtype, scale):
    return (torch.randn(shape, generator=g, dtype=torch.float64) * scale).to(dtype)


def flat(t):
    """Flat values; float32 ones in their shortest repr (read back through Math.fround)."""
    t = t.detach().flatten()
    if t.dtype == torch.float32:
        return [float(str(v)) for v in t.numpy()]
    return t.tolist()


def tolist(t):
    return flat(t) if t.dim() > 0 else t.item()


def run(name, opts, seed):
    g = torch.Generator().manual_seed(seed)
    params = [values(g, s, d, 1.0).requires_grad_() for s, d in SHAPES]
    init = [p.detach().clone() for p in params]
    kwargs = dict(opts)
    emulate = name in NO_MAXIMIZE and kwargs.pop('maximize', False)
    opt = getattr(torch.optim, name)(params, **kwargs)
    grads, traj = [], []
    for step in range(STEPS):
        gs = [values(g, s, d, 0.5 + 0.3 * step) for s, d in SHAPES]
        gs[1][0, step % 5] = 0  # a zero gradient entry
        grads.append([flat(x) for x in gs])
        for p, x in zip(params, gs):
            p.grad = -x if emulate else x.clone()
        opt.step()
        traj.append([flat(p) for p in params])
    sd = opt.state_dict()
    state = {str(k): {n: (tolist(v) if torch.is_tensor(v) else v) for n, v in s.items()} for k, s in sd['state'].items()}
    state_keys = {str(k): list(s.keys()) for k, s in sd['state'].items()}
    return {
        'optimizer': name,
        'options': opts,
        'emulateMaximize': bool(emulate),
        'shapes': [list(s) for s, _ in SHAPES],
        'dtypes': [str(d).replace('torch.', '') for _, d in SHAPES],
        'init': [flat(p) for p in init],
        'grads': grads,
        'params': traj,
        'state': state,
        'stateKeys': state_keys,
        'groupKeys': list(sd['param_groups'][0].keys()),
    }


# Parameter groups: params 0 and 1 in a group with its own lr (and weight decay), param 2 in a
# group on the defaults, param 3 added by add_param_group before step LATER (for Adagrad a third
# group from the start: 1.13's Adagrad creates state in its constructor only, a later group fails); before
# step LR_AT every group's lr is rewritten.
GROUPS = {
    'SGD': {'lr': 0.05, 'momentum': 0.9},
    'Adam': {'lr': 0.01},
    'AdamW': {'lr': 0.01},
    'RMSprop': {'lr': 0.01, 'momentum': 0.5},
    'Adagrad': {'lr': 0.05},
    'Adamax': {'lr': 0.01},
    'NAdam': {'lr': 0.01},
    'RAdam': {'lr': 0.01},
}
LATER, LR_AT = 3, 6


def run_groups(name, defaults, seed):
    g = torch.Generator().manual_seed(seed)
    params = [values(g, s, d, 1.0).requires_grad_() for s, d in GROUP_SHAPES]
    init = [flat(p) for p in params]
    later = name != 'Adagrad'
    groups = [{'params': [0, 1], 'lr': 0.1, 'weight_decay': 0.01}, {'params': [2]}]
    extra = {'params': [3], 'lr': 0.002}
    if not later:
        groups.append(extra)
    opt = getattr(torch.optim, name)([{**gr, 'params': [params[i] for i in gr['params']]} for gr in groups], **defaults)
    grads, traj, lrs_at = [], [], None
    for step in range(STEPS):
        if later and step == LATER:
            opt.add_param_group({**extra, 'params': [params[3]]})
        if step == LR_AT:
            lrs_at = [gr['lr'] * 0.5 for gr in opt.param_groups]
            for gr, lr in zip(opt.param_groups, lrs_at):
                gr['lr'] = lr
        gs = [values(g, s, d, 0.5 + 0.3 * step) for s, d in GROUP_SHAPES]
        grads.append([flat(x) for x in gs])
        for p, x in zip(params, gs):
            p.grad = x.clone()
        opt.step()
        traj.append([flat(p) for p in params])
    sd = opt.state_dict()
    pg = [{k: v for k, v in gr.items()} for gr in sd['param_groups']]
    return {
        'optimizer': name, 'options': defaults, 'groups': groups, 'later': extra if later else None,
        'laterStep': LATER, 'lrAt': LR_AT, 'lrs': lrs_at,
        'shapes': [list(s) for s, _ in GROUP_SHAPES], 'dtypes': [str(d).replace('torch.', '') for _, d in GROUP_SHAPES],
        'init': init, 'grads': grads, 'params': traj, 'paramGroups': pg,
    }


def main():
    cases = []
    seed = 0
    for name, option_sets in CASES.items():
        for opts in option_sets:
            seed += 1
            cases.append(run(name, opts, seed))
    invalid = []
    p = torch.zeros(2, requires_grad=True)
    for name, kws in INVALID.items():
        for kw in kws:
            try:
                getattr(torch.optim, name)([p], **kw)
                raise SystemExit(f'{name}({kw}) did not raise')
            except ValueError as e:
                invalid.append({'optimizer': name, 'options': kw, 'message': str(e)})
    groups = [run_groups(name, d, 100 + i) for i, (name, d) in enumerate(GROUPS.items())]
    try:
        torch.optim.Adam([{'params': [p]}, {'params': [p]}])
    except ValueError as e:
        duplicate = str(e)
    out = {'torch': torch.__version__, 'cases': cases, 'invalid': invalid, 'groups': groups, 'duplicate': duplicate}
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, '..', '__tests__', 'fixtures', 'pytorch_optim.json')
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
        f.write('\n')
    print(f'wrote {len(cases)} cases, {len(invalid)} messages to {os.path.normpath(path)}')


if __name__ == '__main__':
    main()
