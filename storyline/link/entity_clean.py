"""Entity resolution, step 1: clean the mentions of one article into occurrences.

Drop non-names (numbers, dates, one character, a time zone after a clock time) and
role-only references ("the Secretary", or "State" that ends the role "Secretary of
State" before a name); strip possessives, articles and a role glued to a person's name
("President Xi" -> "Xi", role "President"); split mentions that glue two names.
"""

from __future__ import annotations

import functools
import logging
import re
from collections import Counter, defaultdict

import msgspec

from storyline.link.names import (
    HONORIFICS,
    ROLE_WORDS,
    clean_surface,
    is_junk,
    name_key,
    split_role,
    tokens,
)
from storyline.link.occurrences import PERSON, Occ
from storyline.memo import Memo, digest
from storyline.model import Annotation, Mention

log = logging.getLogger(__name__)

# spaCy labels for values, not named things.
_VALUE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# "4:30 a.m. ET", "20:00 GMT": capitals right after a clock time are a time zone.
_CLOCK_BEFORE = re.compile(r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*$", re.IGNORECASE)
_ZONE = re.compile(r"[A-Z]{2,5}")
_GLUE = re.compile(r"\s+and\s+|\s*-\s*")
_ROLE_OF = re.compile(r"(\w+)\s+of\s+$")
_PLACE_LABELS = frozenset({"GPE", "LOC"})
# A lower-case particle or article another language's tagger kept before a place's or an
# organisation's name: "de Brennick", "d'Ostley", "la Turquie", "del Valle" -> the name.
_LEADING_PARTICLE = re.compile(
    r"^(?:(?:de|del|della|di|du|des|da|do|dos|das|von|van|der|den|la|le|les|el|los|las|il|lo|au|aux)"
    r"\s+|[dl]['’])+(?=[^\W\d_])(?=\w*[A-ZÀ-Ý])"
)


_CLEANED: Memo[list[Occ]] = Memo("link.clean_mentions")


def clean_mentions(ann: Annotation, text: str) -> list[Occ]:
    """The article's mentions that name something, cleaned; kept per process (a story
    rebuilt for a new report cleans only that report's), each call given fresh copies
    (resolution writes to them)."""
    occs = _CLEANED.get(digest(ann.article, ann.mentions, text), lambda: _clean(ann, text))
    return [o.copy() for o in occs]


def _clean(ann: Annotation, text: str) -> list[Occ]:
    out: list[Occ] = []
    mentions = sorted(ann.mentions, key=lambda m: (m.start, m.end))
    for i, m in enumerate(mentions):
        if m.label in _VALUE_LABELS:
            continue
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if _in_role(m, nxt, text):
            log.debug("mention %r in %s is part of a role; skipped", m.text, ann.article)
            continue
        surface = clean_surface(m.text)
        if m.label != PERSON:  # a person's own particle stays: "de Gaulle", "van Gogh"
            surface = _LEADING_PARTICLE.sub("", surface)
        title = m.title.strip() if m.title and m.title.strip() else None
        label = m.label
        surface, label, title = _unheaded(surface, label, title)
        if label != m.label:
            m = msgspec.structs.replace(m, label=label)
        if m.label == PERSON:
            role, surface = split_role(surface, ROLE_WORDS)
            if not surface:
                log.debug("role-only mention %r in %s skipped", m.text, ann.article)
                continue
            if role:
                title = f"{title} {role}" if title else role
        if _ZONE.fullmatch(surface) and _CLOCK_BEFORE.search(text[max(0, m.start - 20) : m.start]):
            log.debug("time zone %r after a clock time in %s skipped", m.text, ann.article)
            continue
        if is_junk(surface):
            log.debug("junk mention %r (%s) in %s skipped", m.text, m.label, ann.article)
            continue
        key = name_key(surface)
        out.append(Occ(ann.article, m, surface, key, m.label, title, node=key))
    return out


def _unheaded(surface: str, label: str, title: str | None) -> tuple[str, str, str | None]:
    """Words a page glued onto a name: an honorific makes a person of any label ("Dr Fukuda"
    tagged ORG), and a capitalised headline or caption word before a person's name is no
    part of it ("GIRL Mendji Bahina Sanon")."""
    parts = surface.split(" ")
    if len(parts) >= 2 and name_key(parts[0]).rstrip(".") in HONORIFICS and parts[1][:1].isupper():
        honorific = parts[0]
        return " ".join(parts[1:]), PERSON, f"{title} {honorific}" if title else honorific
    if (
        label == PERSON
        and len(parts) >= 3
        and len(parts[0]) >= 3
        and parts[0].isalpha()
        and parts[0].isupper()
        and all(p[:1].isupper() and not p.isupper() for p in parts[1:])
    ):
        return " ".join(parts[1:]), label, title
    return surface, label, title


def unglue(occs: list[Occ]) -> list[Occ]:
    """Split or drop mentions that glue two names the story names on their own.

    "Brennick and Ostley" (tagged as one ORG) is two places: each part becomes a mention
    of its own, labelled as the story labels it.  "U.S.-China" or "Biden-Xi" (a compound
    modifier, "U.S.-China tensions") names no entity of its own and is dropped.
    """
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        labels[occ.key][occ.label] += 1
    word_keys: dict[str, set[str]] = {}

    def holders() -> dict[str, set[str]]:
        """Each word of the story's names -> the names holding it (made on first need)."""
        if not word_keys:
            for k in labels:
                for t in tokens(k):
                    word_keys.setdefault(t, set()).add(k)
        return word_keys

    places = {k for k, c in labels.items() if _mostly_place(c)}
    surnames: dict[str, set[str]] = defaultdict(set)
    for k, c in labels.items():
        if " " in k and c[PERSON]:
            surnames[tokens(k)[-1]].add(k)
    out: list[Occ] = []
    for occ in occs:
        titled = _titled(occ, labels)
        if titled is not None:
            out.append(titled)
            continue
        run_on = _run_on(occ, labels, places, surnames)
        if run_on is not None:
            for piece in run_on:
                out.append(_piece(occ, piece, labels))
            log.debug("%r in %s is two names run together: %s", occ.surface, occ.article, run_on)
            continue
        either = [clean_surface(p) for p in occ.surface.split(" or ")]
        if len(either) == 2 and all(either) and any(name_key(p) in labels for p in either):
            # "the Department for Health or the Health Protection Agency": two names
            out.extend(_piece(occ, piece, labels) for piece in either)
            continue
        pieces = _glued(occ.surface)
        if len(pieces) < 2 or occ.label in ("GPE", "NORP"):
            out.append(occ)
            continue
        keys = [name_key(p) for p in pieces]
        if " and " in occ.surface and all(k in labels and k != occ.key for k in keys):
            text_start = occ.mention.start
            cursor = 0
            for piece, key in zip(pieces, keys, strict=True):
                at = occ.mention.text.find(piece, cursor)
                cursor = at + len(piece)
                part = Mention(
                    sentence=occ.mention.sentence,
                    start=text_start + max(at, 0),
                    end=text_start + max(at, 0) + len(piece),
                    text=piece,
                    label=labels[key].most_common(1)[0][0],
                )
                out.append(Occ(occ.article, part, piece, key, part.label, None, node=key))
            log.debug("%r split into %s", occ.surface, pieces)
        elif (
            "-" in occ.surface
            and not (occ.label == PERSON and " " in occ.surface)  # "Gerardo Jimenez-Sanchez"
            and _names_elsewhere(keys[0], keys[-1], occ.key, holders())
        ):
            log.debug("compound of names %r in %s skipped", occ.surface, occ.article)
        else:
            out.append(occ)
    return out


@functools.lru_cache(maxsize=65536)
def _glued(surface: str) -> tuple[str, ...]:
    """The parts of a name that "and" or "-" glue together (one part: none glued); cached,
    as a story's build reads every mention again."""
    return tuple(p for p in _GLUE.split(surface) if p)


def _titled(occ: Occ, labels: dict[str, Counter[str]]) -> Occ | None:
    """ "Rapper Wyclef Jean" where the story names "Wyclef Jean": a capitalised word before a
    person's full name that is no given name is a title, not part of the name."""
    words = occ.surface.split(" ")
    if occ.label != PERSON or len(words) < 3:
        return None
    rest = " ".join(words[1:])
    if not labels.get(name_key(rest), Counter())[PERSON] or is_given_name(words[0]):
        return None
    piece = _piece(occ, rest, labels)
    piece.title = f"{occ.title} {words[0]}" if occ.title else words[0]
    return piece


def _mostly_place(labels: Counter[str]) -> bool:
    """Tagged a place at least as often as anything else: the small model calls a town it
    does not know a person or an organisation as often as a place."""
    place = sum(labels[x] for x in _PLACE_LABELS)
    return place > 0 and all(place >= n for x, n in labels.items() if x not in _PLACE_LABELS)


@functools.cache
def _gender_detector() -> object | None:
    try:
        import gender_guesser.detector as gender_guesser
    except ImportError:  # as in the speaker resolver: without it no word is a given name
        return None
    return gender_guesser.Detector(case_sensitive=False)


def is_given_name(word: str) -> bool:
    """A first name gender-guesser knows ("John" in "John Paul Jones")."""
    detector = _gender_detector()
    return detector is not None and detector.get_gender(word) != "unknown"  # type: ignore[attr-defined]


def _run_on(
    occ: Occ, labels: dict[str, Counter[str]], places: set[str], surnames: dict[str, set[str]]
) -> list[str] | None:
    """The two names of a mention that runs a headline or caption into the text, or None.

    "pressure Gadhafi The United States declined": a capitalised "The" inside a name starts
    another.  "Scrambling for cash in Misrata Gadhafi has vowed", "travel to Mexico World
    Health Organization experts": a place the story names alone, then a name of another kind
    it names alone (a name of three words at least, or the surname of another person's full
    name: "Paris Hilton" stays whole).
    """
    words = occ.surface.split(" ")
    if len(words) < 2:
        return None
    inner = [i for i, w in enumerate(words) if i > 0 and w == "The"]
    if inner:
        cut = inner[0]
        left, right = " ".join(words[:cut]), " ".join(words[cut + 1 :])
        if name_key(left) in labels and name_key(right) in labels:
            return [left, right]
        return None
    for cut in range(1, len(words)):
        left, right = " ".join(words[:cut]), " ".join(words[cut:])
        lk, rk = name_key(left), name_key(right)
        if occ.label == PERSON and lk in places and rk in places:
            return [left, right]  # "who controls al-Brega Benghazi": two towns, no person
        if lk not in places or rk not in labels or rk in places or rk == occ.key:
            continue
        person = (
            " " not in rk and labels[rk][PERSON] > 0 and bool(surnames.get(rk, set()) - {occ.key})
        )
        # Three words at least: "Corland Electoral Commission" is one name, the story's
        # "Electoral Commission" its short form.
        if len(tokens(rk)) >= 3 or person:
            return [left, right]
    return None


def _piece(occ: Occ, piece: str, labels: dict[str, Counter[str]]) -> Occ:
    at = occ.mention.text.find(piece)
    start = occ.mention.start + max(at, 0)
    key = name_key(piece)
    part = Mention(
        sentence=occ.mention.sentence,
        start=start,
        end=start + len(piece),
        text=piece,
        label=labels[key].most_common(1)[0][0] if key in labels else occ.label,
    )
    return Occ(occ.article, part, piece, key, part.label, None, node=key)


def _names_elsewhere(left: str, right: str, own: str, holders: dict[str, set[str]]) -> bool:
    """The words either side of the hyphen are parts of other names ("U.S."-"China");
    ``holders`` maps each word of the story's names to the names holding it."""
    words = (tokens(left)[-1:] or [""])[0], (tokens(right)[:1] or [""])[0]
    return all(w and any(k != own for k in holders.get(w, ())) for w in words)


def _in_role(m: Mention, nxt: Mention | None, text: str) -> bool:
    """True when ``m`` is part of a role, not a name.

    Either it ends the role written right before the next mention ("Secretary
    of State" + "Jane Roe", the title the annotator gave), or it is role words
    after "<role word> of" ("secretary of State", "Minister of Finance").
    """
    own = m.text.strip()
    if nxt and nxt.title and nxt.sentence == m.sentence and not text[m.end : nxt.start].strip():
        title = nxt.title.strip()
        if title == own or title.endswith(" " + own):
            return True
    before = _ROLE_OF.search(text, max(0, m.start - 40), m.start)
    return (
        before is not None
        and name_key(before.group(1)) in ROLE_WORDS
        and all(name_key(w) in ROLE_WORDS for w in own.split())
    )


def person_full_names(occs: list[Occ]) -> set[str]:
    """Keys of multi-word names that the story mostly labels PERSON."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for occ in occs:
        if not occ.lone:
            votes[occ.key][occ.label] += 1
    return {k for k, c in votes.items() if c[PERSON] * 2 > c.total()}


def one_word_person_names(
    occs: list[Occ], anchor_keys: set[str], speakers: set[tuple[str, str]] | None = None
) -> set[str]:
    """One-word names the story uses for a person more than for anything else.

    A word counts for a person where it is labelled PERSON, where its article
    names a person with that word, or where it is the surname of a person the
    story names and its article quotes it as a speaker (``speakers``: (article,
    key) pairs; "Beaufort said …" that spaCy tags as a place, in a story about
    Lorcan Beaufort); against, where it is labelled otherwise in an article naming
    no such person ("Washington" the city).
    """
    in_person_name: set[tuple[str, str]] = set()
    for occ in occs:
        if occ.key in anchor_keys:
            in_person_name.update((occ.article, t) for t in tokens(occ.key))
    surnames = {tokens(k)[-1] for k in anchor_keys}
    speaking = speakers or set()
    support: Counter[str] = Counter()
    against: Counter[str] = Counter()
    for occ in occs:
        if not occ.lone:
            continue
        if (
            occ.label == PERSON
            or (occ.article, occ.key) in in_person_name
            or (occ.key in surnames and (occ.article, occ.key) in speaking)
        ):
            support[occ.key] += 1
        else:
            against[occ.key] += 1
    return {w for w, n in support.items() if n > against[w]}
