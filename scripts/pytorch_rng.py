#!/usr/bin/env python3
"""Records PyTorch's random streams for __tests__/random/pytorch_streams.test.ts.

Each case seeds (torch.manual_seed or a torch.Generator), runs a few calls in a row and records
every result: dtype, shape, and either all values (up to 64) or the SHA-256 of the raw
little-endian bytes (integers as int64) plus the first 8 values. The JS text of a case is the
same calls in tensorgrad; `g` is a generator made by `new tg.Generator()` when the case uses one.
Regenerate with Debian's python3-torch:  /usr/bin/python3 scripts/pytorch_rng.py
"""
import hashlib
import json
import os
import sys

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = [0, 1, 42, 2**32 + 5]
SIZES = [1, 15, 16, 17, 1000, 100000]


def record(t):
    t = t.detach()
    a = t.numpy()
    if t.dtype in (torch.int32, torch.int64, torch.bool, torch.uint8):
        a = a.astype(np.int64)
    flat = a.flatten()
    out = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape)}
    if flat.size <= 64:
        out["values"] = [float(v) if flat.dtype.kind == "f" else int(v) for v in flat]
    else:
        out["sha256"] = hashlib.sha256(np.ascontiguousarray(flat).astype(flat.dtype.newbyteorder("<")).tobytes()).hexdigest()
        out["head"] = [float(v) if flat.dtype.kind == "f" else int(v) for v in flat[:8]]
    return out


def linear_init(g=None):
    layer = torch.nn.Linear(2, 1)
    return [layer.weight, layer.bias]


def loader_order(n, batch):
    ds = torch.utils.data.TensorDataset(torch.arange(n))
    return [b[0] for b in torch.utils.data.DataLoader(ds, batch_size=batch, shuffle=True)]


CASES = []


def case(name, seed, py, js, generator=False):
    CASES.append((name, seed, py, js, generator))


