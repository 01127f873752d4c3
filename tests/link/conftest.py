"""Fixtures shared by the linking tests."""

from __future__ import annotations

import pytest

from tests.link.test_claims import CONTRARY, PARAPHRASES
from tests.synthesize.fictional import Linked, told_in_pairs


@pytest.fixture(scope="module")
def verbs() -> Linked:
    """Pairs alike in words and vectors, told on one day by two outlets: contrary verbs
    (``CONTRARY``) and the same fact told with other verbs (``PARAPHRASES``)."""
    return told_in_pairs(CONTRARY + PARAPHRASES)
