#!/usr/bin/python3
"""A PyTorch model made of the 0.2 layers, trained here with AdamW and OneCycleLR, saved as
safetensors: the reference for __tests__/nn/pytorch_checkpoint.test.ts, which loads the file into
the same tensorgrad model (strict) and retraces the training from the same seed.

    /usr/bin/python3 scripts/pytorch_checkpoint.py            writes the fixtures
    /usr/bin/python3 scripts/pytorch_checkpoint.py --verify F  loads a tensorgrad-saved F into
                                                               PyTorch and checks its eval outputs

Writes __tests__/fixtures/pytorch_checkpoint.safetensors (the trained state_dict) and
__tests__/fixtures/pytorch_checkpoint.json (data, initial parameters, per-step loss and lr, eval
outputs). Debian's python3-torch (1.13); safetensors is written by the few lines below (the
format: an 8-byte little-endian header length, a JSON header, the raw little-endian data).
"""
import json
import os
import struct
import sys

import torch
from torch import nn

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '__tests__', 'fixtures')
DTYPES = {torch.float32: 'F32', torch.float64: 'F64', torch.int64: 'I64', torch.int32: 'I32'}
FROM_DTYPE = {v: k for k, v in DTYPES.items()}


def save_safetensors(tensors, path, metadata=None):
    header, blobs, offset = ({'__metadata__': metadata} if metadata else {}), [], 0
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().tobytes()
        header[name] = {'dtype': DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + b''.join(blobs))


def load_safetensors(path):
    with open(path, 'rb') as f:
        raw = f.read()
    n = struct.unpack('<Q', raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    out = {}
    for name, e in header.items():
        if name == '__metadata__':
            continue
        a, b = e['data_offsets']
        buf = bytearray(raw[8 + n + a:8 + n + b])
        out[name] = torch.frombuffer(buf, dtype=FROM_DTYPE[e['dtype']]).reshape(e['shape']).clone() if b > a else torch.zeros(e['shape'], dtype=FROM_DTYPE[e['dtype']])
    return out


def model():
    # Embedding -> LayerNorm -> Linear -> GELU -> Dropout -> BatchNorm1d -> Linear, as the issue names.
    return nn.Sequential(
        nn.Embedding(20, 8, padding_idx=0),
        nn.LayerNorm(8),
        nn.Linear(8, 16),
        nn.GELU(),
        nn.Dropout(0.1),
        nn.BatchNorm1d(16),
        nn.Linear(16, 3),
    )


def data():
    g = torch.Generator().manual_seed(1234)
    x = torch.randint(0, 20, (32,), generator=g)
    y = torch.randint(0, 3, (32,), generator=g)
    return x, y


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def main():
    x, y = data()
    torch.manual_seed(7)
    m = model()
    init = {k: flat(v) for k, v in m.state_dict().items()}
    steps = 12
    opt = torch.optim.AdamW(m.parameters(), lr=1e-3, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.05, total_steps=steps)
    losses, lrs = [], []
    loss_fn = nn.CrossEntropyLoss()
    m.train()
    for _ in range(steps):
        opt.zero_grad()
        loss = loss_fn(m(x), y)
        loss.backward()
        opt.step()
        lrs.append(sched.get_last_lr()[0])
        sched.step()
        losses.append(loss.item())
    m.eval()
    with torch.no_grad():
        out = m(x)
    state = m.state_dict()
    save_safetensors(state, os.path.join(ROOT, 'pytorch_checkpoint.safetensors'))
    fixture = {
        'pytorch': torch.__version__,
        'seed': 7,
        'x': x.tolist(),
        'y': y.tolist(),
        'steps': steps,
        'keys': list(state.keys()),
        'dtypes': {k: str(v.dtype).replace('torch.', '') for k, v in state.items()},
        'init': init,
        'losses': losses,
        'lrs': lrs,
        'final': {k: flat(v) for k, v in state.items()},
        'eval_output': flat(out),
    }
    with open(os.path.join(ROOT, 'pytorch_checkpoint.json'), 'w') as f:
        json.dump(fixture, f)
    print(f'losses {losses[0]:.4f} -> {losses[-1]:.4f}; wrote {len(state)} tensors')


def verify(path):
    x, _ = data()
    m = model()
    m.load_state_dict(load_safetensors(path), strict=True)
    m.eval()
    with open(os.path.join(ROOT, 'pytorch_checkpoint.json')) as f:
        expected = json.load(f)['eval_output']
    with torch.no_grad():
        got = flat(m(x))
    err = max(abs(a - b) for a, b in zip(got, expected))
    print(f'PyTorch loaded {path}: eval outputs within {err:.3g} of the recorded ones')
    sys.exit(0 if err < 1e-5 else 1)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == '--verify':
        verify(sys.argv[2])
    else:
        main()
