#!/usr/bin/env python3
"""Records PyTorch's results for __tests__/pytorch_parity.test.ts.

Each case is an expression valid in both Python (torch) and TypeScript (tensorgrad) over inputs
a, b, c (float64 tensors that require grad). The fixture stores the inputs, the output, its
printed form, and the gradients of sum(output * w) for a fixed weight w. Regenerate with
Debian's python3-torch:  /usr/bin/python3 scripts/pytorch_parity.py
"""
import json
import torch

torch.manual_seed(0)

CASES = [
    # name, input shapes, expression (same text in both languages), optional separate JS text
    ("add broadcast", [[3, 4], [4]], "a.add(b)"),
    ("sub alpha", [[2, 3], [2, 3]], "a.sub(b, alpha=2)", "a.sub(b, 2)"),
    ("mul chain", [[3, 3], [3, 1]], "a.mul(b).mul(a)"),
    ("div", [[4], [4]], "a.div(b.abs().add(0.5))"),
    ("pow scalar", [[5]], "a.abs().add(0.1).pow(2.5)"),
    ("pow tensor", [[2, 3], [2, 3]], "a.abs().add(0.5).pow(b)"),
    ("exp log", [[6]], "a.exp().add(a.abs().add(0.1).log())"),
    ("sqrt", [[6]], "a.abs().add(0.1).sqrt()"),
    ("sigmoid tanh relu", [[8]], "a.sigmoid().mul(a.tanh()).add(a.relu())"),
    ("neg abs sign", [[7]], "a.neg().mul(a.abs()).add(a.sign())"),
    ("clamp", [[9]], "a.clamp(-0.5, 0.7)"),
    ("maximum minimum", [[3, 4], [4]], "a.maximum(b).add(a.minimum(b).mul(3))"),
    ("sum dims", [[2, 3, 4]], "a.sum([0, 2])"),
    ("sum keepdim", [[2, 3, 4]], "a.sum(1, keepdim=True)", "a.sum(1, true)"),
    ("mean all", [[3, 5]], "a.mean()"),
    ("mean dim", [[3, 5]], "a.mean(-1)"),
    ("max all", [[3, 4]], "a.max()"),
    ("max dim values", [[3, 4]], "a.max(1)[0]", "a.max(1).values"),
    ("min dim values", [[3, 4]], "a.min(0, keepdim=True)[0]", "a.min(0, true).values"),
    ("mm", [[3, 4], [4, 2]], "a.mm(b)"),
    ("mv", [[3, 4], [4]], "a.mv(b)"),
    ("dot", [[5], [5]], "a.dot(b)"),
    ("matmul batched", [[2, 1, 3, 4], [5, 4, 2]], "a.matmul(b)"),
    ("matmul vec mat", [[4], [4, 3]], "a.matmul(b)"),
    ("transposed mm", [[4, 3], [2, 4]], "a.t().matmul(b.t())"),
    ("views", [[2, 3, 4]], "a.permute(2, 0, 1).reshape(4, 6).narrow(1, 1, 3).transpose(0, 1)"),
    ("expand", [[3, 1]], "a.expand(2, 3, 4).mul(2)"),
    ("squeeze unsqueeze", [[1, 3, 1]], "a.squeeze().unsqueeze(0).flatten()"),
    ("cat", [[2, 3], [1, 3]], "torch.cat([a, b, a], 0)", "tg.cat([a, b, a], 0)"),
    ("stack", [[2, 3], [2, 3]], "torch.stack([a, b], 1)", "tg.stack([a, b], 1)"),
    ("where", [[3, 4], [4]], "torch.where(a.gt(0), a, b)", "tg.where(a.gt(0), a, b)"),
    ("index_select", [[4, 3]], "a.index_select(0, torch.tensor([3, 0, 3]))", "a.indexSelect(0, [3, 0, 3])"),
    ("gather", [[3, 4]], "a.gather(1, torch.tensor([[0, 3], [1, 1], [2, 0]]))", "a.gather(1, tg.tensor([[0, 3], [1, 1], [2, 0]], { dtype: 'int32' }))"),
    ("mse", [[10, 1], [10, 1]], "a.sub(b).pow(2).div(2).mean()"),
    ("in place through a view", [[4], [2]], "inplace_view(a, b)", "inplaceView(a, b)"),
]


def inplace_view(a, b):
    y = a.mul(2)
    y.narrow(0, 1, 2).mul_(b)
    return y


def main():
    out = []
    for case in CASES:
        name, shapes, expr = case[0], case[1], case[2]
        js = case[3] if len(case) > 3 else expr
        inputs = [torch.randn(s, dtype=torch.float64).requires_grad_(True) for s in shapes]
        env = {"torch": torch, "inplace_view": inplace_view}
        env.update(dict(zip("abc", inputs)))
        result = eval(expr, env)
        w = torch.randn(list(result.shape), dtype=torch.float64)
        grads = torch.autograd.grad((result * w).sum(), inputs, allow_unused=True)
        out.append({
            "name": name,
            "js": js,
            "inputs": [{"shape": list(t.shape), "values": t.detach().flatten().tolist()} for t in inputs],
            "weight": w.flatten().tolist(),
            "shape": list(result.shape),
            "output": result.detach().flatten().tolist(),
            "grad_fn": result.grad_fn.name().split("::")[-1] if result.grad_fn else None,
            "grads": [None if g is None else g.flatten().tolist() for g in grads],
        })
    doc = {"pytorch": torch.__version__, "cases": out}
    with open("__tests__/fixtures/pytorch_parity.json", "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out)} cases from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
