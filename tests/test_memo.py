"""A story rebuilt for a new report reuses what each report alone gave (storyline.memo), and
its dossier is exactly the one a build that reuses nothing makes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from storyline import memo
from storyline.engine import build
from storyline.link.claims import find_claims
from storyline.model import Annotation, Quantity, Sentence

GENERATED = "GENERATED"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dravenmoor-dam"


# When a build ran: the dossier's ``generated`` and its changes' ``previous_build``.
BUILD_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\+00:00|Z)")


def _files(out: Path) -> dict[str, str]:
    """Every dossier file under ``out``, with the build times masked (they differ by run)."""
    texts = {}
    for path in sorted(out.rglob("*")):
        if path.suffix in (".json", ".md", ".html") and not path.name.startswith("."):
            text = BUILD_TIME.sub(GENERATED, path.read_text(encoding="utf-8"))
            texts[str(path.relative_to(out))] = text
    return texts


def _as_news_breaks(work: Path, reuse: bool) -> dict[str, str]:
    """Build the bundled example as a live story grows, one report at a time, the undated
    report first: when the first dated report joins it, it is given a date, and what its
    annotation gave before (kept in the memos) is out of date. The reports are read from
    one folder, ``inbox`` beside ``work``, whatever the run."""
    reports = sorted(EXAMPLE.iterdir(), key=lambda p: ("undated" not in p.name, p.name))
    inbox = work.parent / "inbox"
    shutil.rmtree(inbox, ignore_errors=True)
    inbox.mkdir()
    memo.clear_all()
    for path in reports:
        (inbox / path.name).write_bytes(path.read_bytes())
        if not reuse:
            memo.clear_all()
        build([inbox], work / "out", str(work / "store.sqlite"))
    return _files(work / "out")


def test_a_story_that_gains_reports_gets_the_dossier_a_build_without_reuse_gives(
    tmp_path: Path,
) -> None:
    with memo.checking():  # every reused product is computed again and compared
        reused = _as_news_breaks(tmp_path / "reused", reuse=True)
    stats = memo.stats()
    scratch = _as_news_breaks(tmp_path / "scratch", reuse=False)
    # The story-wide steps made incremental were reused too: the comparison covers them.
    for name in ("link.event_blocks", "link.neighbour_blocks", "link.claim_candidates"):
        assert stats[name][0] > 0, f"the growing story reused nothing of {name}"
    assert '"basis": "inferred"' in "".join(scratch.values()), "no report was given a date"
    assert reused.keys() == scratch.keys()
    assert any(name.endswith("index.html") for name in reused)
    for name, text in scratch.items():
        assert reused[name] == text, f"{name} differs from the build without reuse"


def _annotation(figure: float) -> Annotation:
    text = "The ferry carried 40 passengers across the strait on Monday morning."
    return Annotation(
        article="a1",
        sentences=[Sentence(index=0, start=0, end=len(text), text=text)],
        quantities=[
            Quantity(sentence=0, start=18, end=20, text="40", value=figure, unit="passenger")
        ],
        embedding_dim=2,
        embeddings=np.array([[0.6, 0.8]], dtype=np.float32).tobytes(),
    )


def test_a_report_read_again_differently_is_not_served_from_the_memo() -> None:
    """The annotator's reading of a figure changes (a new annotator version): the claim
    features are read again, not taken from the memo under the old reading."""
    memo.clear_all()
    with memo.checking():
        for figure in (40.0, 41.0, 40.0):
            find_claims([_annotation(figure)], source_of=str, outlet_of=lambda a: None)
    hits, misses = memo.stats()["link.claim_candidates"]
    assert (hits, misses) == (1, 2)


def test_checking_catches_a_key_that_misses_an_input() -> None:
    stale: memo.Memo[int] = memo.Memo("test.stale", size=4)
    value = 1
    stale.get("same key", lambda: value)
    value = 2  # an input the key does not hold changed
    assert stale.get("same key", lambda: value) == 1  # what a stale memo does
    with memo.checking(), pytest.raises(memo.StaleMemo, match="misses an input"):
        stale.get("same key", lambda: value)
