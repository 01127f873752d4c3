"""Sentences of reports in other languages: line breaks and chronologies (invented text)."""

from __future__ import annotations

import pytest

from storyline.annotate.multilingual.sentences import split_sentences


def _texts(text: str, language: str) -> list[str]:
    sentences = split_sentences(text, language)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "fr",
            "- 3 fév: OSTLEY - La digue cède. Deux villages sont évacués.\n"
            "- 5 fév: QUORRA - Les pêcheurs rentrent.",
            ["- 3 fév: OSTLEY - La digue cède.", "Deux villages sont évacués.",
             "- 5 fév: QUORRA - Les pêcheurs rentrent."],
        ),
        (
            "es",
            "- 3 feb: OSTLEY - La presa cede. Dos pueblos son evacuados.\n"
            "- 5 feb: QUORRA - Los pescadores vuelven.",
            ["- 3 feb: OSTLEY - La presa cede.", "Dos pueblos son evacuados.",
             "- 5 feb: QUORRA - Los pescadores vuelven."],
        ),
    ],
)  # fmt: skip
def test_each_line_of_a_chronology_is_split_into_its_sentences(
    language: str, text: str, expected: list[str]
) -> None:
    assert _texts(text, language) == expected


def test_a_line_without_a_full_stop_ends_its_sentence_unless_the_next_starts_in_lower_case() -> (
    None
):
    text = (
        "Marta Ruiz écrit :\nLa digue d'Ostley a cédé dans la nuit. Les pêcheurs sont partis\n"
        "vers Quorra avant l'aube.\nLa crue en chiffres\nDeux villages évacués."
    )
    assert _texts(text, "fr") == [
        "Marta Ruiz écrit :",
        "La digue d'Ostley a cédé dans la nuit.",
        "Les pêcheurs sont partis\nvers Quorra avant l'aube.",
        "La crue en chiffres",
        "Deux villages évacués.",
    ]
