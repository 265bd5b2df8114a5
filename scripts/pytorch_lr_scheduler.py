"""Records PyTorch's lr schedules for __tests__/optim/lr_scheduler*.test.ts.

Run with Debian's PyTorch: /usr/bin/python3 scripts/pytorch_lr_scheduler.py
Writes __tests__/fixtures/pytorch_lr_scheduler.json: for each case, the optimizer groups and
scheduler options (PyTorch's names), get_last_lr() after construction and after every step
(momentum and betas[0] too), the scheduler's state_dict and the optimizer's param groups after
`state_at` steps. Infinite floats are written as the strings 'inf' / '-inf'.
"""
import json
import math
import os
import warnings

import torch
from torch.optim import SGD, Adam
from torch.optim import lr_scheduler as S

warnings.simplefilter('ignore')

# lambdas by name; the tests hold the same functions in JS (no pow, whose libm result JS's differs from)
LAMBDAS = {
    'inv': lambda e: 1.0 / (e + 1),
    'saw': lambda e: 0.9 if e % 3 else 1.05,
    'lin': lambda e: 1.0 - e / 40,
}


def make_opt(spec):
    groups = []
    for g in spec['groups']:
        d = dict(g)
        d['params'] = [torch.zeros(2, requires_grad=True)]
        groups.append(d)
    kw = dict(spec.get('kwargs', {}))
    if spec['type'] == 'SGD':
        return SGD(groups, lr=kw.pop('lr', 0.1), **kw)
    return Adam(groups, **kw)


def make_sched(opt, spec):
    cls = getattr(S, spec['cls'])
    kw = dict(spec.get('kwargs', {}))
    if spec['cls'] in ('LambdaLR', 'MultiplicativeLR'):
        lam = kw.pop('lr_lambda')
        kw['lr_lambda'] = [LAMBDAS[n] for n in lam] if isinstance(lam, list) else LAMBDAS[lam]
    if spec['cls'] == 'SequentialLR':
        kw['schedulers'] = [make_sched(opt, s) for s in kw['schedulers']]
        return cls(opt, **kw)
    if spec['cls'] == 'ChainedScheduler':
        return cls([make_sched(opt, s) for s in kw['schedulers']])
    return cls(opt, **kw)


def clean(v):
    if isinstance(v, float):
        if math.isinf(v):
            return 'inf' if v > 0 else '-inf'
        return v
    if isinstance(v, (list, tuple)):
        return [clean(x) for x in v]
    if isinstance(v, dict):
        return {str(k): clean(x) for k, x in v.items()}
    if callable(v):
        return '<function>'
    return v


def groups_of(opt):
    return [clean({k: v for k, v in g.items() if k != 'params'}) for g in opt.param_groups]


def record(case):
    opt = make_opt(case['optimizer'])
    sched = make_sched(opt, case['scheduler'])
    out = {'lr': [sched.get_last_lr() if hasattr(sched, 'get_last_lr') and hasattr(sched, '_last_lr') else [g['lr'] for g in opt.param_groups]]}
    has_m = 'momentum' in opt.defaults
    has_b = 'betas' in opt.defaults
    if has_m:
        out['momentum'] = [[g['momentum'] for g in opt.param_groups]]
    if has_b:
        out['beta1'] = [[g['betas'][0] for g in opt.param_groups]]
    sets = {s['step']: s for s in case.get('set_lr', [])}
    for i in range(case['steps']):
        if i in sets:
            opt.param_groups[sets[i]['group']]['lr'] = sets[i]['lr']
        opt.step()
        if 'metrics' in case:
            sched.step(case['metrics'][i])
        elif 'epochs' in case:
            sched.step(case['epochs'][i])
        else:
            sched.step()
        out['lr'].append(list(sched.get_last_lr() if hasattr(sched, 'get_last_lr') else sched._last_lr))
        if has_m:
            out['momentum'].append([g['momentum'] for g in opt.param_groups])
        if has_b:
            out['beta1'].append([g['betas'][0] for g in opt.param_groups])
        if i + 1 == case.get('state_at', 10):
            sd = sched.state_dict()
            sd.pop('_scale_fn_ref', None)  # a weakref.WeakMethod; PyTorch 2.x drops it from state_dict
            if 'anneal_func' in sd:  # a bound method; PyTorch 2.x saves _anneal_func_type instead
                sd['anneal_func'] = sd['anneal_func'].__name__
            out['state'] = clean(sd)
            out['groups'] = groups_of(opt)
    return out


