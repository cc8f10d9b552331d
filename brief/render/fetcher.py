"""A WeasyPrint URL fetcher that cannot reach the network or disclose local files.

Article text ends up in the HTML we hand to WeasyPrint.  Jinja2 autoescaping
already turns any markup in it into text, but as a second wall the renderer gets
this fetcher: it serves ``data:`` URLs and files *inside* the project's
``brief/templates/`` folder (stylesheet, fonts) and refuses everything else -- http(s),
ftp, ``file://`` anywhere else (symlinks are resolved first), and any other
scheme.  Every request is recorded in :attr:`SafeFetcher.calls` so tests can
prove that no fetch was attempted.
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"  # package data: brief/templates

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9.+-]*):")


class FetchRefused(ValueError):
    """Raised for every URL the renderer is not allowed to read."""


class SafeFetcher(URLFetcher):
    """Serve ``data:`` URLs and files under ``root`` (default ``brief/templates/``); refuse the rest."""

    def __init__(self, root: Path | str = TEMPLATES, **kwargs):
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, **kwargs)
        self.root = Path(root).resolve()
        self.calls: list[str] = []  # every URL asked for, in order
        self.refused: list[str] = []  # the ones refused

    # WeasyPrint calls fetch() (through __call__); open() is only used by urllib internals.
    def fetch(self, url, headers=None):  # noqa: D401 - WeasyPrint API
        self.calls.append(str(url))
        m = _SCHEME.match(str(url))
        scheme = m.group(1).lower() if m else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self._local_path(str(url))
            if path is not None:
                mime, _ = mimetypes.guess_type(path.name)
                if path.suffix.lower() in {".ttf", ".otf"}:
                    mime = "font/ttf" if path.suffix.lower() == ".ttf" else "font/otf"
                return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime or "application/octet-stream"})
        self.refused.append(str(url))
        raise FetchRefused(f"refused to fetch {str(url)[:200]!r}: only the brief's own template assets may be loaded")

    def _local_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError, ValueError):
            return None
        if not path.is_file() or not path.is_relative_to(self.root):
            return None
        return path
