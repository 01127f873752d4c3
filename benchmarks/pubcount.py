"""A publication-count baseline for timeline summarization, scored as storyline is.

The N days within the window on which the most reports were published (ties: the
earlier day), and for each day the ledes of its reports: the first sentence of at
least ``MIN_WORDS`` words of each report of that day, in the order the reports were
read, up to the number of sentences per date the gold asks for. A lede ends as a sentence
ends (``.``, ``!``, ``?``, a closing quote or bracket after one, or ``。``); only a report
with no such sentence gives its first long line, so the baseline does not weaken when the
annotator splits a headline line off the lede. It knows no language
and reads no date in the text: whatever storyline adds over "the busy days, and what
their reports led with" is what beats it. Used by ``eval_tls.py --method pubcount``
(and ``both``), which scores it with the same tilse alignment ROUGE and date F1.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Sequence

from storyline.model import Annotation, Article

MIN_WORDS = 5  # a lede is a sentence, not a dateline or a headline fragment
ENDS = (".", "!", "?", "。")  # how a sentence (not a headline line) ends
KEYS = ("ar1_f", "ar2_f", "date_f1")


def timeline(
    articles: Sequence[Article],
    annotations: Sequence[Annotation],
    span: tuple[str, str],
    dates: int,
    per_date: int,
) -> dict[datetime.date, list[str]]:
    """Day -> the ledes of that day's reports, for the ``dates`` busiest days of ``span``."""
    by_id = {a.article: a for a in annotations}
    by_day: dict[str, list[str]] = defaultdict(list)
    for article in articles:
        day = (article.published.date or "")[:10]
        if not day or not span[0] <= day <= span[1] or article.id not in by_id:
            continue
        long = [s.text for s in by_id[article.id].sentences if len(s.text.split()) >= MIN_WORDS]
        lede = next((t for t in long if _ends_sentence(t)), long[0] if long else "")
        by_day[day].append(lede)
    busiest = sorted(by_day, key=lambda d: (-len(by_day[d]), d))[:dates]
    return {
        datetime.date.fromisoformat(day): [s for s in by_day[day] if s][:per_date]
        for day in sorted(busiest)
    }


def _ends_sentence(text: str) -> bool:
    """Whether ``text`` ends as a sentence does, closing quotes and brackets aside."""
    return text.rstrip().rstrip("\"'”’»)]").endswith(ENDS)


def summary(rows: list[dict[str, object]]) -> dict[str, object]:
    """The baseline's means over the rows (``row["pubcount"]``) and storyline's ratios to it."""
    base = {
        k: round(statistics.fmean(float(r["pubcount"][k]) for r in rows), 4)  # type: ignore[index]
        for k in KEYS
    }
    out: dict[str, object] = {"pubcount": base}
    if rows and "ar1_f" in rows[0]:
        mine = {k: statistics.fmean(float(r[k]) for r in rows) for k in KEYS}  # type: ignore[arg-type]
        out["ratio_pubcount"] = {k: round(mine[k] / base[k], 3) if base[k] else None for k in KEYS}
    return out
