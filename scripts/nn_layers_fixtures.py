#!/usr/bin/env python3
"""Records PyTorch's results for __tests__/nn/layers_parity.test.ts: nn layers (activations,
containers, Conv1d, pools, MultiheadAttention) built after torch.manual_seed(seed), with their
repr, state-dict keys and initial values (float32, so seeded init is checked bit for bit), then
converted to float64: the output of an expression over the module m and inputs a, b, c, and the
gradients of sum(output * w) w.r.t. the inputs and every parameter (named_parameters order).
Regenerate with Debian's python3-torch:  /usr/bin/python3 scripts/nn_layers_fixtures.py
"""
import json
import math
import os

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "__tests__", "fixtures", "nn_layers.json")


def enc(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def flat(t):
    return [enc(v) for v in t.detach().flatten().tolist()]


# (name, python constructor, JS constructor (g: a seeded tg.Generator, nn: tg.nn), input shapes,
#  options: py/js output expressions over m, a, b, c; scale of the inputs; values; grad; seed)
ACT = [
    ("ReLU", "nn.ReLU()", "new nn.ReLU()"),
    ("Sigmoid", "nn.Sigmoid()", "new nn.Sigmoid()"),
    ("Tanh", "nn.Tanh()", "new nn.Tanh()"),
    ("ReLU6", "nn.ReLU6()", "new nn.ReLU6()"),
    ("LeakyReLU", "nn.LeakyReLU()", "new nn.LeakyReLU()"),
    ("LeakyReLU 0.2", "nn.LeakyReLU(0.2)", "new nn.LeakyReLU(0.2)"),
    ("ELU", "nn.ELU()", "new nn.ELU()"),
    ("ELU 0.5", "nn.ELU(0.5)", "new nn.ELU(0.5)"),
    ("SELU", "nn.SELU()", "new nn.SELU()"),
    ("CELU", "nn.CELU()", "new nn.CELU()"),
    ("CELU 0.7", "nn.CELU(0.7)", "new nn.CELU(0.7)"),
    ("GELU", "nn.GELU()", "new nn.GELU()"),
    ("GELU tanh", "nn.GELU(approximate='tanh')", "new nn.GELU({ approximate: 'tanh' })"),
    ("SiLU", "nn.SiLU()", "new nn.SiLU()"),
    ("Mish", "nn.Mish()", "new nn.Mish()"),
    ("Softplus", "nn.Softplus()", "new nn.Softplus()"),
    ("Softplus 2 1", "nn.Softplus(2, 1)", "new nn.Softplus(2, 1)"),
    ("Softplus 0.5", "nn.Softplus(0.5, 20.5)", "new nn.Softplus(0.5, 20.5)"),
    ("Softsign", "nn.Softsign()", "new nn.Softsign()"),
    ("Hardtanh", "nn.Hardtanh()", "new nn.Hardtanh()"),
    ("Hardtanh -2 0.5", "nn.Hardtanh(-2.0, 0.5)", "new nn.Hardtanh(-2, 0.5)"),
    ("Hardsigmoid", "nn.Hardsigmoid()", "new nn.Hardsigmoid()"),
    ("Hardswish", "nn.Hardswish()", "new nn.Hardswish()"),
    ("Tanhshrink", "nn.Tanhshrink()", "new nn.Tanhshrink()"),
    ("Softshrink", "nn.Softshrink()", "new nn.Softshrink()"),
    ("Softshrink 1", "nn.Softshrink(1.0)", "new nn.Softshrink(1)"),
    ("Hardshrink", "nn.Hardshrink()", "new nn.Hardshrink()"),
    ("Hardshrink 1.5", "nn.Hardshrink(1.5)", "new nn.Hardshrink(1.5)"),
    ("LogSigmoid", "nn.LogSigmoid()", "new nn.LogSigmoid()"),
    ("Threshold", "nn.Threshold(0.1, 20)", "new nn.Threshold(0.1, 20)"),
    ("Threshold float", "nn.Threshold(-0.5, 2.5)", "new nn.Threshold(-0.5, 2.5)"),
    ("Softmax", "nn.Softmax(dim=1)", "new nn.Softmax(1)"),
    ("Softmax -1", "nn.Softmax(dim=-1)", "new nn.Softmax(-1)"),
    ("LogSoftmax", "nn.LogSoftmax(dim=1)", "new nn.LogSoftmax(1)"),
    ("Softmin", "nn.Softmin(dim=1)", "new nn.Softmin(1)"),
    ("GLU", "nn.GLU()", "new nn.GLU()"),
    ("GLU dim 1", "nn.GLU(dim=1)", "new nn.GLU(1)"),
]

# PyTorch's hardsigmoid/hardswish backward scales by 1/6 rounded to float32, celu's by float alpha products.
LOOSE = {"Hardsigmoid", "Hardswish", "CELU 0.7"}
CASES = [(n, p, j, [[3, 4, 6]], {"scale": 3, **({"tol": 1e-7} if n in LOOSE else {})}) for n, p, j in ACT]
CASES += [
    ("Softmax no dim", "nn.Softmax()", "new nn.Softmax()", [[3, 4]], {}),
    ("Softmax no dim 3d", "nn.LogSoftmax()", "new nn.LogSoftmax()", [[3, 4, 2]], {}),
    ("PReLU", "nn.PReLU()", "new nn.PReLU()", [[3, 4, 5]], {"scale": 3}),
    ("PReLU channels", "nn.PReLU(4, 0.1)", "new nn.PReLU(4, 0.1)", [[3, 4, 5]], {"scale": 3}),
    ("PReLU 1-d", "nn.PReLU()", "new nn.PReLU()", [[5]], {"scale": 3}),
    ("PReLU 2-d", "nn.PReLU(4)", "new nn.PReLU(4)", [[3, 4]], {"scale": 3}),
    ("Identity", "nn.Identity()", "new nn.Identity()", [[2, 3]], {}),
    ("Flatten", "nn.Flatten()", "new nn.Flatten()", [[2, 3, 4, 2]], {}),
    ("Flatten 0 2", "nn.Flatten(0, 2)", "new nn.Flatten(0, 2)", [[2, 3, 4, 2]], {}),
    ("Flatten -3 -2", "nn.Flatten(-3, -2)", "new nn.Flatten(-3, -2)", [[2, 3, 4, 2]], {}),
    ("Unflatten", "nn.Unflatten(1, (2, 6))", "new nn.Unflatten(1, [2, 6])", [[3, 12, 2]], {}),
    ("Unflatten -1", "nn.Unflatten(-1, (2, -1, 2))", "new nn.Unflatten(-1, [2, -1, 2])", [[3, 12]], {}),
    ("Unflatten one", "nn.Unflatten(0, (3,))", "new nn.Unflatten(0, [3])", [[3, 2]], {}),
    (
        "ModuleList",
        "nn.ModuleList([nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2, bias=False)])",
        "new nn.ModuleList([new nn.Linear(3, 4, { generator: g }), new nn.ReLU(), new nn.Linear(4, 2, { bias: false, generator: g })])",
        [[5, 3]],
        {"py": "m[2](m[1](m[0](a)))", "js": "m.get(2).call(m[1].call(m.get(-3).call(a)))", "seed": 4},
    ),
    (
        "ModuleDict",
        "nn.ModuleDict({'zeta': nn.Linear(3, 4), '10': nn.Tanh(), 'outProj': nn.Linear(4, 2)})",
        "new nn.ModuleDict([['zeta', new nn.Linear(3, 4, { generator: g })], ['10', new nn.Tanh()], ['outProj', new nn.Linear(4, 2, { generator: g })]])",
        [[5, 3]],
        {"py": "m['outProj'](m['10'](m['zeta'](a)))", "js": "m.get('outProj').call(m.get('10').call(m.get('zeta').call(a)))", "seed": 5},
    ),
    (
        "Sequential of new layers",
        "nn.Sequential(nn.Unflatten(1, (2, 3)), nn.GELU(), nn.Flatten(), nn.Linear(6, 3), nn.PReLU(3), nn.Softmax(dim=1))",
        "new nn.Sequential(new nn.Unflatten(1, [2, 3]), new nn.GELU(), new nn.Flatten(), new nn.Linear(6, 3, { generator: g }), new nn.PReLU(3), new nn.Softmax(1))",
        [[4, 6]],
        {"seed": 6},
    ),
]


def conv(name, py_args, js_args, shape, seed, **kw):
    return (name, f"nn.Conv1d({py_args})", f"new nn.Conv1d({js_args})", [shape], {"seed": seed, **kw})


EXTRA = [
    conv("Conv1d", "4, 6, 3", "4, 6, 3, { generator: g }", [2, 4, 9], 1),
    conv("Conv1d stride pad", "4, 6, 3, stride=2, padding=1", "4, 6, 3, { stride: 2, padding: 1, generator: g }", [2, 4, 10], 2),
    conv("Conv1d dilation", "3, 2, 3, dilation=2, padding=3", "3, 2, 3, { dilation: 2, padding: 3, generator: g }", [2, 3, 8], 3),
    conv("Conv1d groups", "4, 6, 3, groups=2, bias=False", "4, 6, 3, { groups: 2, bias: false, generator: g }", [3, 4, 7], 4),
    conv("Conv1d depthwise", "4, 8, 2, groups=4, stride=3, dilation=2, padding=2", "4, 8, 2, { groups: 4, stride: 3, dilation: 2, padding: 2, generator: g }", [2, 4, 11], 5),
    conv("Conv1d same even kernel", "3, 5, 4, padding='same', dilation=1", "3, 5, 4, { padding: 'same', generator: g }", [2, 3, 7], 6),
    conv("Conv1d same dilated", "3, 5, 3, padding='same', dilation=3", "3, 5, 3, { padding: 'same', dilation: 3, generator: g }", [2, 3, 9], 7),
    conv("Conv1d valid", "3, 2, 5, padding='valid'", "3, 2, 5, { padding: 'valid', generator: g }", [1, 3, 5], 8),
    conv("Conv1d unbatched", "3, 4, 2", "3, 4, 2, { generator: g }", [3, 6], 9),
    conv("Conv1d reflect", "2, 3, 3, padding=2, padding_mode='reflect'", "2, 3, 3, { padding: 2, paddingMode: 'reflect', generator: g }", [2, 2, 6], 10),
    conv("Conv1d replicate", "2, 3, 3, padding=1, padding_mode='replicate', stride=2", "2, 3, 3, { padding: 1, paddingMode: 'replicate', stride: 2, generator: g }", [2, 2, 6], 11),
    conv("Conv1d circular", "2, 4, 3, padding=2, padding_mode='circular', groups=2", "2, 4, 3, { padding: 2, paddingMode: 'circular', groups: 2, generator: g }", [2, 2, 5], 12),
    conv("Conv1d large", "16, 32, 5, padding=2", "16, 32, 5, { padding: 2, generator: g }", [4, 16, 50], 13),
    ("MaxPool1d", "nn.MaxPool1d(3)", "new nn.MaxPool1d(3)", [[2, 3, 10]], {}),
    ("MaxPool1d stride pad", "nn.MaxPool1d(3, 2, 1)", "new nn.MaxPool1d(3, { stride: 2, padding: 1 })", [[2, 3, 10]], {}),
    ("MaxPool1d dilation ceil", "nn.MaxPool1d(2, 2, 1, 2, ceil_mode=True)", "new nn.MaxPool1d(2, { stride: 2, padding: 1, dilation: 2, ceilMode: true })", [[2, 3, 8]], {}),
    ("MaxPool1d ceil", "nn.MaxPool1d(3, 2, ceil_mode=True)", "new nn.MaxPool1d(3, { stride: 2, ceilMode: true })", [[3, 9]], {}),
    ("MaxPool1d ceil drop", "nn.MaxPool1d(2, 2, 1, ceil_mode=True)", "new nn.MaxPool1d(2, { stride: 2, padding: 1, ceilMode: true })", [[1, 2, 5]], {}),
    (
        "MaxPool1d indices",
        "nn.MaxPool1d(3, 2, 1, return_indices=True)",
        "new nn.MaxPool1d(3, { stride: 2, padding: 1, returnIndices: true })",
        [[2, 3, 9]],
        {"py": "m(a)[1].double()", "js": "m.forwardWithIndices(a)[1].to('float64')", "grad": False},
    ),
    (
        "MaxPool1d ties",
        "nn.MaxPool1d(2, 1)",
        "new nn.MaxPool1d(2, { stride: 1 })",
        [[1, 1, 6]],
        {"values": [[[[1.0, 1.0, 2.0, 2.0, -1.0, 0.5]]]], "py": "m(a)", "js": "m.call(a)"},
    ),
    ("AvgPool1d", "nn.AvgPool1d(3)", "new nn.AvgPool1d(3)", [[2, 3, 10]], {}),
    ("AvgPool1d pad", "nn.AvgPool1d(3, 2, 1)", "new nn.AvgPool1d(3, { stride: 2, padding: 1 })", [[2, 3, 10]], {}),
    ("AvgPool1d pad exclude", "nn.AvgPool1d(3, 2, 1, count_include_pad=False)", "new nn.AvgPool1d(3, { stride: 2, padding: 1, countIncludePad: false })", [[2, 3, 10]], {}),
    ("AvgPool1d ceil", "nn.AvgPool1d(3, 2, 1, ceil_mode=True)", "new nn.AvgPool1d(3, { stride: 2, padding: 1, ceilMode: true })", [[2, 3, 10]], {}),
    ("AvgPool1d ceil exclude", "nn.AvgPool1d(4, 3, 2, ceil_mode=True, count_include_pad=False)", "new nn.AvgPool1d(4, { stride: 3, padding: 2, ceilMode: true, countIncludePad: false })", [[3, 11]], {}),
    (
        "Conv net",
        "nn.Sequential(nn.Conv1d(2, 4, 3, padding=1), nn.ReLU(), nn.MaxPool1d(2), nn.Conv1d(4, 4, 3, groups=2), nn.AvgPool1d(2), nn.Flatten(), nn.Linear(8, 3))",
        "new nn.Sequential(new nn.Conv1d(2, 4, 3, { padding: 1, generator: g }), new nn.ReLU(), new nn.MaxPool1d(2), new nn.Conv1d(4, 4, 3, { groups: 2, generator: g }), new nn.AvgPool1d(2), new nn.Flatten(), new nn.Linear(8, 3, { generator: g }))",
        [[3, 2, 12]],
        {"seed": 14},
    ),
]

KPM_PY = "torch.tensor([[False] * 5 + [True], [False] * 6])"
KPM_JS = "tg.tensor([[false, false, false, false, false, true], [false, false, false, false, false, false]])"
CAUSAL_PY = "torch.triu(torch.full((3, 3), float('-inf'), dtype=torch.float64), 1)"
CAUSAL_JS = "tg.tensor([[0, -Infinity, -Infinity], [0, 0, -Infinity], [0, 0, 0]], { dtype: 'float64' })"
BOOL_PY = "torch.tensor([[False, True, False, False, True], [False, False, False, True, True], [True, False, False, False, False]])"
BOOL_JS = "tg.tensor([[false, true, false, false, true], [false, false, false, true, true], [true, false, false, false, false]])"


def mha(name, py_args, js_args, shapes, seed, py, js, **kw):
    return (name, f"nn.MultiheadAttention({py_args})", f"new nn.MultiheadAttention({js_args})", shapes, {"seed": seed, "py": py, "js": js, **kw})


EXTRA += [
    mha("MHA self-attention", "8, 2", "8, 2, { generator: g }", [[5, 3, 8]], 20, "m(a, a, a)[0]", "m.call(a, a, a)[0]"),
    mha("MHA weights", "8, 2", "8, 2, { generator: g }", [[4, 2, 8], [6, 2, 8], [6, 2, 8]], 21, "m(a, b, c)[1]", "m.call(a, b, c)[1]"),
    mha("MHA output cross", "8, 2", "8, 2, { generator: g }", [[4, 2, 8], [6, 2, 8], [6, 2, 8]], 21, "m(a, b, c)[0]", "m.forward(a, b, c)[0]"),
    mha(
        "MHA kdim vdim batch_first key padding",
        "8, 4, kdim=3, vdim=5, batch_first=True",
        "8, 4, { kdim: 3, vdim: 5, batchFirst: true, generator: g }",
        [[2, 4, 8], [2, 6, 3], [2, 6, 5]],
        22,
        f"m(a, b, c, key_padding_mask={KPM_PY})[0]",
        f"m.call(a, b, c, {{ keyPaddingMask: {KPM_JS} }})[0]",
    ),
    mha(
        "MHA causal float mask, bias_kv, no bias",
        "6, 3, bias=False, add_bias_kv=True",
        "6, 3, { bias: false, addBiasKv: true, generator: g }",
        [[3, 2, 6]],
        23,
        f"m(a, a, a, attn_mask={CAUSAL_PY})[0]",
        f"m.call(a, a, a, {{ attnMask: {CAUSAL_JS} }})[0]",
    ),
    mha(
        "MHA unbatched bool mask per-head weights",
        "4, 2",
        "4, 2, { generator: g }",
        [[3, 4], [5, 4], [5, 4]],
        24,
        f"m(a, b, c, attn_mask={BOOL_PY}, average_attn_weights=False)[1]",
        f"m.call(a, b, c, {{ attnMask: {BOOL_JS}, averageAttnWeights: false }})[1]",
    ),
    mha(
        "MHA bias_kv with masks",
        "8, 2, add_bias_kv=True, dropout=0.5",
        "8, 2, { addBiasKv: true, dropout: 0.5, generator: g }",
        [[3, 2, 8], [5, 2, 8], [5, 2, 8]],
        25,
        f"m.eval()(a, b, c, attn_mask={BOOL_PY}, key_padding_mask={KPM_PY}[:, :5])[0]",
        f"m.eval().call(a, b, c, {{ attnMask: {BOOL_JS}, keyPaddingMask: {KPM_JS}.narrow(1, 0, 5) }})[0]",
    ),
]


def record(case):
    name, py_ctor, js_ctor, shapes, opts = case
    torch.manual_seed(opts.get("seed", 0))
    m = eval(py_ctor, {"nn": nn, "torch": torch, "F": F})
    sd = m.state_dict()
    out = {
        "name": name,
        "js": js_ctor,
        "seed": opts.get("seed", 0),
        "repr": repr(m),
        "state": [[k, list(v.shape), str(v.dtype).replace("torch.", ""), flat(v)] for k, v in sd.items()],
        "js_out": opts.get("js", "m.call(a)"),
    }
    m = m.double()
    torch.manual_seed(100 + len(name))
    scale = opts.get("scale", 1)
    if "values" in opts:
        inputs = [torch.tensor(v, dtype=torch.float64) for v in opts["values"]]
    else:
        inputs = [(torch.randn(s, dtype=torch.float64) * scale) for s in shapes]
    grad = opts.get("grad", True)
    inputs = [t.requires_grad_(grad) for t in inputs]
    scope = {"m": m, "torch": torch, "F": F, **dict(zip("abc", inputs))}
    result = eval(opts.get("py", "m(a)"), scope)
    out["inputs"] = [[list(t.shape), flat(t)] for t in inputs]
    out["shape"] = list(result.shape)
    if "tol" in opts:
        out["tol"] = opts["tol"]
    out["output"] = flat(result)
    if grad:
        params = [p for _, p in m.named_parameters()]
        w = torch.randn(list(result.shape), dtype=torch.float64)
        grads = torch.autograd.grad((result * w).sum(), inputs + params, allow_unused=True)
        out["weight"] = flat(w)
        out["grads"] = [None if g is None else flat(g) for g in grads]
    return out


def main():
    import importlib.util
    cases = [record(c) for c in CASES + EXTRA]
    with open(OUT, "w") as f:
        json.dump({"pytorch": torch.__version__, "cases": cases}, f)
        f.write("\n")
    print(f"wrote {len(cases)} cases from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
