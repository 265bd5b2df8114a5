"""The 0.1 surface: arithmetic, reductions, views, joins, indexing, in place through a view."""
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
    ("in place through a view", [[4], [2]], "inplace_view(a, b)", "h.inplaceView(a, b)"),
]

def inplace_view(a, b):
    y = a.mul(2)
    y.narrow(0, 1, 2).mul_(b)
    return y


ENV = {"inplace_view": inplace_view}
