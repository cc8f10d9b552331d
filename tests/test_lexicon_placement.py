"""Language data lives in ``brief/lexicon/``: no module elsewhere holds a word list or a
regex with three or more word alternatives.

What counts, read from the source with ``ast`` (the modules are not imported):

* a **word** is a string of letters that reads as natural language: one word or a short
  phrase (``"said"``, ``"Jan"``, ``"according to"``, ``"log-in"``);
* a **word list** is a list, tuple or set literal, the keys of a dict literal whose values are
  all constants (a lookup table), or ``"a b c".split()``, with 3 or more words;
* a **word regex** is a pattern given as a literal (or built of module string constants,
  by ``+`` or an f-string) to a ``re`` function in which one
  alternation (``a|b|c``) has 3 or more branches that are words (parsed with ``re``'s own
  parser, so escapes, classes and nesting are read as ``re`` reads them).

What is not language, by a rule rather than a list:

* the package's own names, string by string: names the module binds (``__all__``, lazy
  import tables, ``__slots__``: names and attributes it assigns), fields of its data model and settings (``brief/model.py``,
  ``brief/report.py``, ``brief/config.py``), the class names (``kind`` column) of the
  lexicon's own ``.tsv`` files; and collections bound to a ``*_KEYS`` name (field names of
  a data format, JSON keys);
* a collection (or alternation) whose words all come from one outside vocabulary: spaCy's
  label scheme (``spacy.glossary`` and the labels of the installed pipeline), HTML element names (``lxml.html.defs``), importable
  top-level module names, transformers' ``model_type`` names, file suffixes ``mimetypes``
  knows.  Such a list names things of that vocabulary; one English word among them makes
  it a word list again.

:data:`ALLOWED` names the few collections these rules cannot tell apart, each with why.
"""

from __future__ import annotations

import ast
import importlib.metadata
import mimetypes
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest

try:
    from re import _parser as sre_parse  # Python >= 3.11
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

PACKAGE = Path(__file__).resolve().parents[1] / "brief"
LEXICON = PACKAGE / "lexicon"
WORD = re.compile(r"[A-Za-z][a-z]*(?:[ '’-]+[A-Za-z]?[a-z]+)*")
MIN_WORDS = 3
RE_FUNCS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"})

# (module, name the collection is bound to): why it is not language data
ALLOWED = {
    ("brief/ingest/paths.py", "_FOLDER_DOCS"): "file-name stems of repository meta files (README, LICENSE), a naming convention",
}


@lru_cache(maxsize=None)
def _vocabularies() -> tuple[frozenset[str], ...]:
    """Outside vocabularies of names (see the module docstring)."""
    import json

    import lxml.html.defs
    import spacy.glossary
    import spacy.util
    from transformers.models.auto.configuration_auto import CONFIG_MAPPING_NAMES

    from brief.nlp import SPACY_MODEL

    meta = json.loads((spacy.util.get_package_path(SPACY_MODEL) / "meta.json").read_text(encoding="utf-8"))
    labels = {k.lower() for k in spacy.glossary.GLOSSARY} | {x.lower() for v in meta["labels"].values() for x in v}
    return (
        frozenset(labels),
        frozenset(t.lower() for t in lxml.html.defs.tags),
        frozenset(sys.stdlib_module_names) | {m.lower() for m in importlib.metadata.packages_distributions()},
        frozenset(CONFIG_MAPPING_NAMES) | {n.replace("_", "-") for n in CONFIG_MAPPING_NAMES},
    )


def _named_things(words: list[str]) -> bool:
    """All ``words`` come from one outside vocabulary (spaCy labels, HTML tags, modules, file suffixes)."""
    low = [w.lower() for w in words]
    if all(mimetypes.guess_type(f"f.{w}")[0] for w in low):
        return True
    return any(all(w in vocab for w in low) for vocab in _vocabularies())


@lru_cache(maxsize=None)
def _identifiers() -> frozenset[str]:
    """The package's own names: fields of its data model and settings, the lexicon's kinds."""
    out: set[str] = set()
    for tsv in LEXICON.rglob("*.tsv"):
        for line in tsv.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#") and "\t" in line:
                out.add(line.split("\t", 1)[0].strip().lower())
    for rel in ("model.py", "report.py", "config.py"):
        tree = ast.parse((PACKAGE / rel).read_text(encoding="utf-8"))
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            out |= {s.target.id.lower() for s in cls.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)}
    return frozenset(out)


def _is_word(s: object, bound: set[str]) -> bool:
    if not isinstance(s, str) or not WORD.fullmatch(s) or s in bound:
        return False
    return s.lower() not in _identifiers()


def _bound_names(tree: ast.Module) -> set[str]:
    names = set()
    for n in ast.walk(tree):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(n.name)
        elif isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store):
            names.add(n.id)
        elif isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store):
            names.add(n.attr)  # self.words = ...: "words" in __slots__ names the attribute
        elif isinstance(n, ast.alias):
            names.add((n.asname or n.name).split(".")[0])
    return names


