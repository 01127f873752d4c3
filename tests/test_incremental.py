"""Incremental builds on small fictional reports: only new work done, ids kept, changes listed."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from storyline import engine
from storyline.model import Dossier
from storyline.settings import load_settings
from storyline.store import open_store
from tests import reports
from tests.reports import CHESS_1, CHESS_2, FLOOD_2

pytestmark = pytest.mark.slow  # builds, extends and rebuilds two stories with the models

# the first flood report, telling the levee's failure as well
FLOOD_1 = {
    **reports.FLOOD_1,
    "text": (
        "The river Ulle burst its banks in Brenmoor on Sunday, flooding the lower town. "
        "Twelve people died in the flooding, the regional office said. "
        "The levee north of the town gave way overnight after three days of rain. "
        "Mayor Mara Voss said emergency shelters had opened in two schools."
    ),
}
FLOOD_3 = {
    "date": "2031-02-05",
    "outlet": "Northern Wire",
    "title": "Brenmoor flood toll rises",
    "text": (
        "The number of people killed by the Ulle flood in Brenmoor rose to 19 people, the "
        "regional office said on Wednesday. Relief convoys reached the lower town of Brenmoor "
        "with drinking water and blankets. Mayor Mara Voss said the levee would be rebuilt."
    ),
}


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A first build, an unchanged rebuild, and a build with one new flood report."""
    tmp = tmp_path_factory.mktemp("incremental")
    settings = load_settings(None, db=str(tmp / "s.sqlite"), out=str(tmp / "out"))
    calls: dict[str, list[str]] = {"annotated": [], "synthesized": []}
    real_chunk = engine.annotate_stage.annotate_chunk
    real_dossier = engine.dossier_for

    def count_chunk(articles, embedder="minilm-int8", budget=None):  # type: ignore[no-untyped-def]
        articles = list(articles)
        calls["annotated"] += [a.id for a in articles]
        return real_chunk(articles, embedder, budget)

    def count_dossier(story, store, settings):  # type: ignore[no-untyped-def]
        calls["synthesized"].append(story.id)
        return real_dossier(story, store, settings)

    mp = pytest.MonkeyPatch()
    mp.setattr(engine.annotate_stage, "annotate_chunk", count_chunk)
    mp.setattr(engine, "dossier_for", count_dossier)
    try:
        first_src = _write(tmp / "first.jsonl", [FLOOD_1, CHESS_1, FLOOD_2, CHESS_2])
        first = engine.build([first_src], settings=settings)
        first_dossiers = _dossiers(settings.db, first)
        after_first = {k: list(v) for k, v in calls.items()}
        for v in calls.values():
            v.clear()
        again = engine.build([first_src], settings=settings)
        after_again = {k: list(v) for k, v in calls.items()}
        for v in calls.values():
            v.clear()
        new_src = _write(tmp / "new.jsonl", [FLOOD_3])
        grown = engine.build([first_src, new_src], settings=settings)
        after_grown = {k: list(v) for k, v in calls.items()}
    finally:
        mp.undo()
    # The same two files built at once into a new store: what the update must equal.
    scratch_settings = load_settings(
        None, db=str(tmp / "scratch.sqlite"), out=str(tmp / "scratch-out")
    )
    scratch = engine.build([first_src, new_src], settings=scratch_settings)
    return {
        "first": first,
        "scratch": _dossiers(scratch_settings.db, scratch),
        "again": again,
        "grown": grown,
        "calls": (after_first, after_again, after_grown),
        "first_dossiers": first_dossiers,
        "dossiers": _dossiers(settings.db, grown),
        "new_id": grown.added[0],
    }


def _dossiers(db: str, report: engine.BuildReport) -> dict[str, Dossier]:
    store = open_store(db)
    try:
        return {s.id: store.get_dossier(s.id) for s in report.stories}
    finally:
        store.close()


def _flood(report: engine.BuildReport, flood_article: str) -> str:
    return next(s.id for s in report.stories if flood_article in s.articles)


def test_the_two_stories_are_told_apart(builds: dict) -> None:
    first = builds["first"]
    assert len(first.stories) == 2
    assert sorted(len(s.articles) for s in first.stories) == [2, 2]


