# examples/tutorial.mjs in PyTorch: the same seed, calls and loop, so both print the same data,
# the same loss per epoch and the same w and b (tensorgrad draws PyTorch's random streams).
# Run: python3 examples/tutorial.py   (with PyTorch installed; compare: node examples/tutorial.mjs)
import json

import torch


def data_iter(features, labels, batch_size):
    # tg.data.dataIter: a torch.randperm order, then index_select batches.
    order = torch.randperm(len(features))
    for i in range(0, len(features), batch_size):
        j = order[i:i + batch_size]
        yield features.index_select(0, j), labels.index_select(0, j)


def train(log=print):
    torch.manual_seed(0)
    true_w = torch.tensor([[2.0], [-3.4]])
    true_b = 4.2
    features = torch.normal(0, 1, (1000, 2))
    labels = features @ true_w + true_b + torch.normal(0, 0.01, (1000, 1))
    w = torch.normal(0, 0.01, (2, 1), requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    lr = 0.03
    losses = []
    for epoch in range(1, 4):
        for X, Y in data_iter(features, labels, 10):
            loss = ((X @ w + b - Y) ** 2 / 2).mean()
            loss.backward()
            with torch.no_grad():
                w.sub_(w.grad * lr)
                b.sub_(b.grad * lr)
            w.grad.zero_()
            b.grad.zero_()
        with torch.no_grad():
            train_loss = ((features @ w + b - labels) ** 2 / 2).mean().item()
        losses.append(train_loss)
        log(f"epoch {epoch}, loss {train_loss:.6f}")
    compact = dict(separators=(",", ":"))
    log(f"first features: {json.dumps(features[:2].tolist(), **compact)}")
    log(f"w = {json.dumps(w.detach().flatten().tolist(), **compact)}, b = {b.item()}")
    return features, labels, w, b, losses


if __name__ == "__main__":
    train()
