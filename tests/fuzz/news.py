"""Hypothesis strategies for hostile news-like text, for the fuzz properties.

Every template and word here is fictional, written for these tests. A line is a news
template filled with numbers, dates and quotes in many shapes, then mutated: noise
characters (zero-width, right-to-left, control), other scripts (Arabic, Chinese,
Cyrillic), dashes and quote marks of several languages spliced in, lines run together
as in a chronology whose line breaks were lost.
"""

from __future__ import annotations

import datetime

from hypothesis import settings
from hypothesis import strategies as st

# Dates no calendar arithmetic may step past, and a few dates around them.
EDGE_DAYS = (
    datetime.date(1, 1, 1),
    datetime.date(1, 1, 7),
    datetime.date(1, 12, 31),
    datetime.date(99, 6, 15),
    datetime.date(1000, 3, 1),
    datetime.date(9998, 12, 31),
    datetime.date(9999, 1, 1),
    datetime.date(9999, 12, 25),
    datetime.date(9999, 12, 31),
)

anchors = st.one_of(
    st.sampled_from(EDGE_DAYS),
    st.dates(),
    st.dates(datetime.date(1990, 1, 1), datetime.date(2040, 12, 31)),
    st.none(),
)

_PEOPLE = [
    "Mayor Ilse Varga",
    "Dr. Tomas Quell",
    "the minister",
    "Anaya Brook",
    "a spokesman",
    "Police Chief Oren Ducas",
    "Mr. Lin",
    "Sen. Mara Yusef",
    "officials",
    "she",
]
_PLACES = [
    "Port Kessel",
    "the Varn Valley",
    "Ostrava Bay",
    "New Halden",
    "the capital",
    "Lake Merrow",
    "St. Ives-on-Tarn",
    "U.S.",
    "the E.U.",
]
_VERBS = [
    "said",
    "told reporters",
    "announced",
    "warned",
    "denied",
    "confirmed",
    "wrote",
    "added",
    "according to",
]
_NUMBERS = [
    "12",
    "1,200",
    "3.5",
    "40 %",
    "80%",
    "$3.5 billion",
    "€40m",
    "£2bn",
    "five",
    "five and a half",
    "tens of thousands",
    "hundreds",
    "a dozen",
    "1.2 million",
    "-4",
    "0",
    "007",
    "12,34,567",
    "3,000",
    "½",
    "٣٤",
    "１２",
    "2.5k",
    "10^6",
    "1e9",
    "99.9999999999999999",
    "1" * 40,
    "ninety-nine",
    "a half",
    "4,301",
    "#3",
    "No. 7",
    "1st",
    "21st",
    "3:45",
    "20:00",
    "10 p.m.",
    "0.5 per cent",
]
_UNITS = [
    "people",
    "homes",
    "hours",
    "days",
    "years",
    "troops",
    "dollars",
    "kilometres",
    "tonnes",
    "dead",
    "injured",
    "percent",
    "barrels a day",
    "",
    "ha",
]
_DATES = [
    "yesterday",
    "tomorrow",
    "today",
    "tonight",
    "on Monday",
    "last Friday",
    "next week",
    "last year",
    "next month",
    "in 3 days",
    "two centuries ago",
    "three years ago",
    "a decade ago",
    "Christmas",
    "last Christmas",
    "Thanksgiving",
    "the following day",
    "the next day",
    "that year",
    "the previous quarter",
    "the third quarter",
    "Q3 2031",
    "last winter",
    "the '90s",
    "the 1990s",
    "the 21st century",
    "March 5, 2031",
    "5 March 2031",
    "Mar. 5",
    "2031-03-05",
    "05/03/2031",
    "31/02/2031",
    "Feb. 30",
    "February 29",
    "0001-01-01",
    "9999-12-31",
    "year 10000",
    "in 9999",
    "since 1979",
    "early February",
    "late 2031",
    "the weekend",
    "Friday night",
    "10 a.m. EST, Nov. 6",
    "Aug. 26 to Oct. 20",
    "nineteen ninety-six",
    "the past four years",
    "the coming weeks",
    "a year earlier",
    "the year-ago quarter",
    "last June",
    "this Sunday",
    "mid-2031",
    "2031/32",
    "in 100 days",
    "every week",
    "recently",
    "now",
    "the future",
    "Election Day",
]
_QUOTES = [
    ('"', '"'),
    ("“", "”"),
    ("‘", "’"),
    ("«", "»"),
    ("„", "“"),
    ("「", "」"),
    ("‹", "›"),
    ("'", "'"),
    ("»", "«"),
    ('"', ""),
    ("", "”"),
    ("``", "''"),
]
_SAID = [
    "We will rebuild every bridge",
    "Nobody expected the water to rise so fast",
    "It is too early to say",
    "The numbers are wrong, and we said so",
    "Three of our crew are still missing",
    "No comment",
    "I was there on Monday",
]
_DASHES = ["-", "–", "—", "‒", "−", " - ", " — ", ":", " : "]
_NOISE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\u2028",
    "\u2029",
    "\r",
    "\t",
    "\u00a0",
    "\u3000",
    "\ufffd",
    "\u0301",
    "\U0001f600",
    "\\",
    "&amp;",
    "<b>",
]
_SCRIPTS = [
    "قال الوزير إن ٣ أشخاص قتلوا",
    "外交部发言人说，会谈持续了五个半小时",
    "北京 3月5日",
    "Министр заявил",
    "שלום",
    "नई दिल्ली",
    "東京",
    "٢٠٢٣-٠٣-٠٥",
    "السبت",
    "周一",
]

