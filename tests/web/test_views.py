"""What the story page says, worked out from records: changes, titles, numbering, moves."""

from __future__ import annotations

import msgspec

from storyline.model import Change, Dossier, Evidence
from storyline.render.view import build_view
from storyline.web.views import change_lines, fallback_title
from tests.render.fixtures import make_dossier


def _with_changes(dossier: Dossier, changes: list[Change]) -> Dossier:
    return msgspec.structs.replace(dossier, changes=changes)


def test_a_claim_found_again_on_the_same_evidence_is_neither_new_nor_gone() -> None:
    dossier = make_dossier()
    claim = dossier.claims[0]
    other = Evidence(article="b1", sentence=9, text="A sentence no claim holds now.")
    changes = [
        Change(kind="new_claim", text=claim.text, claim=claim.id, evidence=claim.evidence),
        Change(kind="claim_dropped", text=claim.text, claim="c-old", evidence=claim.evidence),
        Change(kind="claim_dropped", text="An older claim.", claim="c-gone", evidence=[other]),
    ]
    lines = change_lines(_with_changes(dossier, changes))
    assert [(line.label, line.text) for line in lines] == [
        ("No longer supported", "An older claim.")
    ]
    assert lines[0].reason  # says why, not only that


def test_the_page_numbers_the_summary_first_when_it_comes_first() -> None:
    dossier = make_dossier()
    late = Evidence(article="b1", sentence=7, text="A changed figure, cited by the changes only.")
    changed = _with_changes(dossier, [Change(kind="revised_figure", text="x", evidence=[late])])
    assert (
        build_view(changed).refs(changed.summary[0].evidence)[0] == 2
    )  # the report: changes first
    web = build_view(changed, changes_first=False)
    assert web.refs(changed.summary[0].evidence)[0] == 1


def test_a_report_without_a_headline_is_titled_by_its_first_sentence() -> None:
    text = "  Crews reopened the coast road on Friday. It had been shut for a week.\n"
    assert fallback_title(text) == "Crews reopened the coast road on Friday."
    long = "word " * 60
    title = fallback_title(long)
    assert title is not None and len(title) <= 90 and title.endswith("…")
    assert fallback_title("   ") is None


def test_a_story_title_is_a_headline_not_a_stamp_byline_or_site_chrome() -> None:
    from storyline.web.views import StoryRow, choose_title, disambiguate, good_title

    assert not good_title("Harbour fire live updates | 18:00 UK time")
    assert not good_title("You've selected the International Edition.")
    assert not good_title("By Mara Quill and Tobin Vey")
    assert not good_title("ends at the pier Crews worked through the night")
    assert not good_title("## 2031 -- 44 / 17 -- 881 ##")
    assert good_title("Crews contain the harbour fire after two days")
    chosen = choose_title(
        "Harbour fire | 09:40 GMT",
        ["By Mara Quill", "Crews contain the harbour fire after two days"],
        lambda: [],
    )
    assert chosen == "Crews contain the harbour fire after two days"
    lede = choose_title("Sign in to read", [], lambda: ["The harbour reopened on Monday."])
    assert lede == "The harbour reopened on Monday."

    def row(story: str, first: str, last: str) -> StoryRow:
        return StoryRow(story, "Harbour fire", 2, first, last, "", [], [], "")

    titles = [
        r.title
        for r in disambiguate(
            [row("a", "2031-01-02", "2031-01-05"), row("b", "2031-03-01", "2031-03-01")]
        )
    ]
    assert titles[0] != titles[1] and "2 Jan 2031" in titles[0] and "1 Mar 2031" in titles[1]
