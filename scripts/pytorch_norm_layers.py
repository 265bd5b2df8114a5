#!/usr/bin/env python3
"""Records PyTorch's normalization and embedding layers for __tests__/nn/norm_layers.test.ts:
initial weights from the seeded stream, BatchNorm1d running statistics over training steps,
eval outputs, gradients, state-dict keys and dtypes, and a trained model's state dict saved as
safetensors (written by hand per the format: an 8-byte little-endian header length, a JSON
header, then the raw little-endian data). Regenerate with Debian's python3-torch:
    /usr/bin/python3 scripts/pytorch_norm_layers.py
"""
import json
import os

import torch
import torch.nn as nn

from pytorch_checkpoint import save_safetensors  # the safetensors writer the fixture scripts share

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "__tests__", "fixtures")


def flat(t):
    return t.detach().flatten().tolist()


def init_weights():
    torch.manual_seed(0)
    e = nn.Embedding(10, 3, padding_idx=2)
    torch.manual_seed(0)
    small = nn.Embedding(3, 2)
    g = torch.Generator().manual_seed(5)
    w = torch.empty(7, 4).normal_(generator=g)
    return {"embedding_seed0_pad2": flat(e.weight), "embedding_small_seed0": flat(small.weight), "generator5_7x4": flat(w)}


def batchnorm_runs():
    runs = []
    for name, shape, kwargs, dtype in [
        ("2d default", [6, 3], {}, torch.float32),
        ("3d momentum None", [4, 3, 5], {"momentum": None}, torch.float32),
        ("2d float64 eps momentum", [5, 3], {"eps": 1e-3, "momentum": 0.3}, torch.float64),
        ("3d no affine", [3, 3, 4], {"affine": False}, torch.float32),
    ]:
        torch.manual_seed(1)
        bn = nn.BatchNorm1d(3, **kwargs).to(dtype)
        if bn.affine:
            with torch.no_grad():
                bn.weight.copy_(torch.randn(3))
                bn.bias.copy_(torch.randn(3))
        init = {"weight": flat(bn.weight) if bn.affine else None, "bias": flat(bn.bias) if bn.affine else None}
        steps = []
        for _ in range(3):
            x = (torch.randn(shape) * 2 + 0.5).to(dtype).requires_grad_()
            y = bn(x)
            w = torch.randn(shape).to(dtype)
            params = [x] + ([bn.weight, bn.bias] if bn.affine else [])
            grads = torch.autograd.grad((y * w).sum(), params)
            steps.append({
                "x": flat(x), "y": flat(y), "w": flat(w), "grads": [flat(g) for g in grads],
                "running_mean": flat(bn.running_mean), "running_var": flat(bn.running_var),
                "num_batches_tracked": int(bn.num_batches_tracked),
            })
        bn.eval()
        x = torch.randn(shape).to(dtype).requires_grad_()
        y = bn(x)
        w = torch.randn(shape).to(dtype)
        params = [x] + ([bn.weight, bn.bias] if bn.affine else [])
        grads = torch.autograd.grad((y * w).sum(), params)
        runs.append({
            "name": name, "shape": shape, "options": kwargs, "dtype": str(dtype).replace("torch.", ""), "init": init, "steps": steps,
            "eval": {"x": flat(x), "y": flat(y), "w": flat(w), "grads": [flat(g) for g in grads], "grad_fn": y.grad_fn.name()},
            "state_dict": [[k, str(v.dtype).replace("torch.", ""), list(v.shape)] for k, v in bn.state_dict().items()],
            "repr": repr(bn),
        })
    return runs


def embedding_cases():
    torch.manual_seed(2)
    e = nn.Embedding(6, 3, max_norm=1.0)
    with torch.no_grad():
        e.weight.mul_(2)
    w0 = flat(e.weight)
    idx = torch.tensor([[0, 3], [3, 5]])
    y = e(idx)
    g = torch.randn(y.shape)
    (y * g).sum().backward()
    renorm = {"w0": w0, "indices": flat(idx), "y": flat(y), "weight_after": flat(e.weight), "g": flat(g), "grad": flat(e.weight.grad)}
    torch.manual_seed(3)
    e1 = nn.Embedding(5, 2, max_norm=0.5, norm_type=1.0)
    w1 = flat(e1.weight)
    y1 = e1(torch.tensor([1, 4, 1]))
    renorm1 = {"w0": w1, "y": flat(y1), "weight_after": flat(e1.weight)}
    torch.manual_seed(4)
    bag = nn.EmbeddingBag(8, 3, mode="sum")
    inp = torch.tensor([1, 7, 7, 2, 0, 5])
    off = torch.tensor([0, 3, 3])
    psw = torch.randn(6, requires_grad=True)
    yb = bag(inp, off, psw)
    gb = torch.randn(yb.shape)
    (yb * gb).sum().backward()
    bagcase = {"w0": flat(bag.weight), "input": flat(inp), "offsets": flat(off), "psw": flat(psw), "y": flat(yb), "g": flat(gb),
               "grad_weight": flat(bag.weight.grad), "grad_psw": flat(psw.grad), "grad_fn": yb.grad_fn.name()}
    return {"renorm": renorm, "renorm_l1": renorm1, "bag_sum_psw": bagcase}


def checkpoint():
    torch.manual_seed(7)
    model = nn.Sequential(nn.EmbeddingBag(20, 8, mode="mean", padding_idx=0), nn.LayerNorm(8), nn.Linear(8, 6), nn.GELU(), nn.BatchNorm1d(6), nn.Linear(6, 2))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(4):
        x = torch.randint(0, 20, (8, 5))
        loss = model(x).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    x = torch.randint(0, 20, (4, 5))
    y = model(x)
    sd = model.state_dict()
    save_safetensors(sd, os.path.join(OUT, "norm_layers_model.safetensors"))
    torch.manual_seed(8)
    seq = nn.Sequential(nn.Embedding(12, 4, padding_idx=0), nn.LayerNorm(4), nn.Linear(4, 3))
    with torch.no_grad():
        seq[1].weight.normal_()
        seq[1].bias.normal_()
    xs = torch.randint(0, 12, (2, 3))
    ys = seq(xs)
    save_safetensors(seq.state_dict(), os.path.join(OUT, "norm_layers_seq.safetensors"))
    return {
        "bag_model": {"x": flat(x), "x_shape": list(x.shape), "y": flat(y), "keys": [[k, str(v.dtype).replace("torch.", ""), list(v.shape)] for k, v in sd.items()], "repr": repr(model)},
        "seq_model": {"x": flat(xs), "x_shape": list(xs.shape), "y": flat(ys), "keys": list(seq.state_dict().keys()), "repr": repr(seq)},
    }


def main():
    fixture = {"pytorch": torch.__version__, "init": init_weights(), "batchnorm": batchnorm_runs(), "embedding": embedding_cases(), "checkpoint": checkpoint()}
    with open(os.path.join(OUT, "norm_layers.json"), "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print(f"wrote norm_layers.json and two safetensors files from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
