"""A normal (non-editable) install of the built wheel renders a PDF: templates, fonts, prompts
and lexicon files ship inside the package.

The wheel is built from this tree and installed with --no-deps into a fresh venv; the
dependencies come from the test venv's site-packages, added as a plain path (its .pth
files, among them the editable install of this tree, are not processed), so ``brief`` can
only be imported from the installed wheel.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_installed_wheel_renders_a_pdf(tmp_path):
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                            str(wheels), str(ROOT)], capture_output=True, text=True)
    if build.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {build.stderr.strip()[-300:]}")
    (wheel,) = wheels.glob("brief-*.whl")
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    py = env_dir / "bin" / "python"
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    install = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", site, str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stderr[-500:]
    (Path(site) / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    article = tmp_path / "article.md"
    article.write_text("---\ntitle: Ferry crossings halted\noutlet: Island News\npublished: 2025-05-05\n---\n"
                       "Ferry operator Bluewave Lines halted all crossings to Marrow Island on Monday after a storm "
                       "damaged the main pier. Harbour master Petra Lind said repairs would take at least a week.\n")
    out = tmp_path / "brief.pdf"
    code = ("import brief, sys; from brief import build_brief, BriefConfig; "
            f"b = build_brief([{str(article)!r}], config=BriefConfig(summarizer='extractive')); "
            f"b.write({str(out)!r}); print(brief.__file__)")
    run = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-1500:]
    assert run.stdout.strip().startswith(site), run.stdout  # the installed copy, not this tree
    assert out.read_bytes().startswith(b"%PDF")
    files = subprocess.run([str(py), "-c", "import brief.render.fetcher as f, brief.summarize.seq2seq as s; "
                            "print((f.TEMPLATES / 'brief.html.j2').is_file(), (s.PROMPTS_DIR / 't5.j2').is_file())"],
                           capture_output=True, text=True, cwd=tmp_path)
    assert files.stdout.split() == ["True", "True"], files.stderr[-500:]
