"""A tiny seq2seq model built offline in a few seconds, for tests and the benchmark.

``build_tiny_model(folder)`` trains a small byte-level BPE tokenizer with
``tokenizers`` on our own news-like text, initialises a BART (or T5) with a
few small layers, and saves both with ``save_pretrained`` -- a folder that
``AutoTokenizer`` / ``AutoModelForSeq2SeqLM.from_pretrained`` load like any
hub model.  The weights are random: it generates fluent-looking nonsense,
which is exactly what the faithfulness gate must reject.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

_ACTORS = ["The minister", "Officials", "The council", "Rescue teams", "The governor", "Analysts", "The agency", "Negotiators"]
_VERBS = ["met with", "announced", "rejected", "discussed", "reported", "approved", "warned about", "postponed"]
_OBJECTS = ["a new agreement", "the border crossing", "emergency funding", "the ceasefire talks", "flood relief",
            "the trade dispute", "a security plan", "the election results"]
_WHEN = ["on Monday", "on Tuesday", "last week", "in March", "after the meeting", "late on Friday", "in 2021", "this month"]


def corpus_text(n: int = 400, seed: int = 7) -> list[str]:
    """Our own generated news-like sentences (never the seed corpus)."""
    rnd = random.Random(seed)
    return [
        f"{rnd.choice(_ACTORS)} {rnd.choice(_VERBS)} {rnd.choice(_OBJECTS)} {rnd.choice(_WHEN)}, "
        f"{rnd.randint(2, 900)} people said."
        for _ in range(n)
    ]


def build_tiny_model(folder: str | Path, *, arch: str = "bart", d_model: int = 48, layers: int = 2,
                     vocab_size: int = 800, texts: Iterable[str] | None = None, seed: int = 0,
                     heads: int = 2, ffn: int | None = None, max_positions: int = 256) -> Path:
    """Save a randomly initialised seq2seq model + tokenizer in ``folder``.

    The defaults make a tiny model (a few seconds to build); the benchmark passes
    real-size dimensions (e.g. d_model=768, layers=12, heads=12, ffn=3072).
    """
    ffn = ffn or 2 * d_model
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specials = ["<pad>", "<s>", "</s>", "<unk>"]
    tok = Tokenizer(models.BPE(unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=True)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=specials,
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False)
    tok.train_from_iterator(list(texts) if texts is not None else corpus_text(), trainer)
    if arch == "bart":
        tok.post_processor = processors.TemplateProcessing(
            single="<s> $A </s>", pair="<s> $A </s> $B </s>", special_tokens=[("<s>", 1), ("</s>", 2)])
    else:
        tok.post_processor = processors.TemplateProcessing(
            single="$A </s>", pair="$A </s> $B </s>", special_tokens=[("</s>", 2)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   unk_token="<unk>", model_max_length=max_positions)
    fast.save_pretrained(folder)

    torch.manual_seed(seed)
    if arch == "bart":
        from transformers import BartConfig, BartForConditionalGeneration

        cfg = BartConfig(vocab_size=len(fast), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
                         encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn,
                         decoder_ffn_dim=ffn, max_position_embeddings=max_positions, pad_token_id=0, bos_token_id=1,
                         eos_token_id=2, decoder_start_token_id=2, forced_eos_token_id=2)
        model = BartForConditionalGeneration(cfg)
    elif arch == "t5":
        from transformers import T5Config, T5ForConditionalGeneration

        cfg = T5Config(vocab_size=len(fast), d_model=d_model, d_kv=d_model // heads, d_ff=ffn, num_layers=layers,
                       num_decoder_layers=layers, num_heads=heads, pad_token_id=0, eos_token_id=2,
                       decoder_start_token_id=0, n_positions=max_positions)
        model = T5ForConditionalGeneration(cfg)
    else:
        raise ValueError(f"unknown arch {arch!r}")
    model.save_pretrained(folder)
    return folder
