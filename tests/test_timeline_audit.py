"""The timeline audit's score: a judgement follows its sentence when a report is re-split."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyline.model import Annotation, Article, Evidence, Published, Sentence
from storyline.store import open_store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from timeline_audit import _source, _telling, digest, sample, score, show

STRIKE = "Dock workers in Velmora stopped every crane on Tuesday, the union said."
TEASER = "Watch: the quay at dawn."
MARCH = "Thousands marched to the harbour office in Velmora on Wednesday."


def _entry(topic: str, date: str, sentence: int, text: str) -> dict[str, object]:
    return {"topic": topic, "date": date, "article": "a1b2c3d4e5f6", "sentence": sentence,
            "text": text}  # fmt: skip


def _judged(entry: dict[str, object], right: bool, why: str = "", **extra: object) -> dict:
    keep = {k: v for k, v in entry.items() if k != "text"}
    return {**keep, "right": right, "why": why, "batch": "b", **extra}


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _score(tmp_path: Path, judged: list[dict], shown: list[dict]) -> dict[str, object]:
    return score(_write(tmp_path / "j.jsonl", judged), _write(tmp_path / "d.jsonl", shown))


def test_a_judged_sentence_whose_index_moved_keeps_its_judgement(tmp_path: Path) -> None:
    before = _entry("velmora", "2031-05-06", 4, STRIKE)
    after = _entry("velmora", "2031-05-06", 6, STRIKE)  # two lines split off above it
    got = _score(tmp_path, [_judged(before, True, digest=digest(STRIKE))], [after])
    assert got["unjudged"] == []
    assert got["stories"] == {"velmora": {"right": 1, "wrong": {}, "unjudged": 0}}


def test_moved_text_under_another_date_or_report_is_read_again(tmp_path: Path) -> None:
    judged = _judged(_entry("velmora", "2031-05-06", 4, STRIKE), True, digest=digest(STRIKE))
    other_day = _entry("velmora", "2031-05-05", 6, STRIKE)
    other_report = {**_entry("velmora", "2031-05-06", 6, STRIKE), "article": "ffffffffffff"}
    got = _score(tmp_path, [judged], [other_day, other_report])
    assert len(got["unjudged"]) == 2  # type: ignore[arg-type]


def test_a_clause_cut_from_a_judged_sentence_is_read_again(tmp_path: Path) -> None:
    judged = _judged(_entry("velmora", "2031-05-06", 4, STRIKE), True, digest=digest(STRIKE))
    clause = _entry("velmora", "2031-05-06", 4, "Dock workers in Velmora stopped every crane")
    got = _score(tmp_path, [judged], [clause])
    assert got["stories"] == {"velmora": {"right": 0, "wrong": {}, "unjudged": 1}}


def test_judgements_without_a_digest_still_match_by_sentence_index(tmp_path: Path) -> None:
    shown = _entry("velmora", "2031-05-06", 2, TEASER)
    got = _score(tmp_path, [_judged(shown, False, "not-event")], [shown])
    assert got["stories"] == {"velmora": {"right": 0, "wrong": {"not-event": 1}, "unjudged": 0}}


def test_score_gives_each_story_its_right_wrong_kinds_and_unjudged(tmp_path: Path) -> None:
    strike = _entry("velmora", "2031-05-06", 4, STRIKE)
    teaser = _entry("velmora", "2031-05-06", 2, TEASER)
    march = _entry("velmora", "2031-05-07", 1, MARCH)
    elsewhere = _entry("quorra", "2031-05-08", 3, MARCH)
    judged = [
        _judged(strike, True, digest=digest(STRIKE)),
        _judged(teaser, False, "not-event", digest=digest(TEASER)),
        _judged(elsewhere, False, "wrong-date", digest=digest(MARCH)),
    ]
    got = _score(tmp_path, judged, [strike, teaser, march, elsewhere])
    assert got["stories"] == {
        "velmora": {"right": 1, "wrong": {"not-event": 1}, "unjudged": 1},
        "quorra": {"right": 0, "wrong": {"wrong-date": 1}, "unjudged": 0},
    }


def test_show_prints_an_unjudged_entry_among_its_reports_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = ["Velmora port report", TEASER, STRIKE, MARCH]
    text = "\n".join(lines)
    starts = [text.index(line) for line in lines]
    sentences = [Sentence(index=i, start=at, end=at + len(line), text=line)
                 for i, (at, line) in enumerate(zip(starts, lines, strict=True))]  # fmt: skip
    aid = "a1b2c3d4e5f6" + "0" * 20
    store = open_store(str(tmp_path / "s.sqlite"))
    store.add_article(Article(id=aid, text=text, published=Published(date="2031-05-07")))
    store.put_annotations([Annotation(article=aid, sentences=sentences)])
    store.close()
    strike = _entry("velmora", "2031-05-06", 2, STRIKE)
    teaser = _entry("velmora", "2031-05-07", 1, TEASER)
    audit = _write(tmp_path / "j.jsonl", [_judged(teaser, False, "not-event")])
    dump = _write(tmp_path / "d.jsonl", [teaser, strike])
    assert show(str(tmp_path / "s.sqlite"), dump, only_unjudged=True, audit=audit) == 1
    out = capsys.readouterr().out
    assert f">> [2] {STRIKE}" in out and f"   [1] {TEASER}" in out and f"   [3] {MARCH}" in out
    assert "published 2031-05-07" in out and f">> [1] {TEASER}" not in out


def test_a_clause_entry_points_the_reader_at_the_sentence_it_was_cut_from() -> None:
    other = Evidence(article="b", sentence=0, text=MARCH)
    whole = Evidence(article="a", sentence=5, text=f"Hours after {STRIKE[:-1]}, talks began.")
    clause = STRIKE[0].lower() + STRIKE[1:]
    assert _telling([other, whole], clause) == whole
    assert _telling([other, whole], "Something else entirely.") == other


def test_the_baselines_judgements_are_scored_apart_from_the_dossiers(tmp_path: Path) -> None:
    strike = _judged(_entry("velmora", "2031-05-06", 4, STRIKE), True)
    teaser = _judged(_entry("velmora", "2031-05-07", 2, TEASER), False, "not-event",
                     method="datewise")  # fmt: skip
    audit = _write(tmp_path / "j.jsonl", [strike, teaser])
    assert (score(audit)["right"], score(audit)["entries"]) == (1, 1)
    baseline = score(audit, method="datewise")
    assert baseline["stories"]["velmora"] == {"right": 0, "wrong": {"not-event": 1}, "unjudged": 0}


def test_a_sample_draws_from_every_dump_and_the_seed_repeats_it(tmp_path: Path) -> None:
    days = range(1, 21)
    a = _write(tmp_path / "a.jsonl", [_entry("velmora", f"2031-05-{d:02}", 1, MARCH) for d in days])
    b = _write(tmp_path / "b.jsonl", [_entry("quorra", f"2031-06-{d:02}", 1, MARCH) for d in days])
    drawn = sample([a, b], 10, seed=12)
    assert drawn == sample([a, b], 10, seed=12) != sample([a, b], 10, seed=13)
    assert len({str(r["date"]) for r in drawn}) == 10
    assert {r["topic"] for r in drawn} == {"velmora", "quorra"}
    assert len(sample([a], 40, seed=12)) == 20


def test_a_baseline_sentence_is_traced_to_the_report_that_names_its_day() -> None:
    import datetime

    from datewise import Collection

    day = datetime.date(2031, 5, 6)
    coll = Collection(
        published={"old": datetime.date(2031, 4, 1), "new": datetime.date(2031, 5, 9)},
        sentences={"old": [TEASER, STRIKE], "new": [MARCH, STRIKE]},
        dated={"old": {}, "new": {1: day}},
    )
    assert _source(coll, day, STRIKE) == ("new", 1)
