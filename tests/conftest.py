"""Shared test fixtures.  The seed corpus is read from ../shared at test time, never copied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SCHEMA = SHARED / "schema" / "brief.schema.json"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/corpus/seeds is not available")
    return SEEDS


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def brief_schema() -> dict:
    if not SCHEMA.is_file():
        pytest.skip("../shared/schema/brief.schema.json is not available")
    return json.loads(SCHEMA.read_text())


@pytest.fixture(scope="session")
def seeds_brief(seeds_dir):
    """The brief built from the seeds with the default (extractive) path, built once per session."""
    from brief import BriefConfig, build_brief

    return build_brief([seeds_dir], config=BriefConfig(summarizer="extractive"))


@pytest.fixture(scope="session")
def examples_brief(examples_dir):
    from brief import BriefConfig, build_brief

    return build_brief([examples_dir], config=BriefConfig(summarizer="extractive"))


@pytest.fixture()
def listener(monkeypatch):
    """An HTTP listener on 127.0.0.1 that records every request (tests/hostile_helpers.py)."""
    from hostile_helpers import Listener

    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)  # the listener is reached directly
    srv = Listener()
    yield srv
    srv.close()


def minilm_installed() -> bool:
    """Whether the all-MiniLM-L6-v2 wheel (the default embedder's data) is installed."""
    from importlib import metadata

    from brief.embed import DEFAULT_DIST

    try:
        metadata.distribution(DEFAULT_DIST)
        return True
    except metadata.PackageNotFoundError:
        return False
