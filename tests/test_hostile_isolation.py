"""Hostile input, isolation: no single bad file kills the run; each gives one line naming it."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli import app
from brief.config import BriefConfig
from brief.errors import InputError
from brief.isolation import per_document
from brief.model import Document, InputProblem
from brief.render import render_bytes
from hostile_helpers import GOOD_ARTICLE, SECOND_ARTICLE, problem_for, read

GOOD_TITLE = "Ferry service resumes after storm"


def _good(folder: Path) -> Path:
    p = folder / "good.md"
    p.write_text(GOOD_ARTICLE, encoding="utf-8")
    return p


def _titles(docs) -> list[str]:
    return [d.title for d in docs]


def test_deep_json_is_one_line(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000)
    docs, problems = read([deep, _good(tmp_path)])
    assert _titles(docs) == [GOOD_TITLE]
    assert "nested too deeply" in problem_for(problems, deep).message


def test_deep_jsonl_line_leaves_the_other_lines(tmp_path: Path) -> None:
    f = tmp_path / "mixed.jsonl"
    good = {"title": "Pier reopens", "text": "The pier reopened on Friday after repairs, the harbour board said."}
    f.write_text(json.dumps(good) + "\n" + '{"text": ' * 3000 + '"x"' + "}" * 3000 + "\n", encoding="utf-8")
    docs, problems = read([f])
    assert _titles(docs) == ["Pier reopens"]
    msg = problem_for(problems, f).message
    assert "line 2" in msg and "nested too deeply" in msg


def test_json_brackets_inside_strings_do_not_count_as_depth(tmp_path: Path) -> None:
    f = tmp_path / "brackets.json"
    f.write_text(json.dumps({"title": "Brackets", "text": "[" * 500 + " quoted \" text " + "{" * 500}))
    docs, problems = read([f])
    assert _titles(docs) == ["Brackets"] and problems == []


def test_deep_xml_feed_is_read(tmp_path: Path) -> None:
    f = tmp_path / "deep.xml"
    f.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>Deep</title>' + "<x>" * 20000
                 + "</x>" * 20000 + "<item><title>Lock gates repaired</title><description>The lock gates "
                 "reopened on Monday.</description></item></channel></rss>", encoding="utf-8")
    docs, problems = read([f, _good(tmp_path)])
    assert _titles(docs) == ["Lock gates repaired", GOOD_TITLE], problems


def test_deep_yaml_front_matter_is_one_line(tmp_path: Path) -> None:
    f = tmp_path / "deep.md"
    f.write_text("---\ntitle: Deep\nkey: " + "[" * 3000 + "]" * 3000 + "\n---\nThe body of the article.\n")
    docs, problems = read([f, _good(tmp_path)])
    assert _titles(docs) == [GOOD_TITLE]
    assert "front matter" in problem_for(problems, f).message


def test_yaml_alias_bomb_is_refused(tmp_path: Path) -> None:
    levels = ["a: &a [" + ", ".join(['"ha"'] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    f = tmp_path / "bomb.md"
    f.write_text("---\ntitle: Bomb\n" + "\n".join(levels) + "\n---\nThe body of the article.\n")
    docs, problems = read([f, _good(tmp_path)])
    assert _titles(docs) == [GOOD_TITLE]
    assert "aliases" in problem_for(problems, f).message


def test_a_few_yaml_aliases_are_fine(tmp_path: Path) -> None:
    f = tmp_path / "alias.md"
    f.write_text("---\ntitle: Harbour lights\ntags: &t [harbour, lights]\nalso: *t\n---\nThe lights came back on.\n")
    docs, problems = read([f])
    assert _titles(docs) == ["Harbour lights"] and problems == []


@pytest.mark.parametrize("value", ["2021-02-30", "0000-00-00", "9999-12-31", "0001-01-01", "2021-06-01 25:61:00",
                                   "1850-01-01", "3000-01-01T00:00:00Z"])
def test_bad_front_matter_date_is_unknown_with_a_note(tmp_path: Path, value: str) -> None:
    f = tmp_path / "dated.md"
    f.write_text(f"---\ntitle: Dated article\ndate: {value}\n---\nThe council met yesterday and agreed the plan.\n")
    docs, problems = read([f, _good(tmp_path)])
    assert _titles(docs) == ["Dated article", GOOD_TITLE]
    day = docs[0].published
    assert day is None or dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31)
    if day is None:
        p = problem_for(problems, f)
        assert p.note and "treated as unknown" in p.message


def test_bad_dates_do_not_break_a_run(tmp_path: Path) -> None:
    from brief.pipeline import run

    for i, value in enumerate(["9999-12-31", "0001-01-01", "2021-02-30"]):
        (tmp_path / f"d{i}.md").write_text(f"---\ntitle: Dated {i}\ndate: {value}\n---\n"
                                           f"The council met yesterday, {i + 2} days after the storm, and agreed a plan.\n")
    _good(tmp_path)
    brief = run([str(tmp_path)], BriefConfig(summarizer="extractive"))
    assert GOOD_TITLE in _titles(brief.documents)
    assert brief.period_start == dt.date(2024, 5, 14)


def test_lone_surrogate_is_replaced_with_a_note(tmp_path: Path) -> None:
    f = tmp_path / "surrogate.json"
    f.write_text('{"title": "Odd \\ud800 title", "text": "Text with a lone \\udfff surrogate and a \\u0007 bell. '
                 'The harbour reopened on Monday."}')
    docs, problems = read([f])
    assert docs[0].title == "Odd \ufffd title"
    assert "\ufffd surrogate" in docs[0].text and "\x07" not in docs[0].text
    p = problem_for(problems, f)
    assert p.note and "replaced 3 characters" in p.message
    json.dumps(docs[0].title, ensure_ascii=False).encode("utf-8")  # writable


def test_lone_surrogate_run_writes_every_format(tmp_path: Path) -> None:
    from brief.pipeline import run

    f = tmp_path / "surrogate.jsonl"
    f.write_text(json.dumps({"title": "Pier \ud800 reopens", "text": "The pier \udfff reopened on Friday after "
                             "six weeks of repairs, the harbour board said."}, ensure_ascii=True) + "\n")
    brief = run([str(f), str(_good(tmp_path))], BriefConfig(summarizer="extractive"))
    for fmt in ("json", "md", "html"):
        assert render_bytes(brief, fmt)


def test_symlink_loop_in_a_folder_is_one_line(tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "a.md").symlink_to("b.md")
    (tmp_path / "b.md").symlink_to("a.md")
    (tmp_path / "gone.txt").symlink_to("missing.txt")
    docs, problems = read([tmp_path])
    assert _titles(docs) == [GOOD_TITLE]
    assert problem_for(problems, tmp_path / "loop.txt").message == "symbolic link loop"
    assert problem_for(problems, tmp_path / "a.md").message == "symbolic link loop"
    assert "broken symbolic link" in problem_for(problems, tmp_path / "gone.txt").message


def test_symlink_loop_named_directly_and_by_glob(tmp_path: Path) -> None:
    good = _good(tmp_path)
    loop = tmp_path / "loop.md"
    loop.symlink_to("loop.md")
    docs, problems = read([loop, good])
    assert _titles(docs) == [GOOD_TITLE]
    assert problem_for(problems, loop).message == "symbolic link loop"
    docs, problems = read([str(tmp_path / "*.md")])
    assert _titles(docs) == [GOOD_TITLE]
    assert problem_for(problems, loop).message == "symbolic link loop"


def test_directory_loop_is_walked_once(tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "again").symlink_to(tmp_path)
    docs, problems = read([tmp_path])
    assert _titles(docs) == [GOOD_TITLE]


def test_recursive_glob_does_not_follow_folder_links(tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "x").symlink_to(".")
    (tmp_path / "y").symlink_to(".")  # followed, two links give 2**depth paths
    docs, problems = read([str(tmp_path / "**" / "*.md")])
    assert _titles(docs) == [GOOD_TITLE] and problems == []


def test_pipe_in_a_folder_is_not_read(tmp_path: Path) -> None:
    _good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    docs, problems = read([tmp_path])
    assert _titles(docs) == [GOOD_TITLE]
    assert "not a regular file" in problem_for(problems, tmp_path / "pipe.txt").message


def test_unreadable_file_and_folder_are_reported() -> None:
    import shutil
    import tempfile

    top = Path(tempfile.mkdtemp(prefix="brief-unreadable-"))
    top.chmod(0o755)
    _good(top)
    locked = top / "locked.md"
    locked.write_text(SECOND_ARTICLE)
    locked.chmod(0)
    closed = top / "closed"
    closed.mkdir()
    (closed / "inside.md").write_text(SECOND_ARTICLE)
    closed.chmod(0)
    read([top / "good.md"])  # every module this needs is imported before permissions drop
    as_root = os.geteuid() == 0
    try:
        if as_root:  # root reads anything: check as an unprivileged user
            os.setegid(65534)
            os.seteuid(65534)
        docs, problems = read([top])
    finally:
        if as_root:
            os.seteuid(0)
            os.setegid(0)
        closed.chmod(0o755)
        locked.chmod(0o644)
        shutil.rmtree(top)
    assert _titles(docs) == [GOOD_TITLE]
    assert "Permission denied" in problem_for(problems, locked).message
    assert "cannot read folder" in problem_for(problems, closed).message


def test_file_name_with_invalid_utf8_is_printable(tmp_path: Path) -> None:
    _good(tmp_path)
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(b"")
    docs, problems = read([tmp_path])
    assert _titles(docs) == [GOOD_TITLE]
    assert len(problems) == 1 and problems[0].path.endswith("caf\ufffd.txt")
    problems[0].path.encode("utf-8")


def test_inspect_lists_the_rest(tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000)
    with open(os.fsencode(str(tmp_path)) + b"/bad\xff[red]name.txt", "wb") as f:
        f.write(b"\x00\x01\x02 binary")
    r = CliRunner().invoke(app, ["inspect", str(tmp_path)], env={"COLUMNS": "200"})
    assert r.exit_code == 0, r.output
    assert "Ferry service resumes" in r.output and "Traceback" not in r.output
    assert "symbolic link loop" in r.output and "nested too deeply" in r.output
    assert "bad\ufffd[red]name.txt: binary file" in r.output  # shown, not taken for markup


def test_strict_fails_cleanly_and_writes_nothing(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    _good(src)
    (src / "deep.json").write_text("[" * 5000 + "]" * 5000)
    out = tmp_path / "out" / "brief.json"
    r = CliRunner().invoke(app, ["build", str(src), "-o", str(out), "-q", "--strict", "--summarizer", "extractive"])
    assert r.exit_code == 1
    assert "deep.json: nested too deeply" in r.output and "Traceback" not in r.output
    assert not out.exists()


def test_strict_raises_on_a_note_too(tmp_path: Path) -> None:
    f = tmp_path / "dated.md"
    f.write_text("---\ntitle: Dated\ndate: 9999-12-31\n---\nThe council met.\n")
    from brief.ingest import load_inputs
    from brief.pipeline import problem_handler

    config = BriefConfig(strict=True)
    with pytest.raises(InputError, match="treated as unknown"):
        load_inputs([str(f)], config=config, on_problem=problem_handler(config, [], None), progress=lambda *a: None)


def _ascii_only(docs: list[Document]) -> list[int]:
    return [len(d.text.encode("ascii")) for d in docs]  # raises on a non-ASCII document


def test_per_document_leaves_out_the_document_a_stage_fails_on() -> None:
    docs = [Document(id="a", title="A", text="plain"), Document(id="b", title="B", text="caf\u00e9", path="b.txt"),
            Document(id="c", title="C", text="also plain")]
    problems: list[InputProblem] = []
    result, kept = per_document("measure", _ascii_only, docs, problems.append)
    assert result == [5, 10] and [d.id for d in kept] == ["a", "c"]
    assert len(problems) == 1 and problems[0].path == "b.txt"
    assert problems[0].message.startswith("could not measure this article (UnicodeEncodeError")


def test_per_document_raises_a_failure_no_document_causes() -> None:
    def one_at_a_time(docs: list[Document]) -> int:
        if len(docs) > 1:
            raise ValueError("more than one document")
        return len(docs)

    docs = [Document(id=str(i), title="t", text="x") for i in range(3)]
    with pytest.raises(ValueError, match="more than one"):
        per_document("count", one_at_a_time, docs, lambda p: None)


def test_documents_read_again_are_noted_once(tmp_path: Path) -> None:
    from brief.ingest import load_inputs

    f = tmp_path / "dated.md"
    f.write_text("---\ntitle: Dated\ndate: 9999-12-31\n---\nThe council met.\n")
    docs, problems = read([f])
    assert len(problems) == 1
    again: list[InputProblem] = []
    late = Document(id="x", title="Late", text="Text.", published=dt.date(2999, 1, 1))
    load_inputs(docs + [late], config=BriefConfig(), on_problem=again.append, progress=lambda *a: None)
    assert [p.path for p in again] == ["x"] and late.published is None