def _literal(node: ast.AST, consts: dict[str, str]) -> str | None:
    """A string constant, a ``+`` or f-string of them, or a module-level name bound to one; a part
    that is not one (a call, another variable) reads as ``x``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return consts.get(node.id)
    if isinstance(node, ast.JoinedStr):  # rf"...{NAME}...": a module constant spliced in
        parts = [_literal(v.value, consts) if isinstance(v, ast.FormattedValue) else _literal(v, consts) for v in node.values]
        return "".join(p if p is not None else "x" for p in parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        a, b = _literal(node.left, consts), _literal(node.right, consts)
        return None if a is None and b is None else (a if a is not None else "x") + (b if b is not None else "x")
    return None


def _branch_text(items: list) -> str | None:
    """The literal text one regex branch matches, when it is only letters, spaces and boundaries."""
    out = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "AT":
            continue
        elif name == "IN" and all(str(o) == "CATEGORY" for o, _ in av):
            out.append(" ")
        elif name == "IN" and all(str(o) == "LITERAL" for o, _ in av) and len({chr(v).lower() for _, v in av}) == 1:
            out.append(chr(av[0][1]))  # [Ss]
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            inner = _branch_text(list(av[2]))
            if inner is None:
                return None
            out.append(inner if inner.strip() else " ")
        elif name == "SUBPATTERN" and not any(str(o) == "BRANCH" for o, _ in av[-1]):
            inner = _branch_text(list(av[-1]))
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    return " ".join("".join(out).split())


def _word_alternatives(pattern: str, bound: set[str]) -> int:
    """The most word branches of any one alternation in ``pattern``."""
    try:
        tree = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - not a regex after all
        return 0
    best = 0
    todo = [list(tree)]
    while todo:
        items = todo.pop()
        for op, av in items:
            name = str(op)
            if name == "BRANCH":
                words = [t for t in (_branch_text(list(b)) for b in av[1]) if t and _is_word(t, bound)]
                best = max(best, 0 if _named_things(words) else len(words))
                todo.extend(list(b) for b in av[1])
            elif name == "SUBPATTERN":
                todo.append(list(av[-1]))
            elif name in ("MAX_REPEAT", "MIN_REPEAT"):
                todo.append(list(av[2]))
            elif name in ("ASSERT", "ASSERT_NOT"):
                todo.append(list(av[1]))
    return best


def _owner_names(tree: ast.Module) -> dict[int, str]:
    """id(node) -> the name a collection is bound to (``X = (...)``, ``X: T = frozenset({...})``)."""
    out = {}
    for n in ast.walk(tree):
        targets = n.targets if isinstance(n, ast.Assign) else [n.target] if isinstance(n, ast.AnnAssign) else []
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if names and n.value is not None:
            for sub in ast.walk(n.value):
                out[id(sub)] = names[0]
    return out


def offenders(source: str, rel: str) -> list[str]:
    """The word lists and word regexes of one module's source (``rel``: its path, for messages)."""
    tree = ast.parse(source)
    bound = _bound_names(tree)
    owner = _owner_names(tree)
    consts = {t.id: n.value.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
              and isinstance(n.value.value, str) for t in n.targets if isinstance(t, ast.Name)}
    found = []
    for node in ast.walk(tree):
        strings: list[object] = []
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            strings = [e.value for e in node.elts if isinstance(e, ast.Constant)]
        elif isinstance(node, ast.Dict) and all(isinstance(v, ast.Constant) for v in node.values):
            strings = [k.value for k in node.keys if isinstance(k, ast.Constant)]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split"
              and not node.args and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str)):
            strings = node.func.value.value.split()
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in RE_FUNCS
              and isinstance(node.func.value, ast.Name) and node.func.value.id in ("re", "_re") and node.args):
            pattern = _literal(node.args[0], consts)
            if pattern is not None and _word_alternatives(pattern, bound) >= MIN_WORDS:
                found.append(f"{rel}:{node.lineno}: regex with {MIN_WORDS}+ word alternatives: {pattern[:70]!r}")
            continue
        name = owner.get(id(node), "")
        if name.endswith("_KEYS") or (rel, name) in ALLOWED:
            continue
        wordlist = [s for s in strings if _is_word(s, bound)]
        if len(wordlist) >= MIN_WORDS and not _named_things(wordlist):
            found.append(f"{rel}:{node.lineno}: word list {name or '(inline)'}: {wordlist[:5]}")
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if LEXICON not in p.parents)


def test_no_module_outside_the_lexicon_holds_language_data():
    found = [f for p in _modules() for f in offenders(p.read_text(encoding="utf-8"), p.relative_to(PACKAGE.parent).as_posix())]
    assert not found, f"{len(found)} word lists / word regexes outside brief/lexicon/:\n" + "\n".join(found)


@pytest.mark.parametrize(
    "source, caught",
    [
        ('X = ("said", "told", "according to")\n', True),
        ('X = {"jan": 1, "feb": 2, "mar": 3}\n', True),
        ('X = "one two three".split()\n', True),
        ('import re\nR = re.compile(r"\\b(?:said|says|told)\\b")\n', True),
        ('import re\nR = re.compile(r"^\\s*(by|written by|posted by)\\b")\n', True),
        ('X = ("said", "told")\n', False),  # two words are not a list
        ('X = ("pdf", "json", "html")\n', False),  # file formats
        ('X = ("nsubj", "dobj", "advcl")\n', False),  # spaCy labels
        ('X = ("div", "span", "table")\n', False),  # HTML elements
        ('X = ("div", "span", "table", "menu", "said")\n', True),  # ... and a word: a word list again
        ('X = ("trafilatura", "htmldate", "justext")\n', False),  # module (logger) names
        ('TITLE_KEYS = ("headline", "heading", "caption")\n', False),  # field names of a format
        ('def f(d): return {"said": d.a, "told": d.b, "asked": d.c}\n', False),  # a record, not a table
        ('__all__ = ["alpha", "beta", "gamma"]\ndef alpha(): pass\ndef beta(): pass\ndef gamma(): pass\n', False),
        ('class C:\n    __slots__ = ("head", "tail", "words")\n    def __init__(self):\n        self.head = self.tail = self.words = 0\n', False),
        ('import re\nR = re.compile(r"\\d+|\\w+|https?://")\n', False),  # no word alternatives
    ],
)
def test_the_rule_on_written_examples(source, caught):
    found = offenders(source, "brief/example.py")
    assert bool(found) is caught, found
