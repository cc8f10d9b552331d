"""Seq2seq models: where they come from, which are usable offline, loading once per process.

* ``brief models pull ID`` downloads a hub model into the local Hugging Face
  cache (the only code path that touches the network).
* Everything else loads with ``local_files_only=True``: a hub id works offline
  once pulled, a local folder (``--model PATH``) always.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brief.errors import ModelError

# An instruction-tuned T5: follows the prompt in brief/prompts/t5.j2, ~250M parameters,
# runs on a laptop CPU.  Alternative: "facebook/bart-large-cnn" (brief/prompts/bart.j2).
DEFAULT_MODEL = "google/flan-t5-base"

_WEIGHTS = ["*.safetensors"]
_SMALL_FILES = ["*.json", "*.model", "*.txt", "*.tiktoken", "*.py"]

_cache: dict[tuple[str, str], tuple[Any, Any]] = {}
_lock = threading.Lock()


def pull_hint(model_id: str | None = None) -> str:
    return f"run `brief models pull {model_id or DEFAULT_MODEL}` (needs network) or pass `--model PATH` to a local model folder"


def local_folder(model_id: str) -> Path | None:
    """The folder ``model_id`` names, if it is a path (it may not exist)."""
    p = Path(model_id).expanduser()
    if p.is_dir() or model_id.startswith((".", "/", "~")) or model_id.count("/") > 1 or "\\" in model_id:
        return p
    return None


def available_offline(model_id: str) -> bool:
    """Whether ``model_id`` can be loaded without the network (cheap: no model import)."""
    folder = local_folder(model_id)
    if folder is not None:
        return (folder / "config.json").is_file()
    try:
        from huggingface_hub import try_to_load_from_cache

        return isinstance(try_to_load_from_cache(model_id, "config.json", cache_dir=hub_cache_dir()), str)
    except Exception:
        return False


def resolve_device(device: str | None) -> str:
    if device:
        return device
    try:
        import torch

        return "cuda" if torch.cuda.is_available() else "cpu"
    except Exception:  # pragma: no cover
        return "cpu"


def load_model(model_id: str, device: str) -> tuple[Any, Any]:
    """(model, tokenizer) for ``model_id`` on ``device``, loaded once per process.

    Raises :class:`ModelError` with a one-line message when it cannot be loaded.
    """
    key = (model_id, device)
    with _lock:
        if key in _cache:
            return _cache[key]
        folder = local_folder(model_id)
        if folder is not None and not (folder / "config.json").is_file():
            raise ModelError(f"no model at {model_id}: the folder needs a config.json (a model saved with save_pretrained)")
        if folder is None and not available_offline(model_id):
            raise ModelError(f"model {model_id!r} is not in the local cache: {pull_hint(model_id)}")
        src = str(folder) if folder is not None else model_id
        kwargs: dict[str, Any] = {} if folder is not None else {"local_files_only": True, "cache_dir": hub_cache_dir()}
        try:
            import torch
            from brief.hf import quiet_transformers

            quiet_transformers()
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

            tok = AutoTokenizer.from_pretrained(src, **kwargs)
            model = AutoModelForSeq2SeqLM.from_pretrained(src, **kwargs)
            model.to(torch.device(device))
            model.eval()
        except ModelError:
            raise
        except Exception as e:  # transformers raises OSError, ValueError, KeyError, RuntimeError ...
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise ModelError(f"cannot load seq2seq model {model_id!r} on {device}: {first[:200]}") from e
        if not getattr(model.config, "is_encoder_decoder", False):
            raise ModelError(f"{model_id!r} is not a seq2seq (encoder-decoder) model")
        _cache[key] = (model, tok)
        return model, tok


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def pull_model(model_id: str) -> Path:
    """Download ``model_id`` from the Hugging Face hub into the local cache; the snapshot folder."""
    if local_folder(model_id) is not None:
        raise ModelError(f"{model_id} is a local path, not a hub id: use it directly with --model")
    try:
        from huggingface_hub import HfApi, snapshot_download
        from huggingface_hub.utils import logging as hub_logging

        hub_logging.set_verbosity_error()

        files = HfApi().list_repo_files(model_id)
        weights = _WEIGHTS if any(f.endswith(".safetensors") for f in files) else ["pytorch_model*.bin"]
        path = snapshot_download(model_id, allow_patterns=weights + _SMALL_FILES)
    except Exception as e:
        msg = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        kind = type(e).__name__
        if "NotFound" in kind or "404" in msg:
            raise ModelError(f"no model {model_id!r} on the Hugging Face hub") from e
        raise ModelError(f"cannot download {model_id!r} ({kind}: {msg[:160]}); check the network, or copy a model folder and use --model PATH") from e
    if not (Path(path) / "config.json").is_file():
        raise ModelError(f"{model_id!r} downloaded but has no config.json: not a transformers model")
    return Path(path)


@dataclass
class CachedModel:
    id: str
    path: str
    size_mb: float
    model_type: str | None
    seq2seq: bool


def hub_cache_dir() -> Path | None:
    """The Hugging Face hub cache, honouring HF_HUB_CACHE / HF_HOME as set now (None: the library default)."""
    if os.environ.get("HF_HUB_CACHE"):
        return Path(os.environ["HF_HUB_CACHE"])
    if os.environ.get("HF_HOME"):
        return Path(os.environ["HF_HOME"]) / "hub"
    return None


def list_models(cache_dir: str | Path | None = None) -> list[CachedModel]:
    """Hub models in the local cache that have a config.json (usable offline)."""
    import json

    try:
        from huggingface_hub import scan_cache_dir

        info = scan_cache_dir(cache_dir or hub_cache_dir())
    except Exception:
        return []
    out = []
    for repo in sorted(info.repos, key=lambda r: r.repo_id):
        if repo.repo_type != "model":
            continue
        for rev in sorted(repo.revisions, key=lambda r: r.last_modified, reverse=True):
            cfg = Path(rev.snapshot_path) / "config.json"
            if not cfg.is_file():
                continue
            try:
                data = json.loads(cfg.read_text())
            except Exception:
                data = {}
            out.append(CachedModel(repo.repo_id, str(rev.snapshot_path), round(repo.size_on_disk / 1e6, 1),
                                   data.get("model_type"), bool(data.get("is_encoder_decoder"))))
            break
    return out
