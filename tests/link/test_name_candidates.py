"""Blocking for name variants: no pair a variant rule accepts is left out."""

from __future__ import annotations

import itertools

from storyline.link.names import (
    name_key,
    reordered,
    spelling_distance,
    transliterated,
    variant_candidates,
)

NAMES = [
    "Aisha Rahman", "Ayesha Rahman", "Rahman Aisha", "Aisha Rahmann", "Tomas Velde",
    "Thomas Velde", "Velde", "Veldhoven", "Veldhoeven", "Marta Quist", "Quist Marta",
    "Marta Quist Oduya", "Iran", "Iraq", "Kellerman", "Kellermann", "Kelerman",
    "Dana Ferro", "Dina Ferro", "Ferro", "Brennick Dam Authority", "Brenick Dam Authority",
    "Lidia Voss", "Lydia Voss", "Voss", "Harbour Board of Quorra", "Quorra Harbour Board",
]  # fmt: skip


def _accepted(a: str, b: str) -> bool:
    return bool(spelling_distance(a, b)) or reordered(a, b) or transliterated(a, b)


def test_candidates_hold_every_pair_a_variant_rule_accepts() -> None:
    keys = sorted({name_key(n) for n in NAMES})
    candidates = set(variant_candidates(keys))
    accepted = {
        (i, j)
        for i, j in itertools.combinations(range(len(keys)), 2)
        if _accepted(keys[i], keys[j])
    }
    assert accepted  # the list holds real variants
    assert accepted <= candidates
    assert len(candidates) < len(keys) * (len(keys) - 1) // 2  # and it is a real blocking


def test_candidates_come_in_order_without_repeats() -> None:
    keys = sorted({name_key(n) for n in NAMES})
    pairs = variant_candidates(keys)
    assert pairs == sorted(set(pairs))
    assert all(i < j for i, j in pairs)