for s in SEEDS:
    for n in SIZES:
        case(f"randn({n}) seed {s}", s, f"[torch.randn({n})]", f"[tg.randn({n})]")
        case(f"randn({n}) float64 seed {s}", s, f"[torch.randn({n}, dtype=torch.float64)]", f"[tg.randn({n}, {{ dtype: 'float64' }})]")
        case(f"rand({n}) seed {s}", s, f"[torch.rand({n})]", f"[tg.rand({n})]")
        case(f"rand({n}) float64 seed {s}", s, f"[torch.rand({n}, dtype=torch.float64)]", f"[tg.rand({n}, {{ dtype: 'float64' }})]")
    case(f"calls in a row seed {s}", s,
         "[torch.randn(3), torch.randn(3), torch.rand(5), torch.randn(20), torch.randn(1, dtype=torch.float64), torch.randn(2)]",
         "[tg.randn(3), tg.randn(3), tg.rand(5), tg.randn(20), tg.randn(1, { dtype: 'float64' }), tg.randn(2)]")
    case(f"normal seed {s}", s,
         "[torch.normal(2.0, 3.0, size=(1000,)), torch.normal(-1.0, 0.5, size=(7,)), torch.normal(0.25, 2.0, size=(33,), dtype=torch.float64)]",
         "[tg.normal(2, 3, [1000]), tg.normal(-1, 0.5, [7]), tg.normal(0.25, 2, [33], { dtype: 'float64' })]")
    case(f"randint seed {s}", s,
         "[torch.randint(0, 10, (20,)), torch.randint(-5, 5, (3, 4)), torch.randint(0, 2**33, (6,)), torch.randint(0, 100, (1000,))]",
         "[tg.randint(0, 10, [20]), tg.randint(-5, 5, [3, 4]), tg.randint(0, 2 ** 33, [6]), tg.randint(0, 100, [1000])]")
    for n in [1, 2, 10, 63, 64, 1000, 100000]:
        case(f"randperm({n}) seed {s}", s, f"[torch.randperm({n})]", f"[tg.randperm({n})]")
    case(f"nn.Linear(2, 1) seed {s}", s, "linear_init()", "((l) => [l.weight, l.bias])(new tg.nn.Linear(2, 1))")
    case(f"nn.Linear(5, 3) seed {s}", s, "[torch.nn.Linear(5, 3).weight, torch.nn.Linear(4, 2).bias]",
         "[new tg.nn.Linear(5, 3).weight, new tg.nn.Linear(4, 2).bias]")
    case(f"bernoulli seed {s}", s,
         "[torch.bernoulli(torch.full((40,), 0.3)), torch.bernoulli(torch.linspace(0, 1, 17, dtype=torch.float64)), torch.empty(30).bernoulli_(0.7)]",
         "[tg.bernoulli(tg.full([40], 0.3)), tg.bernoulli(tg.linspace(0, 1, 17, { dtype: 'float64' })), tg.zeros([30]).bernoulli_(0.7)]")
    case(f"multinomial seed {s}", s,
         "[torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 1), torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 3),"
         " torch.multinomial(torch.tensor([0.1, 0.2, 0.3, 0.4]), 50, True), torch.multinomial(torch.rand(3, 17, dtype=torch.float64), 5),"
         " torch.multinomial(torch.rand(4, 9), 30, replacement=True), torch.multinomial(torch.tensor([[0.0, 2.0, 1.0], [5.0, 0.0, 0.0]]), 1)]",
         "[tg.multinomial(tg.tensor([0.1, 0.2, 0.3, 0.4]), 1), tg.multinomial(tg.tensor([0.1, 0.2, 0.3, 0.4]), 3),"
         " tg.multinomial(tg.tensor([0.1, 0.2, 0.3, 0.4]), 50, { replacement: true }), tg.multinomial(tg.rand([3, 17], { dtype: 'float64' }), 5),"
         " tg.multinomial(tg.rand([4, 9]), 30, { replacement: true }), tg.multinomial(tg.tensor([[0, 2, 1], [5, 0, 0]]), 1)]")
    case(f"exponential_ and uniform_ seed {s}", s,
         "[torch.zeros(20).exponential_(), torch.zeros(5, dtype=torch.float64).exponential_(2.5), torch.zeros(3, 4).uniform_(-2, 3),"
         " torch.zeros(4, 3).t().uniform_(), torch.zeros(4, 5).t().normal_(1, 2), torch.zeros(40).normal_(-1, 0.5)]",
         "[tg.zeros([20]).exponential_(), tg.zeros([5], { dtype: 'float64' }).exponential_(2.5), tg.zeros([3, 4]).uniform_(-2, 3),"
         " tg.zeros([4, 3]).t().uniform_(), tg.zeros([4, 5]).t().normal_(1, 2), tg.zeros([40]).normal_(-1, 0.5)]")
    case(f"DataLoader shuffle seed {s}", s, "loader_order(10, 4) + loader_order(7, 7)",
         "[...loaderOrder(10, 4), ...loaderOrder(7, 7)]")
    case(f"generator seed {s}", s,
         f"(lambda g: [torch.randn(20, generator=g), torch.rand(3, generator=g), torch.randperm(8, generator=g), torch.randn(4)])(torch.Generator().manual_seed({s + 7}))",
         f"((g) => [tg.randn(20, {{ generator: g }}), tg.rand(3, {{ generator: g }}), tg.randperm(8, {{ generator: g }}), tg.randn(4)])(new tg.Generator().manualSeed({s + 7}))")

