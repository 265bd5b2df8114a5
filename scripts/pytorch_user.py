#!/usr/bin/env python3
"""Records PyTorch 1.13's results for __tests__/nn/pytorch_user*.test.ts: cases a PyTorch user
meets (param groups with their own options, an all-ignored batch with label smoothing, ...) where
tensorgrad once differed from PyTorch. Every number here comes from torch, never from tensorgrad.

Writes __tests__/fixtures/pytorch_user.json. Regenerate with Debian's python3-torch:
    /usr/bin/python3 scripts/pytorch_user.py
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "__tests__", "fixtures", "pytorch_user.json")


def flat(t):
    """A tensor's values as a flat list of floats (non-finite values as strings)."""
    out = []
    for v in t.detach().double().flatten().tolist():
        out.append(v if math.isfinite(v) else ("nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")))
    return out


def cross_entropy_all_ignored():
    """Every target equals ignore_index: the mean is 0/0 = NaN, and the gradient is exactly 0."""
    torch.manual_seed(3)
    x = torch.randn(5, 4, dtype=torch.float64)
    y = torch.tensor([1, 1, 1, 1, 1])
    w = torch.tensor([0.5, 2.0, 1.0, 3.0], dtype=torch.float64)
    cases = []
    for kw in [dict(ignore_index=1), dict(ignore_index=1, label_smoothing=0.1), dict(ignore_index=1, label_smoothing=0.2, weight=True)]:
        xi = x.clone().requires_grad_()
        args = {k: (w if k == "weight" else v) for k, v in kw.items()}
        loss = F.cross_entropy(xi, y, **args)
        loss.backward()
        cases.append({"options": kw, "loss": flat(loss), "grad": flat(xi.grad)})
    return {"x": flat(x), "target": y.tolist(), "weight": flat(w), "cases": cases}


def where_infinite_grad():
    """where's and maximum's backward give an exact 0 to the side not taken, even for an infinite gradient."""
    x = torch.tensor([1.0, -2.0, 3.0], dtype=torch.float64, requires_grad=True)
    cond = torch.tensor([True, False, True])
    torch.where(cond, x, 0.0).sum().div(0).backward()
    gw = flat(x.grad)
    x.grad = None
    torch.maximum(x, torch.tensor([0.0, 0.0, 5.0], dtype=torch.float64)).sum().div(0).backward()
    return {"x": flat(x), "cond": cond.tolist(), "where_grad": gw, "maximum_grad": flat(x.grad)}


def adagrad_groups():
    """Adagrad fills `sum` with the constructor's initial_accumulator_value, whatever a group says."""
    torch.manual_seed(5)
    a, b = torch.randn(3, 2), torch.randn(4)
    pa, pb = a.clone().requires_grad_(), b.clone().requires_grad_()
    opt = torch.optim.Adagrad(
        [dict(params=[pa], initial_accumulator_value=0.5, lr_decay=0.01, weight_decay=0.1), dict(params=[pb], lr=0.2)],
        lr=0.1,
        initial_accumulator_value=0.25,
    )
    traj = []
    for _ in range(4):
        opt.zero_grad()
        ((pa * pa).sum() + (pb * pb * pb).sum() + pa.sum() * 0.3).backward()
        opt.step()
        traj.append([flat(pa), flat(pb)])
    return {"a": flat(a), "b": flat(b), "params": traj, "sum": [flat(opt.state[pa]["sum"]), flat(opt.state[pb]["sum"])]}


def mlp_sequential():
    """tg.models.MLP is the nn.Sequential a PyTorch user writes: its repr, its seeded init and
    its dropout masks (train mode) are that Sequential's."""

    class MLP(nn.Sequential):
        pass

    acts = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "silu": nn.SiLU, "leakyRelu": nn.LeakyReLU, "elu": nn.ELU}
    out = []
    for act, p in [("relu", 0.0), ("leakyRelu", 0.25), ("elu", 0.5), ("gelu", 0.0)]:
        torch.manual_seed(11)
        layers = []
        sizes = [4, 6, 5, 3]
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i + 2 < len(sizes):
                layers.append(acts[act]())
                if p > 0:
                    layers.append(nn.Dropout(p))
        m = MLP(*layers)
        x = torch.linspace(-2, 2, 8 * 4).reshape(8, 4)
        y = m(x)
        out.append({"activation": act, "dropout": p, "sizes": sizes, "repr": str(m), "output": flat(y)})
    return out


