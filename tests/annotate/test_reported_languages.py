"""Reported speech with no quote marks in Spanish, French, Italian, German, Portuguese and
Dutch: a quote with its speaker, as English reads "X said that …" and "according to X".

The sentences are fictional, written for these tests. Each positive names who speaks;
each negative is a sentence a careless reader would attribute (the name completes a
noun, the verb is negated, the speaker is no name, a question, an ordinal "secondo").
"""

from __future__ import annotations

import datetime

import pytest

from storyline.annotate.multilingual import read

ANCHOR = datetime.date(2031, 2, 27)

SAID = [
    ("es", "La alcaldesa Rosa Quintero dijo que el puente reabrirá en mayo.", "Rosa Quintero",
     "el puente reabrirá en mayo"),
    ("es", "Según Ignacio Bravo, las obras empezarán el lunes.", "Ignacio Bravo",
     "las obras empezarán el lunes"),
    ("es", "Las obras empezarán el lunes, según Ignacio Bravo.", "Ignacio Bravo",
     "Las obras empezarán el lunes"),
    ("es", "El portavoz de la Junta, Hugo Mena, afirmó en un comunicado que no hubo heridos.",
     "Hugo Mena", "no hubo heridos"),
    ("es", "Julio Abarca, del sindicato Fuerza Obrera, indicó a la radio que la huelga sigue.",
     "Julio Abarca", "la huelga sigue"),
    ("fr", "Londres, pour sa part, a assuré qu'aucune décision n'était prise.", "Londres",
     "aucune décision n'était prise"),
    ("fr", "La maire Odile Tanguy a déclaré que le pont rouvrira en mai.", "Odile Tanguy",
     "le pont rouvrira en mai"),
    ("fr", "Selon Yann Kerbrat, les travaux commenceront lundi.", "Yann Kerbrat",
     "les travaux commenceront lundi"),
    ("it", "Il sindaco Carlo Fontana ha detto che il ponte riaprirà a maggio.", "Carlo Fontana",
     "il ponte riaprirà a maggio"),
    ("it", "Secondo Elena Greco, i lavori inizieranno lunedì.", "Elena Greco",
     "i lavori inizieranno lunedì"),
    ("de", "Bürgermeisterin Ute Lindner sagte, dass die Brücke im Mai öffnet.", "Ute Lindner",
     "die Brücke im Mai öffnet"),
    ("de", "Laut Uwe Kramer beginnen die Arbeiten am Montag.", "Uwe Kramer",
     "beginnen die Arbeiten am Montag"),
    ("de", "Die Lage sei unter Kontrolle, sagte Uwe Kramer.", "Uwe Kramer",
     "Die Lage sei unter Kontrolle"),
    ("pt", "A ministra Inês Moura disse que a ponte reabre em maio.", "Inês Moura",
     "a ponte reabre em maio"),
    ("pt", "Segundo Nuno Barros, as obras começam na segunda-feira.", "Nuno Barros",
     "as obras começam na segunda-feira"),
    ("nl", "Burgemeester Eva de Jong zei dat de brug in mei weer opengaat.", "Eva de Jong",
     "de brug in mei weer opengaat"),
    ("nl", "Volgens Daan Smit is de brug veilig.", "Daan Smit", "is de brug veilig"),
]  # fmt: skip

UNSAID = [
    ("es", "El informe de la Cruz Roja señaló que faltaba agua potable."),
    ("es", "Hugo Mena no dijo que la presa estuviera en peligro."),
    ("es", "Un vecino dijo que el agua llegó de noche."),
    ("es", "¿Dijo Rosa Quintero que el puente era seguro?"),
    ("fr", "Yann Kerbrat n'a pas dit que le barrage était menacé."),
    ("it", "Il secondo Ponte Vecchio è stato chiuso lunedì dopo la piena del fiume."),
    ("de", "Uwe Kramer sagte nicht, dass der Damm in Gefahr sei."),
    ("nl", "Daan Smit zei niet dat de dam in gevaar was."),
    ("pt", "O relatório da Cruz Vermelha sublinhou que falta água potável."),
]


@pytest.mark.parametrize(("language", "text", "speaker", "clause"), SAID)
def test_reported_speech_has_its_speaker(
    language: str, text: str, speaker: str, clause: str
) -> None:
    quotes = read(text, language, ANCHOR).quotes
    assert [(q.speaker, q.text, q.direct) for q in quotes] == [(speaker, clause, False)]


@pytest.mark.parametrize(("language", "text"), UNSAID)
def test_no_speaker_where_the_sentence_names_none(language: str, text: str) -> None:
    assert read(text, language, ANCHOR).quotes == []


def test_a_surname_alone_reports_with_the_full_name_written_before() -> None:
    text = (
        "La ingeniera Marta Solís inspeccionó la presa el martes. "
        "Solís aseguró que la compuerta resistirá."
    )
    [quote] = read(text, "es", ANCHOR).quotes
    assert (quote.speaker, quote.sentence) == ("Marta Solís", 1)


def test_a_headline_above_the_report_is_no_part_of_its_sentence() -> None:
    text = "Las obras del puente se retrasan\nSegún Ignacio Bravo, las obras empezarán el lunes."
    [quote] = read(text, "es", ANCHOR).quotes
    assert (quote.speaker, quote.text) == ("Ignacio Bravo", "las obras empezarán el lunes")


def test_a_direct_quote_is_not_read_again_as_reported_speech() -> None:
    text = "«Las obras están terminadas», dijo Rosa Quintero, que anunció que el puente abre."
    quotes = read(text, "es", ANCHOR).quotes
    assert [(q.speaker, q.direct) for q in quotes] == [("Rosa Quintero", True)]
