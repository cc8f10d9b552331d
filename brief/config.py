"""Run settings shared by every entry point (CLI, weekly job, Python API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_TITLE = "Situation brief"
DEFAULT_HANDLING = "UNCLASSIFIED // OPEN SOURCE"


@dataclass
class BriefConfig:
    title: str = DEFAULT_TITLE
    # inputs (used by the weekly job; the CLI passes inputs directly)
    sources: list[str] = field(default_factory=list)
    output_dir: Path = Path("out")
    # ingest
    strict: bool = False  # any bad input fails the run
    max_file_bytes: int = 25 * 1024 * 1024
    fetch_timeout: float = 15.0
    # where the per-document parse runs: a Dask scheduler address, or a local cluster of N workers
    dask: str | None = None
    workers: int | None = None
    parse_processes: int | None = None  # local parse: None -> every core for a large corpus (brief/parallel.py)
    # themes
    max_themes: int = 8
    # summarizer: "auto" (seq2seq when a model loads, else extractive), "seq2seq", "extractive"
    summarizer: str = "auto"
    model: str | None = None  # hub id or local folder; None -> summarize.DEFAULT_MODEL if cached
    device: str | None = None  # None -> cuda when available, else cpu
    # sentence embedder: None -> the bundled all-MiniLM-L6-v2; a folder, a cached hub id, or "lexical"
    embedder: str | None = None
    summary_sentences: int = 5  # per theme: enough room for a story's figures, names, dates and outcome
    key_points: int = 5
    # render
    handling: str = DEFAULT_HANDLING
    # weekly
    window_days: int = 7
    timezone: str = "UTC"
    formats: list[str] = field(default_factory=lambda: ["pdf", "json"])  # weekly outputs (json is always written)
    state_file: Path | None = None  # None -> <output_dir>/.brief-weekly-state.json
    config_path: Path | None = None  # the brief.toml this config was loaded from, if any


# -- brief.toml ---------------------------------------------------------------
#
# A flat TOML file; every key is optional.  Relative paths resolve against the
# folder of the config file.  Example::
#
#     title = "Weekly situation brief"
#     sources = ["articles/", "feeds/*.xml", "https://example.org/feed.rss"]
#     output_dir = "briefs"
#     window = 7                # days, ending at --as-of
#     timezone = "Europe/Paris"
#     summarizer = "auto"       # auto | seq2seq | extractive
#     model = "path/or/hub-id"  # optional
#     embedder = "path/or/hub-id"  # optional; "lexical" for no model
#     max_themes = 8
#     handling = "UNCLASSIFIED // OPEN SOURCE"
#     formats = ["pdf", "json"] # weekly outputs; json is always written

import re as _re  # noqa: E402

SUMMARIZERS = ("auto", "seq2seq", "extractive")
OUTPUT_FORMATS = ("pdf", "json", "html", "md")

# toml key -> (BriefConfig field, kind)
_TOML_KEYS: dict[str, tuple[str, str]] = {
    "title": ("title", "str"),
    "sources": ("sources", "sources"),
    "output_dir": ("output_dir", "path"),
    "window": ("window_days", "days"),
    "window_days": ("window_days", "days"),
    "timezone": ("timezone", "timezone"),
    "summarizer": ("summarizer", "summarizer"),
    "model": ("model", "model"),
    "device": ("device", "str"),
    "embedder": ("embedder", "model"),
    "max_themes": ("max_themes", "positive"),
    "summary_sentences": ("summary_sentences", "positive"),
    "key_points": ("key_points", "positive"),
    "handling": ("handling", "str"),
    "strict": ("strict", "bool"),
    "max_file_bytes": ("max_file_bytes", "positive"),
    "fetch_timeout": ("fetch_timeout", "seconds"),
    "formats": ("formats", "formats"),
    "state_file": ("state_file", "path"),
}

_URL = _re.compile(r"^[a-z][a-z0-9+.-]*://", _re.I)


def _key_line(text: str, key: str) -> int | None:
    """1-based line where ``key = ...`` is written (for error messages), if found."""
    k = _re.escape(key)
    pat = _re.compile(r'^\s*(?:(?:"%s"|\'%s\'|%s)\s*=|\[\[?\s*%s\s*[\].])' % (k, k, k, k))
    for i, line in enumerate(text.splitlines(), start=1):
        if pat.match(line):
            return i
    return None


def _is_url(s: str) -> bool:
    return bool(_URL.match(s))


def load_config(path: str | Path) -> BriefConfig:
    """Read and validate a ``brief.toml``; raise :class:`brief.errors.ConfigError` naming the key or line.

    Relative paths (sources, output_dir, state_file, a local model folder)
    resolve against the config file's folder; URLs are kept as they are.
    """
    import difflib
    import tomllib
    import zoneinfo

    from brief.errors import ConfigError

    path = Path(path).expanduser()
    if not path.is_file():
        raise ConfigError(f"{path}: config file not found")
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read config file ({e.__class__.__name__}: {e})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None
    base = path.resolve().parent

    def where(key: str) -> str:
        line = _key_line(text, key)
        return f"{path}:{line}" if line else str(path)

    def bad(key: str, problem: str) -> ConfigError:
        return ConfigError(f"{where(key)}: {key}: {problem}")

    def typename(v: object) -> str:
        return {dict: "a table", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a number"}.get(
            type(v), type(v).__name__
        )

    def resolve(p: str) -> str:
        if _is_url(p):
            return p
        q = Path(p).expanduser()
        return str(q if q.is_absolute() else base / q)

    cfg = BriefConfig(config_path=path.resolve(), output_dir=base / "out")
    for key, value in data.items():
        if key not in _TOML_KEYS:
            hint = difflib.get_close_matches(key, list(_TOML_KEYS), n=1)
            raise bad(key, "unknown key" + (f" (did you mean {hint[0]!r}?)" if hint else "") + f"; known keys: {', '.join(sorted(_TOML_KEYS))}")
        attr, kind = _TOML_KEYS[key]
        if kind in ("str", "model", "summarizer", "timezone"):
            if not isinstance(value, str):
                raise bad(key, f"expected a string, got {typename(value)}")
            if kind == "str" and key != "handling" and not value.strip():
                raise bad(key, "must not be empty")
            if kind == "summarizer" and value not in SUMMARIZERS:
                raise bad(key, f"{value!r} is not one of {', '.join(SUMMARIZERS)}")
            if kind == "timezone":
                try:
                    zoneinfo.ZoneInfo(value)
                except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                    raise bad(key, f"unknown time zone {value!r} (use an IANA name such as 'Europe/Paris' or 'UTC')") from None
            if kind == "model":
                local = Path(value).expanduser()
                if value.startswith((".", "/", "~")) or (base / local).exists():
                    value = resolve(value)
            setattr(cfg, attr, value)
        elif kind == "sources":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                raise bad(key, f"expected a string or an array of strings, got {typename(value)}")
            if not items or not all(x.strip() for x in items):
                raise bad(key, "needs at least one non-empty source (folder, glob, feed file or URL)")
            cfg.sources = [resolve(x.strip()) for x in items]
        elif kind == "path":
            if not isinstance(value, str) or not value.strip():
                raise bad(key, f"expected a non-empty path string, got {typename(value) if not isinstance(value, str) else 'an empty string'}")
            setattr(cfg, attr, Path(resolve(value)))
        elif kind in ("days", "positive"):
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad(key, f"expected a whole number, got {typename(value)}")
            if value < 1:
                raise bad(key, f"must be at least 1, got {value}")
            if kind == "days" and value > 366:
                raise bad(key, f"window of {value} days is longer than a year")
            setattr(cfg, attr, value)
        elif kind == "seconds":
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
                raise bad(key, f"expected a positive number of seconds, got {value!r}")
            setattr(cfg, attr, float(value))
        elif kind == "bool":
            if not isinstance(value, bool):
                raise bad(key, f"expected true or false, got {typename(value)}")
            setattr(cfg, attr, value)
        elif kind == "formats":
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
                raise bad(key, f"expected an array of strings, got {typename(value)}")
            wrong = [x for x in items if x.lower() not in OUTPUT_FORMATS]
            if wrong:
                raise bad(key, f"unknown format {wrong[0]!r}; choose from {', '.join(OUTPUT_FORMATS)}")
            fmts = list(dict.fromkeys(x.lower() for x in items))
            if "json" not in fmts:
                fmts.append("json")  # the weekly job compares against last week's JSON
            cfg.formats = fmts
    return cfg
