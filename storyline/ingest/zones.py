"""Zones: the stretches of a report that are not its body.

A web page saved as text carries more than the report: navigation and notices
("click here", "share your photos", copyright lines, transcript notices), reader
comments, photo captions and sidebars of other stories' headlines. None of that
is evidence. This module marks it, at ingest, as :class:`~storyline.model.Zone`
spans over ``Article.text``; what no zone covers is body. Later stages read the
body only through ``Article.body_text()``, the text with every zone blanked to
spaces (same length, same line breaks), so every offset and every evidence
sentence still indexes the stored text.

Two steps, both from generic signals (nothing here knows a site or a story):

* ``find_zones(text)``, one report alone, line by line:

  - **comments**: from the first of at least two comment headers (a timestamp with a
    handle or a separator: ``At 5:48 pm on 2 Jun 2031, jdoe wrote:``,
    ``June 2, 2031 at 5:48 pm |``, ``2nd June 2031 - 17:48``, ``Posted by jdoe``)
    to the end of the text; a lone header line is furniture;
  - **furniture**: lines made of page-furniture phrases (``click here``, ``share
    your``, ``have your say``, ``sign up``, copyright, comment policies,
    ``javascript``, feeds) or of social-media furniture (``RETWEET``, handles,
    short links), and short lines that are only interface words (``Reply``,
    ``Report abuse``);
  - **sidebar**: runs of two or more headline-like lines (short, no sentence
    punctuation at the end) after the report has started;
  - **furniture** too: a page header on one of the first lines, up to its time stamp
    (``Headline PLACE | Wed Jan 26, 2031 5:13pm EST``), the body going on after it;
  - **caption**: a line that credits a photo (``Photo: ... / Agency``,
    ``(AFP/Getty Images)``) or starts with ``Photo:`` / ``Caption:``; in other
    languages, a photo's one-sentence description closed by its credit ("... en El
    Cairo. Foto de Flickr por Jane Doe (CC BY-NC-SA 2.0)", "Photo de Jane Doe",
    "Imagen de @jdoe", "Foto: Efe") or a licence; a longer line keeps its sentences
    and loses only the credit, and a credit that opens a line up to its licence
    ("Imagen por Jane Doe CC BY The body ...") is zoned alone.

* ``template_zones(texts)``, a batch of reports read together: a line that recurs
  verbatim in ``TEMPLATE_MIN_REPORTS`` reports or more is the site's template
  (furniture or a sidebar) when it is not sentence-like, and in any case once it
  recurs in ``TEMPLATE_ANY_REPORTS`` reports (a news sentence recurs a few times in
  follow-up reports by one outlet; a sidebar headline recurs on every page of a
  week). The engine runs it over each ingest batch, before annotation.

Precision first: a body line zoned out is lost evidence, so every rule needs a
positive signal; a line that only "looks short" stays body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from storyline.model import Zone, ZoneKind

# A line in this many reports of one batch is template when it is not sentence-like.
TEMPLATE_MIN_REPORTS = 3
# ... and in this many, whatever it looks like (chosen leave-one-topic-out on
# Timeline17: see benchmarks/data/independence/README.md).
TEMPLATE_ANY_REPORTS = 9
# A headline-like line has at most this many words.
HEADLINE_MAX_WORDS = 16
# Furniture phrases only count on lines of at most this many words: a long line
# that mentions "click here" is more likely a sentence that quotes one.
FURNITURE_MAX_WORDS = 40

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_CLOCK = r"\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*(?:ET|GMT|BST|UTC|EST|PST))?"
_DAY_MONTH_YEAR = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\s+\d{{4}})"
_MONTH_DAY_YEAR = rf"(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*\d{{4}})"
_NUMERIC_DATE = r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})"
_DATE = rf"(?:{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_NUMERIC_DATE})"
_STAMP = (
    rf"(?:{_DATE}\s*(?:,|-|–|at|@)?\s*(?:{_CLOCK}\s*)?(?:at\s+)?{_CLOCK}"
    rf"|{_CLOCK}\s*(?:on\s+)?,?\s*{_DATE})"
)

# A comment header: a timestamp with what only comment threads put beside it.
_COMMENT_HEADERS = (
    # "At 5:48 pm on 15 Jun 2031, jdoe wrote:"
    re.compile(rf"(?i)^\s*(?:at\s+)?{_STAMP}\s*,?\s*\S+(?:\s+\S+)?\s+wrote\s*:"),
    # "June 2, 2031 at 5:48 pm |" (the separator of a threaded comment list)
    re.compile(rf"(?i){_STAMP}\s*\|"),
    # "2nd June 2031 - 17:48" alone, or followed by a handle, on its line
    re.compile(rf"(?i)^\s*{_DATE}\s*(?:-|–|at|,)\s*{_CLOCK}\s*(?:\S+\s*)?$"),
    # "Posted by jdoe", "Posted by jdoe at 17:48 on ..."
    re.compile(r"(?i)^\s*posted\s+by\s+\S+"),
    # "jdoe wrote:" / "jdoe said on June 2, 2031"
    re.compile(rf"(?i)^\s*\S+(?:\s+\S+)?\s+(?:wrote|said|says)\s*(?:on\s+)?{_STAMP}"),
    re.compile(r"(?i)^\s*\S+\s+wrote\s*:\s*$"),
)

# A page header on one of the first lines: headline and place, then a time stamp after a
# bar ("Headline PLACE | Wed Jan 26, 2031 5:13pm EST"); the body may follow on the line.
HEADER_LINES = 3
_PAGE_STAMP = re.compile(
    rf"^[^\n|]{{0,200}}\|\s*(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?{_MONTHS}\s+"
    rf"\d{{1,2}}\s*,?\s*\d{{4}}\s+{_CLOCK}(?:\s*[A-Z]{{2,4}}\b)?"
)

# Page furniture: interface, notices and policies. General web vocabulary.
_FURNITURE = re.compile(
    r"(?ix)"
    r"\bclick\s+here\b|\b(?:share|send|upload|submit)\s+(?:us\s+)?your\s+"
    r"(?:photos?|pictures?|videos?|views?|comments?|thoughts|experiences?|stories)\b"
    r"|\bhave\s+your\s+say\b|\bshare\s+(?:this|on)\b|\be-?mail\s+(?:this|us|a\s+friend)\b"
    r"|\bsend\s+us\s+an?\s+e-?mail\b|^\s*sign\s+(?:up|in)\b|\bsign\s+up\s+(?:for|to)\s+(?:our|free)\b"
    r"|\blog\s*(?:in|on)\s+to\b"
    r"|\bsubscribe\b|\bnewsletter\b|\bfollow\s+(?:us|[@\w'’]+\s+on\s+twitter)\b"
    r"|\bjavascript\b|\bflash\s+(?:player|installed)\b|\bvia\s+(?:rss|these\s+feeds)\b"
    r"|\brss\b|\bcopyright\b|©|\ball\s+rights\s+reserved\b|\bterms\s+of\s+(?:use|service)\b"
    r"|\bprivacy\s+policy\b|\bhouse\s+rules\b|\bcomments\s+(?:are|may|will|that)\b|\byour\s+comments?\b"
    r"|\bthis\s+comment\s+was\s+removed\b|\b(?:leave|post|add)\s+(?:a|your)\s+comment"
    r"|\bdiscussion\s+is\s+(?:now\s+)?closed\b|\bmoderat(?:ors?|ion|ed)\b"
    r"|\bviews\s+expressed\b|\bopinions\s+expressed\s+are\b"
    r"|\btranscript\s+(?:is|was|may)\b|\bthis\s+is\s+a\s+rush\s+transcript\b"
    r"|\bwatch\s+(?:the\s+)?(?:video|live)\b|\bread\s+more\s*(?:»|>|\.\.\.|$)|\.\.\.\s*read\s+more\b"
    r"|\brelated\s+(?:stories|articles|links|content|topics)\b|\badvertisement\b"
    r"|\bmost\s+(?:read|popular|viewed|shared|e-?mailed)\b|\b(?:top|more)\s+stories\b"
    r"|\bprint\s+this\b|\bbookmark\b|\bpermalink\b|\bretweet\b"
    r"|\bin\s+order\s+to\s+see\s+this\s+content\b|\bplease\s+(?:enable|update)\b"
    r"|\bdata\s+(?:is|are)\s+(?:provided|delayed)\b|\bquotes?\s+(?:are\s+)?delayed\b"
    r"|\bthe\s+market\s+data\b|\bstock\s+quote\b|\bcontributed\s+to\s+this\s+report\b"
)
# Social-media furniture: a handle, a short link or a hashtag run.
_SOCIAL = re.compile(
    r"(?:^|\s)@\w{2,}|\b(?:bit\.ly|t\.co|ow\.ly|goo\.gl)\b"
    # a short link's tail: "ly/3xQ9aZ"
    r"|\b[a-z]{2}\\?/(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z0-9]{5,10}\b"
)
# Lines that are only interface words.
_UI_LINE = re.compile(
    r"(?i)^\s*(?:reply|report\s+abuse|recommend(?:ed)?|like|share|tweet|e-?mail|print"
    r"|comments?|permalink|next|previous|back|more|close|top|home|menu|search"
    r"|\d+\s+(?:comments?|replies|recommendations?|likes?)|[|•·\s])+\s*\.?\s*$"
)
# A photo credit: "Photograph: Jane Doe/Agency", "(AFP/Getty Images)"; the body may go on
# after it on the same line, so only the credit is zoned.
_PHOTO_LABEL = re.compile(r"(?i)^\s*(?P<label>photo(?:graph)?|picture|image|caption)\s*:\s*")
_CREDIT_TOKEN = re.compile(r"\S*\\?/\S+")
_CAPTION_TAIL = re.compile(
    r"(?i)\((?:[\w .'’-]+/)?(?:getty\s+images|ap\s+photo|afp\s+photo|reuters|epa|afp)"
    r"(?:/[\w .'’-]+)?\)\s*\.?\s*$"
)
# A photo credit in the languages beside English that storyline reads: a photo word, then a
# word that gives its author ("de", "por", "von", "di") or a colon, up to the line's end.
_PHOTO_WORD = r"(?:Foto(?:graf[íi]a)?|Im[áa]gen(?:es)?|Bild|Immagine|Photo(?=\s+d[eu]\b))"
_CREDIT_CLOSING = re.compile(
    r"(?:^|(?<=[.|!?])\s+)" + _PHOTO_WORD + r"(?:\s+(?:compartida|facilitada|publicada|tomada"
    r"|y\s+cortes[íi]a))?(?:\s+(?:de|del|du|por|von|di|da|do|van)\b|\s*:)[^.!?]{1,120}\.?$"
)
# A Creative Commons licence, which closes a photo's caption: "(CC BY-NC-SA 2.0)".
_LICENCE_TEXT = r"\bCC\s+BY(?:-[A-Z]{2}){0,3}(?:\s+\d\.\d)?\)?\.?"
_LICENCE = re.compile(_LICENCE_TEXT, re.IGNORECASE)
_CREDIT_OPENING = re.compile(
    r"^\s*"
    + _PHOTO_WORD
    + r"\s+(?:de|del|por|von|di|da|van)\b[^.!?]{1,80}?"
    + "(?i:"
    + _LICENCE_TEXT
    + ")"
)
_SENTENCE_END = re.compile(r"""[.!]\s*(?:['"”’)\]]|''|-RRB-)?\s*$""")
_WORD = re.compile(r"\w+")
_QUOTE_START = re.compile(r"""^\s*(?:``|["“‘'])""")


def find_zones(text: str) -> list[Zone]:
    """The zones of one report, in order and not overlapping (see the module doc)."""
    lines = _lines(text)
    kinds: list[ZoneKind | None] = [None] * len(lines)
    headers = [i for i, (a, b) in enumerate(lines) if _comment_header(text[a:b])]
    first_comment = headers[0] if len(headers) >= 2 else len(lines)
    for i in headers:
        kinds[i] = "furniture"
    for i in range(first_comment, len(lines)):
        kinds[i] = "comments"
    credits: list[Zone] = []
    for a, b in lines[:HEADER_LINES]:
        if stamp := _PAGE_STAMP.match(text, a, b):
            credits.append(Zone(start=a, end=stamp.end(), kind="furniture"))
    for i, (a, b) in enumerate(lines[:first_comment]):
        if kinds[i] is None:
            kinds[i] = _line_kind(text[a:b])
        if kinds[i] is None and (end := _caption_end(text[a:b])) is not None:
            if a + end >= b:
                kinds[i] = "caption"
            else:  # only the credit: the body goes on after it on this line
                credits.append(Zone(start=a, end=a + end, kind="caption"))
        elif kinds[i] is None and (start := _credit_start(text[a:b])) is not None:
            if start == 0 or not _SENTENCE_BREAK.search(text, a, a + start):
                kinds[i] = "caption"  # the photo's description, then its credit
            else:  # a paragraph that ends on a credit: only the credit
                credits.append(Zone(start=a + start, end=b, kind="caption"))
    _mark_sidebars(text, lines, kinds, first_comment)
    return merge_zones(_spans(lines, kinds), credits)


def template_zones(texts: Sequence[str], zones: Sequence[Sequence[Zone]]) -> list[list[Zone]]:
    """``zones`` of each text with the lines its batch repeats added (see the module doc).

    ``texts`` are the reports of one batch and ``zones`` what ``find_zones`` gave each.
    """
    seen: Counter[str] = Counter()
    keyed: list[list[tuple[int, int, str]]] = []
    for text in texts:
        rows = [(a, b, _key(text[a:b])) for a, b in _lines(text)]
        keyed.append(rows)
        seen.update({k for _, _, k in rows if k})
    out: list[list[Zone]] = []
    for text, rows, own in zip(texts, keyed, zones, strict=True):
        extra: list[Zone] = []
        for a, b, key in rows:
            count = seen[key] if key else 0
            if count >= TEMPLATE_ANY_REPORTS or (
                count >= TEMPLATE_MIN_REPORTS and not _sentence_like(text[a:b])
            ):
                extra.append(Zone(start=a, end=b, kind="furniture"))
        out.append(merge_zones(own, extra) if extra else list(own))
    return out


def template_lines(text: str, zones: Sequence[Zone]) -> set[str]:
    """The normalized lines of ``text`` that lie in furniture or sidebar zones: a
    site's template, which link compares to tell reports of one site."""
    found: set[str] = set()
    for zone in zones:
        if zone.kind in ("furniture", "sidebar"):
            for a, b in _lines(text[zone.start : zone.end]):
                key = _key(text[zone.start + a : zone.start + b])
                if key:
                    found.add(key)
    return found


def merge_zones(*groups: Sequence[Zone]) -> list[Zone]:
    """One ordered, non-overlapping list; where zones overlap the earlier one's kind wins."""
    merged: list[Zone] = []
    for zone in sorted((z for g in groups for z in g), key=lambda z: (z.start, z.end)):
        if merged and zone.start <= merged[-1].end:
            last = merged[-1]
            if zone.kind == last.kind or zone.start < last.end:
                merged[-1] = Zone(start=last.start, end=max(last.end, zone.end), kind=last.kind)
                continue
        merged.append(zone)
    return merged


def _line_kind(line: str) -> ZoneKind | None:
    words = len(_WORD.findall(line))
    if not words:
        return None
    if _UI_LINE.match(line):
        return "furniture"
    if words <= FURNITURE_MAX_WORDS and (_FURNITURE.search(line) or _SOCIAL.search(line)):
        return "furniture"
    if words <= FURNITURE_MAX_WORDS and _CAPTION_TAIL.search(line):
        return "caption"
    return None


def _caption_end(line: str) -> int | None:
    """Where a photo credit that opens ``line`` ends (the whole line for a caption), or None."""
    if opening := _CREDIT_OPENING.match(line):
        return opening.end()  # "Imagen por Jane Doe CC BY The body goes on"
    label = _PHOTO_LABEL.match(line)
    if not label:
        return None
    tokens = list(re.finditer(r"\S+", line[label.end() :]))[:6]
    for token in tokens:  # "Photograph: Jane Doe/Agency The body goes on"
        if _CREDIT_TOKEN.fullmatch(token.group()):
            return label.end() + token.end()
    if label["label"].lower() == "photograph" and tokens:  # "Photograph: Agency The body..."
        return label.end() + tokens[0].end()
    return len(line)  # "Photo: A fighter walks past ...": the caption itself


_SENTENCE_BREAK = re.compile(r"[.!?]\s+\S(?=.*\S)")


def _credit_start(line: str) -> int | None:
    """Where a photo credit in another language than English that closes ``line`` (a
    licence, or "Foto de ...") begins, or None; a credit that opens the line up to its
    licence ("Imagen por Jane Doe CC BY") gives 0 and is zoned with ``_caption_end``."""
    if len(_WORD.findall(line)) > FURNITURE_MAX_WORDS:
        return None
    if m := _CREDIT_CLOSING.search(line.rstrip()):
        return m.start() + (len(m.group()) - len(m.group().lstrip()))
    if (m := _LICENCE.search(line)) and not line[m.end() :].strip():
        tail = line[: m.start()]
        cut = max(tail.rfind(". "), tail.rfind("! "), tail.rfind("? "))
        return cut + 2 if cut >= 0 else 0
    return None


def _mark_sidebars(
    text: str, lines: list[tuple[int, int]], kinds: list[ZoneKind | None], stop: int
) -> None:
    """Runs of two or more headline-like lines once the report's body has begun."""
    started = False
    run: list[int] = []
    for i in range(stop + 1):
        line = text[slice(*lines[i])] if i < stop else ""
        if i < stop and kinds[i] is None and started and _headline_like(line):
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                kinds[j] = "sidebar"
        run = []
        if i < stop and kinds[i] is None and _sentence_like(line):
            started = True


def _headline_like(line: str) -> bool:
    words = _WORD.findall(line)
    return (
        2 <= len(words) <= HEADLINE_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not line.rstrip().endswith(("?", ",", ";", ":", "''", '"', "”", "’", "'"))
    )


def _sentence_like(line: str) -> bool:
    """A sentence of a report: four words or more ending a sentence, or a quotation."""
    if len(_WORD.findall(line)) < 4 or _SOCIAL.search(line):
        return False
    return _SENTENCE_END.search(line) is not None or _QUOTE_START.match(line) is not None


def _comment_header(line: str) -> bool:
    return any(p.search(line) for p in _COMMENT_HEADERS)


def _key(line: str) -> str:
    """A line as compared across reports: lower case, words only; "" when too short."""
    words = _WORD.findall(line.lower())
    return " ".join(words) if len(words) >= 3 else ""


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding white space."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
    return spans


def _spans(lines: list[tuple[int, int]], kinds: list[ZoneKind | None]) -> list[Zone]:
    zones: list[Zone] = []
    previous: ZoneKind | None = None
    for (a, b), kind in zip(lines, kinds, strict=True):
        if kind is not None and kind != "body":
            if zones and previous == kind:  # the line before had this kind: one zone
                zones[-1] = Zone(start=zones[-1].start, end=b, kind=kind)
            else:
                zones.append(Zone(start=a, end=b, kind=kind))
        previous = kind
    return zones
