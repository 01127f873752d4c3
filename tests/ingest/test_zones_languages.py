"""Photo captions and credits in the other languages storyline reads (invented lines)."""

from __future__ import annotations

import pytest

from storyline.ingest.zones import find_zones


def _zoned(text: str) -> list[tuple[str, str]]:
    return [(z.kind, text[z.start : z.end]) for z in find_zones(text)]


@pytest.mark.parametrize(
    "caption",
    [
        "La alcaldesa Lidia Voss en el muelle de Quorra. Foto de Flickr por Jane Doe "
        "(CC BY-NC-SA 2.0)",
        "Manifestation à Quorra, en soutien aux pêcheurs. Photo de Jane Doe, avec sa permission",
        "Retrato de la alcaldesa Lidia Voss. Fotografía por Jane Doe.",
        "Pescadores en el puerto de Quorra, bajo licencia CC BY 2.0",
    ],
)
def test_a_photos_description_and_credit_is_a_caption(caption: str) -> None:
    text = f"Los pescadores volvieron a Quorra.\n{caption}\nEl puerto cerró el lunes."
    assert _zoned(text) == [("caption", caption)]


def test_a_paragraph_that_ends_on_a_credit_loses_only_the_credit() -> None:
    text = (
        "El puerto de Quorra cerró tras la tormenta. Los pescadores no saldrán hasta el "
        "lunes, según el consejo. Foto: Efe"
    )
    assert _zoned(text) == [("caption", "Foto: Efe")]


def test_a_credit_that_opens_a_line_up_to_its_licence_is_zoned_alone() -> None:
    text = "Imagen por Jane Doe CC BY Las redes han contado la tormenta de Quorra al mundo."
    assert _zoned(text) == [("caption", "Imagen por Jane Doe CC BY")]


def test_a_sentence_about_a_photo_stays_body() -> None:
    text = (
        "La foto de la alcaldesa circuló por las redes de Quorra.\nEl fotógrafo: Foto de familia."
    )
    assert _zoned(text) == []
