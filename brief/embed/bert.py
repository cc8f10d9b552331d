"""A BERT encoder run by torch alone, for a folder saved with ``save_pretrained``.

Loading such a folder through transformers imports its whole modelling package (several
seconds, most of a short run).  A plain BERT needs none of it: the weights are read with
``safetensors``, the text is cut into word pieces by the folder's own ``tokenizer.json``
(the ``tokenizers`` library), and the layers -- embeddings, self-attention, feed-forward,
layer norms -- are the standard ones, run with ``torch.nn.functional``.

:func:`load` returns None for a folder it cannot run exactly (another architecture,
relative positions, another activation, no ``tokenizer.json``); the caller then goes
through transformers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class _Config:
    def __init__(self, cfg: dict[str, Any]):
        self.hidden_size = int(cfg["hidden_size"])
        self.heads = int(cfg["num_attention_heads"])
        self.layers = int(cfg["num_hidden_layers"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        self.pad_id = int(cfg.get("pad_token_id") or 0)


class TorchBert:
    """``tokenize(texts, max_length) -> (ids, mask)`` and ``hidden(ids, mask) -> last hidden states``."""

    def __init__(self, folder: Path, cfg: dict[str, Any], weights: dict[str, Any], tokenizer: Any):
        self.config = _Config(cfg)
        self.w = weights
        self.tokenizer = tokenizer

    def tokenize(self, texts: list[str], max_length: int):
        import torch

        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=max_length)
        encs = self.tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encs)
        ids = torch.full((len(encs), width), self.config.pad_id, dtype=torch.long)
        mask = torch.zeros((len(encs), width), dtype=torch.long)
        for r, e in enumerate(encs):
            ids[r, : len(e.ids)] = torch.tensor(e.ids, dtype=torch.long)
            mask[r, : len(e.ids)] = 1
        return ids, mask

    def hidden(self, ids, mask):
        import torch
        import torch.nn.functional as F

        w, c = self.w, self.config
        n, length = ids.shape
        h = (w["embeddings.word_embeddings.weight"][ids]
             + w["embeddings.token_type_embeddings.weight"][torch.zeros_like(ids)]
             + w["embeddings.position_embeddings.weight"][torch.arange(length)][None])
        h = F.layer_norm(h, (c.hidden_size,), w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"], c.eps)
        # attend to the text, never to the padding (no mask at all when nothing is padded)
        keep = None if bool(mask.all()) else mask.bool()[:, None, None, :].expand(n, 1, length, length)
        d = c.hidden_size // c.heads
        for i in range(c.layers):
            p = f"encoder.layer.{i}."

            def lin(name: str, x):
                return F.linear(x, w[p + name + ".weight"], w[p + name + ".bias"])

            q, k, v = (lin(f"attention.self.{m}", h).view(n, length, c.heads, d).transpose(1, 2)
                       for m in ("query", "key", "value"))
            att = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(n, length, -1)
            h = F.layer_norm(lin("attention.output.dense", att) + h, (c.hidden_size,),
                             w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"], c.eps)
            ff = lin("output.dense", F.gelu(lin("intermediate.dense", h)))
            h = F.layer_norm(ff + h, (c.hidden_size,), w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
                             c.eps)
        return h


def load(folder: str | Path) -> TorchBert | None:
    """The folder's BERT run by torch alone, or None when it is not a plain BERT with a tokenizer.json."""
    folder = Path(folder)
    try:
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    plain = (cfg.get("model_type") == "bert" and cfg.get("position_embedding_type", "absolute") == "absolute"
             and cfg.get("hidden_act", "gelu") == "gelu" and (folder / "tokenizer.json").is_file()
             and (folder / "model.safetensors").is_file())
    if not plain:
        return None
    from safetensors.torch import load_file
    from tokenizers import Tokenizer

    weights = load_file(str(folder / "model.safetensors"))
    weights = {k.removeprefix("bert."): v for k, v in weights.items()}
    needed = ["embeddings.word_embeddings.weight", f"encoder.layer.{int(cfg['num_hidden_layers']) - 1}.output.dense.weight"]
    if any(k not in weights for k in needed):
        return None
    return TorchBert(folder, cfg, weights, Tokenizer.from_file(str(folder / "tokenizer.json")))
