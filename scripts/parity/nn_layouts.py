"""torch.nn.functional on the inputs a PyTorch user also passes: transposed and expanded (non-
contiguous) tensors, float32 and float64, empty batches and 1-D inputs (lib/nn/)."""
import torch.nn.functional as F

ENV = {"F": F}
J = "tg.nn.functional."
F32 = {"dtype": "float32", "tol": 2e-6}
IDX = "torch.tensor([2, 0, 1, 2, 1])"
IDX_JS = "tg.tensor([2, 0, 1, 2, 1], { dtype: 'int64' })"
CASES = [
    ("layer_norm transposed", [[6, 5], [6], [6]], "F.layer_norm(a.t(), [6], b, c)", J + "layerNorm(a.t(), [6], { weight: b, bias: c })"),
    ("layer_norm transposed f32", [[6, 5]], "F.layer_norm(a.t(), [6])", J + "layerNorm(a.t(), [6])", F32),
    ("layer_norm 1-d", [[7]], "F.layer_norm(a, [7])", J + "layerNorm(a, [7])"),
    ("layer_norm empty batch", [[0, 4]], "F.layer_norm(a, [4])", J + "layerNorm(a, [4])"),
    ("batch_norm transposed", [[3, 5], [3], [3]], "F.batch_norm(a.t(), None, None, b, c, training=True)",
     J + "batchNorm(a.t(), null, null, { weight: b, bias: c, training: true })"),
    ("batch_norm 3-d transposed f32", [[2, 4, 3]], "F.batch_norm(a.transpose(1, 2), None, None, training=True)",
     J + "batchNorm(a.transpose(1, 2), null, null, { training: true })", F32),
    ("conv1d transposed input", [[2, 7, 3], [4, 3, 2], [4]], "F.conv1d(a.transpose(1, 2), b, c, stride=2)",
     J + "conv1d(a.transpose(1, 2), b, c, { stride: 2 })"),
    ("conv1d expanded weight", [[2, 3, 7], [1, 3, 2]], "F.conv1d(a, b.expand(4, 3, 2), padding=1)", J + "conv1d(a, b.expand([4, 3, 2]), null, { padding: 1 })"),
    ("conv1d empty batch", [[0, 3, 7], [4, 3, 2]], "F.conv1d(a, b)", J + "conv1d(a, b)"),
    ("cross_entropy transposed logits", [[3, 5]], f"F.cross_entropy(a.t(), {IDX})", f"{J}crossEntropy(a.t(), {IDX_JS})"),
    ("cross_entropy transposed probs f32", [[3, 5], [3, 5]], "F.cross_entropy(a.t(), b.t().softmax(1), label_smoothing=0.2)",
     J + "crossEntropy(a.t(), b.t().softmax(1), { labelSmoothing: 0.2 })", F32),
    ("cross_entropy 1-d logits", [[4]], "F.cross_entropy(a, torch.tensor(3))", J + "crossEntropy(a, tg.tensor(3n))"),
    ("cross_entropy empty batch sum", [[0, 3]], "F.cross_entropy(a, torch.zeros(0, dtype=torch.long), reduction='sum')",
     J + "crossEntropy(a, tg.zeros([0], { dtype: 'int64' }), { reduction: 'sum' })"),
    ("nll_loss transposed weight", [[3, 5], [3]], f"F.nll_loss(a.t().log_softmax(1), {IDX}, weight=b.abs())",
     f"{J}nllLoss(a.t().logSoftmax(1), {IDX_JS}, {{ weight: b.abs() }})", {"grad": False}),
    ("embedding transposed weight", [[2, 4]], f"F.embedding({IDX}, a.t())", f"{J}embedding({IDX_JS}, a.t())"),
    ("embedding_bag transposed weight", [[2, 4]], f"F.embedding_bag({IDX}, a.t(), torch.tensor([0, 2]), mode='max')",
     f"{J}embeddingBag({IDX_JS}, a.t(), {{ offsets: tg.tensor([0, 2], {{ dtype: 'int64' }}), mode: 'max' }})"),
    ("normalize transposed", [[4, 3]], "F.normalize(a.t(), dim=0)", J + "normalize(a.t(), { dim: 0 })"),
    ("cosine_similarity expanded", [[1, 5], [3, 5]], "F.cosine_similarity(a.expand(3, 5), b)", J + "cosineSimilarity(a.expand([3, 5]), b)"),
    ("pairwise_distance transposed f32", [[5, 3], [3, 5]], "F.pairwise_distance(a.t(), b, p=3)", J + "pairwiseDistance(a.t(), b, { p: 3 })", F32),
    ("softmax transposed dim 0", [[4, 3]], "F.softmax(a.t(), 0)", J + "softmax(a.t(), 0)"),
    ("glu transposed", [[4, 3]], "F.glu(a.t(), 1)", J + "glu(a.t(), 1)"),
    ("prelu transposed", [[4, 3], [4]], "F.prelu(a.t().unsqueeze(0).transpose(1, 2), b)", J + "prelu(a.t().unsqueeze(0).transpose(1, 2), b)"),
    ("hardswish transposed f32", [[4, 3]], "F.hardswish(a.t().mul(3))", J + "hardswish(a.t().mul(3))", {"dtype": "float32", "tol": 0}),
    ("huber transposed", [[4, 3], [3, 4]], "F.huber_loss(a.t(), b, delta=0.5)", J + "huberLoss(a.t(), b, { delta: 0.5 })"),
    ("mse empty", [[0, 3], [0, 3]], "F.mse_loss(a, b, reduction='sum')", J + "mseLoss(a, b, { reduction: 'sum' })"),
    ("triplet transposed", [[3, 4], [4, 3], [4, 3]], "F.triplet_margin_loss(a.t(), b, c, swap=True)", J + "tripletMarginLoss(a.t(), b, c, { swap: true })"),
    ("avg_pool1d transposed", [[2, 9, 3]], "F.avg_pool1d(a.transpose(1, 2), 3, stride=2, padding=1)", J + "avgPool1d(a.transpose(1, 2), 3, { stride: 2, padding: 1 })"),
    ("dropout eval identity", [[3, 4]], "F.dropout(a.t(), 0.5, training=False)", J + "dropout(a.t(), 0.5, { training: false })"),
]
