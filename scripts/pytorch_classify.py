"""What `tensorgrad classify` (and `tensorgrad mlp --task classification`) does, written in
PyTorch: the same seeded split, standardisation, model, init, optimizer, epochs and batches,
so that both reach the same held-out accuracy.

  /usr/bin/python3 scripts/pytorch_classify.py [--csv FILE] [--target COL] [--model logreg|mlp]
      [--hidden 64,32] [--epochs N] [--lr X] [--batch-size N] [--seed N] [--val-fraction F]
      [--optimizer sgd|adam] [--activation relu] [--dropout P] [--save FILE]
  /usr/bin/python3 scripts/pytorch_classify.py --fixture   # writes __tests__/fixtures/models/classify.json

--save FILE (with --predictions JSON: PyTorch's probabilities for the first 8 rows) writes the PyTorch-trained model as a safetensors file in the layout of
`tensorgrad classify --save` (its state_dict, and the model, standardisation and labels in the
metadata), which `tensorgrad predict` and `examples/server.mjs --model` read.

The recipe (the CLI's, see docs/models.md):
- labels: the target column's distinct values, sorted (numerically when all are numbers),
  mapped to 0..K-1;
- split: g = torch.Generator().manual_seed(seed); perm = torch.randperm(n, generator=g);
  n_val = floor(n * val_fraction + 0.5); training rows perm[:n - n_val], held-out rows the rest;
- features standardised in float64 with the training rows' mean and population std (a std of
  0 counts as 1, as scikit-learn's StandardScaler), then float32;
- model: torch.manual_seed(seed), then nn.Linear(d, K) with zero weight and bias (logreg) or
  nn.Sequential(Linear, act, [Dropout], ..., Linear(h, K)) with PyTorch's default init (mlp);
- training: CrossEntropyLoss, SGD or Adam, minibatches of the training rows in the order of
  torch.randperm(n_train, generator=g) drawn afresh each epoch (the split's generator, continued);
- per epoch: the mean loss over the training rows in eval mode.
"""
import argparse
import csv
import json
import math
import os

import numpy as np
import torch
from torch import nn

from pytorch_checkpoint import save_safetensors

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CSV = os.path.join(ROOT, "examples", "data", "breast_cancer.csv")
FIXTURE = os.path.join(ROOT, "__tests__", "fixtures", "models", "classify.json")
ACTS = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "silu": nn.SiLU, "leakyRelu": nn.LeakyReLU, "elu": nn.ELU}


def read(path, target):
    with open(path, newline="") as f:
        rows = [r for r in csv.reader(f) if any(c.strip() for c in r)]
    header = [c.strip() for c in rows[0]]
    t = header.index(target)
    features = [c for i, c in enumerate(header) if i != t]
    x = np.array([[float(c) for i, c in enumerate(r) if i != t] for r in rows[1:]], dtype=np.float64)
    raw = [r[t].strip() for r in rows[1:]]
    try:
        vals = [float(v) for v in raw]
        labels = sorted(set(vals))
    except ValueError:
        vals = raw
        labels = sorted(set(raw))
    index = {v: i for i, v in enumerate(labels)}
    return x, np.array([index[v] for v in vals], dtype=np.int64), len(labels), features, labels


