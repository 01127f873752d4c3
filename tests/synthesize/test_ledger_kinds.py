"""Spelling and attribution entries that are no dispute: kinds seen wrong on stories nobody
tuned for (``benchmarks/data/ledger/blind.jsonl``), on invented names and quotes."""

from __future__ import annotations

from storyline.model import Entity, Evidence, QuoteEntry
from storyline.synthesize.attribution import find_attribution_conflicts
from storyline.synthesize.name_conflicts import _spellings


def _at(article: str) -> dict[str, Evidence]:
    return {article: Evidence(article=article, sentence=0, text="...")}


def test_a_name_in_lower_case_or_with_a_possessive_ending_is_no_other_spelling() -> None:
    written = _spellings(
        [
            ("Harbour Authorities", _at("a")),
            ("harbour authoritie", _at("b")),
            ("Harbour Authoritie", _at("c")),
        ]
    )
    assert [(form, sorted(arts)) for form, arts in written] == [
        ("Harbour Authorities", ["a", "b", "c"])
    ]


def test_a_name_in_lower_case_alone_is_no_spelling_at_all() -> None:
    assert _spellings([("tavi lund", _at("a"))]) == []


def test_two_spellings_stay_two() -> None:
    written = _spellings([("Helen Marsh", _at("a")), ("Helen Marsch", _at("b"))])
    assert [form for form, _ in written] == ["Helen Marsh", "Helen Marsch"]


PEOPLE = [
    Entity(id="p1", name="Helen Marsh", type="PERSON"),
    Entity(id="p2", name="Tavi Lund", type="PERSON"),
]


def _quote(speaker: str, text: str, article: str, direct: bool = True) -> QuoteEntry:
    return QuoteEntry(
        speaker=speaker,
        speaker_entity=next(e.id for e in PEOPLE if e.name == speaker),
        text=text,
        direct=direct,
        evidence=[Evidence(article=article, sentence=0, text=text)],
    )


def _disputes(*quotes: QuoteEntry) -> list[set[str]]:
    found = find_attribution_conflicts(list(quotes), PEOPLE, lambda a: a)
    return [{p.value for p in c.positions} for c in found]


def test_one_quote_given_to_two_speakers_is_a_dispute() -> None:
    said = "Every passenger is safe and every member of the crew is accounted for"
    assert _disputes(_quote("Helen Marsh", said, "a"), _quote("Tavi Lund", said, "b")) == [
        {"Helen Marsh", "Tavi Lund"}
    ]
    part = "every member of the crew is accounted for"  # one outlet quoted less
    assert _disputes(_quote("Helen Marsh", said, "a"), _quote("Tavi Lund", part, "b")) == [
        {"Helen Marsh", "Tavi Lund"}
    ]


def test_a_paraphrase_is_no_quote_to_dispute() -> None:
    quoted = "The ferry will not sail again before the inspection is over"
    told = "the ferry will not sail again before the inspection is over"
    assert (
        _disputes(_quote("Helen Marsh", quoted, "a"), _quote("Tavi Lund", told, "b", direct=False))
        == []
    )


def test_quotes_sharing_words_in_other_forms_are_two_statements() -> None:
    assert (
        _disputes(
            _quote("Helen Marsh", "We're doing what's best for the crew's families", "a"),
            _quote(
                "Tavi Lund",
                "Nobody stops him from doing what is best for the crews and families",
                "b",
            ),
        )
        == []
    )
