"""Quotes across outlets: one quote with several pieces of evidence, and its speaker entity.

Every text below is fictional, written for these tests.
"""

from __future__ import annotations

from storyline.model import Annotation, Entity, Mention, Quote, Sentence
from storyline.synthesize.quotes import collect_quotes


def _ann(aid: str, sentence: str, quote: str, speaker: str, mention: tuple[str, str]) -> Annotation:
    start = sentence.index(mention[0])
    return Annotation(
        article=aid,
        sentences=[Sentence(index=0, start=0, end=len(sentence), text=sentence)],
        mentions=[
            Mention(
                sentence=0,
                start=start,
                end=start + len(mention[0]),
                text=mention[0],
                label=mention[1],
            )
        ],
        quotes=[Quote(sentence=0, sentences=[0], text=quote, speaker=speaker)],
    )


MIRA = Entity(
    id="e-mira",
    name="Mira Tolan",
    type="PERSON",
    aliases=["Mira Tolan", "Tolan"],
    titles=["Harbour Board spokeswoman"],
)
BOARD = Entity(id="e-board", name="Harbour Board", type="ORG", aliases=["Harbour Board"])
OTHER = Entity(id="e-ivo", name="Ivo Sand", type="PERSON", aliases=["Ivo Sand"])


def test_same_words_in_another_translation_are_one_quote() -> None:
    a = _ann(
        "a",
        'Mira Tolan called the talks "candid, substantive and constructive."',
        "candid, substantive and constructive.",
        "Mira Tolan",
        ("Mira Tolan", "PERSON"),
    )
    b = _ann(
        "b",
        'Mira Tolan called the talks "sincere, substantial and constructive."',
        "sincere, substantial and constructive",
        "Mira Tolan",
        ("Mira Tolan", "PERSON"),
    )
    mapping = {"a:0": "e-mira", "b:0": "e-mira"}
    (entry,) = collect_quotes([a, b], [MIRA, BOARD], mapping)
    assert entry.speaker_entity == "e-mira"
    assert [e.article for e in entry.evidence] == ["a", "b"]


def test_organisation_and_its_spokesperson_are_one_speaker() -> None:
    sentence_a = 'The Harbour Board said the talks were "frank and useful for both sides".'
    sentence_b = '"Frank and useful for both sides," spokeswoman Mira Tolan said.'
    a = _ann(
        "a",
        sentence_a,
        "frank and useful for both sides",
        "Harbour Board",
        ("Harbour Board", "ORG"),
    )
    b = _ann(
        "b", sentence_b, "Frank and useful for both sides", "Mira Tolan", ("Mira Tolan", "PERSON")
    )
    mapping = {
        f"a:{sentence_a.index('Harbour')}": "e-board",
        f"b:{sentence_b.index('Mira')}": "e-mira",
    }
    (entry,) = collect_quotes([a, b], [MIRA, BOARD], mapping)
    assert entry.speaker_entity == "e-mira"  # the person, whose title names the board
    assert {e.article for e in entry.evidence} == {"a", "b"}


def _said(*told: tuple[str, str, str]) -> tuple[list[Annotation], dict[str, str]]:
    """Articles "a", "b", ... each of one sentence quoting one person: (sentence, the words,
    the speaker), and where each speaker's mention resolves ("Mira Tolan" -> "e-mira")."""
    anns, mapping = [], {}
    for aid, (sentence, words, speaker) in zip("abcdef"[: len(told)], told, strict=True):
        anns.append(_ann(aid, sentence, words, speaker, (speaker, "PERSON")))
        mapping[f"{aid}:{sentence.index(speaker)}"] = "e-" + speaker.split()[0].lower()
    return anns, mapping


def test_same_words_from_two_different_people_stay_two_quotes() -> None:
    anns, mapping = _said(
        ('"We will rebuild the pier," Mira Tolan said.', "We will rebuild the pier", "Mira Tolan"),
        ('"We will rebuild the pier," Ivo Sand said.', "We will rebuild the pier", "Ivo Sand"),
    )
    entries = collect_quotes(anns, [MIRA, BOARD, OTHER], mapping)
    assert sorted(e.speaker_entity or "" for e in entries) == ["e-ivo", "e-mira"]