def l1_loss_broadcast():
    """l1_loss broadcasts input and target of different shapes (with a warning), as mse_loss does."""
    import warnings

    warnings.simplefilter("ignore")
    a = torch.tensor([[1.0], [2.0], [-0.5]], dtype=torch.float64)
    b = torch.tensor([1.0, 3.5], dtype=torch.float64)
    out = []
    for reduction in ["none", "mean", "sum"]:
        ai = a.clone().requires_grad_()
        y = F.l1_loss(ai, b, reduction=reduction)
        (y * torch.arange(1, y.numel() + 1, dtype=torch.float64).reshape(y.shape)).sum().backward()
        out.append({"reduction": reduction, "shape": list(y.shape), "loss": flat(y), "grad": flat(ai.grad), "grad_fn": y.grad_fn.name()})
    return {"input": flat(a), "target": flat(b), "cases": out}


def module_zero_grad():
    """module.zero_grad(set_to_none=False) (1.13's default) zeroes the gradients in place."""
    lin = nn.Linear(2, 3)
    lin(torch.ones(4, 2)).sum().backward()
    g = lin.weight.grad
    lin.zero_grad(set_to_none=False)
    kept = lin.weight.grad is g
    zeroed = flat(lin.weight.grad)
    lin.zero_grad(set_to_none=True)
    return {"same_tensor": kept, "zeroed": zeroed, "none_after_set_to_none": lin.weight.grad is None}


def errors():
    """PyTorch's messages for mistakes a user makes."""
    out = {}
    try:
        torch.optim.SGD([torch.zeros(2, requires_grad=True)])
    except ValueError as e:
        out["sgd_without_lr"] = str(e)
    return out


def parameter_repr():
    """A Parameter prints as 'Parameter containing:' then the tensor; its detached value as a tensor."""
    torch.manual_seed(0)
    lin = nn.Linear(2, 2)
    frozen = nn.Embedding.from_pretrained(torch.ones(2, 2))
    return {"weight": str(lin.weight), "bias": repr(lin.bias), "detached": str(lin.weight.detach()), "product": str(lin.weight * 2), "frozen": str(frozen.weight)}


def step_closure():
    """optimizer.step(closure): the closure runs with grad enabled (even inside no_grad) and its loss is returned."""
    out = []
    for name, make in [("SGD", lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9)), ("Adam", lambda ps: torch.optim.Adam(ps, lr=0.1))]:
        p = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
        opt = make([p])

        def closure():
            opt.zero_grad()
            loss = ((p - 1) ** 2).sum() + p.prod()
            loss.backward()
            return loss

        losses, params = [], []
        for _ in range(4):
            with torch.no_grad():
                loss = opt.step(closure)
            losses.append(loss.item())
            params.append(flat(p))
        out.append({"optimizer": name, "losses": losses, "params": params})
    return out


def named_sequential():
    """nn.Sequential(OrderedDict(...)): children under their keys (repr, state_dict, named_modules),
    seeded init in order, append named by position, model[-1]."""
    from collections import OrderedDict

    torch.manual_seed(0)
    s = nn.Sequential(OrderedDict(fc1=nn.Linear(2, 3), act=nn.ReLU(), fcOut=nn.Linear(3, 1)))
    s.append(nn.Sigmoid())
    x = torch.tensor([[1.0, -2.0], [0.5, 0.25]])
    return {
        "repr": str(s),
        "state_dict_keys": list(s.state_dict().keys()),
        "module_names": [n for n, _ in s.named_modules()],
        "last": str(s[-1]),
        "length": len(s),
        "output": flat(s(x)),
    }


def inplace_reprs():
    """Modules built with inplace=True print it (Hardsigmoid and Hardswish do not) and give the same values."""
    x = torch.tensor([-3.0, -0.5, 0.0, 0.25, 2.0, 7.0])
    mods = {
        "ReLU": nn.ReLU(inplace=True),
        "ReLU6": nn.ReLU6(inplace=True),
        "LeakyReLU": nn.LeakyReLU(0.2, inplace=True),
        "ELU": nn.ELU(0.5, inplace=True),
        "CELU": nn.CELU(0.5, inplace=True),
        "SELU": nn.SELU(inplace=True),
        "Hardtanh": nn.Hardtanh(-2.0, 2.0, inplace=True),
        "Threshold": nn.Threshold(0.1, 20, inplace=True),
        "SiLU": nn.SiLU(inplace=True),
        "Mish": nn.Mish(inplace=True),
        "Hardsigmoid": nn.Hardsigmoid(inplace=True),
        "Hardswish": nn.Hardswish(inplace=True),
        "Dropout": nn.Dropout(0.2, inplace=True).eval(),
    }
    return {"x": flat(x), "modules": {k: {"repr": str(m), "output": flat(m(x.clone()))} for k, m in mods.items()}}


