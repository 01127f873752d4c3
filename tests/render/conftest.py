"""Fixtures for the render tests; the records themselves are built in fixtures.py."""

from __future__ import annotations

import pytest

from storyline.model import Dossier

from .fixtures import make_dossier, make_hostile


@pytest.fixture
def dossier() -> Dossier:
    return make_dossier()


@pytest.fixture
def hostile() -> Dossier:
    return make_hostile()
