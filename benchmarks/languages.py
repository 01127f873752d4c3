"""Reading reports in other languages: extraction on the fictional tests, and throughput.

1. Dates and quotes on the fictional Spanish, French and German reports of
   tests/annotate/test_languages.py, against the readings written down below (text and
   value of each date; each quote's speaker): found, right, expected per language.
2. Annotation throughput (``SpacyAnnotator``: sentences, names, dates, quotes,
   embeddings) per language, as words/s and its ratio to English in the same run:
   real coverage for English (Timeline17), Spanish and French (ML-Crisis), and the
   one-paragraph fictional reports of tests/ingest/test_language.py for the others
   (each repeated with a running number, so no cache serves a copy). Median of --repeat.

    python benchmarks/languages.py [--docs 30] [--copies 60] [--repeat 3]
"""

from __future__ import annotations

import datetime
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import parser  # noqa: E402
from _timeline17 import DEFAULT_DIR, documents, topics  # noqa: E402

from storyline.annotate import SpacyAnnotator  # noqa: E402
from storyline.annotate.multilingual import read  # noqa: E402
from storyline.model import Article, Published  # noqa: E402
from tests.annotate.test_languages import FRENCH, GERMAN, PUBLISHED, SPANISH  # noqa: E402
from tests.ingest.test_language import REPORTS  # noqa: E402

ML_CRISIS = ROOT.parent / "shared" / "datasets" / "ml-crisis"

# What a careful reader takes from the fictional reports: each date (as written, its
# value) and each quote's speaker, in order.
GOLD: dict[str, tuple[str, dict[str, str], list[str]]] = {
    "es": (
        SPANISH,
        {"martes": "2031-02-25", "3 de marzo": "2031-03-03", "mañana": "2031-02-28"},
        ["Carmen Ibarra", "Xi"],
    ),
    "fr": (
        FRENCH,
        {
            "mardi": "2031-02-25",
            "3 mars": "2031-03-03",
            "demain": "2031-02-28",
            "lundi prochain": "2031-03-03",
        },
        ["Claire Dumont", "Paul Girard"],
    ),
    "de": (
        GERMAN,
        {
            "Dienstag": "2031-02-25",
            "3. März": "2031-03-03",
            "morgen": "2031-02-28",
            "April": "2031-04",
        },
        ["Anna Keller", "Jonas Brandt"],
    ),
}


def extraction() -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    for language, (text, dates, speakers) in GOLD.items():
        r = read(text, language, PUBLISHED)
        found = {t.text: t.value for t in r.timexes}
        right = sum(
            1 for want, value in dates.items()
            if any(want in got and v == value for got, v in found.items())
        )  # fmt: skip
        said = [q.speaker for q in r.quotes]
        out[language] = {
            "dates found": len(found),
            "dates right": right,
            "dates expected": len(dates),
            "quotes found": len(said),
            "speakers right": sum(1 for a, b in zip(said, speakers, strict=False) if a == b),
            "quotes expected": len(speakers),
        }
    return out


def _article(text: str, language: str, n: int, date: str) -> Article:
    return Article(
        id=f"{language}-{n}",
        text=text,
        language=language,
        published=Published(date=date, basis="header"),
    )


def corpora(docs: int, copies: int) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = {}
    t17 = topics(DEFAULT_DIR)
    english = documents(t17["H1N1"], limit=docs)
    out["en"] = [_article(d["text"], "en", i, d["date"]) for i, d in enumerate(english)]
    for language in ("es", "fr"):
        files = sorted(ML_CRISIS.glob(f"{language}/*/InputDocs/*/*.txt"))[:docs]
        out[language] = [
            _article(f.read_text(encoding="utf-8", errors="replace"), language, i, f.parent.name)
            for i, f in enumerate(files)
        ]
    for language, text in REPORTS.items():
        out[f"{language} (fictional)"] = [
            _article(f"{text} {i}.", language, i, PUBLISHED.isoformat()) for i in range(copies)
        ]
    out["en (fictional)"] = [
        _article(
            "The city council approved a plan on Tuesday to repair the river bridge, closed "
            f"since last winter, the mayor said. {i}.",
            "en", i, PUBLISHED.isoformat(),
        )
        for i in range(copies)
    ]  # fmt: skip
    return out


def throughput(corpus: dict[str, list[Article]], repeat: int) -> dict[str, float]:
    annotator = SpacyAnnotator()
    for articles in corpus.values():  # load every language's models first
        annotator(articles[:1])
    rates: dict[str, float] = {}
    for language, articles in corpus.items():
        words = sum(len(a.text.split()) for a in articles)
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            annotator(articles)
            times.append(time.perf_counter() - t0)
        rates[language] = words / statistics.median(times)
    return rates


def main() -> None:
    ap = parser(__doc__, repeat=3)
    ap.add_argument("--docs", type=int, default=30)
    ap.add_argument("--copies", type=int, default=60)
    args = ap.parse_args()
    found = extraction()
    for language, row in found.items():
        print(language, row)
    rates = throughput(corpora(args.docs, args.copies), args.repeat)
    for language, rate in rates.items():
        base = rates["en (fictional)" if "fictional" in language else "en"]
        print(f"{language:16s} {rate:8.0f} words/s  {rate / base:5.2f}x English")
    print(json.dumps({"extraction": found, "words_per_s": rates, "at": str(datetime.date.today())}))


if __name__ == "__main__":
    main()
