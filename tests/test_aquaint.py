"""The AQUAINT harness reads a TimeML report as a user would hand it over, in the layout the
Timeline17 benchmarks read, and draws the baseline's entries to read reproducibly."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import aquaint
from _timeline17 import documents, topics

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{doc}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" functionInDocument="CREATION_TIME" value="{made}">x</TIMEX3></DCT>
<TITLE>Cranes stop at Velmora</TITLE>
<TEXT>

VELMORA (AP) _

Dock workers <EVENT eid="e1" class="OCCURRENCE">stopped</EVENT> every crane
<TIMEX3 tid="t1" type="DATE" value="1999-03-02">Tuesday</TIMEX3>, the union &amp; the port said.

``It was our only choice,'' a docker said.

Filed as {doc}.
</TEXT>
</TimeML>
"""


def _tml(folder: Path, doc: str, made: str) -> None:
    (folder / f"{doc}.tml").write_text(TML.format(doc=doc, made=made), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    src = tmp_path / "tml"
    src.mkdir()
    _tml(src, "APW19990302.0001", "1999-03-02T14:05")
    _tml(src, "XIE19990303.0002", "1999-03-03")
    _tml(src, "NYT19990304.0003", "1999-03-04")
    labels = tmp_path / "labels"
    labels.mkdir()
    rows = [
        {"file": "APW19990302.0001.tml", "story": "strike", "why": ""},
        {"file": "XIE19990303.0002.tml", "story": "strike", "why": ""},
        {"file": "NYT19990304.0003.tml", "story": "other", "why": ""},
    ]
    (labels / "stories.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    monkeypatch.setattr(aquaint, "DATA", labels)
    monkeypatch.setattr(aquaint, "AQUAINT", src)
    return src


def test_a_report_is_its_text_without_tags_dated_by_its_creation_time(corpus: Path) -> None:
    day, outlet, lines = aquaint.read_tml(corpus / "APW19990302.0001.tml")
    assert (day, outlet) == ("1999-03-02", "Associated Press")
    assert lines[0] == "VELMORA (AP) _"
    assert "Cranes stop" not in " ".join(lines)  # the title is not the report's text
    assert "the union & the port said." in lines[2]
    assert all("<" not in line for line in lines)


def test_the_layout_gives_the_timeline17_readers_each_story_with_its_days_and_outlets(
    corpus: Path, tmp_path: Path
) -> None:
    root = aquaint.write_layout(tmp_path / "out", corpus)
    found = topics(root)
    assert sorted(found) == ["other-NYT19990304.0003", "strike"]
    docs = documents(found["strike"])
    assert [(d["date"], d["outlet"]) for d in docs] == [
        ("1999-03-02", "Associated Press"),
        ("1999-03-03", "Xinhua"),
    ]
    assert '"It was our only choice," a docker said.' in docs[0]["text"]


def test_baselines_score_each_other_report_as_a_story_of_its_own(corpus: Path) -> None:
    base = aquaint.bcubed_baselines()
    # gold: {A, X} and {N}; every report alone: P 1, R (1/2 + 1/2 + 1) / 3
    assert base["singletons"]["bcubed_p"] == 1.0
    assert base["singletons"]["bcubed_r"] == pytest.approx(2 / 3, abs=1e-4)
    # all in one: P (2/3 + 2/3 + 1/3) / 3, R 1
    assert base["one_story"]["bcubed_p"] == pytest.approx(5 / 9, abs=1e-4)
    assert base["one_story"]["bcubed_r"] == 1.0


def test_a_report_rerun_word_for_word_counts_once_in_the_baselines(corpus: Path) -> None:
    again = (corpus / "APW19990302.0001.tml").read_text()
    (corpus / "XIE19990303.0002.tml").write_text(again)
    # gold: {A} and {N}: every report alone is right
    assert aquaint.bcubed_baselines()["singletons"]["bcubed_f1"] == 1.0


def test_the_baseline_sample_is_the_same_draw_every_time(tmp_path: Path) -> None:
    rows = [
        {"topic": story, "method": "datewise", "date": f"2000-01-{n % 28 + 1:02d}", "n": n}
        for story in aquaint.STORIES
        for n in range(30 if story == "elian" else 5)
    ]
    (tmp_path / "datewise.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    first, again = aquaint.draw_datewise(tmp_path), aquaint.draw_datewise(tmp_path)
    assert first == again
    per = {s: sum(1 for r in first if r["topic"] == s) for s in aquaint.STORIES}
    assert per == {"embassy": 5, "slepian": 5, "nato": 5, "elian": 20}


def test_labels_read_after_the_merge_count_only_in_the_later_figure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline_audit import digest

    shown = [
        {"topic": "nato", "date": "1999-03-12", "article": "a" * 12, "sentence": n,
         "published": "1999-03-12", "text": text}
        for n, text in enumerate(("Three states joined NATO on Friday.", "Watch the video."))
    ]  # fmt: skip
    labels = [
        {**{k: v for k, v in shown[0].items() if k != "text"}, "digest": digest(shown[0]["text"]),
         "right": True, "why": "", "read": "blind"},
        {**{k: v for k, v in shown[1].items() if k != "text"}, "digest": digest(shown[1]["text"]),
         "right": False, "why": "not-event", "read": "after-merge"},
    ]  # fmt: skip
    (tmp_path / "entries.jsonl").write_text("".join(json.dumps(r) + "\n" for r in shown))
    data = tmp_path / "labels"
    data.mkdir()
    (data / "entries.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels))
    monkeypatch.setattr(aquaint, "DATA", data)
    blind = aquaint.score_timeline(tmp_path, "storyline", "blind")
    after = aquaint.score_timeline(tmp_path, "storyline", "after-merge")
    assert (blind["right"], blind["entries"], blind["unjudged"]) == (1, 1, 1)
    assert (after["right"], after["entries"], after["unjudged"]) == (1, 2, 0)