TEMPLATES = [
    "{person} {verb} {date} that {number} {unit} were hurt in {place}.",
    "{open}{said},{close} {person} {verb} {date}.",
    "{person} {verb}: {open}{said}.{close}",
    "{date} {dash} {person} visits {place}; {number} {unit} turn out",
    "{number} {unit} {dash} up from {number} {unit} {date}",
    "In {place}, {date}, about {number} {unit} left their homes, {person} {verb}.",
    "{open}{said}{close}",
    "{date}{dash}{number}{dash}{place}",
    "The storm of {date} cost {number} {unit}, and {number} more {date}.",
    "{person} ({place}) {verb} {number} {unit} {date} {open}{said}{close} {number}",
]


@st.composite
def news_line(draw: st.DrawFn) -> str:
    """One news-like line from a template, then mutated."""
    template = draw(st.sampled_from(TEMPLATES))
    quote = draw(st.sampled_from(_QUOTES))
    fill = {
        "person": draw(st.sampled_from(_PEOPLE)),
        "place": draw(st.sampled_from(_PLACES)),
        "verb": draw(st.sampled_from(_VERBS)),
        "number": draw(st.sampled_from(_NUMBERS)),
        "unit": draw(st.sampled_from(_UNITS)),
        "date": draw(st.sampled_from(_DATES)),
        "dash": draw(st.sampled_from(_DASHES)),
        "said": draw(st.sampled_from(_SAID)),
        "open": quote[0],
        "close": quote[1],
    }
    line = template.format(**fill)
    return draw(_mutated(line))


@st.composite
def _mutated(draw: st.DrawFn, line: str) -> str:
    """``line`` with up to four splices: noise, other scripts, digits, a dash, a deletion."""
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(line)))
        kind = draw(st.integers(0, 5))
        if kind == 0:
            piece = draw(st.sampled_from(_NOISE))
        elif kind == 1:
            piece = f" {draw(st.sampled_from(_SCRIPTS))} "
        elif kind == 2:
            piece = draw(st.sampled_from(_NUMBERS + _DATES))
        elif kind == 3:
            piece = draw(st.sampled_from(_DASHES + [q for pair in _QUOTES for q in pair]))
        elif kind == 4:
            piece = draw(st.text(max_size=6))
        else:
            end = draw(st.integers(at, min(len(line), at + 8)))
            line = line[:at] + line[end:]
            continue
        line = line[:at] + piece + line[at:]
    return line


_SEPARATORS = st.sampled_from(["\n", "\n\n", " ", "", "\r\n", "\n \n", "  ", " | ", "\u2028"])


@st.composite
def news_text(draw: st.DrawFn, max_lines: int = 8) -> str:
    """Several mutated lines joined by line breaks, spaces or nothing (a flattened list)."""
    lines = draw(st.lists(news_line(), min_size=1, max_size=max_lines))
    out = lines[0]
    for line in lines[1:]:
        out += draw(_SEPARATORS) + line
    return out


@st.composite
def flattened_chronology(draw: st.DrawFn) -> str:
    """A chronology whose line breaks were lost: "1994 - ... hundreds 1998 - ..."."""
    years = draw(st.lists(st.integers(1, 9999), min_size=2, max_size=6))
    parts = []
    for year in years:
        what = draw(
            st.sampled_from(_SAID + [f"{n} {u}" for n in _NUMBERS[:12] for u in _UNITS[:3]])
        )
        tail = draw(st.sampled_from(["kills hundreds", "leaves thousands homeless", "", "80 %"]))
        parts.append(f"{year} {draw(st.sampled_from(_DASHES))} {what} {tail}")
    return draw(st.sampled_from([" ", "", "; "])).join(parts)


# Arbitrary text, with the characters news rarely has but feeds do carry.
arbitrary_text = st.one_of(
    st.text(max_size=300),
    st.text(st.characters(codec="utf-8"), max_size=300),
    st.text(alphabet=st.sampled_from(list(" \n-–—.,;:\"'“”«»0123456789%$€")), max_size=200),
    st.text(st.characters(exclude_categories=()), max_size=100),  # lone surrogates too
)

hostile_text = st.one_of(news_text(), flattened_chronology(), arbitrary_text)


def heavy(fraction: int = 4) -> settings:
    """Settings for a property that runs the spaCy pipeline: a ``fraction`` of the
    profile's examples (each costs tens of milliseconds, not microseconds)."""
    return settings(max_examples=max(5, settings.default.max_examples // fraction))
