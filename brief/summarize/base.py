"""The summarizer interface shared by the extractive and the seq2seq paths."""

from __future__ import annotations

from dataclasses import dataclass

from brief.config import BriefConfig
from brief.model import Document, Event, Statement, Theme


@dataclass
class RunStats:
    """What one ``summarize_themes`` call did (read by ``summarize`` for SummarizerInfo)."""

    generated: int = 0  # generated sentences kept
    gate_replaced: int = 0  # generated sentences the gate dropped or replaced
    generated_tokens: int = 0
    generate_seconds: float = 0.0
    prompts: int = 0


class Summarizer:
    """Turns each theme's events into cited statements."""

    kind = "extractive"
    model_name: str | None = None
    device: str | None = None
    notice: str | None = None  # one line telling the user why this summarizer was chosen

    def __init__(self) -> None:
        self.stats = RunStats()

    def summarize_themes(
        self, themes: list[Theme], events: dict[str, Event], docs: dict[str, Document], config: BriefConfig,
        progress=None,
    ) -> list[list[Statement]]:
        raise NotImplementedError
