"""Cited outlets: the phrase shape says whether X is an outlet, a person or a vague source."""

from __future__ import annotations

import pytest

from storyline.ingest.cites import find_cites


@pytest.mark.parametrize(
    ("text", "cites"),
    [
        ("The bridge will close on Friday, Harbour Gazette reported.", ["Harbour Gazette"]),
        ("The bridge will close, the Lanterne reported on Monday.", ["Lanterne"]),
        ("The bridge will close, according to state broadcaster Velra.", ["Velra"]),
        ("Officials met on Friday, state media Omnia reported.", ["Omnia"]),
        ("The talks lasted six hours, according to official broadcaster KTVN.", ["KTVN"]),
        ("The talks lasted six hours, as per Dalmor Herald.", ["Dalmor Herald"]),
        ("Six people were hurt, Kestrel Daily said in a report.", ["Kestrel Daily"]),
        ("Six people were hurt, according to BNX.", ["BNX"]),
        ("Six people were hurt, the Tarn Valley newspaper reported.", ["Tarn Valley"]),
        ("Six people were hurt, according to the Kyodo news agency.", ["Kyodo"]),
        ("Six were hurt, Xinhua reported. Ten were missing, AFP reported.", ["Xinhua", "AFP"]),
        # a plain name, cited twice as a source and never seen speaking: an outlet
        (
            "The dam held, Ostrava Vox reported. Rain is due, according to Ostrava Vox.",
            ["Ostrava Vox"],
        ),
    ],
)
def test_outlets_are_cited(text: str, cites: list[str]) -> None:
    assert find_cites(text) == cites


@pytest.mark.parametrize(
    "text",
    [
        "According to an aide, the minister will travel next week.",
        "The talks lasted six hours, according to journalists from the state press.",
        "Dinner followed, according to some local reporters on social media.",
        "“We are ready,” spokesman Ivo Brandt said. The talks ran late, according to Brandt.",
        "The talks ran late, according to Brandt. Brandt said more talks were planned.",
        "The station flooded, according to Mia Sol.",
        "Officials reported no injuries.",
        "The count was wrong, the Interior Ministry reported.",
        "The plane was lost, according to the NTSB.",
    ],
)
def test_people_institutions_and_vague_sources_are_not_cited(text: str) -> None:
    assert find_cites(text) == []


def test_own_outlet_is_not_a_cite() -> None:
    text = "The pier closed, Harbour Gazette reported. The Lanterne reported it first."
    assert find_cites(text, own_outlet="Harbour Gazette") == ["Lanterne"]


def test_possessive_outlet_of_a_reporter() -> None:
    assert find_cites("The pier closed, according to Velra's Ivo Brandt.") == ["Velra"]
