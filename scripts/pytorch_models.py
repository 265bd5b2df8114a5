"""Records what PyTorch computes for tensorgrad's models (tg.models.LogisticRegression and MLP)
into __tests__/fixtures/models/models.json:

- MLP init: torch.manual_seed(seed) then nn.Sequential(Linear, act, [Dropout], ..., Linear):
  every state_dict entry, the eval-mode output on a fixed input, and a train-mode output whose
  dropout masks continue the same stream;
- training trajectories (per-epoch mean loss over the whole data set in eval mode, final
  parameters, predict_proba) of nn.Linear(d, K) with zero init + CrossEntropyLoss and of MLPs
  (cross entropy, MSE) with SGD or Adam, minibatches in order (shuffle off) or in the order of
  torch.randperm(n, generator=g) drawn each epoch (tensorgrad's fit with a generator).

Run: /usr/bin/python3 scripts/pytorch_models.py
"""
import json
import os

import torch
from torch import nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "__tests__", "fixtures", "models", "models.json")
ACTS = {"relu": nn.ReLU, "gelu": nn.GELU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "silu": nn.SiLU, "leakyRelu": nn.LeakyReLU, "elu": nn.ELU}


def flat(t):
    return t.detach().reshape(-1).tolist()


def mlp(sizes, activation="relu", dropout=0.0):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes):
            layers.append(ACTS[activation]())
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
    return nn.Sequential(*layers)


def data(n, d, k, seed, regression_outputs=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, d, generator=g)
    if regression_outputs:
        w = torch.randn(d, regression_outputs, generator=g)
        y = x @ w + 0.1 * torch.randn(n, regression_outputs, generator=g)
    else:
        y = torch.randint(0, k, (n,), generator=g)
    return x, y


def train(net, x, y, loss_fn, optimizer, lr, epochs, batch, shuffle_seed):
    opt = (torch.optim.SGD if optimizer == "sgd" else torch.optim.Adam)(net.parameters(), lr=lr)
    g = torch.Generator().manual_seed(shuffle_seed) if shuffle_seed is not None else None
    n = x.shape[0]
    losses = []
    for _ in range(epochs):
        net.train()
        order = torch.randperm(n, generator=g) if g is not None else torch.arange(n)
        for s in range(0, n, batch):
            idx = order[s:s + batch]
            loss_fn(net(x[idx]), y[idx]).backward()
            opt.step()
            opt.zero_grad()
        net.eval()
        with torch.no_grad():
            losses.append(loss_fn(net(x), y).item())
    return losses


def init_cases():
    out = []
    for seed, sizes, act, p in [(0, [3, 5, 4, 2], "relu", 0.0), (1, [4, 6, 1], "tanh", 0.5), (3, [2, 8, 8, 3], "gelu", 0.25), (4, [5, 3, 2], "silu", 0.0),
                                (5, [5, 3, 2], "leakyRelu", 0.0), (6, [5, 3, 2], "sigmoid", 0.0), (7, [5, 3, 2], "elu", 0.0)]:
        x = torch.randn(7, sizes[0], generator=torch.Generator().manual_seed(100 + seed))
        torch.manual_seed(seed)
        net = mlp(sizes, act, p)
        state = {k: flat(v) for k, v in net.state_dict().items()}
        train_out = net.train()(x)
        net.eval()
        out.append({"seed": seed, "sizes": sizes, "activation": act, "dropout": p, "x": flat(x), "state": state,
                    "eval": flat(net(x)), "train": flat(train_out)})
    return out


def fit_cases():
    out = []
    specs = [
        {"model": "logreg", "n": 23, "d": 3, "k": 3, "optimizer": "sgd", "lr": 0.1, "epochs": 4, "batch": 6, "shuffle": None},
        {"model": "logreg", "n": 30, "d": 4, "k": 2, "optimizer": "adam", "lr": 0.05, "epochs": 5, "batch": 8, "shuffle": 5},
        {"model": "mlp", "sizes": [3, 6, 3], "task": "classification", "activation": "relu", "n": 25, "optimizer": "sgd", "lr": 0.2, "epochs": 4, "batch": 7, "shuffle": None, "seed": 11},
        {"model": "mlp", "sizes": [4, 5, 5, 2], "task": "regression", "activation": "tanh", "n": 30, "optimizer": "adam", "lr": 0.02, "epochs": 4, "batch": 10, "shuffle": 9, "seed": 12},
        {"model": "mlp", "sizes": [2, 8, 1], "task": "regression", "activation": "relu", "dropout": 0.3, "n": 20, "optimizer": "sgd", "lr": 0.05, "epochs": 3, "batch": 5, "shuffle": 2, "seed": 13},
    ]
    for i, s in enumerate(specs):
        if s["model"] == "logreg":
            x, y = data(s["n"], s["d"], s["k"], 200 + i)
            net = nn.Linear(s["d"], s["k"])
            nn.init.zeros_(net.weight)
            nn.init.zeros_(net.bias)
            loss_fn = nn.CrossEntropyLoss()
        else:
            sizes = s["sizes"]
            reg = s["task"] == "regression"
            x, y = data(s["n"], sizes[0], sizes[-1], 200 + i, sizes[-1] if reg else 0)
            torch.manual_seed(s["seed"])
            net = mlp(sizes, s["activation"], s.get("dropout", 0.0))
            loss_fn = nn.MSELoss() if reg else nn.CrossEntropyLoss()
        losses = train(net, x, y, loss_fn, s["optimizer"], s["lr"], s["epochs"], s["batch"], s["shuffle"])
        net.eval()
        with torch.no_grad():
            z = net(x)
            extra = {"proba": flat(torch.softmax(z, 1))} if s.get("task", "classification") == "classification" else {"pred": flat(z)}
        out.append({**s, "x": flat(x), "y": flat(y), "losses": losses, "state": {k: flat(v) for k, v in net.state_dict().items()}, **extra})
    return out


def main():
    res = {"torch": torch.__version__, "init": init_cases(), "fit": fit_cases()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(res, f)
        f.write("\n")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
