"""Normalization, embedding, distance and padding functionals (lib/nn/functional_norm.ts,
lib/nn/functional_embedding.ts, lib/ops/normalization.ts, lib/ops/embedding.ts, lib/ops/pad.ts)."""
import torch
import torch.nn.functional as F

ENV = {"F": F}
F32 = {"dtype": "float32", "tol": 2e-6}
IDX = "torch.tensor([[1, 4, 4], [0, 2, 4]])"
IDX_JS = "tg.tensor([[1, 4, 4], [0, 2, 4]], { dtype: 'int64' })"
G = "tg.nn.functional"
CASES = [
    # layer_norm: normalized over the trailing dims, with and without weight / bias
    ("layer_norm", [[3, 5]], "F.layer_norm(a, (5,))", f"{G}.layerNorm(a, 5)"),
    ("layer_norm affine", [[2, 3, 4], [4], [4]], "F.layer_norm(a, (4,), b, c)", f"{G}.layerNorm(a, [4], {{ weight: b, bias: c }})"),
    ("layer_norm two dims", [[2, 3, 4], [3, 4], [3, 4]], "F.layer_norm(a, (3, 4), b, c, eps=1e-3)", f"{G}.layerNorm(a, [3, 4], {{ weight: b, bias: c, eps: 1e-3 }})"),
    ("layer_norm weight only", [[4, 6], [6]], "F.layer_norm(a, (6,), b)", f"{G}.layerNorm(a, [6], {{ weight: b }})"),
    ("layer_norm bias only", [[4, 6], [6]], "F.layer_norm(a, (6,), None, b)", f"{G}.layerNorm(a, [6], {{ bias: b }})"),
    ("layer_norm transposed", [[5, 3], [5], [5]], "F.layer_norm(a.t(), (5,), b, c)", f"{G}.layerNorm(a.t(), [5], {{ weight: b, bias: c }})"),
    ("layer_norm f32", [[4, 16], [16], [16]], "F.layer_norm(a, (16,), b, c)", f"{G}.layerNorm(a, [16], {{ weight: b, bias: c }})", F32),
    ("layer_norm 1-D", [[7]], "F.layer_norm(a, (7,))", f"{G}.layerNorm(a, 7)"),
    # batch_norm in training (batch statistics) and eval (given running statistics)
    ("batch_norm train 2d", [[6, 3], [3], [3]], "F.batch_norm(a, None, None, b, c, training=True)", f"{G}.batchNorm(a, null, null, {{ weight: b, bias: c, training: true }})"),
    ("batch_norm train 3d", [[4, 3, 5], [3], [3]], "F.batch_norm(a, None, None, b, c, training=True, eps=1e-3)", f"{G}.batchNorm(a, null, null, {{ weight: b, bias: c, training: true, eps: 1e-3 }})"),
    ("batch_norm train no affine", [[5, 2, 3]], "F.batch_norm(a, None, None, training=True)", f"{G}.batchNorm(a, null, null, {{ training: true }})"),
    ("batch_norm train f32", [[8, 4, 3], [4], [4]], "F.batch_norm(a, None, None, b, c, training=True)", f"{G}.batchNorm(a, null, null, {{ weight: b, bias: c, training: true }})", F32),
    ("batch_norm eval", [[4, 3, 2], [3], [3]], "F.batch_norm(a, b.detach(), c.detach().abs() + 0.5, training=False)", f"{G}.batchNorm(a, b.detach(), c.detach().abs().add(0.5), {{ training: false }})"),
    ("batch_norm eval affine", [[5, 3], [3], [3]], "F.batch_norm(a, b.detach(), b.detach().abs(), b, c, training=False)",
     f"{G}.batchNorm(a, b.detach(), b.detach().abs(), {{ weight: b, bias: c, training: false }})"),
    # embedding: any index shape, padding rows get no gradient, scale_grad_by_freq
    ("embedding", [[5, 3]], f"F.embedding({IDX}, a)", f"{G}.embedding({IDX_JS}, a)"),
    ("embedding padding", [[5, 3]], f"F.embedding({IDX}, a, padding_idx=4)", f"{G}.embedding({IDX_JS}, a, {{ paddingIdx: 4 }})"),
    ("embedding negative padding", [[5, 3]], f"F.embedding({IDX}, a, padding_idx=-1)", f"{G}.embedding({IDX_JS}, a, {{ paddingIdx: -1 }})"),
    ("embedding freq", [[5, 3]], f"F.embedding({IDX}, a, scale_grad_by_freq=True)", f"{G}.embedding({IDX_JS}, a, {{ scaleGradByFreq: true }})"),
    ("embedding 0-d", [[5, 3]], "F.embedding(torch.tensor(2), a)", f"{G}.embedding(tg.tensor(2, {{ dtype: 'int64' }}), a)"),
    ("embedding int32", [[5, 2]], "F.embedding(torch.tensor([3, 0], dtype=torch.int32), a)", f"{G}.embedding(tg.tensor([3, 0], {{ dtype: 'int32' }}), a)"),
    ("embedding f32", [[5, 3]], f"F.embedding({IDX}, a, padding_idx=1)", f"{G}.embedding({IDX_JS}, a, {{ paddingIdx: 1 }})", F32),
    # embedding_bag: 2-D bags, offsets, include_last_offset, per-sample weights, padding
    ("embedding_bag mean 2d", [[5, 3]], f"F.embedding_bag({IDX}, a)", f"{G}.embeddingBag({IDX_JS}, a)"),
    ("embedding_bag sum 2d", [[5, 3]], f"F.embedding_bag({IDX}, a, mode='sum')", f"{G}.embeddingBag({IDX_JS}, a, {{ mode: 'sum' }})"),
    ("embedding_bag max 2d", [[5, 3]], f"F.embedding_bag({IDX}, a, mode='max')", f"{G}.embeddingBag({IDX_JS}, a, {{ mode: 'max' }})"),
    ("embedding_bag offsets mean", [[6, 2]], "F.embedding_bag(torch.tensor([1, 2, 5, 0, 3]), a, torch.tensor([0, 2, 2]))",
     f"{G}.embeddingBag(tg.tensor([1, 2, 5, 0, 3], {{ dtype: 'int64' }}), a, {{ offsets: tg.tensor([0, 2, 2], {{ dtype: 'int64' }}) }})"),
    ("embedding_bag offsets max", [[6, 2]], "F.embedding_bag(torch.tensor([1, 2, 5, 0, 3]), a, torch.tensor([0, 2, 2]), mode='max')",
     f"{G}.embeddingBag(tg.tensor([1, 2, 5, 0, 3], {{ dtype: 'int64' }}), a, {{ offsets: tg.tensor([0, 2, 2], {{ dtype: 'int64' }}), mode: 'max' }})"),
    ("embedding_bag last offset", [[6, 2]], "F.embedding_bag(torch.tensor([1, 2, 5, 0, 3]), a, torch.tensor([0, 1, 5]), mode='sum', include_last_offset=True)",
     f"{G}.embeddingBag(tg.tensor([1, 2, 5, 0, 3], {{ dtype: 'int64' }}), a, {{ offsets: tg.tensor([0, 1, 5], {{ dtype: 'int64' }}), mode: 'sum', includeLastOffset: true }})"),
    ("embedding_bag padding mean", [[6, 2]], "F.embedding_bag(torch.tensor([1, 2, 5, 2, 2]), a, torch.tensor([0, 3, 4]), padding_idx=2)",
     f"{G}.embeddingBag(tg.tensor([1, 2, 5, 2, 2], {{ dtype: 'int64' }}), a, {{ offsets: tg.tensor([0, 3, 4], {{ dtype: 'int64' }}), paddingIdx: 2 }})"),
    ("embedding_bag per-sample weights", [[5, 3], [2, 3]], f"F.embedding_bag({IDX}, a, mode='sum', per_sample_weights=b)",
     f"{G}.embeddingBag({IDX_JS}, a, {{ mode: 'sum', perSampleWeights: b }})"),
    ("embedding_bag f32", [[5, 4]], f"F.embedding_bag({IDX}, a, mode='mean')", f"{G}.embeddingBag({IDX_JS}, a, {{ mode: 'mean' }})", F32),
    # normalize, cosine_similarity, pairwise_distance
    ("normalize", [[3, 4]], "F.normalize(a)", f"{G}.normalize(a)"),
    ("normalize p1 dim0", [[3, 4]], "F.normalize(a, p=1, dim=0)", f"{G}.normalize(a, {{ p: 1, dim: 0 }})"),
    ("normalize zero row", [[2, 3]], "F.normalize(a, dim=-1)", f"{G}.normalize(a, {{ dim: -1 }})", {"values": [[[0.0, 0.0, 0.0], [1.0, -2.0, 2.0]]]}),
    ("cosine_similarity", [[4, 5], [4, 5]], "F.cosine_similarity(a, b)", f"{G}.cosineSimilarity(a, b)"),
    ("cosine_similarity dim -1 broadcast", [[3, 1, 4], [2, 4]], "F.cosine_similarity(a, b, dim=-1)", f"{G}.cosineSimilarity(a, b, -1)"),
    ("cosine_similarity eps", [[2, 3], [2, 3]], "F.cosine_similarity(a * 1e-9, b, eps=1e-6)", f"{G}.cosineSimilarity(a.mul(1e-9), b, 1, 1e-6)"),
    ("cosine_similarity f32", [[6, 8], [6, 8]], "F.cosine_similarity(a, b)", f"{G}.cosineSimilarity(a, b)", F32),
    ("pairwise_distance", [[4, 5], [4, 5]], "F.pairwise_distance(a, b)", f"{G}.pairwiseDistance(a, b)"),
    ("pairwise_distance p1 keepdim", [[4, 5], [5]], "F.pairwise_distance(a, b, p=1, keepdim=True)", f"{G}.pairwiseDistance(a, b, {{ p: 1, keepdim: true }})"),
    ("pairwise_distance p3", [[3, 4], [3, 4]], "F.pairwise_distance(a, b, p=3, eps=1e-3)", f"{G}.pairwiseDistance(a, b, {{ p: 3, eps: 1e-3 }})"),
    # pad: last dim first, negative amounts crop, each mode (circular's node is PyTorch's CopySlices,
    # from its slice-and-copy composite; here a gather, so its cases compare through a * 1)
    ("pad constant", [[2, 3, 4]], "F.pad(a, (1, 2))", f"{G}.pad(a, [1, 2])"),
    ("pad constant value 2 dims", [[2, 3, 4]], "F.pad(a, (1, 0, 2, 1), value=-1.5)", f"{G}.pad(a, [1, 0, 2, 1], {{ value: -1.5 }})"),
    ("pad constant crop", [[2, 3, 4]], "F.pad(a, (-1, 2, 0, -2))", f"{G}.pad(a, [-1, 2, 0, -2])"),
    ("pad constant all dims", [[2, 3]], "F.pad(a, (1, 1, 1, 0))", f"{G}.pad(a, [1, 1, 1, 0])"),
    ("pad reflect 1d", [[2, 3, 5]], "F.pad(a, (2, 3), mode='reflect')", f"{G}.pad(a, [2, 3], {{ mode: 'reflect' }})"),
    ("pad reflect 2d", [[1, 2, 3, 4]], "F.pad(a, (1, 2, 2, 1), mode='reflect')", f"{G}.pad(a, [1, 2, 2, 1], {{ mode: 'reflect' }})"),
    ("pad replicate 1d", [[2, 3, 4]], "F.pad(a, (3, 1), mode='replicate')", f"{G}.pad(a, [3, 1], {{ mode: 'replicate' }})"),
    ("pad replicate 2d", [[2, 2, 3, 3]], "F.pad(a, (1, 2, 0, 3), mode='replicate')", f"{G}.pad(a, [1, 2, 0, 3], {{ mode: 'replicate' }})"),
    ("pad replicate 3d", [[1, 1, 2, 2, 3]], "F.pad(a, (1, 1, 2, 0, 0, 1), mode='replicate')", f"{G}.pad(a, [1, 1, 2, 0, 0, 1], {{ mode: 'replicate' }})"),
    ("pad circular 1d", [[2, 3, 4]], "F.pad(a, (2, 3), mode='circular') * 1", f"{G}.pad(a, [2, 3], {{ mode: 'circular' }}).mul(1)"),
    ("pad circular 2d", [[1, 2, 3, 4]], "F.pad(a, (1, 2, 3, 1), mode='circular') * 1", f"{G}.pad(a, [1, 2, 3, 1], {{ mode: 'circular' }}).mul(1)"),
    ("pad constant f32", [[2, 3]], "F.pad(a, (2, 1))", f"{G}.pad(a, [2, 1])", F32),
    ("pad reflect f32", [[2, 2, 5]], "F.pad(a, (4, 1), mode='reflect')", f"{G}.pad(a, [4, 1], {{ mode: 'reflect' }})", F32),
    ("pad int", [[2, 3]], "F.pad(a, (1, 1), value=7)", f"{G}.pad(a, [1, 1], {{ value: 7 }})", {"dtype": "int64"}),
    # one_hot
    ("one_hot", [[5]], "F.one_hot(a.abs())", f"{G}.oneHot(a.abs())", {"dtype": "int64"}),
    ("one_hot classes", [[2, 3]], "F.one_hot(a.abs(), 8)", f"{G}.oneHot(a.abs(), 8)", {"dtype": "int64"}),
]
