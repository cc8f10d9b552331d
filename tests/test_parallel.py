"""Parsing on a Dask cluster gives the same brief as parsing here, and survives a lost worker.

A LocalCluster of two worker processes stands in for a real cluster: the client sends
text, the workers send back DocBin bytes (brief/parallel.py).
"""

from __future__ import annotations

import json
import os
import signal

import pytest

distributed = pytest.importorskip("distributed")

from brief import BriefConfig, build_brief  # noqa: E402
from brief.parallel import DaskParser, local_parser  # noqa: E402


def _comparable(brief) -> dict:
    data = json.loads(json.dumps(brief.to_dict()))
    data.pop("generated_at")
    data.pop("meta")  # timings, and the settings that name the cluster
    return data


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c, distributed.Client(c) as client:
        yield c, client


def test_a_cluster_build_is_the_local_build(examples_dir):
    local = build_brief([examples_dir], config=BriefConfig(summarizer="extractive"))
    on_cluster = build_brief([examples_dir], config=BriefConfig(summarizer="extractive", workers=2))
    assert _comparable(on_cluster) == _comparable(local)
    assert on_cluster.meta["settings"]["config"]["workers"] == 2


def _texts(n: int) -> list[str]:
    return [f"Mayor Ilse Varga of Orlo met {n - i} union leaders in Selva on Monday, the council said. "
            f"Talks on the bridge at Karvik resume on Friday." for i in range(n)]


def test_a_worker_lost_mid_run_loses_no_document(cluster):
    _, client = cluster
    texts = _texts(60)
    expected = [[(t.text, t.dep_, t.head.i, t.ent_type_) for t in d] for d in local_parser(texts)]
    pids = sorted(client.run(os.getpid).values())
    got, killed = [], False
    for doc in DaskParser(client, chunk_docs=3)(texts):
        got.append([(t.text, t.dep_, t.head.i, t.ent_type_) for t in doc])
        if not killed:  # after the first chunk: the other chunks are queued, running or held by workers
            os.kill(pids[0], signal.SIGKILL)
            killed = True
    assert killed and got == expected


def test_progress_counts_documents(cluster):
    _, client = cluster
    seen = []
    docs = list(DaskParser(client, chunk_docs=4)(_texts(10), lambda stage, done, total: seen.append((stage, done, total))))
    assert len(docs) == 10
    assert seen[0] == ("parse", 0, 10) and seen[-1] == ("parse", 10, 10)
    assert [d for _, d, _ in seen] == sorted(d for _, d, _ in seen)


def test_a_local_parse_in_two_processes_is_the_one_process_parse():
    from brief.parallel import local_processes

    texts = _texts(12)
    one = [[(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in d] for d in local_parser(texts, processes=1)]
    two = [[(t.text, t.dep_, t.head.i, t.ent_type_, t.lemma_) for t in d] for d in local_parser(texts, processes=2)]
    assert one == two
    assert local_processes(10) == 1 and local_processes(10, 3) == 3