def sgd(*lrs, **kw):
    return {'type': 'SGD', 'groups': [{'lr': lr} for lr in lrs], 'kwargs': kw}


def adam(*lrs, **kw):
    return {'type': 'Adam', 'groups': [{'lr': lr} for lr in lrs], 'kwargs': kw}


def sch(cls, **kw):
    return {'cls': cls, 'kwargs': kw}


def C(name, opt, scheduler, steps=32, **extra):
    return dict(name=name, optimizer=opt, scheduler=scheduler, steps=steps, **extra)


resume = {'type': 'SGD', 'groups': [{'lr': 0.05, 'initial_lr': 0.1}, {'lr': 0.2, 'initial_lr': 0.3}], 'kwargs': {'momentum': 0.9}}

CASES = [
    C('StepLR', sgd(0.1), sch('StepLR', step_size=3)),
    C('StepLR groups gamma', sgd(0.1, 0.037, momentum=0.9), sch('StepLR', step_size=4, gamma=0.7)),
    C('StepLR resume', resume, sch('StepLR', step_size=3, gamma=0.5, last_epoch=4)),
    C('StepLR set lr', sgd(0.1), sch('StepLR', step_size=2, gamma=0.9), set_lr=[{'step': 5, 'group': 0, 'lr': 0.5}]),
    C('MultiStepLR', sgd(0.1, 0.01), sch('MultiStepLR', milestones=[3, 7, 7, 20])),
    C('MultiStepLR gamma', sgd(0.3), sch('MultiStepLR', milestones=[2, 5, 9], gamma=0.37)),
    C('ExponentialLR', sgd(0.1, 0.2), sch('ExponentialLR', gamma=0.93)),
    C('ExponentialLR resume', resume, sch('ExponentialLR', gamma=0.9, last_epoch=3)),
    C('CosineAnnealingLR', sgd(0.1), sch('CosineAnnealingLR', T_max=10)),
    C('CosineAnnealingLR eta groups', sgd(0.1, 0.05, momentum=0.9), sch('CosineAnnealingLR', T_max=7, eta_min=0.001), steps=40),
    C('CosineAnnealingLR resume', resume, sch('CosineAnnealingLR', T_max=12, eta_min=0.01, last_epoch=5)),
    C('CosineAnnealingLR set lr', sgd(0.1), sch('CosineAnnealingLR', T_max=9), set_lr=[{'step': 4, 'group': 0, 'lr': 0.2}, {'step': 15, 'group': 0, 'lr': 0.01}]),
    C('CosineAnnealingWarmRestarts', sgd(0.1), sch('CosineAnnealingWarmRestarts', T_0=5)),
    C('CosineAnnealingWarmRestarts mult', sgd(0.1, 0.02), sch('CosineAnnealingWarmRestarts', T_0=3, T_mult=2, eta_min=0.001), steps=40),
    C('CosineAnnealingWarmRestarts epochs', sgd(0.1), sch('CosineAnnealingWarmRestarts', T_0=4, T_mult=2, eta_min=0.0005), steps=32,
      epochs=[i * 0.75 for i in range(30)] + [3.0, 28.0]),
    C('CosineAnnealingWarmRestarts epochs mult1', sgd(0.1), sch('CosineAnnealingWarmRestarts', T_0=3), steps=30, epochs=[i * 0.4 + 0.1 for i in range(30)]),
    C('LinearLR', sgd(0.1), sch('LinearLR')),
    C('LinearLR groups', sgd(0.1, 0.07), sch('LinearLR', start_factor=0.25, end_factor=0.9, total_iters=11)),
    C('LinearLR decay', sgd(0.1), sch('LinearLR', start_factor=1.0, end_factor=0.1, total_iters=20)),
    C('ConstantLR', sgd(0.1), sch('ConstantLR')),
    C('ConstantLR groups', sgd(0.1, 0.03), sch('ConstantLR', factor=0.7, total_iters=9)),
    C('LambdaLR', sgd(0.1), sch('LambdaLR', lr_lambda='inv')),
    C('LambdaLR list', sgd(0.1, 0.05), sch('LambdaLR', lr_lambda=['inv', 'lin'])),
    C('MultiplicativeLR', sgd(0.1), sch('MultiplicativeLR', lr_lambda='saw')),
    C('MultiplicativeLR list', sgd(0.1, 0.05), sch('MultiplicativeLR', lr_lambda=['saw', 'lin'])),
    C('PolynomialLR', sgd(0.1), sch('PolynomialLR')),
    C('PolynomialLR power', sgd(0.1, 0.04), sch('PolynomialLR', total_iters=20, power=2.0)),
    C('PolynomialLR half', sgd(0.1), sch('PolynomialLR', total_iters=25, power=0.5)),
    C('OneCycleLR', sgd(0.1, momentum=0.9), sch('OneCycleLR', max_lr=0.1, total_steps=40), steps=40),
    C('OneCycleLR linear groups', sgd(0.1, 0.1, momentum=0.9), sch('OneCycleLR', max_lr=[0.1, 0.05], epochs=4, steps_per_epoch=9, anneal_strategy='linear',
                                                                     base_momentum=[0.8, 0.85], max_momentum=0.9), steps=36),
    C('OneCycleLR three phase', sgd(0.1, momentum=0.9), sch('OneCycleLR', max_lr=0.2, total_steps=35, three_phase=True, pct_start=0.25,
                                                             div_factor=10.0, final_div_factor=100.0), steps=35),
    C('OneCycleLR adam', adam(0.001), sch('OneCycleLR', max_lr=0.01, total_steps=30), steps=30),
    C('OneCycleLR no momentum', sgd(0.1), sch('OneCycleLR', max_lr=0.3, total_steps=32, cycle_momentum=False, pct_start=0.4), steps=32),
    C('CyclicLR', sgd(0.1, momentum=0.9), sch('CyclicLR', base_lr=0.001, max_lr=0.1, step_size_up=4)),
    C('CyclicLR triangular2 groups', sgd(0.1, 0.1, momentum=0.9), sch('CyclicLR', base_lr=[0.001, 0.002], max_lr=[0.1, 0.05], step_size_up=3,
                                                                     step_size_down=5, mode='triangular2'), steps=40),
    C('CyclicLR exp_range', sgd(0.1, momentum=0.9), sch('CyclicLR', base_lr=0.01, max_lr=0.1, step_size_up=5, mode='exp_range', gamma=0.97,
                                                         base_momentum=0.75, max_momentum=0.95)),
    C('CyclicLR no momentum', sgd(0.1), sch('CyclicLR', base_lr=0.01, max_lr=0.05, step_size_up=2, cycle_momentum=False)),
    C('SequentialLR', sgd(0.1), sch('SequentialLR', schedulers=[sch('ConstantLR', factor=0.1, total_iters=2), sch('ExponentialLR', gamma=0.9)],
                                     milestones=[2])),
    C('SequentialLR warmup cosine', sgd(0.1, 0.02), sch('SequentialLR', schedulers=[sch('LinearLR', start_factor=0.1, total_iters=5),
                                                                              sch('CosineAnnealingLR', T_max=10, eta_min=0.001),
                                                                              sch('StepLR', step_size=3, gamma=0.5)],
                                                         milestones=[5, 15]), steps=36),
    C('ChainedScheduler', sgd(0.1), sch('ChainedScheduler', schedulers=[sch('ConstantLR', factor=0.1, total_iters=2), sch('ExponentialLR', gamma=0.9)])),
    C('ChainedScheduler cosine', sgd(0.1, 0.05), sch('ChainedScheduler', schedulers=[sch('LinearLR', start_factor=0.2, total_iters=6),
                                                                               sch('CosineAnnealingLR', T_max=8)])),
]

