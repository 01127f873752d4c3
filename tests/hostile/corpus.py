"""A hostile corpus, written for the tests: inputs that once stopped a batch, and good reports.

``build_corpus(folder)`` writes it and returns a :class:`Manifest` saying what a
build must do with each file: store its articles (``good``: file -> number of
articles), reject it by name (``rejected``: file -> the line, or None), or read
it with a warning (``warned``). All text here is invented for these tests.

The hostile-but-readable reports: a flattened chronology, tables of figures
flattened into lines, Arabic and Chinese inside English and Spanish sentences,
zero-width, right-to-left and control characters, a 1.5 MB report (over
spaCy's 1,000,000-character limit), a 3,000-sentence single line, 10,000 dates
in one report, 5,000 nested divs, records dated 0001-01-01 and 9999-12-31 that
say "yesterday", "Monday" and "Christmas", a trailing comma, a Latin-1 record,
a file mixing UTF-8 and Latin-1. The bad ones: JSON nested 1,000 deep, a
``\\ud800`` escape, a 4,301-digit number (each in .json and .jsonl), a symbolic
link loop, the 36-byte SVG/CDATA page, a file of only punctuation.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass, field
from pathlib import Path

SVG_CDATA = "<svg><title><![CDATA[</title><title>"

# A small invented story: floods on the Varn river in Kessel province.
GOOD_REPORTS = {
    "good/01_rain.txt": (
        "date 2024-04-02 By Mira Castell, The Kessel Courier\n\n"
        "Rain Swells the Varn\n\n"
        "Heavy rain raised the Varn river by two metres on Monday, and the river authority "
        "closed the lower bridge at Dunmere as a precaution, its director, Paul Ardent, said.\n\n"
        '"We expect the water to peak on Wednesday," Ardent told reporters in Dunmere.\n'
    ),
    "good/02_evacuation.txt": (
        "date 2024-04-03 By Tomas Iver, Northern Ledger\n\n"
        "Villages Evacuated Along the Varn\n\n"
        "About 1,200 people left four villages along the Varn on Tuesday after the river broke "
        "its banks near Orsk, the provincial government said. No one was hurt.\n\n"
        "Buses took residents to a school in Kessel, where the Red Cross set up 300 beds.\n"
    ),
    "good/03_barrier.txt": (
        "date 2024-04-04 By Lena Hart, Valley Post\n\n"
        "Flood Barrier Holds at Kessel\n\n"
        "The flood barrier at Kessel held on Wednesday as the Varn peaked at 6.4 metres, the "
        "river authority said. Director Paul Ardent said the barrier had never been tested so "
        "hard since it opened in 2009.\n"
    ),
    "good/04_damage.json": json.dumps(
        {
            "title": "Farmers Count Flood Losses",
            "date": "2024-04-06",
            "outlet": "Agri Weekly",
            "authors": ["Noor Velden"],
            "text": (
                "Farmers in the Varn valley said on Friday that the floods had ruined about "
                "4,000 hectares of winter wheat. The provincial farm union asked for emergency "
                "aid of 12 million crowns."
            ),
        }
    ),
    "good/05_return.jsonl": json.dumps(
        {
            "title": "Residents Return to Orsk",
            "date": "2024-04-09",
            "outlet": "The Kessel Courier",
            "text": (
                "Most of the 1,200 people evacuated from villages near Orsk returned home on "
                "Monday as the Varn fell below its banks, officials said. The lower bridge at "
                "Dunmere reopened to traffic."
            ),
        }
    )
    + "\n",
}

CLEAN_BATCH = {
    "later/06_inquiry.txt": (
        "date 2024-04-15 By Mira Castell, The Kessel Courier\n\n"
        "Inquiry Into Flood Warnings\n\n"
        "The provincial assembly on Monday opened an inquiry into why the first flood warnings "
        "for the Varn reached villages near Orsk only hours before the water.\n"
    ),
    "later/07_repairs.txt": (
        "date 2024-04-20 By Tomas Iver, Northern Ledger\n\n"
        "Bridge Repairs Begin at Dunmere\n\n"
        "Engineers began repairs on Friday to the lower bridge at Dunmere, which the floods "
        "left with a cracked pier. The work will take six weeks, the river authority said.\n"
    ),
}


@dataclass
class Manifest:
    """What a build must do with each file of the corpus (paths relative to its folder)."""

    good: dict[str, int] = field(default_factory=dict)  # file -> articles it must store
    rejected: dict[str, int | None] = field(default_factory=dict)  # file -> line (or None)
    warned: list[str] = field(default_factory=list)  # stored, with a warning naming the file


def _chronology() -> str:
    storms = ["Alder", "Birch", "Cedar", "Dogwood", "Elm", "Fir", "Gale", "Hazel", "Ivy"]
    deeds = [
        "kills hundreds",
        "destroys 80 % of crops",
        "floods 3,000 homes",
        "cuts power to 1.2 million",
        "sinks 14 fishing boats",
    ]
    entries = [
        f"{1990 + 2 * i} - Storm {name} {deeds[i % len(deeds)]}" for i, name in enumerate(storms)
    ]
    return (
        "date 2024-04-05\n\nA History of Storms on the Varn Coast\n\n"
        "Storms have struck the Varn coast many times. " + " ".join(entries) + " 2024 - The "
        "Varn floods four villages near Orsk\n"
    )


def _table() -> str:
    rows = [
        ("Kessel", 12, 40, "1,200"),
        ("Orsk", 8, 31, "950"),
        ("Dunmere", 0, 4, "75"),
        ("Brill", 3, 12, "310"),
    ]
    flat = " ".join(f"{place} {dead} {hurt} {moved}" for place, dead, hurt, moved in rows)
    lines = "\n".join(f"{place} | {dead} | {hurt} | {moved}" for place, dead, hurt, moved in rows)
    return (
        "date 2024-04-07\n\nFlood Figures by District\n\n"
        "The provincial government published these figures on Saturday.\n"
        f"District Deaths Injured Displaced {flat} Total 23 87 2,535\n"
        f"District | Deaths | Injured | Displaced\n{lines}\n"
        "Year 2019 2020 2021 2022 2023 Floods 2 0 5 1 3 Losses (m) 4.5 0 12.25 0.8 7\n"
    )


def _mixed_scripts() -> str:
    return (
        "date 2024-04-08\n\n"
        "The delegation from الرباط met officials in 北京 on Tuesday to discuss flood aid, "
        "said the envoy, Karim Benali (كريم بن علي). A second meeting with 李明 is planned.\n\n"
        "El ministro dijo el lunes que 北京 y الرباط enviarán ayuda a Kessel: 200 toneladas de "
        "arroz (大米) y mantas. «Es un gesto de amistad», afirmó.\n"
    )


def _invisible() -> str:
    return (
        "date 2024-04-08\n\n"
        "The river\u200b authority\u200c said\u200d on Monday that the\ufeff water had fallen "
        "by 40\u00a0cm. \u202eThe mayor of Orsk\u202c thanked volunteers, and \u2067Dunmere"
        "\u2069 reopened its school.\x07 A siren \x1b[31msounded\x1b[0m at noon.\x0c\n\n"
        "Officials said the \u2066bridge\u2069 would reopen\u00ad next week.\x0b\n"
    )


def _sentences(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    subjects = ["The river authority", "The mayor of Orsk", "Farmers near Brill", "Officials"]
    verbs = ["said", "reported", "warned", "confirmed"]
    days = ["on Monday", "on Tuesday", "last week", "on March 3", "in 2019", "yesterday"]
    objects = [
        "that 1,200 people had left their homes",
        "that the water rose by 2.5 metres",
        "that 80 % of the wheat was lost",
        "that the barrier would hold",
        "that 14 boats sank near the coast",
    ]
    return [
        f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(days)} {rng.choice(objects)}."
        for _ in range(count)
    ]


def _big_report(size: int) -> str:
    paragraphs = []
    total = 0
    seed = 0
    while total < size:
        paragraph = " ".join(_sentences(8, seed))
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        seed += 1
    return "date 2024-04-10\n\nThe Long Report on the Varn Floods\n\n" + "\n\n".join(paragraphs)


def _many_dates(count: int) -> str:
    rng = random.Random(7)
    months = ["January", "March", "May", "July", "September", "November"]
    lines = []
    for i in range(count):
        year = rng.randint(1950, 2023)
        shape = i % 4
        if shape == 0:
            when = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        elif shape == 1:
            when = f"{rng.randint(1, 28)} {rng.choice(months)} {year}"
        elif shape == 2:
            when = f"{rng.choice(months)} {rng.randint(1, 28)}, {year}"
        else:
            when = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/{year}"
        lines.append(f"Gauge reading {i + 1} was taken on {when}.")
    return "date 2024-04-11\n\nEvery Gauge Reading Since 1950\n\n" + " ".join(lines) + "\n"


def build_corpus(folder: Path, *, big_bytes: int = 1_500_000) -> Manifest:
    """Write the hostile corpus into ``folder`` (created) and say what a build must do."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = Manifest()

    def write(name: str, content: str | bytes) -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    for name, text in GOOD_REPORTS.items():
        write(name, text)
        manifest.good[name] = 1

    # Hostile but readable: each stores one article.
    readable = {
        "hard/chronology.txt": _chronology(),
        "hard/figures.txt": _table(),
        "hard/scripts.txt": _mixed_scripts(),
        "hard/invisible.txt": _invisible(),
        "hard/big.txt": _big_report(big_bytes),
        "hard/one_line.txt": "date 2024-04-10\n\n" + " ".join(_sentences(3000, 11)) + "\n",
        "hard/dates.txt": _many_dates(10_000),
        "hard/deep.html": (
            "<html><head><title>Barrier Holds Again</title></head><body>"
            + "<div>" * 5000
            + "<p>The Kessel flood barrier held again on Thursday night, the river authority "
            "said, as a second crest passed the town without damage.</p>"
            + "</div>" * 5000
            + "</body></html>"
        ),
    }
    for name, text in readable.items():
        write(name, text)
        manifest.good[name] = 1

    # Stored, with a warning naming the file.
    placeholder = [
        {"date": "0001-01-01", "text": "The dyke at Brill gave way yesterday, officials said."},
        {"date": "9999-12-31", "text": "Schools in Orsk will reopen on Monday, the mayor said."},
        {
            "date": "0001-01-01T00:00:00Z",
            "text": "Volunteers hope to finish clearing Dunmere by Christmas, they said.",
        },
        {"date": "1970-01-01", "text": "The ferry to Brill resumes tomorrow after the floods."},
    ]
    write("warn/placeholder_dates.jsonl", "\n".join(json.dumps(r) for r in placeholder) + "\n")
    manifest.good["warn/placeholder_dates.jsonl"] = len(placeholder)
    write(
        "warn/trailing_comma.json",
        "[\n"
        + json.dumps({"text": "The Varn fell by a metre overnight, the gauge at Orsk showed."})
        + ",\n"
        + json.dumps({"text": "Dunmere's market reopened on Saturday after the floods."})
        + ",\n]\n",
    )
    manifest.good["warn/trailing_comma.json"] = 2
    accented = "El alcalde de Orsk dijo que el niño rescatado está bien; Zoë aß Müsli in Köln."
    write(
        "warn/latin1_record.jsonl",
        json.dumps({"text": accented}, ensure_ascii=False).encode("utf-8")
        + b"\n"
        + json.dumps({"text": accented.replace("niño", "pingüino")}, ensure_ascii=False).encode(
            "latin-1"
        )
        + b"\n",
    )
    manifest.good["warn/latin1_record.jsonl"] = 2
    write(
        "warn/mixed_encoding.txt",
        b"date 2024-04-12\n\n"
        + "Los vecinos de Dunmere limpiaron el lodo el sábado.\n".encode()
        + "La señora Muñoz dijo que perdió su café.\n".encode("latin-1")
        + "El río Varn bajó 40 centímetros.\n".encode(),
    )
    manifest.good["warn/mixed_encoding.txt"] = 1
    manifest.warned = [
        "warn/placeholder_dates.jsonl",
        "warn/trailing_comma.json",
        "warn/latin1_record.jsonl",
        "warn/mixed_encoding.txt",
    ]

    # Bad: rejected by name, the rest of each file (and of the batch) still read.
    good_record = json.dumps({"text": "Rain stopped over the Varn valley on Sunday evening."})
    deep = "[" * 1000 + "]" * 1000
    big_int = "4" * 4301
    bad = {
        "bad/deep.json": (deep, 1),
        "bad/deep.jsonl": (good_record + "\n" + deep + "\n", 2),
        "bad/surrogate.json": ('{"text": "The gauge at Orsk read \\ud800 metres."}', None),
        "bad/surrogate.jsonl": (
            good_record.replace("Sunday", "Tuesday") + '\n{"text": "Broken \\ud800 escape."}\n',
            2,
        ),
        "bad/bigint.json": ('{"text": "A count.", "views": ' + big_int + "}", 1),
        "bad/bigint.jsonl": (
            good_record.replace("Sunday", "Friday")
            + '\n{"text": "A count.", "views": '
            + big_int
            + "}\n",
            2,
        ),
        "bad/svg.html": (SVG_CDATA, None),
        "bad/punctuation.txt": ("!!! ... ??? --- *** ;;; «» “” — … ¡¿\n.,:;!?\n", None),
    }
    for name, (text, line) in bad.items():
        write(name, text)
        manifest.rejected[name] = line
    for name in ("bad/deep.jsonl", "bad/surrogate.jsonl", "bad/bigint.jsonl"):
        manifest.good[name] = 1  # line 1 of each is a good record

    loop = folder / "bad" / "loop"
    loop.mkdir(parents=True, exist_ok=True)
    write(
        "bad/loop/inside.txt",
        "date 2024-04-13\n\nThe river authority lifted the last flood warning for the Varn on "
        "Saturday, two weeks after the rain began.\n",
    )
    manifest.good["bad/loop/inside.txt"] = 1
    os.symlink("..", loop / "again")
    manifest.rejected["bad/loop/again"] = None
    return manifest


def write_clean_batch(folder: Path) -> dict[str, int]:
    """A later batch of good reports only; returns file -> articles, as Manifest.good."""
    for name, text in CLEAN_BATCH.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return dict.fromkeys(CLEAN_BATCH, 1)