def test_an_unchanged_rebuild_synthesizes_nothing(builds: dict) -> None:
    after_first, after_again, _ = builds["calls"]
    assert len(after_first["annotated"]) == 4
    assert len(after_first["synthesized"]) == 2
    assert after_again == {"annotated": [], "synthesized": []}
    # Its dossiers are still reported, and still on disk.
    assert set(builds["again"].outputs) == {s.id for s in builds["first"].stories}
    assert all(p.is_file() for o in builds["again"].outputs.values() for p in o.values())


def test_a_new_article_is_annotated_alone_and_rebuilds_only_its_story(builds: dict) -> None:
    _, _, after_grown = builds["calls"]
    new_id = builds["new_id"]
    assert after_grown["annotated"] == [new_id]
    flood = _flood(builds["grown"], new_id)
    assert after_grown["synthesized"] == [flood]


def test_story_ids_hold_as_the_story_grows(builds: dict) -> None:
    first, grown = builds["first"], builds["grown"]
    assert {s.id for s in first.stories} == {s.id for s in grown.stories}
    flood = _flood(grown, builds["new_id"])
    assert len(next(s for s in grown.stories if s.id == flood).articles) == 3


def test_the_grown_dossier_lists_what_changed(builds: dict) -> None:
    flood = _flood(builds["grown"], builds["new_id"])
    d = builds["dossiers"][flood]
    assert d.previous_build is not None
    kinds = {c.kind for c in d.changes}
    assert "new_claim" in kinds
    revised = [c for c in d.changes if c.kind == "revised_figure"]
    assert revised, [c.text for c in d.changes]
    assert "19" in (revised[0].after or "") and "Northern Wire" in revised[0].text
    assert all(e.article == builds["new_id"] for e in revised[0].evidence)
    # Claims that were there before keep their ids.
    chess = next(s.id for s in builds["grown"].stories if s.id != flood)
    assert builds["dossiers"][chess].changes == []
    md = builds["grown"].outputs[flood]["md"].read_text(encoding="utf-8")
    assert "## What changed since" in md and "Revised figure" in md


def test_claim_and_entity_ids_are_stable_across_the_update(builds: dict) -> None:
    flood = _flood(builds["grown"], builds["new_id"])
    before, after = builds["first_dossiers"][flood], builds["dossiers"][flood]
    dropped = {c.claim for c in after.changes if c.kind == "claim_dropped"}
    new = {c.claim for c in after.changes if c.kind == "new_claim"}
    current = {c.id for c in after.claims}
    # Every claim of the first build is still there under its id, or listed as dropped.
    assert before.claims
    for c in before.claims:
        assert (c.id in current) != (c.id in dropped), c.text
    assert new == current - {c.id for c in before.claims}

    # The mayor named in every report keeps her entity id.
    def voss(d: Dossier) -> str:
        return next(e.id for e in d.entities if "Voss" in e.name)

    assert voss(before) == voss(after)


def _with_ids(value: object, ids: dict[str, str]) -> object:
    """``value`` (plain JSON data) with every string that is a key of ``ids`` replaced."""
    if isinstance(value, str):
        return ids.get(value, value)
    if isinstance(value, list):
        return [_with_ids(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: _with_ids(v, ids) for k, v in value.items()}
    return value


def test_the_updated_dossier_is_the_one_a_build_from_scratch_makes(builds: dict) -> None:
    """Built in two steps or at once, a story's dossier says the same; only the ids the
    update carried over from the previous build, and its changes, may differ."""
    for story_id, updated in builds["dossiers"].items():
        fresh = builds["scratch"][story_id]
        assert [c.evidence for c in updated.claims] == [c.evidence for c in fresh.claims]
        assert [e.name for e in updated.entities] == [e.name for e in fresh.entities]
        ids = {a.id: b.id for a, b in zip(updated.claims, fresh.claims, strict=True)}
        ids |= {a.id: b.id for a, b in zip(updated.entities, fresh.entities, strict=True)}
        a, b = (msgspec.to_builtins(d) for d in (updated, fresh))
        for record in (a, b):
            for key in ("generated", "changes", "previous_build"):
                record.pop(key, None)
        assert _with_ids(a, ids) == b, story_id
