"""The TimeBank harness: reports whose file names hold ``_`` or name no outlet keep their own
story in the layout, and the ledger's labels score what a dump shows."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import aquaint
import timebank
from _timeline17 import documents, topics

TML = """<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" functionInDocument="CREATION_TIME" value="{made}">x</TIMEX3></DCT>
<TEXT>
Velmora Mills said it {verb} its offer for Arden Looms on {day}.
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "tml"
    src.mkdir()
    files = {
        "wsj_0101.tml": ("1989-10-30", "raised", "Monday", "looms"),
        "wsj_0102.tml": ("1989-10-31", "extended", "Tuesday", "other"),
        "wsj_0103.tml": ("1989-11-01", "dropped", "Wednesday", "other"),
        "ea980120.1830.0001.tml": ("1998-01-20", "began", "Tuesday", "looms"),
    }
    for name, (made, verb, day, _) in files.items():
        (src / name).write_text(TML.format(made=made, verb=verb, day=day), encoding="utf-8")
    data = tmp_path / "labels"
    data.mkdir()
    rows = [{"file": n, "story": s, "why": ""} for n, (*_, s) in files.items()]
    (data / "stories.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    was = (aquaint.AQUAINT, aquaint.DATA, aquaint.STORIES, aquaint.OUTLETS, aquaint.SEED,
           aquaint.HANGS, aquaint.ONLY)  # fmt: skip
    aquaint.select(dataclasses.replace(timebank.TIMEBANK, src=src, data=data))
    yield src
    (aquaint.AQUAINT, aquaint.DATA, aquaint.STORIES, aquaint.OUTLETS, aquaint.SEED,
     aquaint.HANGS, aquaint.ONLY) = was  # fmt: skip


def test_each_other_report_is_a_story_of_its_own_and_ea_files_are_unattributed(
    corpus: Path, tmp_path: Path
) -> None:
    root = aquaint.write_layout(tmp_path / "out")
    found = topics(root)
    assert sorted(found) == ["looms", "other-wsj-0102", "other-wsj-0103"]
    docs = documents(found["looms"])
    assert sorted((d["date"], d.get("outlet")) for d in docs) == [
        ("1989-10-30", "Wall Street Journal"),
        ("1998-01-20", None),
    ]


def test_the_two_baselines_count_each_other_report_alone(corpus: Path) -> None:
    base = aquaint.bcubed_baselines()
    # three gold stories: looms (2), and two others alone
    assert base["singletons"]["bcubed_p"] == 1.0
    assert base["singletons"]["bcubed_r"] == pytest.approx((0.5 + 0.5 + 1 + 1) / 4, abs=1e-4)
    assert base["one_story"]["bcubed_p"] == pytest.approx((0.5 + 0.5 + 0.25 + 0.25) / 4, abs=1e-4)


def test_a_year_keeps_only_that_years_reports(corpus: Path) -> None:
    only = frozenset(p.name for p in corpus.glob("*.tml") if p.name.startswith("ea"))
    aquaint.select(dataclasses.replace(timebank.TIMEBANK, src=corpus, data=aquaint.DATA,
                                       only=only))  # fmt: skip
    assert list(aquaint.labels()) == ["ea980120.1830.0001.tml"]


def _track(points: list[tuple[str, float, str, int]]) -> dict[str, object]:
    return {
        "topic": "gulf90", "kind": "track", "about": "persons held", "unit": "persons",
        "points": [{"date": d, "value": v, "text": "", "outlet": None, "refs": [[a, s, ""]]}
                   for d, v, a, s in points],
    }  # fmt: skip


