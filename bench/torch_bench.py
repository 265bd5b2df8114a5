"""PyTorch's side of `npm run bench`: the same work as bench/run.js, timed the same way (median
of repeated batches), printed as one JSON object. Run by bench/run.js when python3 can import
torch (Debian: python3-torch); bench/run.js prints the ratios."""
import json
import os
import sys
import time

import torch


def median(xs):
    return sorted(xs)[len(xs) // 2]


def timed(fn, reps=7, target=0.15):
    """Median seconds per call of fn, over `reps` batches of calls lasting about target/4 s each."""
    fn()
    n = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - t0 > target / 4 or n > 1e7:
            break
        n *= 4
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        for _ in range(n):
            fn()
        samples.append((time.perf_counter() - t0) / n)
    return median(samples)


def data_iter(batch_size, features, labels, generator):
    n = features.shape[0]
    order = torch.randperm(n, generator=generator)
    for i in range(0, n, batch_size):
        j = order[i:i + batch_size]
        yield features.index_select(0, j), labels.index_select(0, j)


def train(features, labels, epochs, batch_size, lr, generator):
    """The tutorial's loop: minibatch SGD on squared loss, the whole-set loss after each epoch."""
    w = torch.zeros(features.shape[1], 1, requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    for _ in range(epochs):
        for x, y in data_iter(batch_size, features, labels, generator):
            loss = ((x @ w + b - y) ** 2 / 2).mean()
            loss.backward()
            with torch.no_grad():
                for p in (w, b):
                    p -= lr * p.grad
                    p.grad.zero_()
        with torch.no_grad():
            ((features @ w + b - labels) ** 2 / 2).mean().item()
    return w, b


def main():
    what = set(sys.argv[1:])
    out = {"version": torch.__version__}
    gen = torch.Generator().manual_seed(0)
    if "matmul" in what:
        # One thread count per process: OpenBLAS takes its thread count from the environment at
        # load time (OPENBLAS_NUM_THREADS, set by bench/peers.js), whatever torch.set_num_threads says.
        threads = int(os.environ.get("TORCH_BENCH_THREADS", "2"))
        torch.set_num_threads(threads)
        for n in (32, 64, 128, 256, 512, 1024, 2048):
            a = torch.randn(n, n)
            b = torch.randn(n, n)
            t = timed(lambda: a @ b, 3 if n >= 1024 else 5)
            out[f"matmul_{n}_{threads}"] = 2 * n ** 3 / t / 1e9
        for m, k, n in ((1000, 2, 1), (65536, 64, 1), (1024, 1024, 1)):
            a = torch.randn(m, k)
            b = torch.randn(k, n)
            out[f"matmul_{m}x{k}x{n}_{threads}"] = 2 * m * k * n / timed(lambda: a @ b) / 1e9
    torch.set_num_threads(2)
    if "small" in what:
        x = torch.rand(1 << 24)
        m = x.reshape(4096, 4096)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            out[f"sum_full_{threads}"] = 4 * x.numel() / timed(lambda: x.sum(), 5) / 1e9
            out[f"sum_dim0_{threads}"] = 4 * x.numel() / timed(lambda: m.sum(0), 5) / 1e9
            out[f"sum_dim1_{threads}"] = 4 * x.numel() / timed(lambda: m.sum(1), 5) / 1e9
        x = torch.randn(4096, 1024)
        for threads in (1, 2):
            torch.set_num_threads(threads)
            out[f"softmax_{threads}"] = timed(lambda: torch.softmax(x, -1), 5) * 1e3
            out[f"log_softmax_{threads}"] = timed(lambda: torch.log_softmax(x, -1), 5) * 1e3
        torch.set_num_threads(2)
        a = torch.tensor([1.0, 2.0, 3.0])
        b = torch.tensor([4.0, 5.0, 6.0])
        out["add3_us"] = timed(lambda: a + b) * 1e6
        xs = torch.sin(torch.arange(1 << 20, dtype=torch.float64)).float() * 10
        out["sin_1m_ms"] = timed(lambda: xs.sin()) * 1e3

        def snippet():
            x = torch.ones(2, 2, requires_grad=True)
            y = x + 2
            (y * y * 3).mean().backward()
            x.grad.zero_()

        out["snippet_us"] = timed(snippet) * 1e6
        out["randn_1e6_ms"] = timed(lambda: torch.randn(1000000), 7, 0.3) * 1e3
        out["rand_1e6_ms"] = timed(lambda: torch.rand(1000000), 7, 0.3) * 1e3
        out["randperm_1e6_ms"] = timed(lambda: torch.randperm(1000000), 7, 0.3) * 1e3
        x = torch.normal(0, 1, (1000, 2), generator=gen)
        y = x @ torch.tensor([[2.0], [-3.4]]) + 4.2
        out["tutorial_ms"] = timed(lambda: train(x, y, 10, 100, 0.05, gen), 5, 0.3) * 1e3
        # bench/memory.js: a 16 MB add into fresh outputs, and one epoch of the tutorial's steps
        # with batch 10 (soak.js's loop).
        a16 = torch.rand(1 << 22)
        b16 = torch.rand(1 << 22)
        out["add_16mb_ms"] = timed(lambda: a16 + b16, 9) * 1e3
        w = torch.zeros(2, 1, requires_grad=True)
        b = torch.zeros(1, requires_grad=True)

        def epoch():
            for xb, yb in data_iter(10, x, y, gen):
                ((xb @ w + b - yb) ** 2 / 2).mean().backward()
                with torch.no_grad():
                    for p in (w, b):
                        p -= 0.03 * p.grad
                        p.grad = None

        out["tutorial_epoch_ms"] = timed(epoch, 7, 0.3) * 1e3
    if "reductions" in what:
        # The rows of bench/reductions.js: milliseconds per call.
        x = torch.rand(1 << 24)
        m = torch.randn(1024, 4096)
        out["var_16m_ms"] = timed(lambda: x.var(), 7) * 1e3
        out["topk_1024x4096_ms"] = timed(lambda: m.topk(10), 7) * 1e3
        out["cumsum_16m_ms"] = timed(lambda: x.cumsum(0), 7) * 1e3
        out["sort_1024x4096_ms"] = timed(lambda: m.sort(), 5) * 1e3
    if "linalg" in what:
        # bench/run.js's linalg rows: a batched solve and einsum's batched product (2 threads).
        a = torch.randn(256, 64, 64) + 8 * torch.eye(64)
        b = torch.randn(256, 64, 1)
        out["solve_ms"] = timed(lambda: torch.linalg.solve(a, b), 7, 0.3) * 1e3
        x = torch.randn(32, 128, 128)
        y = torch.randn(32, 128, 128)
        out["einsum_bmm_ms"] = timed(lambda: torch.einsum("bij,bjk->bik", x, y), 7, 0.3) * 1e3
    if "large" in what:
        x = torch.normal(0, 1, (1000000, 64), generator=gen)
        y = x @ torch.normal(0, 1, (64, 1), generator=gen) + 4.2
        t = timed(lambda: train(x, y, 1, 1024, 0.05, gen), 3, 1.0)
        out["large_samples_per_s"] = x.shape[0] / t
    print(json.dumps(out))


if __name__ == "__main__":
    main()