resume1 = {'type': 'SGD', 'groups': [{'lr': 0.05, 'initial_lr': 0.1}], 'kwargs': {'momentum': 0.9}}
onecycle_resume = {'type': 'SGD', 'groups': [{'lr': 0.05, 'initial_lr': 0.004, 'max_lr': 0.1, 'min_lr': 4e-7, 'max_momentum': 0.95, 'base_momentum': 0.85}],
                   'kwargs': {'momentum': 0.9}}
CASES += [
    C('CosineAnnealingLR T1', sgd(0.1), sch('CosineAnnealingLR', T_max=1, eta_min=0.01)),
    C('CosineAnnealingLR long', sgd(0.1, 0.3), sch('CosineAnnealingLR', T_max=6), steps=40, set_lr=[{'step': 20, 'group': 1, 'lr': 0.05}]),
    C('PolynomialLR resume', resume1, sch('PolynomialLR', total_iters=30, power=1.5, last_epoch=6)),
    C('LinearLR resume', resume1, sch('LinearLR', start_factor=0.5, total_iters=12, last_epoch=3)),
    C('ConstantLR resume', resume1, sch('ConstantLR', factor=0.5, total_iters=12, last_epoch=3)),
    C('MultiplicativeLR resume', resume1, sch('MultiplicativeLR', lr_lambda='saw', last_epoch=2)),
    C('OneCycleLR resume', onecycle_resume, sch('OneCycleLR', max_lr=0.1, total_steps=50, last_epoch=9), steps=40),
    C('SequentialLR exp then warm restarts', sgd(0.1), sch('SequentialLR', schedulers=[sch('ExponentialLR', gamma=0.8),
                                                                                 sch('CosineAnnealingWarmRestarts', T_0=4, T_mult=2)], milestones=[4])),
    C('SequentialLR constant then multistep', sgd(0.1, 0.01), sch('SequentialLR', schedulers=[sch('ConstantLR', factor=0.5, total_iters=5),
                                                                                       sch('MultiStepLR', milestones=[6, 8, 8])], milestones=[3])),
    C('SequentialLR three', sgd(0.1), sch('SequentialLR', schedulers=[sch('LinearLR', start_factor=0.1, total_iters=4),
                                                                 sch('PolynomialLR', total_iters=6, power=2.0),
                                                                 sch('LambdaLR', lr_lambda='inv')], milestones=[4, 12])),
    C('ChainedScheduler step exp groups', sgd(0.1, 0.2), sch('ChainedScheduler', schedulers=[sch('StepLR', step_size=5, gamma=0.5),
                                                                                        sch('ExponentialLR', gamma=0.95),
                                                                                        sch('MultiplicativeLR', lr_lambda='saw')])),
]

