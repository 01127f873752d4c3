"""A store embedded with an English-only encoder warns when reports in other languages
arrive: they would not link to the English reports of the same story."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from storyline import engine
from storyline.settings import load_settings
from storyline.store import open_store

SPANISH = """Title: La presa de Valdmark reabre sus compuertas
Date: 2031-03-04

La Junta de Aguas de Valdmark anunció el martes que las compuertas de la presa se abrirán
de nuevo el jueves, después de tres semanas de reparaciones. Los vecinos del valle fueron
informados por carta y las escuelas permanecerán abiertas durante la operación.
"""

ENGLISH = """Title: Valdmark dam reopens its gates
Date: 2031-03-04

The Valdmark Water Board said on Tuesday that the dam's gates would open again on Thursday,
after three weeks of repairs. Residents of the valley were told by letter.
"""


def _ingest(tmp_path: Path, embedder: str, *texts: str) -> None:
    for i, text in enumerate(texts):
        (tmp_path / f"report{i}.txt").write_text(text, encoding="utf-8")
    settings = load_settings(None, db=str(tmp_path / "s.sqlite"), embedder=embedder)
    store = open_store(settings.db)
    try:
        engine.ingest([tmp_path / f"report{i}.txt" for i in range(len(texts))], store, settings)
    finally:
        store.close()


def test_a_spanish_report_in_an_english_only_store_names_the_fix(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="storyline.engine"):
        _ingest(tmp_path, "minilm-int8", ENGLISH, SPANISH)
    warned = [r.getMessage() for r in caplog.records if "English only" in r.getMessage()]
    assert len(warned) == 1
    assert "1 new report(s) not in English (es: 1)" in warned[0]
    assert 'embedder = "use-multilingual"' in warned[0]


@pytest.mark.parametrize("embedder", ["use-multilingual", "minilm-int8"])
def test_no_warning_when_the_encoder_reads_them_or_all_are_english(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, embedder: str
) -> None:
    texts = (ENGLISH, SPANISH) if embedder == "use-multilingual" else (ENGLISH,)
    with caplog.at_level(logging.WARNING, logger="storyline.engine"):
        _ingest(tmp_path, embedder, *texts)
    assert not [r for r in caplog.records if "English only" in r.getMessage()]
