"""Settings, validated with pydantic: what the pipeline needs, and what the weekly job adds.

* :class:`PipelineSettings` (also spelled :data:`BriefConfig`) -- every setting a stage
  reads; the CLI, the Python API and the weekly job build one and give it to
  ``brief.pipeline.run``.  Recorded in ``Brief.meta["settings"]["config"]``.
* :class:`WeeklySettings` -- what only ``brief weekly`` / ``brief schedule`` read: where the
  articles are, where the briefs go, the window, the time zone, the formats, the state file.
* :class:`Settings` -- one ``brief.toml``: both of the above and the file they came from
  (:func:`load_config`).

``brief.toml`` is a flat TOML file; every key is optional.  Relative paths resolve against
the folder of the config file.  Example::

    title = "Weekly situation brief"
    sources = ["articles/", "feeds/*.xml", "https://example.org/feed.rss"]
    output_dir = "briefs"
    window = 7                # days, ending at --as-of
    timezone = "Europe/Paris"
    summarizer = "auto"       # auto | seq2seq | extractive
    model = "path/or/hub-id"  # optional
    embedder = "path/or/hub-id"  # optional; "lexical" for no model
    max_themes = 8
    handling = "UNCLASSIFIED // OPEN SOURCE"
    formats = ["pdf", "json"] # weekly outputs; json is always written

A bad file raises :class:`brief.errors.ConfigError` with one line: ``<file>:<line>: <key>: <problem>``.
"""

from __future__ import annotations

import re
import zoneinfo
from pathlib import Path
from typing import Any, Literal, Optional, get_args

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr, ValidationError, ValidationInfo, field_validator

DEFAULT_TITLE = "Situation brief"
DEFAULT_HANDLING = "UNCLASSIFIED // OPEN SOURCE"
SummarizerKind = Literal["auto", "seq2seq", "extractive"]
SUMMARIZERS = get_args(SummarizerKind)
OUTPUT_FORMATS = ("pdf", "json", "html", "md")

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.I)


def _is_url(s: str) -> bool:
    return bool(_URL.match(s))


def _resolve(value: str, info: ValidationInfo) -> str:
    """A path relative to the config file's folder (``info.context["base"]``); URLs stay as they are."""
    base = (info.context or {}).get("base")
    if base is None or _is_url(value):
        return value
    q = Path(value).expanduser()
    return str(q if q.is_absolute() else Path(base) / q)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class PipelineSettings(_Model):
    """Every setting a pipeline stage reads."""

    title: StrictStr = Field(DEFAULT_TITLE, min_length=1)
    # ingest
    strict: StrictBool = False  # any bad input fails the run
    max_file_bytes: StrictInt = Field(25 * 1024 * 1024, ge=1)
    fetch_timeout: float = Field(15.0, gt=0)
    # where the per-document parse runs: a Dask scheduler address, or a local cluster of N workers
    dask: Optional[StrictStr] = None
    workers: Optional[StrictInt] = None
    parse_processes: Optional[StrictInt] = None  # local parse: None -> every core for a large corpus (brief/parallel.py)
    # themes
    max_themes: StrictInt = Field(8, ge=1)
    # summarizer: "auto" (seq2seq when a model loads, else extractive), "seq2seq", "extractive"
    summarizer: SummarizerKind = "auto"
    model: Optional[StrictStr] = None  # hub id or local folder; None -> summarize.DEFAULT_MODEL if cached
    device: Optional[StrictStr] = None  # None -> cuda when available, else cpu
    # sentence embedder: None -> the bundled all-MiniLM-L6-v2; a folder, a cached hub id, or "lexical"
    embedder: Optional[StrictStr] = None
    summary_sentences: StrictInt = Field(5, ge=1)  # per theme: room for a story's figures, names, dates and outcome
    key_points: StrictInt = Field(5, ge=1)
    # render
    handling: StrictStr = DEFAULT_HANDLING

    @field_validator("title", "device")
    @classmethod
    def _not_blank(cls, v: str | None) -> str | None:
        if v is not None and not v.strip():
            raise ValueError("must not be empty")
        return v

    @field_validator("fetch_timeout", mode="before")
    @classmethod
    def _seconds(cls, v: Any) -> Any:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
            raise ValueError(f"expected a positive number of seconds, got {v!r}")
        return float(v)

    @field_validator("model", "embedder")
    @classmethod
    def _local_model(cls, v: str | None, info: ValidationInfo) -> str | None:
        base = (info.context or {}).get("base")
        if v is not None and base is not None and (v.startswith((".", "/", "~")) or (Path(base) / Path(v).expanduser()).exists()):
            return _resolve(v, info)
        return v


BriefConfig = PipelineSettings  # the name every stage and the Python API have always used


