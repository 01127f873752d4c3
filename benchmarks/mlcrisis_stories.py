"""Story detection on ML-Crisis streams no story-detection rule was tuned on.

    STORYLINE_CONFIG=use.toml .venv/bin/python benchmarks/mlcrisis_stories.py es --db STORE
    STORYLINE_CONFIG=use.toml .venv/bin/python benchmarks/mlcrisis_stories.py both --db STORE

Every report of every topic folder of ``../shared/datasets/ml-crisis/LANG`` (``both``: the
Spanish and the French reports, one newsroom reading two languages; needs the multilingual
embedder) is put into one stream in publication order, the stories are detected with the
settings' defaults (``--weights W.json`` overrides ``Weights`` fields, ``--threshold`` the
joining threshold) and scored with B-cubed precision, recall and F1 against the topic folders
(the country's crisis), beside every report alone and all reports in one story.

The folders hold roundups and reports of a neighbouring crisis (a post on Libya filed under
Egypt, a piece on the Arab spring filed under Yemen). How they are counted, fixed before any
figure was seen: each report's text is searched for the four countries' names, demonyms and
capitals (``COUNTRY_TERMS``); a report is *off-topic* when another topic's terms occur at least
as often as its own folder's (and at least once). ``all`` scores every report by its folder;
``clean`` detects on the same whole stream but scores only the reports that are not off-topic.
These terms are the benchmark's labels, never a rule of storyline.

Last line: one JSON object (per stream: ``all``, ``clean``, the baselines, stories, off-topic
counts per topic, detect_seconds).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import DATASETS, emit, parser
from _timeline17 import documents, topics
from eval_stories import annotated_stream, bcubed

MLCRISIS = DATASETS / "ml-crisis"

# Country name, demonym and capital per topic and language (the benchmark's labelling rule).
COUNTRY_TERMS = {
    "es": {
        "egypt": r"egipt\w*|cairo",
        "libya": r"libi[ao]s?|tr[ií]poli",
        "syria": r"siri[ao]s?|damasco",
        "yemen": r"yemen\w*|saná|sanaa",
    },
    "fr": {
        "egypt": r"[ée]gypt\w*|caire",
        "libya": r"liby\w*|tripoli",
        "syria": r"syri\w*|damas",
        "yemen": r"y[ée]m[ée]n\w*|sanaa",
    },
}


def off_topic(text: str, topic: str, lang: str) -> bool:
    """Whether another topic's country is named at least as often as the report's own."""
    low = text.lower()
    counts = {
        t: len(re.findall(rf"\b(?:{pattern})\b", low)) for t, pattern in COUNTRY_TERMS[lang].items()
    }
    own = counts.get(topic, 0)
    return any(n >= own and n > 0 for t, n in counts.items() if t != topic)


def _scores(gold: dict[str, str], predicted: dict[str, str]) -> dict[str, Any]:
    p, r, f = bcubed(gold, predicted)
    alone = bcubed(gold, {a: a for a in gold})
    one = bcubed(gold, dict.fromkeys(gold, "one"))
    return {
        "bcubed_p": round(p, 4),
        "bcubed_r": round(r, 4),
        "bcubed_f1": round(f, 4),
        "alone_f1": round(alone[2], 4),
        "one_story_f1": round(one[2], 4),
        "articles": len(gold),
    }


def run(langs: list[str], db: Path, args: Any) -> dict[str, Any]:
    from storyline.link import detect_stories
    from storyline.link.story_config import Weights

    overrides = json.loads(Path(args.weights).read_text()) if args.weights else {}
    weights = Weights(**overrides)
    with tempfile.TemporaryDirectory() as tmp:
        groups = [
            (f"{lang}-{name}", name, documents(dirs))
            for lang in langs
            for name, dirs in sorted(topics(MLCRISIS / lang).items())
        ]
        settings, gold, group, articles, annotations = annotated_stream(groups, db, args, Path(tmp))
    lang_of = {a: key.split("-", 1)[0] for a, key in group.items()}
    threshold = args.threshold if args.threshold is not None else settings.story_similarity
    threshold = weights.threshold if threshold is None else threshold
    t0 = time.perf_counter()
    stories = detect_stories(articles, annotations, threshold, settings.story_window_days, weights)
    seconds = time.perf_counter() - t0
    predicted = {a: s.id for s in stories for a in s.articles}
    off = {a.id for a in articles if off_topic(a.text, gold[a.id], lang_of[a.id])}
    clean = {a: t for a, t in gold.items() if a not in off}
    off_counts = Counter(f"{lang_of[a]}/{gold[a]}" for a in off)
    sizes = Counter(predicted.values())
    for lang in langs:
        for topic in sorted({gold[a] for a in gold if lang_of[a] == lang}):
            ids = [a for a in gold if gold[a] == topic and lang_of[a] == lang]
            top = Counter(predicted[a] for a in ids).most_common(3)
            shown = ", ".join(f"{n}/{sizes[s]}" for s, n in top)
            n_off = sum(a in off for a in ids)
            print(
                f"{lang}/{topic:<8} {len(ids):4d} reports, {n_off:3d} off-topic; stories: {shown}"
            )
    return {
        "all": _scores(gold, predicted),
        "clean": _scores(clean, predicted),
        "off_topic": dict(sorted(off_counts.items())),
        "stories": len(stories),
        "threshold": threshold,
        "weights": overrides,
        "detect_seconds": round(seconds, 2),
    }


def main() -> None:
    ap = parser(__doc__, budget=True, workers=2)
    ap.add_argument("lang", choices=("es", "fr", "both"))
    ap.add_argument("--db", type=Path, required=True, help="the store (reused, annotated)")
    ap.add_argument("--weights", default=None, help="JSON file of Weights overrides")
    ap.add_argument("--threshold", type=float, default=None, help="joining threshold")
    args = ap.parse_args()
    logging.basicConfig(level=logging.WARNING)
    langs = ["es", "fr"] if args.lang == "both" else [args.lang]
    emit(run(langs, args.db, args))


if __name__ == "__main__":
    main()
