"""Claims worth reading: several sources and contested facts lead, then the most central
single-source facts (bounded), then the rest; the summary follows that order."""

from __future__ import annotations

import numpy as np

from storyline.model import Annotation, Claim, Conflict, Evidence, Position, Sentence
from storyline.synthesize.claims import rank_claims
from storyline.synthesize.summary import build_summary

ON_TOPIC = np.array([1.0, 0.0, 0.0], dtype=np.float32)
OFF_TOPIC = np.array([0.0, 1.0, 0.0], dtype=np.float32)


def _ann(article: str, texts: list[str], vectors: list[np.ndarray]) -> Annotation:
    sentences = [Sentence(index=i, start=0, end=len(t), text=t) for i, t in enumerate(texts)]
    matrix = np.vstack(vectors).astype(np.float32)
    return Annotation(
        article=article, sentences=sentences, embedding_dim=3, embeddings=matrix.tobytes()
    )


def _claim(cid: str, rows: list[tuple[str, int, str]], sources: list[str]) -> Claim:
    ev = [Evidence(article=a, sentence=s, text=t) for a, s, t in rows]
    return Claim(id=cid, text=rows[0][2], evidence=ev, outlets=sources,
                 independent_outlets=sources)  # fmt: skip


PROMO = "Sign up for the Harbour Daily morning briefing today."
FERRY = "The Amberley ferry line reopened on Monday after repairs."
TOLL = "Four crew members were hurt when the crane fell."
BOTH = "The port authority said the crane inspection was overdue."
ANNS = [
    _ann("p1", [FERRY, PROMO, TOLL], [ON_TOPIC, OFF_TOPIC, ON_TOPIC * 0.9 + OFF_TOPIC * 0.1]),
    _ann("p2", [BOTH, PROMO], [ON_TOPIC, OFF_TOPIC]),
    _ann("p3", [BOTH, PROMO], [ON_TOPIC, OFF_TOPIC]),
    _ann("p4", ["Filler.", PROMO], [ON_TOPIC, OFF_TOPIC]),
]
CLAIMS = [
    # the promo line on four pages of one site: four rows, one source
    _claim(
        "c-promo",
        [("p1", 1, PROMO), ("p2", 1, PROMO), ("p3", 1, PROMO), ("p4", 1, PROMO)],
        ["Harbour Daily"],
    ),
    _claim("c-ferry", [("p1", 0, FERRY)], ["Harbour Daily"]),
    _claim("c-toll", [("p1", 2, TOLL)], ["Harbour Daily"]),
    _claim("c-both", [("p2", 0, BOTH), ("p3", 0, BOTH)], ["Harbour Daily", "NWA"]),
]
TOLL_CONFLICT = Conflict(
    about="crew hurt",
    kind="quantity",
    positions=[
        Position(value="4", evidence=[Evidence(article="p1", sentence=2, text=TOLL)]),
        Position(value="6", evidence=[Evidence(article="p9", sentence=0, text="Six hurt.")]),
    ],
)


def test_several_sources_and_contested_facts_lead_then_the_central_single_source_ones() -> None:
    ranked = rank_claims(CLAIMS, ANNS, [TOLL_CONFLICT], key=1)
    assert [(c.id, key) for c, key in ranked] == [
        ("c-both", True),  # two independent sources
        ("c-toll", True),  # contested (at most key=1 of them)
        ("c-ferry", True),  # the most central single-source fact (key=1)
        ("c-promo", False),  # kept, but not key
    ]


def test_a_line_repeated_by_one_site_does_not_outrank_the_story_in_the_summary() -> None:
    ranked = [c for c, _ in rank_claims(CLAIMS, ANNS, [], key=20)]
    summary = build_summary(ranked, lambda c: (c.id, 0), max_sentences=2)
    texts = [s.text for s in summary]
    assert BOTH in texts and PROMO not in texts
