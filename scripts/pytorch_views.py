#!/usr/bin/env python3
"""Records PyTorch's view geometry and in-place overlap rules for __tests__/robustness/views.test.ts:
  - views: the shape, strides and storage offset of view chains (unsqueeze, squeeze, expand, t,
    transpose, permute, view/reshape, flatten, narrow, select, stepped slices, mT, T, unbind,
    split) on bases with size-1, empty and 0-d shapes; strides of size-1 dims included, since
    the overlap rule compares them.
  - overlap: add_ and copy_ between two views of one base (full, partial and no overlap, size-1
    dims, zero strides, empty views): refused (with the first words of PyTorch's message) or
    allowed, with the base afterwards computed from a clone of the input (where PyTorch gives
    up on the check, "TooHard", its own result depends on the write order; tensorgrad reads a
    copy, so the clone's result is the one both must agree on when the views do not alias).
Regenerate with Debian's python3-torch:
    /usr/bin/python3 scripts/pytorch_views.py
"""
import itertools
import json
import os
import warnings

import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "__tests__", "fixtures", "pytorch_views.json")
warnings.filterwarnings("ignore")  # x.T on other than 2-d

BASES = {
    "a23": [2, 3], "a13": [1, 3], "a31": [3, 1], "a11": [1, 1], "s": [], "e03": [0, 3], "e30": [3, 0],
    "a213": [2, 1, 3], "a1": [1], "a5": [5], "a111": [1, 1, 1], "a2113": [2, 1, 1, 3],
}


def apply(x, op, args):
    if op in ("mT", "T"):
        return getattr(x, op)
    if op == "slice":
        d, s, e, st = args
        idx = [slice(None)] * x.dim()
        idx[d] = slice(s, e, st)
        return x[tuple(idx)]
    if op in ("unbind", "split"):
        return getattr(x, op)(*args)[0]
    if op in ("reshape", "view", "expand", "permute"):
        return getattr(x, op)(*args[0])
    return getattr(x, op)(*args)


def view_chains(shape):
    n = len(shape)
    out = [[["unsqueeze", [d]]] for d in range(-n - 1, n + 1)]
    out.append([["squeeze", []]])
    out += [[["squeeze", [d]]] for d in range(-n, n)]
    if n <= 2:
        out.append([["t", []]])
    out += [[["transpose", [a, b]]] for a in range(n) for b in range(n)]
    out += [[["permute", [list(p)]]] for p in itertools.permutations(range(n))] if n > 0 else []
    out += [[["flatten", []]], [["reshape", [[-1]]]], [["view", [[-1]]]], [["reshape", [[-1, 1]]]], [["reshape", [[1, -1]]]]]
    out += [[["reshape", [shape + [1]]]], [["reshape", [[1] + shape]]]]
    if n > 0:
        tgt = [4 if s == 1 else s for s in shape]
        out += [[["expand", [tgt]]], [["expand", [[1] + shape]]], [["expand", [[3] + shape]]], [["expand", [[1, 1] + shape]]]]
        out += [[["expand", [[-1] * n]]], [["expand", [[2, 1] + tgt]]]]
    else:
        out += [[["expand", [[1]]]], [["expand", [[3, 1]]]], [["expand", [[1, 1]]]]]
    for d in range(n):
        if shape[d] >= 1:
            out += [[["narrow", [d, 0, 1]]], [["select", [d, 0]]]]
        out += [[["narrow", [d, 0, 0]]], [["slice", [d, 0, None, 2]]], [["unbind", [d]]], [["split", [1, d]]]]
    if n >= 2:
        out.append([["mT", []]])
    if n <= 2:
        out.append([["T", []]])
    out.append([["t" if n <= 2 else "mT", []], ["unsqueeze", [0]]])
    out.append([["unsqueeze", [0]], ["expand", [[3] + shape]], ["reshape", [[-1]]]])
    if n > 0:
        out.append([["unsqueeze", [-1]], ["transpose", [0, -1]]])
    if n == 2:
        r, c = shape
        out += [
            [["t", []], ["view", [[c, r]]]],
            [["t", []], ["reshape", [[c, r]]]],
            [["t", []], ["view", [[-1]]]],
            [["t", []], ["unsqueeze", [1]], ["squeeze", [1]]],
            [["t", []], ["expand", [[2, c, r]]], ["select", [0, 1]]],
            [["unsqueeze", [1]], ["expand", [[r, 3, c]]], ["transpose", [0, 1]]],
            [["slice", [1, 0, None, 2]], ["unsqueeze", [1]], ["unsqueeze", [3]]],
        ]
    return out