def run(csv_path=CSV, target="target", model="logreg", hidden="64", epochs=20, lr=0.05, batch_size=32, seed=42,
        val_fraction=0.2, optimizer="sgd", activation="relu", dropout=0.0, save=None, predictions=None):
    x, y, k, features, labels = read(csv_path, target)
    n, d = x.shape
    g = torch.Generator().manual_seed(seed)
    perm = torch.randperm(n, generator=g).numpy()
    n_val = int(math.floor(n * val_fraction + 0.5))
    tr, va = perm[: n - n_val], perm[n - n_val:]
    mean = x[tr].mean(0)
    std = x[tr].std(0)
    std[std == 0] = 1
    xs = torch.tensor((x - mean) / std, dtype=torch.float32)
    ys = torch.tensor(y)
    torch.manual_seed(seed)
    if model == "logreg":
        net = nn.Linear(d, k)
        nn.init.zeros_(net.weight)
        nn.init.zeros_(net.bias)
    else:
        sizes = [d] + [int(h) for h in hidden.split(",")] + [k]
        layers = []
        for i in range(len(sizes) - 1):
            layers.append(nn.Linear(sizes[i], sizes[i + 1]))
            if i + 2 < len(sizes):
                layers.append(ACTS[activation]())
                if dropout > 0:
                    layers.append(nn.Dropout(dropout))
        net = nn.Sequential(*layers)
    opt = (torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam)(net.parameters(), lr=lr)
    loss_fn = nn.CrossEntropyLoss()
    xtr, ytr = xs[tr], ys[tr]
    losses = []
    for _ in range(epochs):
        net.train()
        # The fit loop's batches (tensorgrad's dataIter, the d2l data_iter): a fresh
        # randperm(n, generator=g) per epoch. (A DataLoader would first draw a base seed.)
        order = torch.randperm(len(tr), generator=g)
        for start in range(0, len(tr), batch_size):
            idx = order[start:start + batch_size]
            xb, yb = xtr[idx], ytr[idx]
            loss_fn(net(xb), yb).backward()
            opt.step()
            opt.zero_grad()
        net.eval()
        with torch.no_grad():
            losses.append(loss_fn(net(xtr), ytr).item())
    net.eval()
    with torch.no_grad():
        correct = int((net(xs[va]).argmax(1) == ys[va]).sum())
    r = {"losses": losses, "correct": correct, "nVal": int(n_val), "accuracy": correct / n_val}
    if save is not None:
        meta = {"features": json.dumps(features), "target": target, "mean": json.dumps(mean.tolist()), "std": json.dumps(std.tolist()),
                "labels": json.dumps([label_text(v) for v in labels])}
        if model == "logreg":
            meta["model"] = "LogisticRegression"
        else:
            meta.update({"model": "MLP", "sizes": json.dumps(sizes), "activation": activation, "dropout": str(dropout), "task": "classification"})
        save_safetensors(net.state_dict(), save, meta)
    if predictions is not None:
        # PyTorch's probabilities for the first rows, for the test of the served model.
        with torch.no_grad():
            proba = torch.softmax(net(xs[:8]), 1)
        with open(predictions, "w") as f:
            json.dump({"torch": torch.__version__, "x": x[:8].tolist(), "proba": proba.tolist(), "labels": [label_text(v) for v in labels]}, f)
            f.write("\n")
    return r


def label_text(v):
    """A label as the CLI prints it: numbers as JavaScript's String(number) ("1", not "1.0")."""
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)


CASES = [
    {"args": [], "kw": {}},
    {"args": ["--model", "mlp", "--hidden", "16,8", "--epochs", "10"], "kw": {"model": "mlp", "hidden": "16,8", "epochs": 10}},
    {"args": ["--model", "mlp", "--hidden", "32", "--epochs", "8", "--optimizer", "adam", "--lr", "0.01", "--activation", "gelu", "--dropout", "0.2", "--seed", "7"],
     "kw": {"model": "mlp", "hidden": "32", "epochs": 8, "optimizer": "adam", "lr": 0.01, "activation": "gelu", "dropout": 0.2, "seed": 7}},
    {"args": ["--epochs", "5", "--batch-size", "64", "--lr", "0.1", "--val-fraction", "0.3", "--seed", "3"],
     "kw": {"epochs": 5, "batch_size": 64, "lr": 0.1, "val_fraction": 0.3, "seed": 3}},
]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fixture", action="store_true")
    p.add_argument("--csv", default=CSV)
    p.add_argument("--target", default="target")
    p.add_argument("--model", default="logreg")
    p.add_argument("--hidden", default="64")
    p.add_argument("--epochs", type=int, default=20)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--val-fraction", type=float, default=0.2)
    p.add_argument("--optimizer", default="sgd")
    p.add_argument("--activation", default="relu")
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--save")
    p.add_argument("--predictions")
    a = p.parse_args()
    if a.fixture:
        out = {"torch": torch.__version__, "csv": "examples/data/breast_cancer.csv", "cases": []}
        for c in CASES:
            r = run(**c["kw"])
            print(" ".join(c["args"]) or "(defaults)", f"held-out accuracy {r['accuracy']:.4f} ({r['correct']}/{r['nVal']})")
            out["cases"].append({"args": c["args"], **r})
        os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
        with open(FIXTURE, "w") as f:
            json.dump(out, f, indent=1)
            f.write("\n")
        return
    r = run(a.csv, a.target, a.model, a.hidden, a.epochs, a.lr, a.batch_size, a.seed, a.val_fraction, a.optimizer, a.activation, a.dropout, a.save, a.predictions)
    for i, loss in enumerate(r["losses"]):
        print(f"epoch {i + 1}, loss {loss:.6f}")
    print(f"held-out accuracy: {r['accuracy']:.4f} ({r['correct']}/{r['nVal']})")


if __name__ == "__main__":
    main()
