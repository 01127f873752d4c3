"""What reading a report's referenced days costs: the hand-written shapes against a library.

    python benchmarks/day_shapes.py [DIR] [--language es] [--limit N]

DIR has the layout of ../shared/datasets/ml-crisis/es (``TOPIC/InputDocs/<day>/<file>``; the
folder name gives the language unless ``--language`` does). In the same run it times

* storyline: ``date_refs.referenced_days`` on each whole report (its cache bypassed), the
  way the timeline reads every report of a story;
* Recognizers-Text: the date model of the language's culture (Spanish, French) on each
  line of the same reports, as a library-based reader
  of the same days would have to call it.

Times are CPU seconds of this process (the machine is shared). Prints one line per side,
then LAST one JSON object: reports, lines, the days each side
found, seconds and milliseconds per report of each side, and ``ratio`` (the library's
time over storyline's).
"""

from __future__ import annotations

import datetime
import sys
import time
from pathlib import Path

from _common import DATASETS, emit, parser

from storyline import date_refs

CULTURES = {"es": "Spanish", "fr": "French"}


def _reports(folder: Path, limit: int) -> list[tuple[str, str]]:
    files = sorted(folder.glob("*/InputDocs/*/*"))[:limit]
    return [(f.read_text(encoding="utf-8", errors="replace"), f.parent.name) for f in files]


def main(argv: list[str] | None = None) -> int:
    ap = parser(__doc__, data="dir", default=DATASETS / "ml-crisis" / "es")
    ap.add_argument("--language", help="the reports' language (default: DIR's name)")
    ap.add_argument("--limit", type=int, default=150, help="reports to read (default 150)")
    args = ap.parse_args(argv)
    language = args.language or args.dir.name
    if language not in CULTURES:
        ap.error(f"no Recognizers-Text culture for {language!r}; use one of {sorted(CULTURES)}")
    reports = _reports(args.dir, args.limit)
    if not reports:
        ap.error(f"no reports under {args.dir}/*/InputDocs/*/")
    scan = date_refs._scan.__wrapped__  # the cache would time nothing the second time

    began = time.process_time()
    ours = sum(len(scan(text, datetime.date.fromisoformat(day), language)) for text, day in reports)
    ours_s = time.process_time() - began

    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    model = DateTimeRecognizer(getattr(Culture, CULTURES[language])).get_datetime_model()
    model.parse("hoy", datetime.datetime(2011, 1, 1))  # builds the library's tables
    lines = [(line, day) for text, day in reports for line in text.splitlines() if line.strip()]
    began = time.process_time()
    raw = 0
    for line, day in lines:
        ref = datetime.datetime.fromisoformat(day)
        raw += sum(r.type_name.endswith("date") for r in model.parse(line, ref))
    raw_s = time.process_time() - began

    print(
        f"storyline: {ours} days in {ours_s:.2f} s ({1000 * ours_s / len(reports):.2f} ms/report)"
    )
    print(
        f"Recognizers-Text: {raw} dates in {raw_s:.1f} s "
        f"({1000 * raw_s / len(reports):.0f} ms/report)"
    )
    emit(
        {
            "language": language,
            "reports": len(reports),
            "lines": len(lines),
            "storyline_days": ours,
            "storyline_seconds": round(ours_s, 3),
            "storyline_ms_per_report": round(1000 * ours_s / len(reports), 2),
            "recognizers_dates": raw,
            "recognizers_seconds": round(raw_s, 2),
            "recognizers_ms_per_report": round(1000 * raw_s / len(reports), 1),
            "ratio": round(raw_s / ours_s, 1) if ours_s else None,
        }
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
