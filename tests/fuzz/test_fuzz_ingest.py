"""Property tests for every ingest parser: arbitrary text and bytes, mutated news-like input.

Invariants: a parser never raises; reading yields only Articles and Rejections;
an Article's text is non-empty, stripped, valid Unicode, and its id is the
content hash of that text; reading the same input twice gives the same ids; a
publication date is a believable calendar day or none.

Each test sets only a deadline: the number of examples comes from the active
hypothesis profile (a bounded one by default, a long one for ``make fuzz``).
The news-like lines are written for these tests.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.ingest import find_cites, read_inputs, strip_credits
from storyline.ingest.article import build_article, check_date, content_id
from storyline.ingest.files import Source, _decode, walk
from storyline.ingest.html import parse_html
from storyline.ingest.plaintext import parse_byline, parse_plain
from storyline.ingest.records import parse_json, parse_jsonl
from storyline.model import Article, Published, Rejection

# A deadline per example: generous for a loaded 2-core machine, short enough
# to catch a regular expression that backtracks without end.
DEADLINE = dt.timedelta(seconds=2)
# trafilatura parses a whole page per example.
HTML_DEADLINE = dt.timedelta(seconds=5)

NEWS_LINES = [
    "date 2019-11-02 By Amara Whitlock and Teo Varga, The Coastal Ledger",
    "By Ines Ferreira, Harbour Post, March 3, 2021",
    "BRELLTON (Reuters) - The regional council voted 14-3 on Tuesday to close the old mine.",
    "Officials said 1,250 people were evacuated and 3 were missing, up from 2 on Monday.",
    '"We will rebuild the bridge by June," the mayor, Lena Ostrova, told reporters.',
    "1994 - Storm floods the valley 1998 - Drought destroys 80 % of crops 2003 - Dam opens",
    "Temperatures reached 41.5C (106.7F) last week, the highest since 1979, Al Manar reported.",
    "Additional reporting by Sam Okafor in Lagos; Editing by Rui Matos",
    "Dock Street's Jo Park contributed reporting.",
    "The ferry carried 312 passengers -- about a third of its capacity /AFP",
    "Christmas Eve, yesterday, Monday, next week, 12/10/2022, 10 Dec. 2022, 2022-12-10.",
    "Year Deaths Injured\n2019 12 40\n2020 8 31\n2021 15 52",
    "# Flooding Closes Valley Roads",
    "",
]
HOSTILE_CHARS = [
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u202e",
    "\u2028",
    "\x00",
    "\x0b",
    "\x1b",
    "\r",
    "\t",
    "مرحبا",
    "北京",
    "é",
    "\U0001f600",
    "<",
    "]]>",
    "{",
    '"',
    "\\",
    ",",
    "-",
    "(AFP)",
    "By ",
    "date ",
    "9" * 30,
]


@st.composite
def news_text(draw: st.DrawFn) -> str:
    """A report made of news-like lines, then mutated: chars inserted, spans cut or repeated."""
    lines = draw(st.lists(st.sampled_from(NEWS_LINES), min_size=1, max_size=12))
    text = "\n".join(lines)
    for _ in range(draw(st.integers(0, 6))):
        if not text:
            break
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "cut", "repeat", "random"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(HOSTILE_CHARS)) + text[at:]
        elif action == "cut":
            end = draw(st.integers(at, min(len(text), at + 40)))
            text = text[:at] + text[end:]
        elif action == "repeat":
            end = draw(st.integers(at, min(len(text), at + 60)))
            text = text[:end] + text[at:end] * draw(st.integers(1, 5)) + text[end:]
        else:
            text = text[:at] + draw(st.text(max_size=20)) + text[at:]
    return text


any_text = st.one_of(st.text(max_size=2000), news_text())


def _check(items: Iterable[Article | Rejection]) -> list[Article | Rejection]:
    out = list(items)
    for item in out:
        assert isinstance(item, Article | Rejection), item
        if isinstance(item, Rejection):
            assert item.path and item.reason
            continue
        assert item.text and item.text == item.text.strip()
        item.text.encode("utf-8")  # valid Unicode: no lone surrogates
        assert item.id == content_id(item.text)
        if item.published.date is not None:
            assert check_date(item.published.date)[0] == item.published.date
    return out


def _ids(items: list[Article | Rejection]) -> list[str]:
    return [item.id for item in items if isinstance(item, Article)]


@settings(deadline=DEADLINE)
@given(any_text)
def test_plain_text_header_byline_and_body(text: str) -> None:
    parts = parse_plain(text)
    assert isinstance(parts.body, str)
    assert parts.date is None or dt.date.fromisoformat(parts.date)
    assert (parts.date is None) == (parts.basis is None)
    for line in text.split("\n")[:3]:
        byline = parse_byline(line)
        assert byline is None or byline.authors


@settings(deadline=DEADLINE)
@given(any_text)
def test_credits_and_cites(text: str) -> None:
    found = strip_credits(text)
    assert len(found.body) <= len(text)
    assert all(isinstance(name, str) and name for name in found.credits)
    cites = find_cites(text)
    assert all(isinstance(name, str) and name for name in cites)


@settings(deadline=DEADLINE)
@given(any_text, st.one_of(st.none(), st.text(max_size=12)))
def test_build_article_is_an_article_or_none_and_its_id_is_stable(
    text: str, date: str | None
) -> None:
    published = Published(date=date, basis="metadata") if date else None
    first = build_article(text, path="x.txt", published=published)
    second = build_article(text, path="x.txt", published=published)
    if first is None:
        assert second is None
        return
    assert second is not None and first.id == second.id
    _check([first])


def _records(texts: list[str], extra: dict[str, object]) -> list[dict[str, object]]:
    return [{"text": text, **extra} for text in texts]


record_extra = st.fixed_dictionaries(
    {},
    optional={
        "date": st.one_of(
            st.sampled_from(["0001-01-01", "9999-12-31", "1970-01-01", "2022-02-30", "2021-06-01"]),
            st.text(max_size=12),
            st.integers(),
        ),
        "title": st.one_of(st.text(max_size=40), st.integers(), st.none()),
        "authors": st.one_of(st.text(max_size=40), st.lists(st.text(max_size=10), max_size=3)),
        "language": st.one_of(st.text(max_size=6), st.none()),
        "nested": st.recursive(st.integers() | st.text(max_size=5), st.lists, max_leaves=8),
    },
)


@settings(deadline=DEADLINE)
@given(
    st.lists(news_text(), min_size=1, max_size=4),
    record_extra,
    st.integers(0, 4),
    st.sampled_from(["", ",", ",,", "]", "[", "\n", "\\ud800", "1" * 4400]),
)
def test_json_and_jsonl_records(
    texts: list[str], extra: dict[str, object], cut: int, junk: str
) -> None:
    records = _records(texts, extra)
    listed = json.dumps(records, indent=1)
    lines = "\n".join(json.dumps(record) for record in records)
    # and broken copies: cut short, or with junk where a record ends
    broken_list = listed[: len(listed) - cut] + junk
    broken_lines = lines.replace("}\n", "}" + junk + "\n", 1)
    for text in (listed, broken_list):
        first = _check(parse_json(Source(path="f.json", kind="json", text=text)))
        assert _ids(first) == _ids(list(parse_json(Source(path="f.json", kind="json", text=text))))
    for text in (lines, broken_lines):
        first = _check(parse_jsonl(Source(path="f.jsonl", kind="jsonl", text=text)))
        again = list(parse_jsonl(Source(path="f.jsonl", kind="jsonl", text=text)))
        assert _ids(first) == _ids(again)
    # well-formed records with text are all read
    good = [r for r in records if isinstance(r["text"], str) and r["text"].strip()]
    read = _ids(list(parse_jsonl(Source(path="f.jsonl", kind="jsonl", text=lines))))
    assert len(read) <= len(good)


@settings(deadline=DEADLINE)
@given(st.text(max_size=3000))
def test_json_on_arbitrary_text(text: str) -> None:
    _check(parse_json(Source(path="f.json", kind="json", text=text)))
    _check(parse_jsonl(Source(path="f.jsonl", kind="jsonl", text=text)))


HTML_TAGS = ["div", "p", "svg", "title", "script", "table", "td", "article", "math", "style"]


@st.composite
def html_page(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["open", "close", "text", "cdata", "comment", "raw"]))
        tag = draw(st.sampled_from(HTML_TAGS))
        if kind == "open":
            parts.append(f"<{tag}>")
        elif kind == "close":
            parts.append(f"</{tag}>")
        elif kind == "text":
            parts.append(draw(news_text()))
        elif kind == "cdata":
            parts.append("<![CDATA[" + draw(st.text(max_size=10)))
        elif kind == "comment":
            parts.append("<!--" + draw(st.text(max_size=10)))
        else:
            parts.append(draw(st.text(max_size=30)))
    return "".join(parts)


@settings(deadline=HTML_DEADLINE)
@given(st.one_of(html_page(), st.text(max_size=500)))
def test_html_pages(page: str) -> None:
    first = _check(parse_html(Source(path="p.html", kind="html", text=page)))
    assert len([item for item in first if isinstance(item, Article)]) <= 1
    again = list(parse_html(Source(path="p.html", kind="html", text=page)))
    assert _ids(first) == _ids(again)


@settings(deadline=DEADLINE)
@given(
    st.one_of(
        st.binary(max_size=3000),
        news_text().map(lambda text: text.encode("utf-8")),
        st.lists(
            st.tuples(news_text(), st.sampled_from(["utf-8", "latin-1", "cp1252", "cp1251"])),
            max_size=6,
        ).map(lambda parts: b"\n".join(t.encode(enc, errors="ignore") for t, enc in parts)),
    )
)
def test_decoding_bytes(data: bytes) -> None:
    text, how = _decode(data)
    if text is None:
        assert how is None
        return
    text.encode("utf-8")
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        assert how is not None and how.startswith("not UTF-8")
    else:
        assert how is None and text == data.decode("utf-8-sig")


NAMES = st.sampled_from(["a", "b", "c.txt", "d.json", "e.jsonl", "f.html", ".h", "g.md"])


@settings(deadline=DEADLINE, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.lists(NAMES, min_size=1, max_size=3),
            st.sampled_from(["file", "dir", "link-up", "link-self", "link-root", "link-missing"]),
            st.binary(max_size=200) | news_text().map(str.encode),
        ),
        max_size=10,
    )
)
def test_walking_and_reading_a_folder_with_links(
    entries: list[tuple[list[str], str, bytes]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for parts, kind, data in entries:
            path = root.joinpath(*parts)
            if any(parent.is_file() or parent.is_symlink() for parent in path.parents):
                continue
            if path.exists() or path.is_symlink():
                continue
            if kind == "link-up" and len(parts) < 2:
                continue  # ".." from the root leaves the tree: a real folder elsewhere
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_bytes(data)
            elif kind == "dir":
                path.mkdir()
            elif kind == "link-up":
                os.symlink("..", path)
            elif kind == "link-self":
                os.symlink(path.name, path)
            elif kind == "link-root":
                os.symlink(root, path)
            else:
                os.symlink("missing", path)
        walked = list(walk([root]))
        files = [item for item in walked if isinstance(item, str)]
        assert len(files) == len(set(files)), "a file was walked twice"
        first = _check(read_inputs([root]))
        again = list(read_inputs([root]))
        assert _ids(first) == _ids(again)