for s in [0, 42]:
    case(f"nn.init seed {s}", s,
         "[torch.nn.init.xavier_uniform_(torch.empty(3, 5)), torch.nn.init.xavier_normal_(torch.empty(4, 2, 3), gain=2.0),"
         " torch.nn.init.kaiming_uniform_(torch.empty(6, 4), a=0.1, mode='fan_out'), torch.nn.init.kaiming_normal_(torch.empty(5, 7), nonlinearity='relu'),"
         " torch.nn.init.trunc_normal_(torch.empty(40), mean=0.5, std=2.0, a=-1.0, b=3.0), torch.nn.init.uniform_(torch.empty(3, dtype=torch.float64), -2, 5),"
         " torch.nn.init.normal_(torch.empty(20), 1, 0.1), torch.nn.init.eye_(torch.empty(3, 4)), torch.nn.init.constant_(torch.empty(2), 0.3),"
         " (torch.nn.init.orthogonal_(torch.empty(3, 5)), torch.randn(4))[1]]",
         "[tg.nn.init.xavierUniform_(tg.zeros([3, 5])), tg.nn.init.xavierNormal_(tg.zeros([4, 2, 3]), 2),"
         " tg.nn.init.kaimingUniform_(tg.zeros([6, 4]), { a: 0.1, mode: 'fan_out' }), tg.nn.init.kaimingNormal_(tg.zeros([5, 7]), { nonlinearity: 'relu' }),"
         " tg.nn.init.truncNormal_(tg.zeros([40]), { mean: 0.5, std: 2, a: -1, b: 3 }), tg.nn.init.uniform_(tg.zeros([3], { dtype: 'float64' }), -2, 5),"
         " tg.nn.init.normal_(tg.zeros([20]), 1, 0.1), tg.nn.init.eye_(tg.zeros([3, 4])), tg.nn.init.constant_(tg.zeros([2]), 0.3),"
         " (tg.nn.init.orthogonal_(tg.zeros([3, 5])), tg.randn(4))]")
    case(f"Dropout seed {s}", s,
         "(lambda d: [d(torch.ones(20)), d(torch.ones(4, 5).t()), torch.nn.functional.dropout(torch.ones(10), 0.3),"
         " torch.nn.functional.dropout(torch.ones(10), 0.3, training=False), torch.nn.functional.dropout(torch.ones(3, dtype=torch.float64), 1.0),"
         " d.eval()(torch.ones(5))])(torch.nn.Dropout(0.25))",
         "((d) => [d.forward(tg.ones([20])), d.forward(tg.ones([4, 5]).t()), tg.nn.functional.dropout(tg.ones([10]), 0.3),"
         " tg.nn.functional.dropout(tg.ones([10]), 0.3, { training: false }), tg.nn.functional.dropout(tg.ones([3], { dtype: 'float64' }), 1),"
         " d.eval().forward(tg.ones([5]))])(new tg.nn.Dropout(0.25))")

case("negative seed", -1, "[torch.randn(20), torch.randn(2)]", "[tg.randn(20), tg.randn(2)]")
case("seed 2^64 - 1", 2**64 - 1, "[torch.randn(20), torch.randn(2)]", "[tg.randn(20), tg.randn(2)]")
case("seed -2^63", -(2**63), "[torch.rand(4)]", "[tg.rand(4)]")
case("default torch.Generator()", None, "[torch.randn(5, generator=torch.Generator())]", "[tg.randn(5, { generator: new tg.Generator() })]")


def state_cases():
    """get_rng_state bytes after a few draws, and set_rng_state of a saved state continuing the stream."""
    out = []
    for s in [0, 42]:
        torch.manual_seed(s)
        torch.randn(3)  # leaves a cached normal
        st = torch.get_rng_state()
        cont = torch.randn(5)
        out.append({
            "seed": s,
            "state_sha256": hashlib.sha256(st.numpy().tobytes()).hexdigest(),
            "state_head": [int(v) for v in st[:40]],
            "state_tail": [int(v) for v in st[-48:]],
            "continued": record(cont),
        })
    return out


def tutorial_lines():
    """What examples/tutorial.py prints: examples/tutorial.mjs must print the same lines."""
    sys.path.insert(0, os.path.join(ROOT, "examples"))
    import tutorial

    lines = []
    tutorial.train(lines.append)
    return lines


def main():
    recorded = []
    for name, seed, py, js, _ in CASES:
        if seed is not None:
            torch.manual_seed(seed)
        env = {"torch": torch, "linear_init": linear_init, "loader_order": loader_order}
        results = eval(py, env)
        recorded.append({"name": name, "seed": None if seed is None else str(seed), "js": js, "results": [record(t) for t in results]})
    doc = {"pytorch": torch.__version__, "cases": recorded, "states": state_cases(), "tutorial": tutorial_lines()}
    path = os.path.join(ROOT, "__tests__", "fixtures", "pytorch_rng.json")
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"wrote {len(recorded)} cases from PyTorch {torch.__version__}")


if __name__ == "__main__":
    main()