def test_ledger_labels_judge_only_what_they_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conflict = {
        "topic": "gulf90", "kind": "conflict", "about": "troops", "type": "quantity",
        "explained": False, "note": None,
        "positions": [{"value": "100", "refs": [["a" * 12, 3, ""]]},
                      {"value": "200", "refs": [["b" * 12, 5, ""]]}],
    }  # fmt: skip
    noted = {**conflict, "explained": True, "about": "noted"}
    track = _track([("1990-08-13", 3.0, "a" * 12, 1), ("1990-08-15", 5.0, "b" * 12, 2)])
    (tmp_path / "ledger.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in (conflict, noted, track))
    )
    data = tmp_path / "labels"
    data.mkdir()
    labels = [
        {"key": timebank.ledger_key(conflict), "right": False, "read": "blind"},
        {"point": timebank.point_key("gulf90", track["points"][0]), "member": True,
         "read": "blind"},
        {"point": timebank.point_key("gulf90", track["points"][1]), "member": False,
         "read": "after-merge"},
    ]  # fmt: skip
    (data / "ledger.jsonl").write_text("".join(json.dumps(r) + "\n" for r in labels))
    monkeypatch.setattr(timebank, "TIMEBANK", dataclasses.replace(timebank.TIMEBANK, data=data))
    result = timebank.score_ledger(tmp_path)
    blind, after = result["blind"], result["after-merge"]
    # the explained conflict is a note, not a disagreement: never counted
    assert blind["disagreements"] == {"right": 0, "judged": 1, "unjudged": 0, "share": 0.0,
                                      "wilson95": aquaint.wilson(0, 1)}  # fmt: skip
    assert (blind["track_points"]["right"], blind["track_points"]["judged"]) == (1, 1)
    assert blind["track_points"]["unjudged"] == 1
    assert (after["track_points"]["right"], after["track_points"]["judged"]) == (1, 2)


def _dossier(story: str, articles: list[tuple[str, str]], claims: list, timeline: list):  # type: ignore[no-untyped-def]
    from storyline.model import Published
    from storyline.model.dossier import (
        Dossier,
        DossierArticle,
        DossierClaim,
        StoryInfo,
        TimelineEntry,
    )
    from storyline.model.links import Evidence

    return Dossier(
        story=StoryInfo(id=story, title=story, articles=len(articles), first_published=None,
                        last_published=None),
        articles=[DossierArticle(id=a, path=None, url=None, title=None, outlet=o, authors=[],
                                 credits=[], cites=[], published=Published(date="1998-02-13"),
                                 language="en") for a, o in articles],
        entities=[], summary=[], conflicts=[], quotes=[], coverage=[],
        claims=[DossierClaim(id=f"c{n}", text="", outlets=k, independent_outlets=k,
                             evidence=[Evidence(article=a, sentence=s, text="") for a, s in ev])
                for n, (ev, k) in enumerate(claims)],
        timeline=[TimelineEntry(date=d, granularity="day", status="occurred", text="x",
                                entities=[], evidence=[Evidence(article=a, sentence=s, text="x")])
                  for d, a, s in timeline],
    )  # fmt: skip


def test_the_stream_keeps_claims_of_two_reports_and_timelines_of_real_stories(
    tmp_path: Path,
) -> None:
    import msgspec

    two = _dossier(
        "s-two", [("a" * 16, "CNN"), ("b" * 16, "AP")],
        claims=[([("a" * 16, 1), ("b" * 16, 4)], 2), ([("a" * 16, 2), ("a" * 16, 3)], 1)],
        timeline=[("1998-02-13", "a" * 16, 1)],
    )  # fmt: skip
    alone = _dossier(
        "s-one", [("c" * 16, "VOA")], claims=[], timeline=[("1998-03-03", "c" * 16, 0)]
    )
    for d in (two, alone):
        (tmp_path / "dossiers" / d.story.id).mkdir(parents=True)
        (tmp_path / "dossiers" / d.story.id / "dossier.json").write_bytes(msgspec.json.encode(d))
    counts = timebank.stream(tmp_path / "dossiers", tmp_path / "dump")
    assert counts["stream_claims"] == 1 and counts["stream_confirmed"] == 1
    (claim,) = aquaint._jsonl(tmp_path / "dump" / "claims-stream.jsonl")
    assert [r[:3] for r in claim["refs"]] == [["a" * 16, 1, "CNN"], ["b" * 16, 4, "AP"]]
    entries = aquaint._jsonl(tmp_path / "dump" / "entries-stream.jsonl")
    assert [(e["story"], e["article"], e["published"]) for e in entries] == [
        ("s-two", "a" * 12, "1998-02-13")
    ]
