"""The brief on real news it was not written for must not get worse.

Builds a brief of each corpus named by ``../shared/gold/*.json`` (the seeds and the two
dev corpora: real scraped articles with their noise), scores it with the shared scorer
``../shared/eval/score.py`` (run unchanged, as ``make eval`` does) and fails when any
metric falls below its floor.  The floors are what the code reached when they were last
set; raise them when the brief gets better.  One brief per corpus is one sample (a fact
more or less when one sentence choice changes), so a floor moves down only with a change
that ``make eval EVAL=loo`` -- every corpus built without each of its files, pooled --
shows better as a whole, and the commit says which single-brief figures fell.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import SHARED

# metric -> floor (higher is better) per corpus; "x/y" metrics compare the numerator
FLOORS: dict[str, dict[str, float]] = {
    "seeds": {
        "gold_themes_matched": 5, "labels_naming_story": 4, "facts_recalled_pct": 61.5, "discrepancies_flagged": 1,
        "outlets_found": 3, "cited_pct": 100.0, "supported_pct": 97.0,
    },
    "grain-deal": {
        "gold_themes_matched": 4, "labels_naming_story": 3, "facts_recalled_pct": 55.9, "discrepancies_flagged": 3,
        "cited_pct": 100.0, "supported_pct": 97.2,
    },
    "israel-russia": {
        "gold_themes_matched": 6, "labels_naming_story": 4, "facts_recalled_pct": 61.3, "discrepancies_flagged": 2,
        "cited_pct": 100.0, "supported_pct": 94.6,
    },
}
# metric -> ceiling (lower is better) per corpus; discrepancies_reported: the gold ones plus at most 3 false
CEILINGS: dict[str, dict[str, float]] = {
    "seeds": {"noise_leaks": 0, "false_pub_dates": 0, "bad_citation_refs": 0, "label_pairs_sharing_word": 0,
              "other_share_pct": 0.0, "discrepancies_reported": 4},
    "grain-deal": {"noise_leaks": 0, "false_pub_dates": 0, "bad_citation_refs": 0, "label_pairs_sharing_word": 0,
                   "other_share_pct": 0.0, "discrepancies_reported": 7},
    "israel-russia": {"noise_leaks": 0, "false_pub_dates": 0, "bad_citation_refs": 0, "label_pairs_sharing_word": 0,
                      "other_share_pct": 0.0, "discrepancies_reported": 6},
}


def _corpus(name: str):
    gold = SHARED / "gold" / f"{name}.json"
    if not gold.is_file() or not (SHARED / "eval" / "score.py").is_file():
        pytest.skip(f"{gold} or the shared scorer is not available")
    folder = SHARED / json.loads(gold.read_text(encoding="utf-8"))["corpus"]
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    return gold, folder


def _number(value: str) -> float:
    return float(value.split("/", 1)[0])


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request, tmp_path_factory):
    from brief import BriefConfig, build_brief

    name = request.param
    gold, folder = _corpus(name)
    if name == "seeds":
        brief = request.getfixturevalue("seeds_brief")
    else:
        brief = build_brief([folder], config=BriefConfig(summarizer="extractive"))
    out = tmp_path_factory.mktemp("dev") / f"{name}.json"
    brief.write(out, "json")
    res = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(out)],
                         capture_output=True, text=True)
    metrics = {}
    for line in res.stdout.splitlines():
        key, sep, value = line.partition(": ")
        if sep and " " not in key:
            metrics[key] = value.strip()
    return name, metrics, res.stdout


def test_no_dev_metric_falls_below_its_floor(scored):
    name, metrics, report = scored
    low = {k: (metrics.get(k), floor) for k, floor in FLOORS[name].items()
           if k not in metrics or _number(metrics[k]) < floor}
    assert not low, f"{name}: metric (value, floor) {low}\n{report}"


def test_no_dev_metric_rises_above_its_ceiling(scored):
    name, metrics, report = scored
    high = {k: (metrics.get(k), ceiling) for k, ceiling in CEILINGS[name].items()
            if k not in metrics or _number(metrics[k]) > ceiling}
    assert not high, f"{name}: metric (value, ceiling) {high}\n{report}"
