"""The summary: consensus first, a disputed part, and every sentence faithful to its evidence."""

from __future__ import annotations

from storyline.model import Claim, Conflict, Evidence, Position
from storyline.synthesize.faithful import is_faithful, unsupported
from storyline.synthesize.summary import build_summary

SOURCE = "The Orvell council approved 2,400 new homes on the Danby estate on Tuesday."


def _ev(text: str, article: str = "a", sentence: int = 0) -> Evidence:
    return Evidence(article=article, sentence=sentence, text=text)


def test_a_source_sentence_is_faithful() -> None:
    assert is_faithful(SOURCE, [_ev(SOURCE)])


def test_a_compression_that_drops_words_is_faithful() -> None:
    assert is_faithful("Orvell council approved 2400 homes on Tuesday.", [_ev(SOURCE)])


def test_a_changed_number_name_or_word_is_caught() -> None:
    assert unsupported("The Orvell council approved 2,500 new homes.", [_ev(SOURCE)]) == {"2500"}
    assert unsupported("The Orvell mayor approved new homes.", [_ev(SOURCE)]) == {"mayor"}
    assert unsupported("The Brantley council approved new homes.", [_ev(SOURCE)]) == {"brantley"}


def test_nothing_is_faithful_without_evidence() -> None:
    assert not is_faithful(SOURCE, [])


def _claim(cid: str, text: str, outlets: list[str], evidence_text: str | None = None) -> Claim:
    ev = [_ev(evidence_text or text, article=o, sentence=0) for o in outlets]
    return Claim(id=cid, text=text, evidence=ev, outlets=outlets, independent_outlets=outlets)


def _first_seen(claim: Claim) -> tuple[str, int]:
    return (claim.id, 0)


def test_an_unfaithful_claim_is_left_out_of_the_summary() -> None:
    good = _claim("c1", SOURCE, ["a", "b"])
    bad = _claim("c2", "The council rejected the plan for 900 homes in Danby outright.", ["a"],
                 evidence_text="The council debated the Danby plan for three hours.")  # fmt: skip
    summary = build_summary([good, bad], _first_seen)
    assert [s.text for s in summary] == [SOURCE]


def test_repeated_claims_are_told_once() -> None:
    a = _claim("c1", SOURCE, ["a", "b", "c"])
    b = _claim("c2", "The Orvell council approved 2,400 new homes on the Danby estate.", ["d"])
    assert [s.text for s in build_summary([a, b], _first_seen)] == [SOURCE]


def test_disputed_part_follows_the_consensus_with_one_sentence_per_position() -> None:
    long_a = "The council meeting on the Danby estate lasted four hours, the clerk said."
    long_b = "Councillors argued over the Danby estate for six hours before the vote."
    conflict = Conflict(
        about="hours",
        kind="quantity",
        positions=[
            Position(value="four hours", evidence=[_ev(long_a, "a", 3)]),
            Position(value="six hours", evidence=[_ev(long_b, "b", 5)]),
        ],
    )
    told = [
        "Orvell opened a ferry terminal.", "Danby farmers protested loudly.",
        "Snowfall closed mountain passes.", "Bakers raised bread prices.",
        "Librarians digitised old maps.", "Fishermen reported record catches.",
        "Students elected youth mayors.", "Engineers inspected rusty bridges.",
        "Museums extended opening hours.", "Cyclists demanded safer lanes.",
    ]  # fmt: skip
    claims = [_claim(f"c{i}", t, ["a", "b"]) for i, t in enumerate(told)]
    summary = build_summary(claims, _first_seen, max_sentences=8, conflicts=[conflict])
    assert len(summary) == 8
    assert [s.part for s in summary] == ["consensus"] * 6 + ["disputed"] * 2
    assert [s.text for s in summary[-2:]] == [long_a, long_b]
    assert summary[-1].evidence == [_ev(long_b, "b", 5)]
