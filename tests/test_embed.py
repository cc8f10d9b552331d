"""Sentence embedder: loading, mean pooling, batching, the hash check, the lexical fallback.

A tiny random BERT is built in the test (tests/tinybert.py); one test uses the real
all-MiniLM-L6-v2 when its wheel is installed and skips otherwise.
"""

from __future__ import annotations

import zipfile

import numpy as np
import pytest

from brief.config import BriefConfig
from brief.embed import (DEFAULT_SHA256, EmbedderError, LexicalEmbedder, clear_cache, default_model_folder,
                         get_embedder)
from conftest import minilm_installed


@pytest.fixture(scope="module")
def tiny_bert(tmp_path_factory):
    from tests.tinybert import build_tiny_bert

    return build_tiny_bert(tmp_path_factory.mktemp("tinybert"))


def test_folder_model_loads_and_vectors_are_unit_length(tiny_bert):
    clear_cache()
    emb = get_embedder(BriefConfig(embedder=str(tiny_bert)))
    assert emb.kind == "model" and emb.notice is None and emb.name == str(tiny_bert)
    v = emb.encode(["The minister met with officials on Monday.", "Rescue teams reported flood relief."])
    assert v.shape == (2, 32) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)


def test_padding_in_a_batch_does_not_change_a_vector(tiny_bert):
    # mean pooling must ignore the padding a longer sentence in the same batch forces on a short one
    emb = get_embedder(BriefConfig(embedder=str(tiny_bert)))
    short, long = "Officials met.", "The council postponed the ceasefire talks after the meeting on Friday, 40 people said."
    together = emb.encode([short, long])
    alone = np.vstack([emb.encode([short]), emb.encode([long])])
    assert np.allclose(together, alone, atol=1e-5)


def test_loaded_once_per_process(tiny_bert):
    cfg = BriefConfig(embedder=str(tiny_bert))
    assert get_embedder(cfg) is get_embedder(BriefConfig(embedder=str(tiny_bert)))


def test_missing_model_falls_back_to_lexical_with_one_notice(tmp_path):
    emb = get_embedder(BriefConfig(embedder=str(tmp_path / "no-such-model")))
    assert emb.kind == "lexical"
    assert "no-such-model" in emb.notice and "lexical" in emb.notice and "\n" not in emb.notice


def test_lexical_similarity_follows_shared_words():
    v = LexicalEmbedder().encode(["Floods closed the northern railway line.", "The northern railway line closed after floods.",
                                  "The central bank raised interest rates."])
    assert v[0] @ v[1] > 0.8 and v[0] @ v[2] < 0.2


def test_weights_with_the_wrong_hash_are_refused(tmp_path):
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("config.json", "{}")
        z.writestr("model.safetensors", b"not the published weights")
    with pytest.raises(EmbedderError, match="sha256"):
        default_model_folder(archive, tmp_path / "unpacked")


def test_archive_member_leaving_the_folder_is_refused(tmp_path):
    archive = tmp_path / "model.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("../evil.txt", "x")
    with pytest.raises(EmbedderError, match="unsafe"):
        default_model_folder(archive, tmp_path / "unpacked")
    assert not (tmp_path / "evil.txt").exists()



@pytest.mark.skipif(not minilm_installed(), reason="all-MiniLM-L6-v2 wheel not installed")
def test_real_minilm_puts_paraphrases_closer_than_unrelated_sentences():
    clear_cache()
    emb = get_embedder(BriefConfig())
    assert emb.kind == "model" and emb.name == "all-MiniLM-L6-v2", emb.notice
    v = emb.encode(["A cargo plane with eleven crew on board crashed near the harbour.",
                    "Eleven crew members died when their freight aircraft went down by the port.",
                    "The orchestra announced its new season of concerts."])
    assert v.shape[1] == 384
    assert v[0] @ v[1] > 0.5 > v[0] @ v[2]
    folder = default_model_folder()
    from brief.embed import sha256_of

    assert sha256_of(folder / "model.safetensors") == DEFAULT_SHA256


def test_a_plain_bert_runs_without_transformers_and_gives_the_same_vectors(tiny_bert):
    from transformers import AutoModel, AutoTokenizer

    from brief.embed import ModelEmbedder, TorchBertEmbedder
    from brief.embed.bert import load

    clear_cache()
    emb = get_embedder(BriefConfig(embedder=str(tiny_bert)))
    assert isinstance(emb, TorchBertEmbedder)
    model = AutoModel.from_pretrained(str(tiny_bert))
    model.eval()
    reference = ModelEmbedder("reference", model, AutoTokenizer.from_pretrained(str(tiny_bert)))
    texts = ["Officials met.", "The council postponed the ceasefire talks after the meeting on Friday, 40 people said.",
             "word " * 200, ""]
    assert np.array_equal(emb.encode(texts), reference.encode(texts))
    (tiny_bert / "tokenizer.json").rename(tiny_bert / "tokenizer.json.off")
    try:
        assert load(tiny_bert) is None  # no tokenizer.json: transformers loads it
    finally:
        (tiny_bert / "tokenizer.json.off").rename(tiny_bert / "tokenizer.json")
