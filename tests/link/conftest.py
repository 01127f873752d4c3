"""Fixtures shared by the linking tests."""

from __future__ import annotations

import pytest

from tests.link.test_claims import CONTRARY, PARAPHRASES
from tests.synthesize.fictional import Linked, article, link


@pytest.fixture(scope="module")
def verbs() -> Linked:
    """Pairs alike in words and vectors, told on one day by two outlets: contrary verbs
    (``CONTRARY``) and the same fact told with other verbs (``PARAPHRASES``)."""
    return link(
        [
            article(
                "Strait Herald", "2031-05-06", *(a for a, _ in CONTRARY + PARAPHRASES), filler=0
            ),
            article(
                "Karsholm Post", "2031-05-06", *(b for _, b in CONTRARY + PARAPHRASES), filler=2
            ),
        ]
    )
