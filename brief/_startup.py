"""Keep spaCy's import from loading torch.

thinc (spaCy's machine-learning library) imports torch when its ``thinc.compat`` module
loads, only to learn whether torch is there.  brief's spaCy pipeline never uses torch, and
that probe costs about 2 seconds and 150 MB on every run.  The finder below makes
``import torch`` fail while -- and only while -- ``thinc.compat`` is executing, so thinc
records "no torch"; any later ``import torch`` (the seq2seq summarizer, the sentence
embedder) loads torch as usual.  Nothing happens when torch was imported before thinc.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import sys


class _Loader(importlib.abc.Loader):
    def __init__(self, real: importlib.abc.Loader):
        self.real = real

    def create_module(self, spec):
        return self.real.create_module(spec)

    def exec_module(self, module) -> None:
        blocked = "torch" not in sys.modules
        if blocked:
            sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
        try:
            self.real.exec_module(module)
        finally:
            if blocked and sys.modules.get("torch", 0) is None:
                del sys.modules["torch"]


class _ThincFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "thinc.compat":
            return None
        for finder in sys.meta_path:
            if finder is self:
                continue
            spec = getattr(finder, "find_spec", lambda *a: None)(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _Loader(spec.loader)
                return spec
        return None


def install() -> None:
    if not any(isinstance(f, _ThincFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _ThincFinder())
