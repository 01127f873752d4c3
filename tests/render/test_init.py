"""The public API: write_dossier and what importing render pulls in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import storyline.render
from storyline.errors import StorylineError
from storyline.model import Dossier
from storyline.render import to_html, to_json, to_markdown, write_dossier
from tests import builders


def test_public_api() -> None:
    assert sorted(storyline.render.__all__) == [
        "to_html",
        "to_json",
        "to_markdown",
        "write_dossier",
    ]


def test_write_dossier_writes_the_three_files(dossier: Dossier, tmp_path: Path) -> None:
    out = tmp_path / "new" / "dir"
    paths = write_dossier(dossier, out)
    assert paths == {
        "json": out / "dossier.json",
        "md": out / "dossier.md",
        "html": out / "index.html",
    }
    assert paths["json"].read_text(encoding="utf-8") == to_json(dossier)
    assert paths["md"].read_text(encoding="utf-8") == to_markdown(dossier)
    assert paths["html"].read_text(encoding="utf-8") == to_html(dossier)
    # the three files and the stamp of what they hold; no temporary file is left
    assert sorted(p.name for p in out.iterdir()) == [
        ".stamp.json",
        "dossier.json",
        "dossier.md",
        "index.html",
    ]
    assert json.loads(paths["json"].read_bytes())["story"]["id"] == "st-bridge"


def test_write_dossier_replaces_old_files(dossier: Dossier, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("old", encoding="utf-8")
    write_dossier(dossier, tmp_path)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == to_html(dossier)


def test_write_dossier_into_a_file_fails_clearly(dossier: Dossier, tmp_path: Path) -> None:
    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(StorylineError, match="cannot write the dossier into"):
        write_dossier(dossier, blocker)


def test_render_imports_no_other_stage_and_no_nlp() -> None:
    code = (
        "import sys, storyline.render\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc', 'torch')\n"
        "       or m.startswith(('storyline.annotate', 'storyline.ingest', 'storyline.link',\n"
        "                        'storyline.synthesize', 'storyline.store', 'storyline.web'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_an_empty_dossier_still_renders_every_section() -> None:
    empty = builders.dossier(builders.story("s0"))
    markdown = to_markdown(empty)
    assert markdown.startswith("# Untitled story\n")
    assert markdown.count("_None._") == 9
    page = to_html(empty)
    assert page.count('<p class="none">None.</p>') == 9
    assert json.loads(to_json(empty))["story"]["first_published"] is None
