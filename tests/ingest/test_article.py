"""Content ids and language detection."""

from __future__ import annotations

from storyline import ingest
from storyline.ingest import content_id, detect_language


def test_content_id_ignores_whitespace_and_unicode_form() -> None:
    composed = "Le café a rouvert."
    decomposed = "Le cafe\u0301 a rouvert."
    assert content_id(composed) == content_id(decomposed)
    assert content_id(composed) == content_id("  Le   café\n\na rouvert. ")
    assert content_id(composed) != content_id("Le café a fermé.")
    assert len(content_id(composed)) == 16


def test_detect_language() -> None:
    spanish = (
        "El transbordador entre las dos islas dejará de funcionar en octubre, dijo el martes "
        "la autoridad del puerto, después de que el último operador retirara su oferta."
    )
    german = (
        "Die Fähre zwischen den beiden Inseln wird im Oktober eingestellt, teilte die "
        "Hafenbehörde am Dienstag mit, nachdem der letzte Betreiber sein Angebot zurückzog."
    )
    assert detect_language(spanish) == "es"
    assert detect_language(german) == "de"
    assert detect_language("Ferry stops.") == "en"  # too short to tell: the default


def test_public_api() -> None:
    for name in ingest.__all__:
        assert hasattr(ingest, name), name
    assert "read_inputs" in ingest.__all__
