"""A tiny BERT encoder built offline in a second, for the sentence-embedding tests.

``build_tiny_bert(folder)`` trains a WordPiece tokenizer with ``tokenizers`` on our own
news-like text (tests/tinymodel.py's generator), initialises a 2-layer ``BertModel`` and
saves both with ``save_pretrained``: a folder ``AutoTokenizer`` / ``AutoModel`` load like
all-MiniLM-L6-v2.  The weights are random: good for testing loading, pooling and batching,
not for judging meaning.
"""

from __future__ import annotations

from pathlib import Path

from tests.tinymodel import corpus_text


def build_tiny_bert(folder: str | Path, *, hidden: int = 32, layers: int = 2, vocab_size: int = 400,
                    seed: int = 0) -> Path:
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertModel, PreTrainedTokenizerFast

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tok = Tokenizer(models.WordPiece(unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.train_from_iterator(corpus_text(), trainers.WordPieceTrainer(vocab_size=vocab_size, special_tokens=specials,
                                                                     show_progress=False))
    cls, sep = tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")
    tok.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B [SEP]",
                                                       special_tokens=[("[CLS]", cls), ("[SEP]", sep)])
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
                                   sep_token="[SEP]", mask_token="[MASK]", model_max_length=128)
    fast.save_pretrained(folder)
    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=len(fast), hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=2,
                     intermediate_size=2 * hidden, max_position_embeddings=128, pad_token_id=0)
    BertModel(cfg).save_pretrained(folder)
    return folder
