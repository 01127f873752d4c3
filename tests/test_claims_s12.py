"""The blind claims draws' scorer: a claim is judged on the sentences it still holds, and
a second draw reads sentences the first did not label."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import eval_confirm as ec
from _confirm import Linked, claim_key
from eval_claims_s12 import DRAWS, draw, tally
from eval_ledger import blind_claims

from storyline.model import Claim, Evidence

TOPIC = "harbour-strike"


def _claim(*refs: tuple[str, int], outlets: tuple[str, ...] = ()) -> Claim:
    evidence = [Evidence(article=a, sentence=s, text=f"{a}:{s}") for a, s in refs]
    return Claim(
        id=claim_key(list(refs)), text="", evidence=evidence, independent_outlets=list(outlets)
    )


def _row(refs: list[tuple[str, int, str, str]], read: str = "blind") -> dict[str, object]:
    key = claim_key([(a, s) for a, s, _, _ in refs])
    return {"set": "multi", "topic": TOPIC, "key": key, "refs": [list(r) for r in refs],
            "read": read, "note": ""}  # fmt: skip


# A sampled claim: two reports tell the strike, a third tells another day's march.
SAMPLED = _row([("dock1", 3, "F", "Velmora Post"), ("dock2", 5, "F", "Coast Wire"),
                ("march", 1, "D", "Coast Wire")])  # fmt: skip


def test_a_claim_that_lost_its_wrong_sentence_is_judged_on_what_is_left() -> None:
    as_sampled = tally({TOPIC: [_claim(("dock1", 3), ("dock2", 5), ("march", 1))]}, [SAMPLED])
    assert (as_sampled["judged"], as_sampled["good"]) == (1, 0)
    fixed = tally({TOPIC: [_claim(("dock1", 3), ("dock2", 5))]}, [SAMPLED])
    assert (fixed["judged"], fixed["good"], fixed["share"]) == (1, 1, 1.0)
    assert fixed["same_evidence"] == 0  # the build no longer forms the sampled claim itself


def test_a_claim_with_an_unlabelled_sentence_is_unjudged() -> None:
    grown = tally({TOPIC: [_claim(("dock1", 3), ("dock2", 5), ("quay", 7))]}, [SAMPLED])
    assert (grown["formed"], grown["judged"], grown["share"]) == (1, 0, None)


def test_after_merge_labels_judge_only_what_the_blind_ones_leave() -> None:
    later = _row([("quay", 7, "F", "Velmora Post"), ("quay2", 2, "J", "Coast Wire")], "after-merge")
    claims = {TOPIC: [_claim(("dock1", 3), ("dock2", 5)), _claim(("quay", 7), ("quay2", 2))]}
    blind = tally(claims, [SAMPLED, later], "blind")
    both = tally(claims, [SAMPLED, later], "after-merge")
    assert (blind["judged"], blind["good"]) == (1, 1)
    assert (both["judged"], both["good"], both["share"]) == (2, 1, 0.5)


def test_a_confirmed_claim_needs_two_true_origins() -> None:
    relayed = _row([("dock1", 3, "F", "Coast Wire"), ("dock2", 5, "F", "Coast Wire")])
    claims = {TOPIC: [_claim(("dock1", 3), ("dock2", 5))]}
    assert tally(claims, [relayed], right=False)["good"] == 1  # one fact ...
    assert tally(claims, [relayed], right=True)["good"] == 0  # ... but one source


def _story(*claims: Claim) -> Linked:
    return Linked(TOPIC, [], [], SimpleNamespace(claims=list(claims), sources={}))


# Two confirmed claims: one whose sentences SAMPLED labelled, one with a sentence it did not.
TOLD = _claim(("dock1", 3), ("dock2", 5), outlets=("Velmora Post", "Coast Wire"))
NEW = _claim(("dock1", 3), ("quay", 7), outlets=("Velmora Post", "Coast Wire"))


def _drawn(folder: str, kind: str) -> list[str]:
    drawn = draw([_story(TOLD, NEW)], [], {}, ec._labels([SAMPLED]), DRAWS[folder])
    return sorted(c.id for _, c in drawn[kind])


def test_the_second_draw_reads_only_claims_with_a_sentence_no_earlier_set_labelled() -> None:
    assert _drawn("claims_s13", "multi") == [NEW.id]
    assert _drawn("claims_s13", "confirmed") == [NEW.id]


def test_the_first_draw_keeps_its_rule_leaving_out_only_confirmed_claims_judged_before() -> None:
    assert _drawn("claims_s12", "multi") == sorted([TOLD.id, NEW.id])
    assert _drawn("claims_s12", "confirmed") == [NEW.id]


def test_the_ledger_reads_every_draw_and_counts_furniture_as_not_one_fact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    furniture = _row([("quay", 7, "J", "Coast Wire"), ("quay2", 2, "J", "Coast Wire")])
    rows = {"claims_s12": [SAMPLED], "claims_s13": [furniture], "claims_s15": []}
    monkeypatch.setattr("eval_claims_s12.read_rows", lambda kind, d: rows[d.folder])
    story = _story(_claim(("dock1", 3), ("dock2", 5)), _claim(("quay", 7), ("quay2", 2)))
    got = blind_claims([story])
    assert (got["blind"]["formed"], got["blind"]["judged"], got["blind"]["good"]) == (2, 2, 1)
    assert got["blind"]["apparatus"] == 1
    judged = {f: c["judged"] for f, c in got["by_draw"].items()}
    assert judged == {"claims_s12": 1, "claims_s13": 1, "claims_s15": 0}