class WeeklySettings(_Model):
    """What the weekly job adds to the pipeline's settings."""

    sources: list[StrictStr] = Field(default_factory=list)  # folders, globs, feed files, URLs
    output_dir: Path = Path("out")
    window_days: StrictInt = Field(7, ge=1, le=366)
    timezone: StrictStr = "UTC"
    formats: list[StrictStr] = Field(default_factory=lambda: ["pdf", "json"])  # json is always written
    state_file: Optional[Path] = None  # None -> <output_dir>/.brief-weekly-state.json

    @field_validator("sources", mode="before")
    @classmethod
    def _sources(cls, v: Any, info: ValidationInfo) -> Any:
        items = [v] if isinstance(v, str) else v
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise ValueError(f"expected a string or an array of strings, got {_typename(v)}")
        if info.context is not None and (not items or not all(x.strip() for x in items)):
            raise ValueError("needs at least one non-empty source (folder, glob, feed file or URL)")
        return [_resolve(x.strip(), info) for x in items]

    @field_validator("output_dir", "state_file", mode="before")
    @classmethod
    def _path(cls, v: Any, info: ValidationInfo) -> Any:
        if isinstance(v, Path) or v is None:
            return v
        if not isinstance(v, str) or not v.strip():
            raise ValueError(f"expected a non-empty path string, got {_typename(v) if not isinstance(v, str) else 'an empty string'}")
        return Path(_resolve(v, info))

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, v: str) -> str:
        try:
            zoneinfo.ZoneInfo(v)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {v!r} (use an IANA name such as 'Europe/Paris' or 'UTC')") from None
        return v

    @field_validator("formats", mode="before")
    @classmethod
    def _formats(cls, v: Any) -> Any:
        items = [v] if isinstance(v, str) else v
        if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
            raise ValueError(f"expected an array of strings, got {_typename(v)}")
        wrong = [x for x in items if x.lower() not in OUTPUT_FORMATS]
        if wrong:
            raise ValueError(f"unknown format {wrong[0]!r}; choose from {', '.join(OUTPUT_FORMATS)}")
        fmts = list(dict.fromkeys(x.lower() for x in items))
        return fmts if "json" in fmts else [*fmts, "json"]  # the weekly job compares against last week's JSON


class Settings(_Model):
    """One ``brief.toml``: the pipeline's settings, the weekly job's, and the file they came from."""

    pipeline: PipelineSettings = Field(default_factory=PipelineSettings)
    weekly: WeeklySettings = Field(default_factory=WeeklySettings)
    config_path: Optional[Path] = None


# -- brief.toml ---------------------------------------------------------------

# keys a brief.toml may set: the fields of both models, less the parse placement (command-line only)
_CLI_ONLY = frozenset({"dask", "workers", "parse_processes"})
_ALIASES = {"window": "window_days"}
_TOML_KEYS = sorted({*(set(PipelineSettings.model_fields) - _CLI_ONLY), *WeeklySettings.model_fields, *_ALIASES})


def _typename(v: object) -> str:
    names = {dict: "a table", list: "an array", str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    return names.get(type(v), type(v).__name__)


def _key_line(text: str, key: str) -> int | None:
    """1-based line where ``key = ...`` is written (for error messages), if found."""
    k = re.escape(key)
    pat = re.compile(r'^\s*(?:(?:"%s"|\'%s\'|%s)\s*=|\[\[?\s*%s\s*[\].])' % (k, k, k, k))
    for i, line in enumerate(text.splitlines(), start=1):
        if pat.match(line):
            return i
    return None


def _problem(err: dict[str, Any]) -> str:
    """One pydantic error as the short phrase a user reads."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "int_type":
        return f"expected a whole number, got {_typename(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, got {value}"
    if kind == "less_than_equal":
        return f"window of {value} days is longer than a year" if err["loc"][0] == "window_days" else f"must be at most {ctx.get('le')}"
    if kind == "bool_type":
        return f"expected true or false, got {_typename(value)}"
    if kind == "string_type":
        return f"expected a string, got {_typename(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"{value!r} is not one of {', '.join(SUMMARIZERS)}"
    return err["msg"]


def load_config(path: str | Path) -> Settings:
    """Read and validate a ``brief.toml``; raise :class:`brief.errors.ConfigError` naming the key and line.

    Relative paths (sources, output_dir, state_file, a local model folder)
    resolve against the config file's folder; URLs are kept as they are.
    """
    import difflib
    import tomllib

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

    def bad(key: str, problem: str) -> ConfigError:
        line = _key_line(text, key)
        return ConfigError(f"{path}:{line}: {key}: {problem}" if line else f"{path}: {key}: {problem}")

    written: dict[str, str] = {}  # field -> the key as the file spells it
    parts: dict[str, dict[str, Any]] = {"pipeline": {}, "weekly": {}}
    for key, value in data.items():
        if key not in _TOML_KEYS:
            hint = difflib.get_close_matches(key, _TOML_KEYS, n=1)
            raise bad(key, "unknown key" + (f" (did you mean {hint[0]!r}?)" if hint else "") + f"; known keys: {', '.join(_TOML_KEYS)}")
        name = _ALIASES.get(key, key)
        written[name] = key
        parts["weekly" if name in WeeklySettings.model_fields else "pipeline"][name] = value
    parts["weekly"].setdefault("output_dir", "out")
    context = {"base": base}
    try:
        return Settings(
            pipeline=PipelineSettings.model_validate(parts["pipeline"], context=context),
            weekly=WeeklySettings.model_validate(parts["weekly"], context=context),
            config_path=path.resolve(),
        )
    except ValidationError as e:
        err = e.errors(include_url=False)[0]
        name = str(err["loc"][0]) if err["loc"] else "?"
        raise bad(written.get(name, name), _problem(err)) from None


__all__ = ["BriefConfig", "PipelineSettings", "WeeklySettings", "Settings", "load_config", "SUMMARIZERS", "OUTPUT_FORMATS",
           "DEFAULT_TITLE", "DEFAULT_HANDLING"]