def test_different_words_of_one_speaker_stay_two_quotes() -> None:
    anns, mapping = _said(
        ('"The pier opens in May," Mira Tolan said.', "The pier opens in May", "Mira Tolan"),
        (
            '"Ticket prices will not rise," Mira Tolan said.',
            "Ticket prices will not rise",
            "Mira Tolan",
        ),
    )
    assert len(collect_quotes(anns, [MIRA], mapping)) == 2


def test_organisation_speaker_resolves_to_its_entity() -> None:
    sentence = "The Harbour Board said that forty ships were waiting."
    a = _ann("a", sentence, "forty ships were waiting", "Harbour Board", ("Harbour Board", "ORG"))
    (entry,) = collect_quotes([a], [BOARD], {f"a:{sentence.index('Harbour')}": "e-board"})
    assert entry.speaker_entity == "e-board"


def test_part_of_a_quote_joins_the_whole_quote() -> None:
    sentence_a = '"The pier opens in May. Ticket prices will not rise," Mira Tolan said.'
    sentence_b = 'Mira Tolan said "ticket prices will not rise".'
    whole = "The pier opens in May. Ticket prices will not rise"
    b = _ann("b", sentence_b, "ticket prices will not rise", "Mira Tolan", ("Mira Tolan", "PERSON"))
    a = _ann("a", sentence_a, whole, "Mira Tolan", ("Mira Tolan", "PERSON"))
    mapping = {f"a:{sentence_a.index('Mira')}": "e-mira", f"b:{sentence_b.index('Mira')}": "e-mira"}
    (entry,) = collect_quotes([b, a], [MIRA], mapping)
    assert entry.text == whole  # the fullest telling, though the part came first
    assert {e.article for e in entry.evidence} == {"a", "b"}


def test_full_name_speaker_is_not_taken_for_another_person_with_that_surname() -> None:
    # "Marr" (Ottilie) is named first; "Elias Marr said" must stay Elias's quote.
    sentence = '"We knew," Marr said. "They knew in 2019," Elias Marr said.'
    ann = Annotation(
        article="a",
        sentences=[Sentence(index=0, start=0, end=len(sentence), text=sentence)],
        mentions=[
            Mention(sentence=0, start=11, end=15, text="Marr", label="PERSON"),
            Mention(sentence=0, start=43, end=53, text="Elias Marr", label="PERSON"),
        ],
        quotes=[Quote(sentence=0, sentences=[0], text="They knew in 2019", speaker="Elias Marr")],
    )
    ottilie = Entity(id="e-o", name="Ottilie Marr", type="PERSON", aliases=["Marr", "Ottilie Marr"])
    elias = Entity(id="e-e", name="Elias Marr", type="PERSON", aliases=["Elias Marr"])
    (entry,) = collect_quotes([ann], [ottilie, elias], {"a:11": "e-o", "a:43": "e-e"})
    assert entry.speaker_entity == "e-e"


def test_channel_of_a_quote_is_kept_from_any_outlet_that_gives_it() -> None:
    words = "The harbour reopens on Friday, and every ship will be cleared by noon."
    a = _ann("a", f'"{words}" Mira Tolan said.', words, "Mira Tolan", ("Mira Tolan", "PERSON"))
    b = _ann(
        "b",
        f'"{words}" Mira Tolan said in a statement.',
        words,
        "Mira Tolan",
        ("Mira Tolan", "PERSON"),
    )
    b.quotes[0].channel = "a statement"
    mapping = {f"{x.article}:{x.mentions[0].start}": "e-mira" for x in (a, b)}
    (entry,) = collect_quotes([a, b], [MIRA, BOARD], mapping)
    assert (entry.speaker_entity, entry.channel) == ("e-mira", "a statement")
    assert [e.article for e in entry.evidence] == ["a", "b"]
