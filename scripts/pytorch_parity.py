#!/usr/bin/env python3
"""Records PyTorch's results for __tests__/pytorch_parity.test.ts.

Each module in scripts/parity/ holds a list CASES (and optionally ENV, extra names for the
expressions) and gets its own fixture, __tests__/fixtures/parity/<module>.json. A case is
(name, input shapes, expression[, JS expression[, options]]): the expression is valid in both
Python (torch) and TypeScript (tensorgrad) over inputs a, b, c, unless a separate JS text is
given (None = the same). Options:
  dtype   the inputs' dtype: float64 (default), float32, int64, int32, bool
  values  explicit input values (a list of nested lists), instead of random ones
  grad    False to skip gradients (they are skipped anyway for non-float inputs)
  tol     relative tolerance of the comparison (default 1e-12 for float64, 1e-6 otherwise)
  repr    True to record str(result) for the printing test
The fixture stores the inputs, the output (non-finite values as strings), its dtype, the
grad_fn name, and the gradients of sum(output * w) for a fixed weight w. Regenerate with
Debian's python3-torch:  /usr/bin/python3 scripts/pytorch_parity.py [module ...]
"""
import importlib
import json
import math
import os
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

DTYPES = {"float64": torch.float64, "float32": torch.float32, "int64": torch.int64, "int32": torch.int32, "bool": torch.bool}


def encode(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    if isinstance(v, bool):
        return int(v)
    return v


def make_input(shape, dtype, values):
    if values is not None:
        return torch.tensor(values, dtype=DTYPES[dtype])
    if dtype == "bool":
        return torch.rand(shape) > 0.5
    if dtype in ("int64", "int32"):
        return torch.randint(-5, 6, shape, dtype=DTYPES[dtype])
    return torch.randn(shape, dtype=DTYPES[dtype])


def record(case, env):
    name, shapes, expr = case[0], case[1], case[2]
    js = case[3] if len(case) > 3 and case[3] is not None else expr
    opts = case[4] if len(case) > 4 else {}
    dtype = opts.get("dtype", "float64")
    floating = dtype in ("float64", "float32")
    want_grad = floating and opts.get("grad", True)
    given = opts.get("values")
    inputs = [make_input(s, dtype, given[i] if given else None) for i, s in enumerate(shapes)]
    if want_grad:
        inputs = [t.requires_grad_(True) for t in inputs]
    scope = {"torch": torch, **env, **dict(zip("abc", inputs))}
    result = eval(expr, scope)
    out = {
        "name": name,
        "js": js,
        "dtype": dtype,
        "inputs": [{"shape": list(t.shape), "values": [encode(v) for v in t.detach().flatten().tolist()]} for t in inputs],
        "shape": list(result.shape),
        "result_dtype": str(result.dtype).replace("torch.", ""),
        "output": [encode(v) for v in result.detach().flatten().tolist()],
        "grad_fn": result.grad_fn.name().split("::")[-1] if result.grad_fn else None,
    }
    if "tol" in opts:
        out["tol"] = opts["tol"]
    if opts.get("repr"):
        out["repr"] = str(result.detach())
    if want_grad and result.requires_grad:
        w = torch.randn(list(result.shape), dtype=result.dtype)
        grads = torch.autograd.grad((result * w).sum(), inputs, allow_unused=True)
        out["weight"] = w.flatten().tolist()
        out["grads"] = [None if g is None else [encode(v) for v in g.flatten().tolist()] for g in grads]
    return out


def main():
    names = sys.argv[1:] or sorted(f[:-3] for f in os.listdir(os.path.join(HERE, "parity")) if f.endswith(".py") and not f.startswith("_"))
    for module_name in names:
        torch.manual_seed(0)
        module = importlib.import_module(f"parity.{module_name}")
        env = getattr(module, "ENV", {})
        cases = [record(c, env) for c in module.CASES]
        path = os.path.join(ROOT, "__tests__", "fixtures", "parity", f"{module_name}.json")
        with open(path, "w") as f:
            json.dump({"pytorch": torch.__version__, "cases": cases}, f, indent=1)
            f.write("\n")
        print(f"{module_name}: wrote {len(cases)} cases from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
