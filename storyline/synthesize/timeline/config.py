"""The timeline's tuned constants, in one place (how each was chosen: docs/experiments.md)."""

from __future__ import annotations

import dataclasses

GRANULARITIES = ("day", "month", "year")  # the dates a timeline can show


@dataclasses.dataclass(frozen=True)
class TimelineConfig:
    """The weights of the date ranking and the entry choice, and the timeline's limits.

    The defaults are the values ``benchmarks/eval_tls.py --loto`` chooses leave-one-topic-out
    on Timeline17; the benchmark passes others to tune them the same way.
    """

    teller: float = 0.25  # a day's score per independent source dating an event to it
    published: float = 0.25  # ... per report published on it
    later: float = 1.0  # ... per report published later that refers back to it
    chronology: float = 2.0  # an entry's bonus for being a line of a chronology
    relevance: bool = True  # reports mostly about something else count for less
    month: float = 0.3  # a month's score against a day's (months are named more, say less)
    year: float = 0.1  # ... a year's
    sources: float = 0.5  # an entry's score per log(1 + independent sources telling it)
    vec: float = 1.0  # ... per cosine to the mean MiniLM vector of its day's candidates
    lex: float = 2.0  # ... per cosine to the TF-IDF centroid of its day's other candidates
    lex_reports: int = 3  # reports of a day that must use a word for it to be in that centroid
    fresh: float = 0.5  # ... per share of its tellings published within fresh_days of its day
    fresh_days: int = 2  # reports up to this many days after a day tell what happened on it
    redundant: float = 0.8  # MiniLM cosine to a chosen entry (same status) that makes a repeat
    lex_redundant: float = 0.5  # TF-IDF cosine to a chosen entry that makes a repeat
    lede: int = 3  # opening sentences of a report that stand for its publication day
    min_words: int = 6  # shorter sentences are no entry (ledes, chronology lines, the rest)
    max_words: int = 45  # a longer "sentence" is a run-on paragraph or a clause chain
    auto_dates: float = 4.0  # a dossier's days per square root of its publication days
    auto_per_date: int = 2  # entries per day in a dossier
    query_reports: int = 5  # reports a story needs before its key names are a query
    key_terms: int = 20  # the story's most widespread names: the query its reports are read against
    on_topic: float = 0.5  # share of a chronology's entries that must name the story to count
    core: float = 0.5  # a key term this share of the top one's reports name is a core name
    core_median: float = 0.5  # roundups are told apart only when most reports name the core
    roundup: float = 0.5  # a report naming the core this share of the median's is a roundup
    off_story: float = (
        0.5  # a report whose names other reports share this much of the median's is off the story
    )
    before_story: int = 15  # days before the first report a day told by one report alone may lie

    def coarse(self, granularity: str | None) -> float:
        """How much a date of this granularity weighs against a day."""
        return {"day": 1.0, "month": self.month, "year": self.year}[granularity or "day"]


Weights = TimelineConfig  # the name the benchmark and earlier callers use
DEFAULT_WEIGHTS = TimelineConfig()
