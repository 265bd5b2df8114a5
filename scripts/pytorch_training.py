#!/usr/bin/env python3
"""Records PyTorch's optimizer trajectories and loss values/gradients for
__tests__/nn/pytorch_training.test.ts. Regenerate with Debian's python3-torch:
    /usr/bin/python3 scripts/pytorch_training.py
"""
import json
import torch
import torch.nn.functional as F

torch.manual_seed(1)


def flat(t):
    return t.detach().flatten().tolist()


def trajectories():
    x = torch.randn(8, 3)
    y = torch.randn(8, 2)
    w0 = torch.randn(2, 3)
    b0 = torch.randn(2)
    configs = [
        ("SGD", {"lr": 0.1}),
        ("SGD", {"lr": 0.05, "momentum": 0.9}),
        ("SGD", {"lr": 0.05, "momentum": 0.9, "dampening": 0.2, "weight_decay": 0.01}),
        ("SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True, "weight_decay": 0.1}),
        ("Adam", {}),
        ("Adam", {"lr": 0.01, "betas": (0.8, 0.99), "eps": 1e-6, "weight_decay": 0.05}),
        ("Adam", {"lr": 0.01, "amsgrad": True}),
        ("AdamW", {"lr": 0.01}),
        ("AdamW", {"lr": 0.02, "weight_decay": 0.1, "amsgrad": True}),
    ]
    out = []
    for dtype in (torch.float32, torch.float64):
        for name, kw in configs:
            w = w0.clone().to(dtype).requires_grad_(True)
            b = b0.clone().to(dtype).requires_grad_(True)
            opt = getattr(torch.optim, name)([w, b], **kw)
            steps = []
            for _ in range(6):
                opt.zero_grad()
                loss = F.mse_loss(x.to(dtype) @ w.t() + b, y.to(dtype))
                loss.backward()
                opt.step()
                steps.append({"w": flat(w), "b": flat(b)})
            opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in kw.items()}
            out.append({"optimizer": name, "options": opts, "dtype": str(dtype).replace("torch.", ""), "steps": steps})
    return {"x": flat(x), "y": flat(y), "w0": flat(w0), "b0": flat(b0), "runs": out}


def losses():
    inp = torch.randn(4, 3, dtype=torch.float64, requires_grad=True)
    target = torch.randn(4, 3, dtype=torch.float64)
    binary = torch.rand(4, 3, dtype=torch.float64)
    classes = torch.tensor([2, 0, 1, 2])
    probs = torch.softmax(torch.randn(4, 3, dtype=torch.float64), 1)
    pos_weight = torch.tensor([1.0, 2.0, 0.5], dtype=torch.float64)
    cases = []
    for reduction in ("mean", "sum", "none"):
        for name, fn, tgt in [
            ("mse", lambda r: F.mse_loss(inp, target, reduction=r), target),
            ("l1", lambda r: F.l1_loss(inp, target, reduction=r), target),
            ("bce_logits", lambda r: F.binary_cross_entropy_with_logits(inp * 3, binary, reduction=r), binary),
            ("bce_logits_pos_weight", lambda r: F.binary_cross_entropy_with_logits(inp * 3, binary, reduction=r, pos_weight=pos_weight), binary),
            ("cross_entropy_indices", lambda r: F.cross_entropy(inp, classes, reduction=r), classes),
            ("cross_entropy_probs", lambda r: F.cross_entropy(inp, probs, reduction=r), probs),
        ]:
            value = fn(reduction)
            w = torch.linspace(0.5, 1.5, value.numel(), dtype=torch.float64).reshape(value.shape)
            (grad,) = torch.autograd.grad((value * w).sum(), inp)
            cases.append({"loss": name, "reduction": reduction, "value": flat(value), "shape": list(value.shape), "grad": flat(grad)})
    return {"input": flat(inp), "target": flat(target), "binary": flat(binary), "classes": classes.tolist(), "probs": flat(probs), "pos_weight": flat(pos_weight), "cases": cases}


def main():
    doc = {"pytorch": torch.__version__, "trajectories": trajectories(), "losses": losses()}
    with open("__tests__/fixtures/pytorch_training.json", "w") as f:
        json.dump(doc, f)
        f.write("\n")
    print(f"wrote optimizer trajectories and losses from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