metrics = [1.0, 0.9, 0.85, 0.86, 0.86, 0.87, 0.849, 0.8499, 0.85, 0.85, 0.84, 0.9, 0.9, 0.9, 0.9, 0.9, 0.83, 0.83, 0.83, 0.83,
           0.83, 0.83, 0.8299, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82, 0.82]
up = [1 - m for m in metrics]
CASES += [
    C('ReduceLROnPlateau', sgd(0.1), sch('ReduceLROnPlateau', patience=2), steps=36, metrics=metrics),
    C('ReduceLROnPlateau max abs cooldown', sgd(0.1, 0.01), sch('ReduceLROnPlateau', mode='max', threshold_mode='abs', threshold=0.005, patience=1,
                                                               cooldown=2, factor=0.5, min_lr=[0.01, 0.004]), steps=36, metrics=up),
    C('ReduceLROnPlateau max rel', sgd(0.1), sch('ReduceLROnPlateau', mode='max', patience=0, factor=0.3, min_lr=0.002), steps=36, metrics=up),
    C('ReduceLROnPlateau min abs eps', sgd(0.1), sch('ReduceLROnPlateau', threshold_mode='abs', threshold=0.02, patience=1, factor=0.5,
                                                     min_lr=0.0125, eps=1e-3), steps=36, metrics=metrics),
]

def libm_cases():
    """cos, pow and log where the schedulers call them: glibc's result (CPython's) and the exact one rounded (mpmath)."""
    import mpmath
    mpmath.mp.prec = 300
    cr = lambda v: float(v)  # mpmath rounds to nearest
    cos = [math.pi * k / T for T in range(1, 41) for k in range(0, 3 * T + 2)] + [k * math.pi / T for T in (7, 9, 13, 100) for k in range(1, 30)]
    cos += [math.pi * (i / 997) for i in range(997)]
    pw = [(g, k) for g in (0.1, 0.37, 0.5, 0.9, 0.93, 0.97, 0.999) for k in range(0, 60)]
    pw += [((1.0 - e / 20) / (1.0 - (e - 1) / 20), p) for e in range(1, 20) for p in (0.5, 2.0, 3.0, 1.7)]
    lg = [x / 7 * 3 + 1 for x in range(200)] + [2.0, 3.0, 8.0, 27.0, 1024.0]
    return {
        'cos': [[x, math.cos(x), cr(mpmath.cos(mpmath.mpf(x)))] for x in cos],
        'pow': [[b, e, b ** e, cr(mpmath.power(mpmath.mpf(b), mpmath.mpf(e)))] for b, e in pw],
        'log': [[x, math.log(x), cr(mpmath.log(mpmath.mpf(x)))] for x in lg],
    }


if __name__ == '__main__':
    out = {'torch': torch.__version__, 'libm': libm_cases(), 'cases': []}
    for case in CASES:
        out['cases'].append({**case, 'expected': record(case)})
    path = os.path.join(os.path.dirname(__file__), '..', '__tests__', 'fixtures', 'pytorch_lr_scheduler.json')
    with open(path, 'w') as f:
        json.dump(out, f, indent=None, allow_nan=False)
        f.write('\n')
    print('wrote', len(out['cases']), 'cases to', os.path.normpath(path))
