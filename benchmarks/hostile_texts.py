"""Worst time per article on hostile long texts, per annotator step, and how it scales.

Two generated reports (fictional news-like sentences, numbers, dates and quotes, made up
here; nothing is read from any corpus):

- ``report``: a report of --mb megabytes in paragraphs (over spaCy's 1,000,000-character
  limit at the default 1.5 MB: read in pieces, see annotate/nlp.py);
- ``line``: --sentences sentences on one line, no line break at all.

Each is annotated at 1/4, 1/2 and the full size; the steps are timed apart (spaCy, time
expressions, quotes and speakers, quantities, mentions, embeddings) and the full step
through ``SpacyAnnotator`` with the default budget (all sentences) and --budget. A step
whose time grows much faster than its input (ratio full / half well over 2) is quadratic.
Times are CPU seconds of this process (all its threads): on a shared machine they move
far less with the load than wall-clock times, which are printed for the whole article.

    python benchmarks/hostile_texts.py [--mb 1.5] [--sentences 3000] [--budget 200,100]
"""

from __future__ import annotations

import datetime
import random
import time

from _common import emit, parser

_NAMES = ["Ilse Varga", "Tomas Quell", "Anaya Brook", "Oren Ducas", "Mara Yusef", "Pell Orrin"]
_PLACES = ["Port Kessel", "the Varn Valley", "Ostrava Bay", "New Halden", "Lake Merrow"]
_DATES = ["on Monday", "last week", "on March 5", "in 2029", "yesterday", "two years ago",
          "early February", "on Friday night", "last November", "three days later"]  # fmt: skip
_SAID = ["We will rebuild every bridge", "Nobody expected the water to rise so fast",
         "The figures are wrong", "Three of our crew are still missing"]  # fmt: skip


def sentence(rng: random.Random) -> str:
    name, place, when = rng.choice(_NAMES), rng.choice(_PLACES), rng.choice(_DATES)
    n = rng.choice(["12", "1,200", "about 40", "more than 3,000", "five and a half", "80 %"])
    shape = rng.randrange(4)
    if shape == 0:
        return f"{name} said {when} that {n} people had left {place}."
    if shape == 1:
        return f'"{rng.choice(_SAID)}," {name} told reporters in {place} {when}.'
    if shape == 2:
        return f"The storm cost {place} ${n} million {when}, officials said."
    return f"{when.capitalize()}, {n} homes in {place} were still without power."


def report(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < chars:
        p = " ".join(sentence(rng) for _ in range(rng.randint(1, 6)))
        paragraphs.append(p)
        size += len(p) + 2
    return "\n\n".join(paragraphs)[:chars]


def one_line(sentences: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    return " ".join(sentence(rng) for _ in range(sentences))


def steps(text: str) -> dict[str, float]:
    from storyline.annotate.embed import get_embedder
    from storyline.annotate.mentions import find_mentions
    from storyline.annotate.nlp import parse, split_sentences
    from storyline.annotate.quantities import find_quantities
    from storyline.annotate.quotes import find_quotes
    from storyline.annotate.timex import find_timexes

    out: dict[str, float] = {}
    t = time.process_time()
    doc = next(parse([text]))
    sentences = split_sentences(doc)
    out["spacy"] = time.process_time() - t
    anchor = datetime.date(2031, 3, 13)
    for name, fn in (
        ("timex", lambda: find_timexes(doc, sentences, anchor)),
        ("quotes", lambda: find_quotes(doc, sentences)),
        ("quantities", lambda: find_quantities(doc, sentences)),
        ("mentions", lambda: find_mentions(doc, sentences)),
        ("embed", lambda: get_embedder("minilm-int8").embed([s.text for s in sentences])),
    ):
        t = time.process_time()
        fn()
        out[name] = time.process_time() - t
    out["sentences"] = len(sentences)
    return out


def whole(text: str, read: int, embed: int) -> tuple[float, float]:
    from storyline.annotate import annotate_chunk
    from storyline.annotate.budget import Budget
    from storyline.model import Article, Published

    article = Article(id="x", text=text, published=Published(date="2031-03-13", basis="header"))
    t, wall = time.process_time(), time.perf_counter()
    annotate_chunk([article], budget=Budget(read=read, embed=embed))
    return time.process_time() - t, time.perf_counter() - wall


def main() -> None:
    ap = parser(__doc__)
    ap.add_argument("--mb", type=float, default=1.5)
    ap.add_argument("--sentences", type=int, default=3000)
    ap.add_argument("--budget", default="200,100", help="read,embed sentence budget to compare")
    ap.add_argument("--no-scaling", action="store_true", help="only the full sizes")
    args = ap.parse_args()
    read, embed = (int(x) for x in args.budget.split(","))

    steps("Warm-up: Ilse Varga said on Monday that 12 people had left.")  # load the models
    cases = {
        "report": lambda f: report(int(args.mb * 1_000_000 * f)),
        "line": lambda f: one_line(int(args.sentences * f)),
    }
    fractions = (1.0,) if args.no_scaling else (0.25, 0.5, 1.0)
    result: dict[str, dict[str, object]] = {}
    for name, make in cases.items():
        sizes = []
        for f in fractions:
            text = make(f)
            s = steps(text)
            sizes.append(
                {"fraction": f, "chars": len(text), **{k: round(v, 2) for k, v in s.items()}}
            )
            cols = " ".join(f"{k} {v:6.1f}s" for k, v in s.items() if k != "sentences")
            print(
                f"{name:6} x{f:<4} {len(text):>9,} chars {int(s['sentences']):>6} sentences: {cols}"
            )
        text = make(1.0)
        full = whole(text, 0, 0)
        budgeted = whole(text, read, embed)
        print(
            f"{name:6} whole article via annotate_chunk: {full[0]:.1f}s CPU ({full[1]:.1f}s wall)"
            f" with no budget, {budgeted[0]:.1f}s CPU ({budgeted[1]:.1f}s wall) with "
            f"read={read} embed={embed}"
        )
        result[name] = {
            "sizes": sizes,
            "whole_cpu_s": round(full[0], 2),
            "whole_wall_s": round(full[1], 2),
            "budgeted_cpu_s": round(budgeted[0], 2),
            "budgeted_wall_s": round(budgeted[1], 2),
        }
    emit({"budget": {"read": read, "embed": embed}, **result})


if __name__ == "__main__":
    main()