def views():
    cases = []
    for name, shape in BASES.items():
        for chain in view_chains(shape):
            x = torch.zeros(shape)
            try:
                for op, args in chain:
                    x = apply(x, op, args)
                cases.append({"base": shape, "chain": chain, "shape": list(x.shape), "strides": list(x.stride()), "offset": x.storage_offset()})
            except (RuntimeError, IndexError, TypeError):
                pass  # a chain PyTorch refuses is not a geometry case
    return cases


# Views of a [3, 4] base (a [1, 1] base for the names ending in "11").
VIEWS = {
    "id": [],
    "n00": [["narrow", [0, 0, 1]], ["narrow", [1, 0, 1]]],
    "n00t": [["narrow", [0, 0, 1]], ["narrow", [1, 0, 1]], ["t", []]],
    "n00u": [["narrow", [0, 0, 1]], ["narrow", [1, 0, 1]], ["unsqueeze", [0]], ["squeeze", [1]]],
    "n00e": [["narrow", [0, 0, 1]], ["narrow", [1, 0, 1]], ["expand", [[1, 1]]]],
    "n01": [["narrow", [0, 0, 1]], ["narrow", [1, 1, 1]]],
    "row0": [["select", [0, 0]]],
    "row0u": [["select", [0, 0]], ["unsqueeze", [0]]],
    "col0": [["select", [1, 0]]],
    "col0u": [["select", [1, 0]], ["unsqueeze", [1]]],
    "r01": [["narrow", [0, 0, 2]]],
    "r12": [["narrow", [0, 1, 2]]],
    "t": [["t", []]],
    "flat": [["reshape", [[-1]]]],
    "flat0": [["reshape", [[-1]]], ["narrow", [0, 0, 4]]],
    "flat1": [["reshape", [[-1]]], ["narrow", [0, 1, 4]]],
    "flat4": [["reshape", [[-1]]], ["narrow", [0, 4, 4]]],
    "empty0": [["narrow", [0, 0, 0]]],
    "empty1": [["narrow", [0, 1, 0]]],
    "step": [["slice", [1, 0, None, 2]]],
    "step1": [["slice", [1, 1, None, 2]]],
    "bc": [["select", [0, 0]], ["unsqueeze", [0]], ["expand", [[3, 4]]]],
    "bcT": [["select", [1, 0]], ["unsqueeze", [1]], ["expand", [[3, 4]]]],
}
SMALL = {
    "id11": [],
    "t11": [["t", []]],
    "u11": [["unsqueeze", [0]], ["squeeze", [1]]],
    "e11": [["expand", [[1, 1]]]],
    "ex11": [["unsqueeze", [0]], ["expand", [[1, 1, 1]]], ["select", [0, 0]]],
    "sel11": [["select", [0, 0]], ["unsqueeze", [0]]],
}


def overlap():
    cases = []
    for base, table in (([3, 4], VIEWS), ([1, 1], SMALL)):
        for (sname, sv), (oname, ov) in itertools.product(table.items(), table.items()):
            for op in ("add_", "copy_"):
                def build():
                    x = (torch.arange(float(torch.Size(base).numel())) + 1).reshape(base)
                    s, o = x, x
                    for f, a in sv:
                        s = apply(s, f, a)
                    for f, a in ov:
                        o = apply(o, f, a)
                    return x, s, o

                x, s, o = build()
                case = {"base": base, "self": sv, "other": ov, "op": op, "names": [sname, oname]}
                try:
                    getattr(s, op)(o)
                    x, s, o = build()
                    getattr(s, op)(o.clone())
                    case["result"] = x.flatten().tolist()
                except RuntimeError as e:
                    case["error"] = str(e).split("\n")[0]
                cases.append(case)
    return cases


if __name__ == "__main__":
    with open(OUT, "w") as f:
        json.dump({"torch": torch.__version__, "views": views(), "overlap": overlap()}, f, separators=(",", ":"))
        f.write("\n")
    print("wrote", OUT)
