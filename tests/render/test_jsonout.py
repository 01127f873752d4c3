"""The JSON output is the public contract of DESIGN.md: exact keys, types, stable text."""

from __future__ import annotations

import json

import msgspec

from storyline.model import Dossier
from storyline.render import to_json
from storyline.render.jsonout import script_json

from .fixtures import EMOJI, HOSTILE, RTL, SCRIPT

# DESIGN.md, "The dossier contract", plus the extensions model.Dossier adds.
CONTRACT = {
    "": {
        "schema_version",
        "story",
        "articles",
        "entities",
        "timeline",
        "summary",
        "claims",
        "conflicts",
        "quotes",
        "coverage",
    },
    "story": {"id", "title", "articles", "first_published", "last_published"},
    "articles": {
        "id",
        "path",
        "url",
        "title",
        "outlet",
        "authors",
        "credits",
        "cites",
        "published",
        "language",
        "duplicate_of",
    },
    "published": {"date", "basis"},
    "entities": {"id", "name", "type", "aliases", "titles", "articles", "mentions"},
    "timeline": {"date", "granularity", "status", "text", "entities", "evidence"},
    "summary": {"text", "evidence"},
    "claims": {"id", "text", "evidence", "outlets", "independent_outlets"},
    "conflicts": {"about", "kind", "positions"},
    "positions": {"value", "evidence"},
    "quotes": {"speaker", "speaker_entity", "text", "direct", "evidence"},
    "coverage": {"outlet", "articles", "claims"},
    "evidence": {"article", "sentence", "text"},
}
EXTENSIONS = {
    "": {
        "generated",
        "changes",
        "previous_build",
        "fingerprint",
        "timeline_from",
        "timeline_until",
        "tracks",  # one measure's values over time, by source: issue 15
        "timeline_rest",  # the dated events the timeline leaves out: issue 17
    },
    "published": {"note"},
    "entities": {"merges"},
    "claims": {"outlet_names", "independent_outlet_names", "key", "rank"},
    "conflicts": {"note", "explained"},  # explained: issue 5
    "coverage": {"exclusive_claims", "missing_claims"},
    "summary": {"part"},  # consensus | disputed: issue 5
    "quotes": {"channel"},  # where the words were given ("a statement"): issue 4
}


def _check_keys(obj: dict, where: str, seen: set[str]) -> None:
    expected = CONTRACT[where] | EXTENSIONS.get(where, set())
    assert set(obj) == expected, f"{where or 'top'}: {sorted(set(obj) ^ expected)}"
    seen.add(where)
    for key, value in obj.items():
        if key in CONTRACT and isinstance(value, dict):
            _check_keys(value, key, seen)
        elif key in CONTRACT and isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    _check_keys(item, key, seen)


def test_json_has_exactly_the_contract_keys(dossier: Dossier) -> None:
    data = json.loads(to_json(dossier))
    seen: set[str] = set()
    _check_keys(data, "", seen)
    assert seen == set(CONTRACT)  # every part of the contract was present and checked


def test_json_types_follow_the_contract(dossier: Dossier) -> None:
    data = json.loads(to_json(dossier))
    assert data["schema_version"] == 1
    assert isinstance(data["story"]["articles"], int)
    article = data["articles"][1]
    assert article["url"] is None and article["title"] is None
    assert article["published"] == {"date": "2031-04-29", "basis": "inferred", "note": "file name"}
    claim = data["claims"][0]
    assert (claim["outlets"], claim["independent_outlets"]) == (2, 2)
    assert data["quotes"][0]["direct"] is False
    assert data["timeline"][0]["evidence"][0] == {
        "article": "a1",
        "sentence": 0,
        "text": "The Veltrano harbour bridge reopened on Monday after two years of repairs.",
    }


def test_json_round_trips_to_the_same_dossier(hostile: Dossier, dossier: Dossier) -> None:
    for record in (dossier, hostile):
        assert msgspec.json.decode(to_json(record), type=Dossier) == record


def test_json_is_utf8_text_and_deterministic(hostile: Dossier) -> None:
    text = to_json(hostile)
    assert EMOJI in text and RTL in text  # written as characters, not \u escapes
    copy = msgspec.json.decode(msgspec.json.encode(hostile), type=Dossier)
    assert to_json(copy) == text
    assert text.startswith('{\n  "schema_version": 1,\n  "generated"')
    assert text.endswith("}\n")


def test_script_json_cannot_close_a_script_element(hostile: Dossier) -> None:
    data = {"strings": HOSTILE, "line": "a\u2028b\u2029c"}
    embedded = script_json(data)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in embedded
    assert json.loads(embedded) == data
    assert SCRIPT in json.loads(script_json(msgspec.to_builtins(hostile)))["generated"]
