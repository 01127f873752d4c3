"""The claims stage's tuned constants (``link/claims.py``, ``link/tellings.py``)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimsConfig:
    """The claims stage's tuned constants (cosines of MiniLM vectors; shared content is
    ``Specifics.shared``, a weighted Jaccard). The four thresholds of the two tiers were
    chosen on the confirmations audit set (``benchmarks/eval_confirm.py``), leave-one-topic-
    out figures in docs/experiments.md "Confirmations"."""

    similarity: float = 0.75  # tier 1: cosine floor of two sentences that tell one fact
    related: float = 0.55  # tier 2: cosine floor for reworded tellings
    agree: float = 1.0  # tier 1: cosine + shared content a pair must reach
    shared_related: float = 0.2  # tier 2: shared content of a telling with a shared figure
    shared_despite_people: float = 0.25  # ... with a shared count, different people may agree
    min_words: int = 6  # shorter sentences (or ones not ending a sentence) are no claims
    neighbours: int = 16  # nearest neighbours searched per sentence
    core: int = 8  # members of a claim a newcomer is checked against
    join_share: float = 0.5  # share of those core members a newcomer must tell one fact with
    # Two sentences of reports in two languages this close (multilingual vectors) translate
    # one fact: they share no words to weigh (chosen leave-one-report-out on the Dravenmoor
    # example in three languages, docs/experiments.md "Cross-lingual"; MiniLM's cross-language
    # cosines stay far below it).
    across_languages: float = 0.69
    # Below this cosine two tellings whose main clauses both tell a deed must share its
    # predicate (the parse's, annotator 12): chosen leave-one-topic-out on the labelled
    # claims (docs/experiments.md "Claims: the main clause (issue 15, session 14)").
    told_below: float = 0.70


CLAIMS = ClaimsConfig()
