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
    # themes
    max_themes: int = 8
    # summarizer: "auto" (seq2seq when a model loads, else extractive), "seq2seq", "extractive"
    summarizer: str = "auto"
    model: str | None = None  # hub id or local folder; None -> summarize.DEFAULT_MODEL if cached
    device: str | None = None  # None -> cuda when available, else cpu
    summary_sentences: int = 4
    key_points: int = 5
    # render
    handling: str = DEFAULT_HANDLING
    # weekly
    window_days: int = 7
    timezone: str = "UTC"