def module_registration():
    """register_parameter, add_module, get_submodule/get_parameter/get_buffer and double() on a model."""
    torch.manual_seed(0)
    m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    m.register_parameter("w", nn.Parameter(torch.zeros(2)))
    m.add_module("act", nn.ReLU())
    out = {
        "repr": str(m),
        "state_dict_keys": list(m.state_dict().keys()),
        "submodule": str(m.get_submodule("0")),
        "parameter": flat(m.get_parameter("0.weight")),
        "buffer": flat(m.get_buffer("1.running_var")),
        "dtype_after_double": str(m.double()[0].weight.dtype).replace("torch.", ""),
    }
    for key, f in [("no_submodule", lambda: m.get_submodule("0.x")), ("no_parameter", lambda: m.get_parameter("0.foo"))]:
        try:
            f()
        except AttributeError as e:
            out[key] = str(e)
    return out


def cosine_similarity_small():
    """cosine_similarity with a zero or tiny vector: ATen clamps the squared norm at eps^2 without
    grad, so the gradient is finite (x2_normalized / eps at a zero x1), not NaN."""
    out = []
    for a, b, dim, eps in [
        ([[0.0, 0.0, 0.0], [1.0, 2.0, 3.0]], [[1.0, 1.0, 1.0]], 1, 1e-8),
        ([[1e-9, -2e-9, 0.0], [1.0, 2.0, 3.0]], [[1.0, 1.0, 1.0]], 1, 1e-8),
        ([[0.01, 0.02], [3.0, 4.0]], [[1.0, -1.0]], 1, 0.1),
        ([[0.0, 1.0], [0.0, 2.0]], [[0.0, 1.0], [0.0, 1.0]], 0, 1e-8),
    ]:
        for dtype in ["float32", "float64"]:
            dt = getattr(torch, dtype)
            at = torch.tensor(a, dtype=dt, requires_grad=True)
            bt = torch.tensor(b, dtype=dt, requires_grad=True)
            c = F.cosine_similarity(at, bt, dim=dim, eps=eps)
            (c * torch.arange(1, c.numel() + 1, dtype=dt)).sum().backward()
            out.append({"a": a, "b": b, "dim": dim, "eps": eps, "dtype": dtype, "value": flat(c), "grad_a": flat(at.grad), "grad_b": flat(bt.grad)})
    return out


def batchnorm_without_num_batches_tracked():
    """A state dict without num_batches_tracked (no version metadata, as from a safetensors file)
    loads strictly into BatchNorm1d, which then counts from 0 (_load_from_state_dict, version < 2)."""
    m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    m[1].num_batches_tracked.fill_(5)
    sd = {"0.weight": torch.ones(2, 2), "0.bias": torch.zeros(2), "1.weight": torch.ones(2), "1.bias": torch.zeros(2), "1.running_mean": torch.ones(2), "1.running_var": torch.ones(2) * 2}
    r = m.load_state_dict(sd)
    return {"missing": r.missing_keys, "unexpected": r.unexpected_keys, "num_batches_tracked": int(m[1].num_batches_tracked), "keys_in_dict_after": len(sd)}


def embedding_bag_from_pretrained():
    """EmbeddingBag.from_pretrained: the given weights, frozen by default, with the bag options; each
    module's weight is its own Parameter on the tensor's storage (the tensor itself is unchanged)."""
    w = torch.arange(12.0).reshape(4, 3)
    frozen = nn.EmbeddingBag.from_pretrained(w, mode="max")
    free = nn.EmbeddingBag.from_pretrained(w, freeze=False, mode="sum", padding_idx=1)
    idx = torch.tensor([[0, 1], [3, 2]])
    return {
        "weight": flat(w),
        "frozen": {"repr": str(frozen), "requires_grad": frozen.weight.requires_grad, "output": flat(frozen(idx))},
        "free": {"repr": str(free), "requires_grad": free.weight.requires_grad, "output": flat(free(idx))},
        "given_requires_grad": w.requires_grad,
        "shares_storage": free.weight.data_ptr() == w.data_ptr(),
    }


def main():
    fixture = {
        "torch": torch.__version__,
        "cross_entropy_all_ignored": cross_entropy_all_ignored(),
        "where_infinite_grad": where_infinite_grad(),
        "adagrad_groups": adagrad_groups(),
        "mlp_sequential": mlp_sequential(),
        "l1_loss_broadcast": l1_loss_broadcast(),
        "module_zero_grad": module_zero_grad(),
        "errors": errors(),
        "parameter_repr": parameter_repr(),
        "step_closure": step_closure(),
        "named_sequential": named_sequential(),
        "inplace_reprs": inplace_reprs(),
        "module_registration": module_registration(),
        "cosine_similarity_small": cosine_similarity_small(),
        "batchnorm_without_num_batches_tracked": batchnorm_without_num_batches_tracked(),
        "embedding_bag_from_pretrained": embedding_bag_from_pretrained(),
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
