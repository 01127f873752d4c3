"""The read budget of a report in another language: its own date words and chronology."""

from __future__ import annotations

from storyline.annotate.budget import Budget, reading_text

FILLER = "El comité escuchó a los vecinos del valle sobre la carretera."
LEDE = [
    "Las barreras contra inundaciones fallaron en el puerto de Quorra.",
    "La capitana del puerto, Lidia Voss, ordenó despejar los muelles.",
]


def _kept(text: str, budget: int) -> list[str]:
    read = reading_text(text, Budget(read=budget), "es")
    assert len(read) == len(text)
    return [line for line in read.split("\n") if line.strip()]


def test_a_sentence_naming_a_day_in_its_own_words_is_read_first() -> None:
    dated = "Ayer la barrera volvió a ceder ante la crecida."
    text = "\n".join([*LEDE, *[FILLER] * 30, dated])
    kept = _kept(text, 10)
    assert dated in kept
    assert len(kept) == 10


def test_a_spanish_chronology_is_read_beyond_the_budget() -> None:
    entries = [
        "3 de marzo: La barrera pasa la inspección.",
        "9 de marzo: Llueve durante toda la semana.",
        "12 de marzo: La barrera cede y el agua entra en el puerto.",
    ]
    text = "\n".join([*LEDE, *[FILLER] * 30, *entries])
    kept = _kept(text, 5)
    assert all(e in kept for e in entries)
