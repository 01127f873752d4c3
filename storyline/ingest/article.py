"""Building an Article from parsed parts: normalized text, content id, credits, cites, language."""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from storyline.ingest.agencies import wire_agency
from storyline.ingest.cites import find_cites
from storyline.ingest.credits import strip_credits
from storyline.ingest.zones import find_zones
from storyline.model import Article, Published

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"
# The identifier needs some text to be sure; below this we keep the default.
_MIN_LETTERS_FOR_DETECTION = 40
_MIN_LANGUAGE_PROBABILITY = 0.7
_DETECTION_SAMPLE = 800


def content_id(text: str) -> str:
    """The id of an article: sha256 of its NFC, whitespace-collapsed text, 16 hex digits."""
    normalized = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def clean_body(text: str) -> str:
    """NFC, ``\\n`` line ends, no trailing spaces, at most one blank line between paragraphs."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language; the default when it cannot tell."""
    sample = text[:_DETECTION_SAMPLE]
    if sum(char.isalpha() for char in sample) < _MIN_LETTERS_FOR_DETECTION:
        return DEFAULT_LANGUAGE
    lang, prob = _identifier().classify(sample)
    if prob < _MIN_LANGUAGE_PROBABILITY:
        return DEFAULT_LANGUAGE
    return str(lang).split("-")[0]


@functools.cache
def _identifier() -> LanguageIdentifier:
    """py3langid's bundled model (97 languages), with probabilities that sum to one.

    Chosen over langdetect, which took ~50 ms per article here (a tenth of ingest
    is language identification otherwise); this takes ~4 ms and is deterministic.
    """
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def normalize_language(value: str) -> str:
    """``"en-US"`` -> ``"en"``; ``"EN"`` -> ``"en"``."""
    return value.strip().replace("_", "-").split("-")[0].lower() or DEFAULT_LANGUAGE


def build_article(
    body: str,
    *,
    path: str | None,
    title: str | None = None,
    outlet: str | None = None,
    authors: Iterable[str] = (),
    published: Published | None = None,
    language: str | None = None,
    url: str | None = None,
) -> Article | None:
    """An Article from a body and its metadata; None if no text is left."""
    found = strip_credits(clean_body(body))
    if not found.body:
        return None
    # The outlet: given, else a byline or contributor line, else who filed the copy
    # (a dateline's or a trailing tag's agency: "(Reuters) -", ".../AFP").
    outlet = outlet or found.outlet or found.source
    credits = list(found.credits)
    agency = wire_agency(outlet) if outlet else None
    if agency and agency not in credits:
        credits.insert(0, agency)
    return Article(
        id=content_id(found.body),
        text=found.body,
        title=title or None,
        outlet=outlet or None,
        authors=_unique([*authors, *found.contributors]),
        credits=credits,
        cites=[name for name in find_cites(found.body, own_outlet=outlet) if name not in credits],
        published=published or Published(),
        language=normalize_language(language) if language else detect_language(found.body),
        path=path,
        url=url or None,
        zones=find_zones(found.body),
    )


def _unique(names: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if name and name not in seen:
            seen.append(name)
    return seen
